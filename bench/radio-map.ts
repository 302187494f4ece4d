/**
 * Radio-map wall time on this machine's cores (worker threads), 1 m grid, one cell with 8 SSB beams,
 * reflection order 2 and 3, with and without first-order diffraction, over the scene's extent; and
 * convergence: the RSRP RMSE between the map from --rays and from twice as many.
 *
 *   npx tsx bench/radio-map.ts [--scenes simple_street_canyon,etoile,munich] [--rays 1000000] [--runs 1]
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import type { CellSpec } from "../twin/antenna/cell-spec.js";
import { solveRadioMap } from "../twin/radio-map/radio-map-solver.js";
import { loadScene, sceneBounds } from "../twin/scene/index.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    scenes: { type: "string", default: "simple_street_canyon,etoile,munich" },
    rays: { type: "string", default: "1000000" },
    runs: { type: "string", default: "1" },
    convergence: { type: "string", default: "etoile" },
    "convergence-only": { type: "boolean", default: false },
  },
});
const DIR = new URL("../../shared/scenes/sionna/", import.meta.url).pathname;
const RAYS = Number(values.rays);
const RUNS = Number(values.runs);

/** A rooftop-ish sector in the scene's middle, facing east, 8 SSB beams over 120 degrees. */
const cellAt = (x: number, y: number, z: number): CellSpec => ({
  id: "c1",
  position: [x, y, z],
  bearingDeg: 90,
  downtiltDeg: 5,
  powerDbm: 43,
  array: { rows: 4, cols: 8 },
  codebook: { kind: "ssb", count: 8, azimuthSpanDeg: 120 },
});
const TX: Record<string, [number, number, number]> = {
  simple_street_canyon: [-30, 0, 20],
  etoile: [0, 0, 30],
  munich: [0, 0, 40],
};

/** RMSE and quantiles of |a - b| over the cells finite in both, and the share changing by over 0.5 dB. */
function compareDb(a: Float32Array, b: Float32Array) {
  const d: number[] = [];
  for (let k = 0; k < a.length; k++) if (Number.isFinite(a[k]) && Number.isFinite(b[k])) d.push(Math.abs(a[k] - b[k]));
  d.sort((x, y) => x - y);
  const q = (p: number) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
  const rmse = Math.sqrt(d.reduce((s, x) => s + x * x, 0) / d.length);
  return { rmse, n: d.length, p95: q(0.95), p99: q(0.99), over: d.filter((x) => x > 0.5).length / d.length };
}

const rows = [
  `threads: ${availableParallelism()}`,
  "",
  "| scene | grid cells | order | diffraction | wall s (median) |",
  "|---|---:|---:|---|---:|",
];
for (const name of values.scenes.split(",")) {
  const file = `${DIR}${name}/${name}.xml`;
  if (!existsSync(file)) {
    console.error(`skipping ${name}: ${file} is missing`);
    continue;
  }
  const scene = await loadScene(file);
  const b = sceneBounds(scene)!;
  const cell = cellAt(...(TX[name] ?? [(b.min[0] + b.max[0]) / 2, (b.min[1] + b.max[1]) / 2, 30]));
  for (const maxDepth of values["convergence-only"] ? [] : [2, 3]) {
    for (const diffraction of [false, true]) {
      const times: number[] = [];
      let cells = 0;
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const map = await solveRadioMap(scene, [cell], { frequencyHz: 3.5e9, maxDepth, diffraction, rays: RAYS });
        times.push((performance.now() - t0) / 1000);
        cells = map.cellCount;
      }
      rows.push(`| ${name} | ${cells} | ${maxDepth} | ${diffraction ? "yes" : "no"} | ${median(times).toFixed(1)} |`);
      console.error(rows[rows.length - 1]);
    }
  }
  if (values.convergence.split(",").includes(name)) {
    const base = { frequencyHz: 3.5e9, maxDepth: 3, diffraction: true };
    const a = (await solveRadioMap(scene, [cell], { ...base, rays: RAYS })).serving().rsrpDbm;
    const b2 = (await solveRadioMap(scene, [cell], { ...base, rays: 2 * RAYS })).serving().rsrpDbm;
    const c = compareDb(a, b2);
    let gained = 0;
    for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k]) && Number.isFinite(b2[k])) gained++;
    const line =
      `convergence ${name} (order 3 + diffraction), ${RAYS} vs ${2 * RAYS} rays, over ${c.n} cells covered by both: ` +
      `RSRP RMSE ${c.rmse.toFixed(3)} dB, |change| 95th percentile ${c.p95.toFixed(3)} dB, 99th ${c.p99.toFixed(3)} dB, ` +
      `${(100 * c.over).toFixed(2)} % of cells change by more than 0.5 dB; ${gained} cells covered only with more rays`;
    rows.push("", line, "");
    console.error(line);
  }
}
console.log(rows.join("\n"));
