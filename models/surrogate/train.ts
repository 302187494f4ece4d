/**
 * Training the surrogate on a dataset's training positions: mean squared error on the gains (dB,
 * clamped a margin below each point's noise floor: below it the exact value matters to no one), Adam
 * with a larger step for the grid tables than for the MLP, minibatches in a seeded order, so the same
 * seed gives the same network bit for bit.
 */
import { seededRandom } from "../../twin/scene/index.js";
import {
  backward,
  decode,
  encodeInput,
  initialParams,
  NetworkLayout,
  type NetworkSpec,
} from "../../twin/surrogate/network.js";
import type { Dataset } from "../dataset/dataset.js";

/** Targets below a point's noise floor are clamped this far below it, dB. */
export const BELOW_FLOOR_DB = 20;

export interface TrainOptions {
  readonly levelsM: readonly number[];
  readonly features: number;
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batch: number;
  readonly lrGrid: number;
  readonly lrMlp: number;
  readonly seed: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  levelsM: [64, 32, 16, 8, 4, 2],
  features: 4,
  hidden: [64, 64],
  epochs: 60,
  batch: 256,
  lrGrid: 1e-2,
  lrMlp: 2e-3,
  seed: 1,
};

export interface EpochReport {
  readonly epoch: number;
  /** Root mean squared error on the (clamped) training targets, dB. */
  readonly trainRmseDb: number;
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

/** Per position, per site: the line-of-sight flag (the first point of each site says). */
export function siteLos(d: Dataset, siteOfPoint: readonly number[], sites: number): Uint8Array {
  const P = d.meta.points.length;
  const out = new Uint8Array(d.meta.count * sites);
  for (let i = 0; i < d.meta.count; i++) {
    for (let p = P - 1; p >= 0; p--) out[i * sites + siteOfPoint[p]] = d.los[i * P + p];
  }
  return out;
}

/** The clamped targets of every position (dB), per output. */
export function clampedTargets(d: Dataset): Float32Array {
  const out = new Float32Array(d.gainsDb.length);
  const floorOfOutput = d.meta.beams.flatMap((n, p) => Array.from({ length: n }, () => d.meta.floorDb[p]));
  const G = floorOfOutput.length;
  for (let k = 0; k < out.length; k++) out[k] = Math.max(d.gainsDb[k], floorOfOutput[k % G] - BELOW_FLOOR_DB);
  return out;
}

export function trainSurrogate(
  d: Dataset,
  options: Partial<TrainOptions> = {},
  onEpoch?: (r: EpochReport) => void,
): { spec: NetworkSpec; params: Float32Array; history: EpochReport[] } {
  const o = { ...TRAIN_DEFAULTS, ...options };
  const { sites, siteOfPoint } = sitesOf(d);
  const los = siteLos(d, siteOfPoint, sites.length);
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
    levelsM: o.levelsM,
    features: o.features,
    sites,
    hidden: o.hidden,
    outputs: G,
    outputMean: mean,
    outputStd: std,
  };
  const layout = new NetworkLayout(spec);
  const params = initialParams(layout, o.seed);
  const grad = new Float64Array(layout.size);
  const m1 = new Float64Array(layout.size);
  const m2 = new Float64Array(layout.size);
  const input = new Float64Array(layout.inputs);
  const corners = new Float64Array(8 * layout.levels.length);
  const acts = layout.layers.map((l) => new Float64Array(l.outputs));
  const deltas = layout.layers.map((l) => new Float64Array(l.outputs));
  const inputDelta = new Float64Array(layout.inputs);
  const rng = seededRandom(o.seed ^ 0x5eed);
  const history: EpochReport[] = [];
  const S = sites.length;
  let step = 0;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const started = performance.now();
    // Fisher-Yates with the seeded stream
    for (let i = train.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [train[i], train[j]] = [train[j], train[i]];
    }
    let se = 0;
    // cosine decay of both steps over the run
    const decay = 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / o.epochs));
    for (let start = 0; start < train.length; start += o.batch) {
      const end = Math.min(train.length, start + o.batch);
      grad.fill(0);
      for (let n = start; n < end; n++) {
        const i = train[n];
        encodeInput(
          layout,
          params,
          xs[3 * i],
          xs[3 * i + 1],
          xs[3 * i + 2],
          los.subarray(i * S, i * S + S),
          input,
          corners,
        );
        decode(layout, params, input, acts);
        // output error, in normalised units
        const last = layout.layers.length - 1;
        const y = acts[last];
        const dy = deltas[last];
        for (let k = 0; k < G; k++) {
          const e = y[k] - (targets[i * G + k] - mean) / std;
          se += e * e;
          dy[k] = (2 * e) / (G * (end - start));
        }
        backward(layout, params, input, acts, corners, deltas, inputDelta, grad);
      }
      step++;
      adam(params, grad, m1, m2, step, layout.gridSize, o.lrGrid * decay, o.lrMlp * decay);
    }
    const report = {
      epoch,
      trainRmseDb: Math.sqrt(se / (train.length * G)) * std,
      seconds: (performance.now() - started) / 1000,
    };
    history.push(report);
    onEpoch?.(report);
  }
  return { spec, params, history };
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
