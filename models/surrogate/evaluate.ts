/**
 * How close the surrogate comes to the tracer on held-out positions: error statistics in dB over every
 * (point, beam) gain above its noise floor, apart for line of sight and not, and the best-beam
 * agreement per (position, point) (top-1: the same beam; top-3: the tracer's best among the
 * surrogate's three best).
 */
import { PATH_FIELDS } from "../../twin/surrogate/network.js";
import type { Dataset } from "../dataset/dataset.js";
import { BELOW_FLOOR_DB, floorOfOutputs } from "./train.js";

export interface ErrorStats {
  readonly count: number;
  readonly rmseDb: number;
  readonly meanErrorDb: number;
  readonly p95AbsErrorDb: number;
}

export interface Evaluation {
  readonly positions: number;
  readonly all: ErrorStats;
  readonly los: ErrorStats;
  readonly nlos: ErrorStats;
  /** Per kind of position (grid, random, canyon, edge). */
  readonly byKind: Record<string, ErrorStats>;
  readonly bestBeam: { readonly count: number; readonly top1: number; readonly top3: number };
  /** The strongest path of each (position, point) above the floor, when paths were predicted. */
  readonly strongestPath?: PathErrors;
}

/**
 * Absolute errors of the strongest path's departure angles, delay and power (median and 90th
 * percentile), over the cases where the surrogate predicts it; `missed` where it predicts none.
 */
export interface PathErrors {
  readonly count: number;
  readonly missed: number;
  readonly azimuthDeg: Percentiles;
  readonly elevationDeg: Percentiles;
  readonly delayNs: Percentiles;
  readonly powerDb: Percentiles;
}

export interface Percentiles {
  readonly median: number;
  readonly p90: number;
}

/** How far apart two azimuths lie, radians in 0..pi (across the +-pi wrap). */
export function azimuthGap(a: number, b: number): number {
  const turn = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(turn, 2 * Math.PI - turn);
}

/** The `q` quantile of ascending `sorted` by nearest rank (NaN when empty). */
const nearestRank = (sorted: ArrayLike<number>, q: number): number =>
  sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : Number.NaN;

function percentiles(values: number[]): Percentiles {
  const v = Float64Array.from(values).sort();
  return { median: nearestRank(v, 0.5), p90: nearestRank(v, 0.9) };
}

export function errorStats(errors: ArrayLike<number>): ErrorStats {
  const n = errors.length;
  if (n === 0) return { count: 0, rmseDb: Number.NaN, meanErrorDb: Number.NaN, p95AbsErrorDb: Number.NaN };
  let sum = 0;
  let sq = 0;
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sum += errors[i];
    sq += errors[i] * errors[i];
    abs[i] = Math.abs(errors[i]);
  }
  abs.sort();
  return {
    count: n,
    rmseDb: Math.sqrt(sq / n),
    meanErrorDb: sum / n,
    p95AbsErrorDb: nearestRank(abs, 0.95),
  };
}

/**
 * Compares `predicted` (per position of `indices`, every output, dB) with the dataset's gains at
 * those positions. `kinds` names the dataset's position kinds.
 */
export function evaluate(
  d: Dataset,
  indices: readonly number[],
  predicted: Float32Array,
  kinds: readonly string[],
  /** Per position of `indices`, per point, `pathsPerPoint` predicted paths (PATH_FIELDS numbers each). */
  paths?: { readonly predicted: Float32Array; readonly perPoint: number },
): Evaluation {
  const { beams, floorDb } = d.meta;
  const G = beams.reduce((a, b) => a + b, 0);
  const P = beams.length;
  const all: number[] = [];
  const los: number[] = [];
  const nlos: number[] = [];
  const byKind: number[][] = kinds.map(() => []);
  let beamCases = 0;
  let top1 = 0;
  let top3 = 0;
  const azimuth: number[] = [];
  const elevation: number[] = [];
  const delay: number[] = [];
  const power: number[] = [];
  let missed = 0;
  const kept = d.meta.dominantPaths;
  const F = d.meta.pathFields;
  indices.forEach((i, n) => {
    let off = 0;
    for (let p = 0; p < P; p++) {
      const isLos = d.los[i * P + p] === 1;
      let bestTrue = -1;
      for (let b = 0; b < beams[p]; b++) {
        const t = d.gainsDb[i * G + off + b];
        if (t <= floorDb[p]) continue;
        const e = predicted[n * G + off + b] - t;
        all.push(e);
        (isLos ? los : nlos).push(e);
        byKind[d.kind[i]].push(e);
        if (bestTrue < 0 || t > d.gainsDb[i * G + off + bestTrue]) bestTrue = b;
      }
      if (bestTrue >= 0) {
        // rank of the tracer's best beam among the surrogate's predictions
        const mine = predicted[n * G + off + bestTrue];
        let above = 0;
        for (let b = 0; b < beams[p]; b++) if (b !== bestTrue && predicted[n * G + off + b] > mine) above++;
        beamCases++;
        if (above === 0) top1++;
        if (above < 3) top3++;
        const t = (i * P + p) * kept * F;
        const q = (n * P + p) * (paths?.perPoint ?? 0) * PATH_FIELDS;
        if (paths && !Number.isNaN(d.paths[t]) && Number.isNaN(paths.predicted[q + 3])) missed++;
        else if (paths && !Number.isNaN(d.paths[t])) {
          azimuth.push((azimuthGap(paths.predicted[q], d.paths[t]) * 180) / Math.PI);
          elevation.push((Math.abs(paths.predicted[q + 1] - d.paths[t + 1]) * 180) / Math.PI);
          delay.push(Math.abs(paths.predicted[q + 2] - d.paths[t + 2]));
          power.push(Math.abs(paths.predicted[q + 3] - d.paths[t + 3]));
        }
      }
      off += beams[p];
    }
  });
  return {
    positions: indices.length,
    all: errorStats(all),
    los: errorStats(los),
    nlos: errorStats(nlos),
    byKind: Object.fromEntries(kinds.map((k, i) => [k, errorStats(byKind[i])])),
    bestBeam: { count: beamCases, top1: top1 / beamCases, top3: top3 / beamCases },
    ...(paths
      ? {
          strongestPath: {
            count: azimuth.length,
            missed,
            azimuthDeg: percentiles(azimuth),
            elevationDeg: percentiles(elevation),
            delayNs: percentiles(delay),
            powerDb: percentiles(power),
          },
        }
      : {}),
  };
}

/**
 * The held-out positions with a training position within `radiusM` (horizontally), each with its
 * nearest one: the tracer's answer there is what a perfect interpolator of the training data could
 * at best give, so the error of that neighbour's answer measures how rough the tracer's field is at
 * that scale, a floor for any smooth surrogate.
 */
export function nearestTraining(
  d: Dataset,
  held: readonly number[],
  train: readonly number[],
  radiusM: number,
): { held: number[]; neighbour: number[] } {
  const key = (x: number, y: number) => `${Math.floor(x / radiusM)},${Math.floor(y / radiusM)}`;
  const buckets = new Map<string, number[]>();
  for (const j of train) {
    const k = key(d.xyz[3 * j], d.xyz[3 * j + 1]);
    const b = buckets.get(k);
    if (b) b.push(j);
    else buckets.set(k, [j]);
  }
  const out = { held: [] as number[], neighbour: [] as number[] };
  for (const i of held) {
    const x = d.xyz[3 * i];
    const y = d.xyz[3 * i + 1];
    let best = -1;
    let bestD = radiusM;
    for (let a = -1; a <= 1; a++) {
      for (let b = -1; b <= 1; b++) {
        for (const j of buckets.get(key(x + a * radiusM, y + b * radiusM)) ?? []) {
          const dist = Math.hypot(d.xyz[3 * j] - x, d.xyz[3 * j + 1] - y);
          if (dist <= bestD) {
            bestD = dist;
            best = j;
          }
        }
      }
    }
    if (best >= 0) {
      out.held.push(i);
      out.neighbour.push(best);
    }
  }
  return out;
}

/** The surrogate beside the nearest training position's answer, where one lies within `radiusM`. */
export interface RoughnessFloor {
  readonly radiusM: number;
  readonly surrogate: Evaluation;
  readonly nearestTraining: Evaluation;
}

/**
 * How rough the tracer's field is at `radiusM` (nearestTraining): on the held-out positions of `test`
 * with a training position that near, the surrogate's errors beside those of that position's answer
 * (clamped below the floor as the training targets are).
 */
export function roughnessFloor(
  d: Dataset,
  test: readonly number[],
  predicted: Float32Array,
  kinds: readonly string[],
  radiusM = 1,
): RoughnessFloor {
  const train: number[] = [];
  for (let i = 0; i < d.meta.count; i++) if (d.test[i] === 0) train.push(i);
  const near = nearestTraining(d, test, train, radiusM);
  const G = d.meta.beams.reduce((a, b) => a + b, 0);
  const clampAt = floorOfOutputs(d).map((f) => f - BELOW_FLOOR_DB);
  const row = new Map(test.map((i, n) => [i, n]));
  const mine = new Float32Array(near.held.length * G);
  const theirs = new Float32Array(near.held.length * G);
  near.held.forEach((i, n) => {
    mine.set(predicted.subarray(row.get(i)! * G, (row.get(i)! + 1) * G), n * G);
    const j = near.neighbour[n];
    for (let k = 0; k < G; k++) theirs[n * G + k] = Math.max(d.gainsDb[j * G + k], clampAt[k]);
  });
  return {
    radiusM,
    surrogate: evaluate(d, near.held, mine, kinds),
    nearestTraining: evaluate(d, near.held, theirs, kinds),
  };
}
