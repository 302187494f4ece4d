/**
 * Path solver throughput, one core: receivers solved per second and paths found per second, for one
 * transmitter and random receivers at 1.5 m in the street canyon and in Paris (etoile), reflection order
 * 2 and 3, with and without first-order diffraction. The candidate search (once per transmitter) is
 * timed apart.
 *
 *   npx tsx bench/paths.ts [--receivers 200] [--runs 3]
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_CANDIDATE_OPTIONS, findCandidates } from "../twin/paths/candidates.js";
import { solvePaths } from "../twin/paths/path-solver.js";
import { TracingScene } from "../twin/paths/tracing-scene.js";
import type { Vec3 } from "../twin/paths/vec.js";
import { loadScene, sceneBounds } from "../twin/scene/index.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: { receivers: { type: "string", default: "200" }, runs: { type: "string", default: "3" } },
});
const RECEIVERS = Number(values.receivers);
const RUNS = Number(values.runs);
const DIR = new URL("../../shared/scenes/sionna/", import.meta.url).pathname;

/** A seeded stream of numbers in [0, 1). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows: string[] = [
  "| scene | triangles | order | diffraction | candidates (s) | receivers/s | paths/s | paths per receiver |",
  "|---|---:|---:|---|---:|---:|---:|---:|",
];
for (const [name, tx] of [
  ["simple_street_canyon", [-30, 0, 20]],
  ["etoile", [0, 0, 30]],
] as [string, Vec3][]) {
  const file = `${DIR}${name}/${name}.xml`;
  if (!existsSync(file)) {
    console.error(`skipping ${name}: ${file} is missing`);
    continue;
  }
  const ts = new TracingScene(await loadScene(file));
  const b = sceneBounds(ts.scene)!;
  const next = random(7);
  const receivers: Vec3[] = Array.from({ length: RECEIVERS }, () => [
    b.min[0] + (b.max[0] - b.min[0]) * next(),
    b.min[1] + (b.max[1] - b.min[1]) * next(),
    1.5,
  ]);
  for (const maxDepth of [2, 3]) {
    const t0 = performance.now();
    const candidates = findCandidates(ts.planes, ts.caster, tx, { ...DEFAULT_CANDIDATE_OPTIONS, maxDepth });
    const candidateS = (performance.now() - t0) / 1000;
    for (const diffraction of [false, true]) {
      const rates: number[] = [];
      let paths = 0;
      for (let r = 0; r < RUNS; r++) {
        const start = performance.now();
        const result = solvePaths(ts, tx, receivers, { frequencyHz: 3.5e9, maxDepth, diffraction });
        const seconds = (performance.now() - start) / 1000 - candidateS;
        paths = result.reduce((s, p) => s + p.paths.length, 0);
        rates.push(RECEIVERS / seconds);
      }
      const perReceiver = paths / RECEIVERS;
      rows.push(
        `| ${name} | ${ts.scene.triangles.length / 9} | ${maxDepth} | ${diffraction ? "yes" : "no"} | ${candidateS.toFixed(2)} (${candidates.sequences.length} ${candidates.method}) | ${Math.round(median(rates))} | ${Math.round(median(rates) * perReceiver)} | ${perReceiver.toFixed(1)} |`,
      );
      console.error(rows[rows.length - 1]);
    }
  }
}
console.log(rows.join("\n"));
