/**
 * How close the surrogate comes to the tracer on held-out positions: error statistics in dB over every
 * (point, beam) gain above its noise floor, apart for line of sight and not, and the best-beam
 * agreement per (position, point) (top-1: the same beam; top-3: the tracer's best among the
 * surrogate's three best).
 */
import type { Dataset } from "../dataset/dataset.js";

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
    p95AbsErrorDb: abs[Math.max(0, Math.ceil(0.95 * n) - 1)], // nearest rank
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
  };
}
