/**
 * Uniform planar (and linear) antenna arrays. The panel frame: the panel faces +x, columns run along +y,
 * rows along z with row 0 at the top. Element e = row * cols + col. Positions are in wavelengths, centred
 * on the panel origin (the cell's position), so a steering vector's phase reference is the array centre.
 *
 * Steering vector: a_e(d) = exp(+j 2 pi p_e . d) for a unit direction d in the panel frame and p_e in
 * wavelengths (elements nearer the far-field point lead in phase). Complex vectors are interleaved
 * Float64Arrays: re at 2e, im at 2e + 1. The narrowband model: positions are scaled by the carrier's
 * wavelength, not per subcarrier.
 */

import { kroneckerInto, walkPhasors } from "./complex.js";
import {
  type ElementPattern,
  type ElementPatternName,
  type Polarization,
  resolvePattern,
  slantRadOf,
} from "./pattern.js";
import { COL_FACTOR_SLOT, ROW_FACTOR_SLOT, scratch } from "./scratch.js";

const TWO_PI = 2 * Math.PI;
const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

export interface PlanarArrayOptions {
  readonly rows: number;
  readonly cols: number;
  /** Distance between rows, in wavelengths (default 0.5). */
  readonly spacingV?: number;
  /** Distance between columns, in wavelengths (default 0.5). */
  readonly spacingH?: number;
  readonly pattern: ElementPattern | ElementPatternName;
  /** Default "V". */
  readonly polarization?: Polarization;
}

export class PlanarArray {
  readonly rows: number;
  readonly cols: number;
  /** Row spacing, wavelengths. */
  readonly spacingV: number;
  /** Column spacing, wavelengths. */
  readonly spacingH: number;
  readonly pattern: ElementPattern;
  readonly polarization: Polarization;
  /** 38.901 model-2 slant angle zeta of every element, radians. */
  readonly slantRad: number;
  readonly elementCount: number;
  /** x, y, z per element in the panel frame, wavelengths. */
  readonly positionsWavelengths: Float64Array;

  constructor(options: PlanarArrayOptions) {
    const { rows, cols, spacingV = 0.5, spacingH = 0.5, polarization = "V" } = options;
    if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
      throw new RangeError(`array rows and cols must be positive integers, got ${rows} x ${cols}`);
    }
    if (!(spacingV > 0) || !(spacingH > 0)) {
      throw new RangeError(`array spacings must be positive wavelengths, got V ${spacingV}, H ${spacingH}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.spacingV = spacingV;
    this.spacingH = spacingH;
    this.pattern = resolvePattern(options.pattern);
    this.polarization = polarization;
    this.slantRad = slantRadOf(polarization);
    this.elementCount = rows * cols;
    this.positionsWavelengths = new Float64Array(3 * this.elementCount);
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        const e = row * cols + col;
        this.positionsWavelengths[3 * e + 1] = this.colOffset(col);
        this.positionsWavelengths[3 * e + 2] = this.rowOffset(row);
      }
    }
  }

  /** y of column `col` relative to the centre, wavelengths. */
  private colOffset(col: number): number {
    return (col - (this.cols - 1) / 2) * this.spacingH;
  }

  /** z of row `row` relative to the centre, wavelengths (row 0 on top). */
  private rowOffset(row: number): number {
    return ((this.rows - 1) / 2 - row) * this.spacingV;
  }

  /** Element positions in metres at a carrier frequency (x, y, z per element, panel frame). */
  positionsM(frequencyHz: number): Float64Array {
    const wavelengthM = SPEED_OF_LIGHT_M_PER_S / frequencyHz;
    return this.positionsWavelengths.map((p) => p * wavelengthM);
  }

  /**
   * The steering vector's row and column factors for a unit direction (x, y, z) in the panel frame:
   * a[row * cols + col] = rowFactors[row] x colFactors[col], with rowFactors[row] = exp(j 2 pi z_row z) and
   * colFactors[col] = exp(j 2 pi y_col y). Separable beams need only these (rows + cols numbers, not
   * rows x cols). Allocation-free; x does not enter (the panel is flat in yz).
   */
  steeringFactorsTowards(y: number, z: number, rowFactors: Float64Array, colFactors: Float64Array): void {
    // rows go down (z falls by spacingV per row), columns go along +y
    walkPhasors(TWO_PI * this.rowOffset(0) * z, -TWO_PI * this.spacingV * z, this.rows, rowFactors);
    walkPhasors(TWO_PI * this.colOffset(0) * y, TWO_PI * this.spacingH * y, this.cols, colFactors);
  }

  /**
   * Steering vector for a unit direction (x, y, z) in the panel frame, written into `out` (2 numbers per
   * element): the Kronecker product of the factors, so four sin/cos pairs in all. Allocation-free.
   */
  steeringVectorTowards(y: number, z: number, out: Float64Array): Float64Array {
    const rowFactors = scratch(ROW_FACTOR_SLOT, 2 * this.rows);
    const colFactors = scratch(COL_FACTOR_SLOT, 2 * this.cols);
    this.steeringFactorsTowards(y, z, rowFactors, colFactors);
    kroneckerInto(rowFactors, this.rows, colFactors, this.cols, out);
    return out;
  }

  /** Steering vector towards (azimuth, elevation) in the panel frame; allocates `out` unless given. */
  steeringVector(
    azimuthRad: number,
    elevationRad: number,
    out: Float64Array = new Float64Array(2 * this.elementCount),
  ): Float64Array {
    return this.steeringVectorTowards(Math.cos(elevationRad) * Math.sin(azimuthRad), Math.sin(elevationRad), out);
  }

  /**
   * Array response: per-element complex field amplitude, sqrt(element power gain) x steering vector,
   * for a direction in the panel frame (elements face the panel's +x, so element and panel frames agree).
   */
  response(
    azimuthRad: number,
    elevationRad: number,
    out: Float64Array = new Float64Array(2 * this.elementCount),
  ): Float64Array {
    this.steeringVector(azimuthRad, elevationRad, out);
    const amplitude = Math.sqrt(this.pattern.powerGain(azimuthRad, elevationRad));
    for (let i = 0; i < 2 * this.elementCount; i++) out[i] *= amplitude;
    return out;
  }
}

export interface LinearArrayOptions {
  readonly count: number;
  /** Element spacing, wavelengths (default 0.5). */
  readonly spacing?: number;
  /** Along the panel's y (a row, default) or z (a column). */
  readonly axis?: "horizontal" | "vertical";
  readonly pattern: ElementPattern | ElementPatternName;
  readonly polarization?: Polarization;
}

/** A uniform linear array: a planar array of one row (horizontal) or one column (vertical). */
export class LinearArray extends PlanarArray {
  constructor(options: LinearArrayOptions) {
    const { count, spacing = 0.5, axis = "horizontal", pattern, polarization } = options;
    const horizontal = axis === "horizontal";
    super({
      rows: horizontal ? 1 : count,
      cols: horizontal ? count : 1,
      spacingH: spacing,
      spacingV: spacing,
      pattern,
      ...(polarization ? { polarization } : {}),
    });
  }
}
