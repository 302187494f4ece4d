/**
 * Example pictures of a synthetic radio map: two sites at 3.5 GHz over a few box buildings, path gain
 * free-space with a flat 20 dB loss where the straight line to the site crosses a building, cells
 * below -100 dB counted as uncovered.
 *
 *   npx tsx bench/render-example.ts [--out docs/images]
 *
 * Writes example-radio-map.png (strongest path gain) and example-best-cell.png (which site is strongest).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Box, boxScene } from "../test/support/box-scene.js";
import { buildingMask, cellCentre, type MapGrid } from "../twin/radio-map/footprint.js";
import { renderCategorical, renderHeatmap } from "../twin/radio-map/render.js";

const { values: args } = parseArgs({ options: { out: { type: "string", default: "docs/images" } } });

const FREQUENCY_HZ = 3.5e9;
const WAVELENGTH_M = 299_792_458 / FREQUENCY_HZ;
const RX_HEIGHT_M = 1.5;
const BLOCKED_LOSS_DB = 20;
const COVERAGE_FLOOR_DB = -100;

const sites = [
  { label: "site A", x: -180, y: 60, z: 25 },
  { label: "site B", x: 170, y: -90, z: 30 },
];
const boxes: Box[] = [
  { x0: -120, y0: -40, x1: -60, y1: 30, heightM: 20 },
  { x0: -20, y0: 60, x1: 40, y1: 140, heightM: 35 },
  { x0: 60, y0: -10, x1: 110, y1: 20, heightM: 15 },
  { x0: -260, y0: -200, x1: -200, y1: -120, heightM: 12 },
  { x0: 200, y0: 100, x1: 300, y1: 160, heightM: 25 },
];
const grid: MapGrid = { x0: -400, y0: -300, resM: 2, width: 400, height: 300 };

/** Whether the segment (ax, ay)-(bx, by) crosses the box's footprint (slab test). */
function crosses(box: Box, ax: number, ay: number, bx: number, by: number): boolean {
  let t0 = 0;
  let t1 = 1;
  for (const [a, d, lo, hi] of [
    [ax, bx - ax, box.x0, box.x1],
    [ay, by - ay, box.y0, box.y1],
  ]) {
    if (d === 0) {
      if (a < lo || a > hi) return false;
      continue;
    }
    const [ta, tb] = [(lo - a) / d, (hi - a) / d].sort((p, q) => p - q);
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
  }
  return t0 <= t1;
}

const buildings = buildingMask(boxScene(boxes), grid, RX_HEIGHT_M);
const strongestDb = new Float32Array(grid.width * grid.height);
const bestSite = new Int16Array(grid.width * grid.height);
for (let j = 0; j < grid.height; j++) {
  for (let i = 0; i < grid.width; i++) {
    const k = j * grid.width + i;
    const [x, y] = cellCentre(grid, i, j);
    let best = Number.NEGATIVE_INFINITY;
    let bestIndex = -1;
    sites.forEach((site, s) => {
      const d = Math.hypot(x - site.x, y - site.y, RX_HEIGHT_M - site.z);
      const blocked = boxes.some((box) => crosses(box, site.x, site.y, x, y));
      const gainDb = 20 * Math.log10(WAVELENGTH_M / (4 * Math.PI * d)) - (blocked ? BLOCKED_LOSS_DB : 0);
      if (gainDb > best) [best, bestIndex] = [gainDb, s];
    });
    const covered = !buildings[k] && best >= COVERAGE_FLOOR_DB;
    strongestDb[k] = covered ? best : Number.NEGATIVE_INFINITY;
    bestSite[k] = covered ? bestIndex : -1;
  }
}

mkdirSync(args.out, { recursive: true });
const common = { grid, buildings, markers: sites };
const heatmap = renderHeatmap({
  ...common,
  values: strongestDb,
  unit: "dB",
  title: "Path gain, strongest of 2 sites, 3.5 GHz",
});
const bestCell = renderCategorical({
  ...common,
  values: bestSite,
  labels: sites.map((s) => s.label),
  legendTitle: "best site",
  title: "Best site, 3.5 GHz",
});
writeFileSync(join(args.out, "example-radio-map.png"), heatmap);
writeFileSync(join(args.out, "example-best-cell.png"), bestCell);
console.log(
  `wrote ${join(args.out, "example-radio-map.png")} (${heatmap.length} bytes) and example-best-cell.png (${bestCell.length} bytes)`,
);
