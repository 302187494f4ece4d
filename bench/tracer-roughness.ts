/**
 * How rough the tracer's field is at the metre scale, and why: the floor under any surrogate's error on
 * positions it never saw. Pairs of outdoor positions `--distance` apart at the scenario's UE height; per
 * pair and transmitting site, the total gain between isotropic antennas (the power sum of the paths;
 * the datasets hold it per beam, through the antenna patterns), clamped at the site's floor as the
 * datasets clamp it, over pairs where either side is above it. Reports the differences (RMSE,
 * percentiles) and, for every jump over `--jump` dB, which kind of path made it: the paths found at the
 * stronger point and not at the weaker (a path is named by its interactions' kinds and objects, so
 * two edges of one building look alike), blamed by kind when removing them closes at least half the
 * gap in dB, else "not explained".
 *
 * `--window R` also weighs the cross terms of the paths found at the point by a Gaussian window of R
 * metres (each path a plane wave there): paths arriving from nearly one direction, such as a ray and
 * its own edge-diffracted field at a shadow boundary, then add in amplitude, others in power. It does
 * not average over paths that switch on or off inside the window.
 *
 *   npx tsx bench/tracer-roughness.ts [--scenario urban-district] [--pairs 3000] [--distance 1] [--jump 10] [--window 1]
 */
import { parseArgs } from "node:util";
import { surrogateSource } from "../cli/twin-surrogate.js";
import { traceInit } from "../models/dataset/dataset.js";
import { Outdoors } from "../models/dataset/positions.js";
import { createContext } from "../models/dataset/trace-job.js";
import { loadScenario } from "../sim/scenario/load.js";
import { nominalScene } from "../sim/world/scene.js";
import { fromAzEl, type Path, pathGain, pathsTo } from "../twin/paths/index.js";
import { sceneBounds, seededRandom } from "../twin/scene/index.js";

/** Flags and scenario, or a one-line error and exit status 2. */
function setup() {
  try {
    const { values } = parseArgs({
      options: {
        scenario: { type: "string", default: "urban-district" },
        pairs: { type: "string", default: "3000" },
        distance: { type: "string", default: "1" },
        jump: { type: "string", default: "10" },
        window: { type: "string" },
        seed: { type: "string", default: "7" },
      },
    });
    const positive = (name: string, text: string): number => {
      const v = Number(text);
      if (!(v > 0) || !Number.isFinite(v))
        throw new RangeError(`--${name} ${JSON.stringify(text)} is not a positive number`);
      return v;
    };
    const whole = (name: string, text: string, min: number): number => {
      const v = Number(text);
      if (!Number.isSafeInteger(v) || v < min)
        throw new RangeError(`--${name} ${JSON.stringify(text)} is not a whole number >= ${min}`);
      return v;
    };
    return {
      scenario: loadScenario(values.scenario),
      pairs: whole("pairs", values.pairs, 1),
      distance: positive("distance", values.distance),
      jump: positive("jump", values.jump),
      window: values.window === undefined ? 0 : positive("window", values.window),
      seed: whole("seed", values.seed, 0),
    };
  } catch (e) {
    console.error(`tracer-roughness: ${(e as Error).message}`);
    process.exit(2);
  }
}
const { scenario, pairs: PAIRS, distance: DISTANCE, jump: JUMP, window: WINDOW, seed: SEED } = setup();
const source = surrogateSource(scenario, await nominalScene(scenario.scene));
const context = createContext(traceInit(source));
const wavenumber = (2 * Math.PI * source.frequencyHz) / 299_792_458;
// one transmitter per site (its cells share the paths, as the trace job shares them); its floor is
// the lowest of its cells'
const transmitters = [...new Set(context.transmitters)].map((tx) => ({
  tx,
  floorDb: Math.min(...source.floorDb.filter((_, i) => context.transmitters[i] === tx)),
}));
// outdoors as the dataset samples it
const outdoorMask = new Outdoors(source.scene, source.heightM);
const outdoors = (x: number, y: number): boolean => !outdoorMask.blocked(x, y);
const bounds = sceneBounds(source.scene)!;

/** The power sum, or with `window` the Gaussian-windowed local average of the coherent sum. */
function gain(paths: readonly Path[], window: number): number {
  let g = 0;
  for (const p of paths) g += pathGain(p);
  if (window === 0) return g;
  const arrivals = paths.map((p) => fromAzEl(p.aoa[0], p.aoa[1]));
  const spread = (wavenumber * window) ** 2 / 2;
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = arrivals[i];
      const b = arrivals[j];
      const d2 = (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
      const ti = paths[i].transfer;
      const tj = paths[j].transfer;
      g += 2 * Math.exp(-spread * d2) * (ti[0] * tj[0] + ti[1] * tj[1]);
    }
  }
  return g;
}
/** A path's identity across nearby receivers: its kind and what it meets, in order. */
const identity = (p: Path) =>
  `${p.type}:${p.interactions.map((x) => `${x.type[0]}(${x.objects.join("+")})`).join(">")}`;
/** What a jump is blamed on: line of sight, reflection by bounce count, or diffraction. */
const kindOf = (p: Path) => (p.type === "reflection" ? `reflection x${p.interactions.length}` : p.type);

const db = (x: number) => 10 * Math.log10(x);
const differences: number[] = [];
const windowed: number[] = [];
const blame = new Map<string, number>();
let jumps = 0;
let tries = 0;
const rng = seededRandom(SEED);
const started = performance.now();
let found = 0;
for (; found < PAIRS && tries < 100 * PAIRS; tries++) {
  const x = rng.uniform(bounds.min[0], bounds.max[0]);
  const y = rng.uniform(bounds.min[1], bounds.max[1]);
  const angle = rng.uniform(0, 2 * Math.PI);
  const x2 = x + DISTANCE * Math.cos(angle);
  const y2 = y + DISTANCE * Math.sin(angle);
  if (!outdoors(x, y) || !outdoors(x2, y2)) continue;
  found++;
  for (const t of transmitters) {
    const a = pathsTo(t.tx, [x, y, source.heightM]);
    const b = pathsTo(t.tx, [x2, y2, source.heightM]);
    // clamped at the floor as the datasets are, where either side is above it (as the error is scored)
    const clamped = (g: number) => Math.max(db(g), t.floorDb);
    const ga = clamped(gain(a, 0));
    const gb = clamped(gain(b, 0));
    if (!(Math.max(ga, gb) > t.floorDb)) continue;
    differences.push(Math.abs(ga - gb));
    if (WINDOW > 0) windowed.push(Math.abs(clamped(gain(a, WINDOW)) - clamped(gain(b, WINDOW))));
    if (Math.abs(ga - gb) <= JUMP) continue;
    jumps++;
    const [strong, weak, gapDb] = ga > gb ? [a, b, ga - gb] : [b, a, gb - ga];
    const there = new Set(weak.map(identity));
    const lostByKind = new Map<string, number>();
    let lost = 0;
    for (const p of strong) {
      if (there.has(identity(p))) continue;
      lost += pathGain(p);
      lostByKind.set(kindOf(p), (lostByKind.get(kindOf(p)) ?? 0) + pathGain(p));
    }
    const total = gain(strong, 0);
    // how much of the gap the one-sided paths close (all of it when they were all there was)
    const closes = lost >= total ? gapDb : db(total) - db(total - lost);
    const [kind] = [...lostByKind].sort((p, q) => q[1] - p[1])[0] ?? ["?"];
    const cause = closes >= gapDb / 2 ? `${kind} found at one point only` : "not explained by one-sided paths";
    blame.set(cause, (blame.get(cause) ?? 0) + 1);
  }
}

function summary(label: string, xs: number[]): string {
  const s = [...xs].sort((p, q) => p - q);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2);
  const rmse = Math.sqrt(s.reduce((acc, e) => acc + e * e, 0) / s.length);
  return `| ${label} | ${s.length} | ${rmse.toFixed(2)} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} |`;
}
if (differences.length === 0) {
  console.error("tracer-roughness: no pair of outdoor positions with a gain above the floor: try more --pairs");
  process.exit(1);
}
console.log(
  `${scenario.name}: ${found} pairs ${DISTANCE} m apart at ${source.heightM} m, ${transmitters.length} sites, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
console.log("| gain | (pair, site) | RMSE dB | median | p95 | p99 |\n|---|---:|---:|---:|---:|---:|");
console.log(summary("power sum of the paths", differences));
if (WINDOW > 0) console.log(summary(`coherent, ${WINDOW} m Gaussian window`, windowed));
console.log(`\njumps over ${JUMP} dB: ${jumps} (${((100 * jumps) / differences.length).toFixed(1)} %), blamed on:`);
for (const [cause, count] of [...blame].sort((p, q) => q[1] - p[1])) {
  console.log(`- ${cause}: ${count} (${((100 * count) / jumps).toFixed(0)} %)`);
}
