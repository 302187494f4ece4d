/**
 * The surrogate's speed (issue targets: >= 2,000,000 (position, cell, beam) gains per second batched on
 * one core; a single position p50 <= 10 µs), side by side with onnxruntime's per-call cost and the
 * tracer's speed on the same positions.
 *
 *   npx tsx bench/surrogate.ts [--scenario urban-district] [--model FILE] [--runs 5] [--batch 1024]
 *
 * Rows: batched through onnxruntime (network only: positions and geometry features given; and with
 * the geometry ray cast, as Surrogate.gainsBatch does); one position in process (gainsAt, geometry
 * included; predictOne, the full answer, without and with the line-of-sight probability's ring) and
 * through onnxruntime; the tracer on the same positions, as the dataset traces them (path solver, beam
 * powers, strongest paths). Median of --runs; progress on stderr.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { defaultModelDir, surrogateSource } from "../cli/twin-surrogate.js";
import { traceInit } from "../models/dataset/dataset.js";
import { createContext, runTask } from "../models/dataset/trace-job.js";
import { loadScenario } from "../sim/scenario/load.js";
import { nominalScene } from "../sim/world/scene.js";
import { sceneBounds, seededRandom } from "../twin/scene/index.js";
import { LOS_SAMPLES, Surrogate } from "../twin/surrogate/surrogate.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "urban-district" },
    model: { type: "string" },
    runs: { type: "string", default: "5" },
    batch: { type: "string", default: "1024" },
  },
});
const RUNS = Number(values.runs);
const BATCH = Number(values.batch);
const scenario = loadScenario(values.scenario!);
const scene = await nominalScene(scenario.scene);
const surrogate = await Surrogate.load(values.model ?? join(defaultModelDir(scenario.name), "model.onnx"), scene);
/** The same model answering the line-of-sight probability at radius 0: the position's own sight only. */
const sightOnly = await Surrogate.fromModel(surrogate.model, scene, { losRadiusM: 0 });
const G = surrogate.model.spec.outputs;
const K = surrogate.model.spec.geometry;
const b = sceneBounds(scene)!;
const rng = seededRandom(1);
const positions = (n: number) => {
  const xyz = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) xyz.set([rng.uniform(b.min[0], b.max[0]), rng.uniform(b.min[1], b.max[1]), 1.5], 3 * i);
  return xyz;
};
const session = await ort.InferenceSession.create(surrogate.model.onnx, { intraOpNumThreads: 1 });

async function networkOnly(): Promise<number> {
  const xyz = positions(BATCH);
  const geometry = new Float32Array(BATCH * K).map(() => rng.uniform(0, 1));
  const feeds = {
    position: new ort.Tensor("float32", xyz, [BATCH, 3]),
    geometry: new ort.Tensor("float32", geometry, [BATCH, K]),
  };
  await session.run(feeds);
  let calls = 0;
  const t = performance.now();
  while (performance.now() - t < 1000) {
    await session.run(feeds);
    calls++;
  }
  return (calls * BATCH * G * 1000) / (performance.now() - t);
}

async function batchWithLos(): Promise<number> {
  const xyz = positions(BATCH);
  await surrogate.gainsBatch(xyz);
  let calls = 0;
  const t = performance.now();
  while (performance.now() - t < 1000) {
    await surrogate.gainsBatch(xyz);
    calls++;
  }
  return (calls * BATCH * G * 1000) / (performance.now() - t);
}

/** Per-call latencies over `n` positions, µs: [p50, p99]; `call` times one call of position i. */
async function latencies(
  n: number,
  call: (i: number, xyz: Float32Array) => Promise<number> | number,
): Promise<[number, number]> {
  const xyz = positions(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) lat[i] = await call(i, xyz);
  lat.sort();
  return [lat[Math.floor(0.5 * n)], lat[Math.floor(0.99 * n)]];
}

/** A synchronous call's latencies (not awaited: an await alone costs a microtask turn, about a µs). */
const single = (n: number, f: (x: number, y: number, z: number) => unknown) =>
  latencies(n, (i, xyz) => {
    const t = performance.now();
    f(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    return (performance.now() - t) * 1000;
  });

/** An asynchronous call's latencies, awaited. */
const singleAsync = (n: number, f: (x: number, y: number, z: number) => Promise<unknown>) =>
  latencies(n, async (i, xyz) => {
    const t = performance.now();
    await f(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    return (performance.now() - t) * 1000;
  });

const out = new Float32Array(G);
const oneGeometry = new Float32Array(K);
const onnxOne = (x: number, y: number, z: number) =>
  session.run({
    position: new ort.Tensor("float32", Float32Array.of(x, y, z), [1, 3]),
    geometry: new ort.Tensor("float32", oneGeometry, [1, K]),
  });

/** The tracer on the same kind of positions, as the dataset runs it: gains per second (every cell and beam). */
const traceJob = (() => {
  const source = surrogateSource(scenario, scene);
  return createContext(traceInit(source));
})();
function tracer(): number {
  const xyz = Float64Array.from(positions(200));
  const t = performance.now();
  runTask(traceJob, { xyz }, () => {});
  return (200 * G * 1000) / (performance.now() - t);
}

const rows = new Map<string, number[]>();
const add = (k: string, v: number) => rows.set(k, [...(rows.get(k) ?? []), v]);
for (let r = 0; r < RUNS; r++) {
  add("batch-net", await networkOnly());
  add("batch-los", await batchWithLos());
  const [p50, p99] = await single(20_000, (x, y, z) => surrogate.gainsAt(x, y, z, out));
  add("ts-p50", p50);
  add("ts-p99", p99);
  const [f50, f99] = await single(20_000, (x, y, z) => sightOnly.predictOne(x, y, z));
  add("full-p50", f50);
  add("full-p99", f99);
  const [r50, r99] = await single(10_000, (x, y, z) => surrogate.predictOne(x, y, z));
  add("ring-p50", r50);
  add("ring-p99", r99);
  const [o50, o99] = await singleAsync(5_000, onnxOne);
  add("ort-p50", o50);
  add("ort-p99", o99);
  add("tracer", tracer());
  process.stderr.write(`run ${r + 1}/${RUNS} done\n`);
}
const m = (k: string) => median(rows.get(k)!);
const n = (x: number) => Math.round(x).toLocaleString("en-US");
console.log(
  `\n${scenario.name}: ${G} gains per position (${surrogate.cells.length} cells), ${K} geometry features; Node ${process.version}, ${cpus()[0]?.model} (one core: onnxruntime intra-op threads 1); median of ${RUNS} runs\n`,
);
console.log("| query | result | target |");
console.log("|---|---:|---|");
console.log(
  `| batched ${BATCH} positions, onnxruntime, network only (geometry given) | ${n(m("batch-net"))} gains/s | >= 2,000,000 |`,
);
console.log(
  `| batched ${BATCH} positions, onnxruntime + geometry features ray cast | ${n(m("batch-los"))} gains/s | >= 2,000,000 |`,
);
console.log(
  `| one position in process (gainsAt, geometry included) | p50 ${m("ts-p50").toFixed(2)} µs, p99 ${m("ts-p99").toFixed(2)} µs | p50 <= 10 µs |`,
);
console.log(
  `| one position in process, fully answered (predictOne: + best beams and cell, paths, line of sight) | p50 ${m("full-p50").toFixed(2)} µs, p99 ${m("full-p99").toFixed(2)} µs | - |`,
);
console.log(
  `| the same with the line-of-sight probability over a ${surrogate.losRadiusM} m ring (${LOS_SAMPLES} more points, each cast to every site) | p50 ${m("ring-p50").toFixed(2)} µs, p99 ${m("ring-p99").toFixed(2)} µs | - |`,
);
console.log(
  `| one position, onnxruntime call | p50 ${m("ort-p50").toFixed(2)} µs, p99 ${m("ort-p99").toFixed(2)} µs | - |`,
);
console.log(`| the tracer, same positions (paths + beam powers, all cells) | ${n(m("tracer"))} gains/s | - |`);
console.log(
  `\nspeed-up over the tracer: ${n(m("batch-los") / m("tracer"))}x batched, ${n(((1e6 / m("ts-p50")) * G) / m("tracer"))}x one position at a time`,
);
await surrogate.close();
await sightOnly.close();
await session.release();
