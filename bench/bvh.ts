/**
 * BVH build and ray-query throughput, one core: build time and memory, closest-hit and occlusion rays
 * per second, the ray-triangle tests per second the traversal sustains, and that as a fraction of a
 * plain brute-force Möller–Trumbore loop (every ray against every triangle) timed in the same run.
 *
 *   npx tsx bench/bvh.ts [--runs 5] [--rays 20000] [--scenes city,soup-1m,simple_street_canyon,etoile,munich]
 *
 * Rays: origins uniform over the middle 80 % of the scene's footprint at 1.5-31.5 m above its floor (UE
 * and mast heights), directions uniform on the sphere; closest hit unbounded (tMin = bvh.epsilon);
 * occlusion between two such points. Times are CPU time (user + system) of the process. Prints a
 * markdown table (median of the runs) for BENCHMARKS.md.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { bruteForceClosest } from "../test/support/brute-force-rays.js";
import { prng } from "../test/support/fuzz.js";
import { boxCity, triangleSoup } from "../test/support/triangle-scenes.js";
import {
  type Bvh,
  buildBvh,
  closestHit,
  countTraversal,
  createHit,
  occluded,
  traversalCounters,
} from "../twin/bvh/index.js";
import { loadScene } from "../twin/scene/index.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    rays: { type: "string", default: "20000" },
    scenes: { type: "string", default: "city,soup-1m,simple_street_canyon,etoile,munich" },
  },
});
const RUNS = Number(values.runs);
const RAYS = Number(values.rays);
const SIONNA = new URL("../../shared/scenes/sionna/", import.meta.url).pathname;

const SYNTHETIC: Record<string, () => Float64Array> = {
  // 30 x 30 blocks, each box face split in 4 x 4 quads: ~144k triangles
  city: () => boxCity(1, { blocks: 30, subdivisions: 4 }),
  // a million random 5 m triangles in a 1 km cube: the huge-scene case
  "soup-1m": () => triangleSoup(2, 1_000_000, 1000, 5),
};

async function sceneTriangles(name: string): Promise<Float64Array | null> {
  if (SYNTHETIC[name]) return SYNTHETIC[name]();
  const path = `${SIONNA}${name}/${name}.xml`;
  return existsSync(path) ? (await loadScene(path)).triangles : null;
}

/** Ray origins and directions (3 numbers each), and segment ends for occlusion. */
interface Rays {
  readonly origins: Float64Array;
  readonly directions: Float64Array;
  readonly ends: Float64Array;
}

function makeRays(bounds: readonly number[], count: number, seed: number): Rays {
  const random = prng(seed);
  const point = (out: Float64Array, i: number) => {
    for (let axis = 0; axis < 2; axis++) {
      out[i * 3 + axis] = bounds[axis] + (0.1 + 0.8 * random()) * (bounds[3 + axis] - bounds[axis]);
    }
    out[i * 3 + 2] = bounds[2] + 1.5 + 30 * random();
  };
  const origins = new Float64Array(count * 3);
  const directions = new Float64Array(count * 3);
  const ends = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) {
    point(origins, i);
    point(ends, i);
    const z = 2 * random() - 1;
    const phi = 2 * Math.PI * random();
    const r = Math.sqrt(1 - z * z);
    directions.set([r * Math.cos(phi), r * Math.sin(phi), z], i * 3);
  }
  return { origins, directions, ends };
}

const hit = createHit();

/** Closest-hit queries for all rays; returns how many hit (so the work cannot be optimised away). */
function castClosest(bvh: Bvh, rays: Rays, count: number): number {
  const { origins: o, directions: d } = rays;
  let hits = 0;
  for (let i = 0; i < count * 3; i += 3) {
    if (closestHit(bvh, o[i], o[i + 1], o[i + 2], d[i], d[i + 1], d[i + 2], bvh.epsilon, Infinity, hit)) hits++;
  }
  return hits;
}

function castOcclusion(bvh: Bvh, rays: Rays, count: number): number {
  const { origins: o, ends: e } = rays;
  let blocked = 0;
  for (let i = 0; i < count * 3; i += 3) {
    if (occluded(bvh, o[i], o[i + 1], o[i + 2], e[i] - o[i], e[i + 1] - o[i + 1], e[i + 2] - o[i + 2], 1)) blocked++;
  }
  return blocked;
}

/** Every ray against every triangle: the plain loop the traversal is compared with. */
function castBruteForce(vertices: Float64Array, rays: Rays, count: number): number {
  const { origins: o, directions: d } = rays;
  let hits = 0;
  for (let i = 0; i < count * 3; i += 3) {
    const t = bruteForceClosest(vertices, o[i], o[i + 1], o[i + 2], d[i], d[i + 1], d[i + 2], 0, Infinity);
    if (t !== Infinity) hits++;
  }
  return hits;
}

/**
 * CPU seconds (user + system) of `work`: per-core throughput that does not count the time the scheduler
 * gives other processes (the project machine has 2 cores, often shared with test runs).
 */
function seconds(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

interface Row {
  scene: string;
  triangles: number;
  buildMs: number;
  mib: number;
  nodes: number;
  depth: number;
  closestPerS: number;
  occlusionPerS: number;
  testsPerRay: number;
  visitsPerRay: number;
  traversalTestsPerS: number;
  bruteTestsPerS: number;
}

async function measure(name: string): Promise<Row | null> {
  const vertices = await sceneTriangles(name);
  if (!vertices) return null;
  const triangles = vertices.length / 9;
  const buildTimes: number[] = [];
  let bvh = buildBvh(vertices);
  for (let run = 0; run < RUNS; run++) buildTimes.push(seconds(() => (bvh = buildBvh(vertices))));
  const rays = makeRays(bvh.bounds, RAYS, 7);
  // the traversal's work per ray, counted in a separate pass (the timed passes run with counting off)
  countTraversal(true);
  castClosest(bvh, rays, RAYS);
  const counted = traversalCounters();
  countTraversal(false);
  // brute force: enough rays for ~0.3 s of triangle tests at ~30 M tests/s
  const bruteRays = Math.max(3, Math.min(RAYS, Math.round(1e7 / Math.max(1, triangles))));
  const closest: number[] = [];
  const occlusion: number[] = [];
  const brute: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    brute.push(seconds(() => castBruteForce(vertices, rays, bruteRays)));
    closest.push(seconds(() => castClosest(bvh, rays, RAYS)));
    occlusion.push(seconds(() => castOcclusion(bvh, rays, RAYS)));
  }
  const closestS = median(closest);
  const bruteTestsPerS = (bruteRays * triangles) / median(brute);
  return {
    scene: name,
    triangles,
    buildMs: 1000 * median(buildTimes),
    mib: bvh.byteLength / 2 ** 20,
    nodes: bvh.nodeCount,
    depth: bvh.depth,
    closestPerS: RAYS / closestS,
    occlusionPerS: RAYS / median(occlusion),
    testsPerRay: counted.triangleTests / RAYS,
    visitsPerRay: counted.nodeVisits / RAYS,
    traversalTestsPerS: counted.triangleTests / closestS,
    bruteTestsPerS,
  };
}

const n = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const rows: Row[] = [];
for (const name of values.scenes.split(",")) {
  const row = await measure(name);
  if (row) rows.push(row);
  else console.error(`${name}: not found, skipped`);
}
console.log(
  `\nNode ${process.version}, ${RAYS} rays, median of ${RUNS} runs (CPU time); closest hit unbounded, occlusion between two random points.`,
);
console.log(
  "Tests/s in the traversal = triangle tests per second of closest-hit queries; box+tri = (2 box tests per node + triangle tests) per second; fractions are of the brute-force loop's tests/s.\n",
);
console.log(
  "| scene | triangles | build ms | MiB | nodes | depth | closest-hit rays/s | occlusion rays/s | nodes/ray | tests/ray | traversal M tests/s | fraction | box+tri M tests/s | fraction | brute-force M tests/s |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const primitivesPerS = ((2 * r.visitsPerRay + r.testsPerRay) * r.closestPerS) / 1e6;
  console.log(
    `| ${r.scene} | ${n(r.triangles)} | ${n(r.buildMs)} | ${n(r.mib, 1)} | ${n(r.nodes)} | ${r.depth} | ${n(r.closestPerS)} | ${n(r.occlusionPerS)} | ${n(r.visitsPerRay, 1)} | ${n(r.testsPerRay, 1)} | ${n(r.traversalTestsPerS / 1e6, 1)} | ${n(r.traversalTestsPerS / r.bruteTestsPerS, 2)} | ${n(primitivesPerS, 1)} | ${n((1e6 * primitivesPerS) / r.bruteTestsPerS, 2)} | ${n(r.bruteTestsPerS / 1e6, 1)} |`,
  );
}
