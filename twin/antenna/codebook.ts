/**
 * Beam codebooks: beams x elements complex weight matrices, unit-norm per beam, beam-major and interleaved
 * (weight (b, e) at re 2 (b E + e), im 2 (b E + e) + 1, E elements). The gain of beam b towards direction d
 * is |w_b^H a(d)|^2 x element power gain (a: the array's steering vector), so a beam steered at d0 has
 * w = a(d0) / sqrt(E): it is a receive combiner, and its transmit precoder is conj(w). Pointing directions
 * are kept per beam in the panel frame (NaN where a DFT beam has no visible main lobe).
 *
 * DFT and steered beams on a planar array are separable, w_b = rowFactor_b (x) colFactor_b, as is the
 * steering vector; their codebooks keep the factors, and gains are computed from them:
 * |w^H a|^2 = |r^H a_row|^2 |c^H a_col|^2, rows + cols products per beam instead of rows x cols.
 */

import type { PlanarArray } from "./array.js";
import { innerProductPower, kroneckerInto, walkPhasors } from "./complex.js";
import { azimuthOf, DEG_PER_RAD, elevationOf, RAD_PER_DEG } from "./direction.js";
import { COL_FACTOR_SLOT, ROW_FACTOR_SLOT, STEERING_SLOT, scratch } from "./scratch.js";

/** A separable codebook's factors: weight (b, row, col) = row[b, row] x col[b, col], each unit-norm. */
export interface CodebookFactors {
  readonly rows: number;
  readonly cols: number;
  /** beamCount x rows complex, interleaved, beam-major. */
  readonly row: Float64Array;
  /** beamCount x cols complex, interleaved, beam-major. */
  readonly col: Float64Array;
}

interface CodebookData {
  readonly beamCount: number;
  readonly elementCount: number;
  /** beamCount x elementCount complex weights, interleaved re/im, beam-major. */
  readonly weights: Float64Array;
  /** The Kronecker factors of the weights, or null when the beams are not separable. */
  readonly factors: CodebookFactors | null;
  /** Main-lobe direction of each beam in the panel frame, radians. */
  readonly pointingAzimuthRad: Float64Array;
  readonly pointingElevationRad: Float64Array;
}

/** A 38.214 Type I style 2-D DFT grid: beam b = m * (n1 o1) + l, l horizontal, m vertical. */
export interface DftCodebook extends CodebookData {
  readonly kind: "dft";
  /** N1 (columns) and N2 (rows), O1 and O2 (oversampling). */
  readonly n1: number;
  readonly n2: number;
  readonly o1: number;
  readonly o2: number;
}

/** Beams steered at given directions (an SSB beam set). */
export interface SteeredCodebook extends CodebookData {
  readonly kind: "steered";
}

/** Weights supplied by the caller (normalised per beam); pointing directions unknown (NaN). */
export interface CustomCodebook extends CodebookData {
  readonly kind: "custom";
}

export type Codebook = DftCodebook | SteeredCodebook | CustomCodebook;

/** A beam's pointing direction as configs give it, in the panel frame. */
export interface BeamDirection {
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
}

/** Divides each beam's `length` complex weights by their norm (zero beams are refused). */
function normalizeBeams(weights: Float64Array, beamCount: number, length: number): void {
  const stride = 2 * length;
  for (let b = 0; b < beamCount; b++) {
    let energy = 0;
    for (let i = b * stride; i < (b + 1) * stride; i++) energy += weights[i] * weights[i];
    if (!(energy > 0 && Number.isFinite(energy))) throw new RangeError(`beam ${b} has zero or non-finite weights`);
    const scale = 1 / Math.sqrt(energy);
    for (let i = b * stride; i < (b + 1) * stride; i++) weights[i] *= scale;
  }
}

/** Normalises the factors and expands them into the full weight matrix. */
function separableWeights(factors: CodebookFactors, beamCount: number): Float64Array {
  const { rows, cols, row, col } = factors;
  normalizeBeams(row, beamCount, rows);
  normalizeBeams(col, beamCount, cols);
  const weights = new Float64Array(2 * beamCount * rows * cols);
  for (let b = 0; b < beamCount; b++) {
    kroneckerInto(row.subarray(2 * b * rows), rows, col.subarray(2 * b * cols), cols, weights, b * rows * cols);
  }
  return weights;
}

/** Wraps x into [-0.5, 0.5): DFT phase progressions are periodic in one full turn. */
const wrapHalf = (x: number): number => x - Math.floor(x + 0.5);

/**
 * A 2-D DFT grid codebook as in 38.214 Type I single panel: N1 = cols, N2 = rows, beam (l, m) with weight
 * exp(j 2 pi (l col / (N1 O1) + m row / (N2 O2))) / sqrt(N) on element (row, col) (our element order,
 * not 38.214's port order). O1 = O2 = 1 gives an orthonormal basis. Defaults: O1 = 4 (1 for one column),
 * O2 = 4 (1 for one row), as 38.214 uses O2 = 1 when N2 = 1.
 */
export function dftCodebook(
  array: PlanarArray,
  options: { readonly o1?: number; readonly o2?: number } = {},
): DftCodebook {
  const n1 = array.cols;
  const n2 = array.rows;
  const o1 = options.o1 ?? (n1 > 1 ? 4 : 1);
  const o2 = options.o2 ?? (n2 > 1 ? 4 : 1);
  if (!Number.isInteger(o1) || o1 < 1 || !Number.isInteger(o2) || o2 < 1) {
    throw new RangeError(`DFT oversampling factors must be positive integers, got O1 ${o1}, O2 ${o2}`);
  }
  const gridH = n1 * o1;
  const gridV = n2 * o2;
  const beamCount = gridH * gridV;
  const factors = {
    rows: n2,
    cols: n1,
    row: new Float64Array(2 * beamCount * n2),
    col: new Float64Array(2 * beamCount * n1),
  };
  const pointingAzimuthRad = new Float64Array(beamCount);
  const pointingElevationRad = new Float64Array(beamCount);
  for (let m = 0; m < gridV; m++) {
    for (let l = 0; l < gridH; l++) {
      const b = m * gridH + l;
      walkPhasors(0, (2 * Math.PI * m) / gridV, n2, factors.row, b * n2);
      walkPhasors(0, (2 * Math.PI * l) / gridH, n1, factors.col, b * n1);
      // the steering vector advances 2 pi spacingH y per column and -2 pi spacingV z per row: match the weights
      const y = n1 > 1 ? wrapHalf(l / gridH) / array.spacingH : 0;
      const z = n2 > 1 ? -wrapHalf(m / gridV) / array.spacingV : 0;
      const xSquared = 1 - y * y - z * z;
      pointingAzimuthRad[b] = xSquared >= 0 ? azimuthOf(Math.sqrt(xSquared), y) : Number.NaN;
      pointingElevationRad[b] = xSquared >= 0 ? elevationOf(Math.sqrt(xSquared), y, z) : Number.NaN;
    }
  }
  const weights = separableWeights(factors, beamCount);
  const elementCount = array.elementCount;
  return {
    kind: "dft",
    n1,
    n2,
    o1,
    o2,
    beamCount,
    elementCount,
    weights,
    factors,
    pointingAzimuthRad,
    pointingElevationRad,
  };
}

/** Beams steered at the given panel-frame directions: w_b = a(d_b) / sqrt(E). */
export function steeredCodebook(array: PlanarArray, directions: readonly BeamDirection[]): SteeredCodebook {
  if (directions.length === 0) throw new RangeError("a steered codebook needs at least one beam direction");
  const { rows, cols, elementCount } = array;
  const beamCount = directions.length;
  const factors = {
    rows,
    cols,
    row: new Float64Array(2 * beamCount * rows),
    col: new Float64Array(2 * beamCount * cols),
  };
  const pointingAzimuthRad = new Float64Array(beamCount);
  const pointingElevationRad = new Float64Array(beamCount);
  directions.forEach((direction, b) => {
    const azimuthRad = direction.azimuthDeg * RAD_PER_DEG;
    const elevationRad = direction.elevationDeg * RAD_PER_DEG;
    pointingAzimuthRad[b] = azimuthRad;
    pointingElevationRad[b] = elevationRad;
    array.steeringFactorsTowards(
      Math.cos(elevationRad) * Math.sin(azimuthRad),
      Math.sin(elevationRad),
      factors.row.subarray(2 * b * rows),
      factors.col.subarray(2 * b * cols),
    );
  });
  const weights = separableWeights(factors, beamCount);
  return { kind: "steered", beamCount, elementCount, weights, factors, pointingAzimuthRad, pointingElevationRad };
}

/** A codebook from caller-supplied weights (beam-major, interleaved); copies them and normalises each beam. */
export function customCodebook(weights: Float64Array, elementCount: number): CustomCodebook {
  const beamCount = weights.length / (2 * elementCount);
  if (!Number.isInteger(beamCount) || beamCount < 1) {
    throw new RangeError(`${weights.length} numbers are not whole beams of ${elementCount} complex weights`);
  }
  const copy = weights.slice();
  normalizeBeams(copy, beamCount, elementCount);
  const unknown = new Float64Array(beamCount).fill(Number.NaN);
  return {
    kind: "custom",
    beamCount,
    elementCount,
    weights: copy,
    factors: null,
    pointingAzimuthRad: unknown,
    pointingElevationRad: unknown.slice(),
  };
}

export interface SsbBeamsOptions {
  /** Beams per elevation. */
  readonly count: number;
  /** Total azimuth span, degrees, centred on boresight (e.g. 120 for +-60). */
  readonly azimuthSpanDeg: number;
  /** One row of beams per elevation, degrees in the panel frame (default [0]). */
  readonly elevationsDeg?: readonly number[];
}

/**
 * A common SSB beam set: `count` beams per elevation at the centres of equal azimuth slices of the span
 * (8 beams over 120 deg point at -52.5, -37.5, ..., 52.5), elevation rows in the given order.
 */
export function ssbBeams(options: SsbBeamsOptions): BeamDirection[] {
  const { count, azimuthSpanDeg, elevationsDeg = [0] } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`SSB beam count must be a positive integer, got ${count}`);
  const sliceDeg = azimuthSpanDeg / count;
  return elevationsDeg.flatMap((elevationDeg) =>
    Array.from({ length: count }, (_, i) => ({ azimuthDeg: -azimuthSpanDeg / 2 + (i + 0.5) * sliceDeg, elevationDeg })),
  );
}

/**
 * Every beam's linear power gain |w_b^H a|^2 x elementGain from a full steering vector `a`, into `out`.
 * Works for any codebook; `beamGainsTowards` is faster for separable ones.
 */
export function beamGainsFromSteering(
  codebook: Codebook,
  steering: Float64Array,
  elementGain: number,
  out: Float64Array,
): Float64Array {
  const { weights, elementCount } = codebook;
  for (let b = 0; b < codebook.beamCount; b++) {
    out[b] = innerProductPower(weights, b * elementCount, steering, elementCount) * elementGain;
  }
  return out;
}

/** |w_b^H a|^2 of a separable beam from the steering factors. */
function separableArrayGain(
  factors: CodebookFactors,
  beam: number,
  rowSteering: Float64Array,
  colSteering: Float64Array,
): number {
  const { rows, cols } = factors;
  return (
    innerProductPower(factors.row, beam * rows, rowSteering, rows) *
    innerProductPower(factors.col, beam * cols, colSteering, cols)
  );
}

/** Beams [from, to) towards a panel-frame direction's (y, z), times elementGain, into out[0 .. to - from). */
function gainsOfBeams(
  array: PlanarArray,
  codebook: Codebook,
  y: number,
  z: number,
  elementGain: number,
  out: Float64Array,
  from: number,
  to: number,
): Float64Array {
  const { factors, elementCount } = codebook;
  if (factors === null) {
    const steering = array.steeringVectorTowards(y, z, scratch(STEERING_SLOT, 2 * elementCount));
    for (let b = from; b < to; b++) {
      out[b - from] = innerProductPower(codebook.weights, b * elementCount, steering, elementCount) * elementGain;
    }
    return out;
  }
  const rowSteering = scratch(ROW_FACTOR_SLOT, 2 * array.rows);
  const colSteering = scratch(COL_FACTOR_SLOT, 2 * array.cols);
  array.steeringFactorsTowards(y, z, rowSteering, colSteering);
  for (let b = from; b < to; b++) {
    out[b - from] = separableArrayGain(factors, b, rowSteering, colSteering) * elementGain;
  }
  return out;
}

/**
 * Every beam's linear power gain towards a panel-frame unit direction given by its y and z components,
 * times `elementGain`, into `out`. The radio map's inner loop: allocation-free.
 */
export function beamGainsTowards(
  array: PlanarArray,
  codebook: Codebook,
  y: number,
  z: number,
  elementGain: number,
  out: Float64Array,
): Float64Array {
  return gainsOfBeams(array, codebook, y, z, elementGain, out, 0, codebook.beamCount);
}

/** Every beam's linear power gain towards (azimuth, elevation) in the panel frame; allocates `out` unless given. */
export function panelBeamGains(
  array: PlanarArray,
  codebook: Codebook,
  azimuthRad: number,
  elevationRad: number,
  out: Float64Array = new Float64Array(codebook.beamCount),
): Float64Array {
  const y = Math.cos(elevationRad) * Math.sin(azimuthRad);
  const z = Math.sin(elevationRad);
  return beamGainsTowards(array, codebook, y, z, array.pattern.powerGain(azimuthRad, elevationRad), out);
}

const oneGain = new Float64Array(1);

/** One beam's linear power gain towards (azimuth, elevation) in the panel frame (for searches and plots). */
export function beamGain(
  array: PlanarArray,
  codebook: Codebook,
  beam: number,
  azimuthRad: number,
  elevationRad: number,
): number {
  const y = Math.cos(elevationRad) * Math.sin(azimuthRad);
  const z = Math.sin(elevationRad);
  const elementGain = array.pattern.powerGain(azimuthRad, elevationRad);
  return gainsOfBeams(array, codebook, y, z, elementGain, oneGain, beam, beam + 1)[0];
}

/** Pointing directions in degrees, for display and configs. */
export function pointingDirectionsDeg(codebook: Codebook): BeamDirection[] {
  return Array.from({ length: codebook.beamCount }, (_, b) => ({
    azimuthDeg: codebook.pointingAzimuthRad[b] * DEG_PER_RAD,
    elevationDeg: codebook.pointingElevationRad[b] * DEG_PER_RAD,
  }));
}
