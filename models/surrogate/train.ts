/**
 * Training the surrogate on a dataset's training positions: mean squared error on the gains (dB,
 * clamped a margin below each point's noise floor: below it the exact value matters to no one), Adam
 * with a larger step for the grid tables than for the MLP, minibatches in a seeded order, each
 * batch's gradient computed on every core (gradient-job.ts), so the same seed and thread count give
 * the same network bit for bit.
 */
import { availableParallelism } from "node:os";
import { buildBvh } from "../../twin/bvh/index.js";
import { createPool } from "../../twin/parallel/pool.js";
import { RayCaster } from "../../twin/paths/ray-caster.js";
import { type Scene, seededRandom } from "../../twin/scene/index.js";
import { GeometryFeatures, geometryFeatureCount } from "../../twin/surrogate/geometry.js";
import {
  initialParams,
  levelsWithin,
  NetworkLayout,
  type NetworkSpec,
  PATH_OUTPUT_FIELDS,
  type PathHead,
} from "../../twin/surrogate/network.js";
import type { Dataset } from "../dataset/dataset.js";
import type { GradientContext, GradientInit, GradientResult, GradientTask } from "./gradient-job.js";

/** Targets below a point's noise floor are clamped this far below it, dB. */
export const BELOW_FLOOR_DB = 20;

export interface TrainOptions {
  readonly levelsM: readonly number[];
  readonly features: number;
  /** Most numbers in the grid tables: the finest levels are left out over a larger area (levelsWithin). */
  readonly maxGridParams: number;
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batch: number;
  readonly lrGrid: number;
  readonly lrMlp: number;
  readonly seed: number;
  /**
   * Chance that a grid level finer than `dropoutBelowM` is zeroed for a training position: where the
   * network never saw data (a held-out block, a new street) those levels keep their initial values,
   * so the decoder learns to do without them (the tables start at near-zero values).
   */
  readonly levelDropout: number;
  readonly dropoutBelowM: number;
  /** Dominant paths learnt per transmit point (0: none), and their share of the loss. */
  readonly pathsPerPoint: number;
  readonly pathWeight: number;
  /** Threads sharing each batch (default: every core). */
  readonly threads?: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  levelsM: [64, 32, 16, 8, 4, 2],
  features: 8,
  // 8 MB of float32: urban-district (620 m) and paris-etoile keep every level, scale-city (1.4 km)
  // drops the 2 m one (16 MB alone)
  maxGridParams: 2_000_000,
  hidden: [128, 128],
  epochs: 60,
  batch: 256,
  lrGrid: 1e-2,
  lrMlp: 2e-3,
  seed: 1,
  levelDropout: 0.3,
  dropoutBelowM: 20,
  pathsPerPoint: 2,
  pathWeight: 0.5,
};

export interface EpochReport {
  readonly epoch: number;
  /** Root mean squared error on the (clamped) training targets, dB. */
  readonly trainRmseDb: number;
  /** Root mean squared error on the path head's targets, in units of each field's spread (0 without). */
  readonly trainPathRmse: number;
  readonly seconds: number;
}

/** Distinct transmitter positions of the dataset's points, and each point's site. */
export function sitesOf(d: Dataset): { sites: [number, number, number][]; siteOfPoint: number[] } {
  const sites: [number, number, number][] = [];
  const index = new Map<string, number>();
  const siteOfPoint = d.meta.points.map((p) => {
    const key = p.position.join(",");
    let s = index.get(key);
    if (s === undefined) {
      s = sites.length;
      index.set(key, s);
      sites.push([...p.position]);
    }
    return s;
  });
  return { sites, siteOfPoint };
}

/** Every position's geometry features (geometry.ts), from the scene the dataset was traced in. */
export function geometryOf(
  d: Dataset,
  scene: Scene,
  sites: readonly (readonly [number, number, number])[],
): Float32Array {
  const g = new GeometryFeatures(new RayCaster(buildBvh(scene.triangles)), sites);
  const out = new Float32Array(d.meta.count * g.count);
  for (let i = 0; i < d.meta.count; i++) g.compute(d.xyz[3 * i], d.xyz[3 * i + 1], d.xyz[3 * i + 2], out, i * g.count);
  return out;
}

/** The noise floor of each output (dB): its point's. */
export const floorOfOutputs = (d: Pick<Dataset, "meta">): number[] =>
  d.meta.beams.flatMap((n, p) => Array.from({ length: n }, () => d.meta.floorDb[p]));

/** The clamped targets of every position (dB), per output. */
export function clampedTargets(d: Dataset): Float32Array {
  const out = new Float32Array(d.gainsDb.length);
  const floorOfOutput = floorOfOutputs(d);
  const G = floorOfOutput.length;
  for (let k = 0; k < out.length; k++) out[k] = Math.max(d.gainsDb[k], floorOfOutput[k % G] - BELOW_FLOOR_DB);
  return out;
}

/**
 * The dominant-path targets of every position: per point, `perPoint` paths of PATH_OUTPUT_FIELDS
 * numbers (cos and sin of the azimuth, elevation, delay, power), normalised per field over the
 * training positions. A missing path (or one from a point whose gains all lie below the floor) has
 * its power clamped below the floor like the gains, and no target (NaN) for its angles and delay.
 */
export function pathTargets(
  d: Dataset,
  perPoint: number,
  train: readonly number[],
): { head: PathHead; targets: Float32Array } {
  const P = d.meta.points.length;
  const kept = d.meta.dominantPaths;
  if (perPoint > kept) throw new RangeError(`the dataset keeps ${kept} paths per point, not ${perPoint}`);
  const Q = P * perPoint * PATH_OUTPUT_FIELDS;
  const F = d.meta.pathFields;
  const targets = new Float32Array(d.meta.count * Q).fill(Number.NaN);
  for (let i = 0; i < d.meta.count; i++) {
    for (let p = 0; p < P; p++) {
      const floor = d.meta.floorDb[p] - BELOW_FLOOR_DB;
      for (let k = 0; k < perPoint; k++) {
        const src = ((i * P + p) * kept + k) * F;
        const dst = i * Q + (p * perPoint + k) * PATH_OUTPUT_FIELDS;
        const power = d.paths[src + 3];
        if (!(power > floor)) {
          targets[dst + 4] = floor;
          continue;
        }
        targets[dst] = Math.cos(d.paths[src]);
        targets[dst + 1] = Math.sin(d.paths[src]);
        targets[dst + 2] = d.paths[src + 1];
        targets[dst + 3] = d.paths[src + 2];
        targets[dst + 4] = power;
      }
    }
  }
  const sum = new Float64Array(PATH_OUTPUT_FIELDS);
  const sq = new Float64Array(PATH_OUTPUT_FIELDS);
  const n = new Float64Array(PATH_OUTPUT_FIELDS);
  for (const i of train) {
    for (let q = 0; q < Q; q++) {
      const t = targets[i * Q + q];
      if (Number.isNaN(t)) continue;
      const f = q % PATH_OUTPUT_FIELDS;
      sum[f] += t;
      sq[f] += t * t;
      n[f]++;
    }
  }
  const mean = Array.from(sum, (s, f) => (n[f] > 0 ? s / n[f] : 0));
  const std = Array.from(sq, (s, f) => (n[f] > 1 ? Math.sqrt(Math.max(s / n[f] - mean[f] ** 2, 0)) || 1 : 1));
  for (let k = 0; k < targets.length; k++) {
    const f = k % PATH_OUTPUT_FIELDS;
    targets[k] = (targets[k] - mean[f]) / std[f];
  }
  return { head: { points: P, perPoint, mean, std }, targets };
}

export async function trainSurrogate(
  d: Dataset,
  scene: Scene,
  options: Partial<TrainOptions> = {},
  onEpoch?: (r: EpochReport) => void,
): Promise<{ spec: NetworkSpec; params: Float32Array; history: EpochReport[] }> {
  const o = { ...TRAIN_DEFAULTS, ...options };
  const { sites } = sitesOf(d);
  const geometry = geometryOf(d, scene, sites);
  const K = geometryFeatureCount(sites.length);
  const targets = clampedTargets(d);
  const G = targets.length / d.meta.count;
  const train: number[] = [];
  for (let i = 0; i < d.meta.count; i++) if (d.test[i] === 0) train.push(i);
  // output scaling from the training targets
  let sum = 0;
  let sq = 0;
  for (const i of train) {
    for (let k = 0; k < G; k++) {
      const t = targets[i * G + k];
      sum += t;
      sq += t * t;
    }
  }
  const mean = sum / (train.length * G);
  const std = Math.sqrt(sq / (train.length * G) - mean * mean);
  for (let k = 0; k < targets.length; k++) targets[k] = (targets[k] - mean) / std;
  const paths = o.pathsPerPoint > 0 ? pathTargets(d, o.pathsPerPoint, train) : null;
  const xs = d.xyz;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < d.meta.count; i++) {
    x0 = Math.min(x0, xs[3 * i]);
    x1 = Math.max(x1, xs[3 * i]);
    y0 = Math.min(y0, xs[3 * i + 1]);
    y1 = Math.max(y1, xs[3 * i + 1]);
  }
  const spec: NetworkSpec = {
    area: { x0, y0, x1, y1 },
    levelsM: levelsWithin({ x0, y0, x1, y1 }, o.levelsM, o.features, o.maxGridParams),
    features: o.features,
    sites,
    geometry: K,
    hidden: o.hidden,
    outputs: G,
    outputMean: mean,
    outputStd: std,
    ...(paths ? { paths: paths.head } : {}),
  };
  const layout = new NetworkLayout(spec);
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), 64));
  // the parameters and each share's gradient in shared memory: the threads read and write them in place
  const params = new Float32Array(new SharedArrayBuffer(4 * layout.size));
  params.set(initialParams(layout, o.seed));
  const grads = Array.from({ length: threads }, () => new SharedArrayBuffer(8 * layout.size));
  const pool = await createPool<GradientInit, GradientContext, GradientTask, GradientResult>(
    "training",
    new URL("./gradient-job.js", import.meta.url),
    {
      spec,
      params: params.buffer as SharedArrayBuffer,
      grads,
      xyz: xs,
      geometry,
      targets,
      pathTargets: paths?.targets ?? new Float32Array(0),
      pathWeight: o.pathWeight,
      levelDropout: o.levelDropout,
      dropoutBelowM: o.dropoutBelowM,
    },
    threads,
  );
  const grad = new Float64Array(layout.size);
  const shares = grads.map((g) => new Float64Array(g));
  const m1 = new Float64Array(layout.size);
  const m2 = new Float64Array(layout.size);
  const rng = seededRandom(o.seed ^ 0x5eed);
  const history: EpochReport[] = [];
  let step = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const started = performance.now();
      // Fisher-Yates with the seeded stream
      for (let i = train.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [train[i], train[j]] = [train[j], train[i]];
      }
      let se = 0;
      let pathSe = 0;
      let pathN = 0;
      // cosine decay of both steps over the run
      const decay = 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / o.epochs));
      for (let start = 0; start < train.length; start += o.batch) {
        const end = Math.min(train.length, start + o.batch);
        const per = Math.ceil((end - start) / threads);
        const seed = (rng.next() * 2 ** 32) >>> 0;
        const tasks: GradientTask[] = Array.from({ length: threads }, (_, t) => ({
          positions: Int32Array.from(train.slice(start + t * per, Math.min(end, start + (t + 1) * per))),
          batch: end - start,
          share: t,
          seed,
          offset: t * per,
        }));
        const results = await pool.run(tasks);
        for (const r of results) {
          se += r.squaredError;
          pathSe += r.pathSquaredError;
          pathN += r.pathTargets;
        }
        // summed in thread order: the same run for the same seed and thread count
        grad.set(shares[0]);
        for (let t = 1; t < threads; t++) {
          const g = shares[t];
          for (let k = 0; k < grad.length; k++) grad[k] += g[k];
        }
        step++;
        adam(params, grad, m1, m2, step, layout.gridSize, o.lrGrid * decay, o.lrMlp * decay);
      }
      const report = {
        epoch,
        trainRmseDb: Math.sqrt(se / (train.length * G)) * std,
        trainPathRmse: pathN > 0 ? Math.sqrt(pathSe / pathN) : 0,
        seconds: (performance.now() - started) / 1000,
      };
      history.push(report);
      onEpoch?.(report);
    }
  } finally {
    await pool.close();
  }
  // a plain copy to hand out (the shared one goes with the pool)
  return { spec, params: Float32Array.from(params), history };
}

function adam(
  p: Float32Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  t: number,
  gridSize: number,
  lrGrid: number,
  lrMlp: number,
): void {
  const b1 = 0.9;
  const b2 = 0.999;
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    m[i] = b1 * m[i] + (1 - b1) * gi;
    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
    const lr = i < gridSize ? lrGrid : lrMlp;
    p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
  }
}
