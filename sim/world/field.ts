/**
 * The true received power anywhere on the UE plane, per cell and SSB beam: the radio maps of the
 * cell's transmit points interpolated bilinearly (in dB), plus each point's shadowing. Built once
 * from the maps; lookups allocate nothing and write into caller buffers.
 */
import { dbToLinear } from "../../twin/antenna/pattern.js";
import { NO_PATH_DB, perSubcarrierDbm, type RadioMap } from "../../twin/radio-map/index.js";
import { Rng } from "../random.js";

export { NO_PATH_DB };

/** A correlated Gaussian field: unit normals on a lattice of `spacingM`, interpolated, variance kept. */
export class ShadowingField {
  private readonly values: Float32Array;
  private readonly cols: number;

  constructor(
    private readonly x0: number,
    private readonly y0: number,
    widthM: number,
    heightM: number,
    private readonly spacingM: number,
    private readonly sigmaDb: number,
    rng: Rng,
  ) {
    this.cols = Math.ceil(widthM / spacingM) + 2;
    const rows = Math.ceil(heightM / spacingM) + 2;
    this.values = new Float32Array(this.cols * rows);
    if (sigmaDb > 0) for (let i = 0; i < this.values.length; i++) this.values[i] = rng.normal();
  }

  at(x: number, y: number): number {
    if (this.sigmaDb === 0) return 0;
    const rows = this.values.length / this.cols;
    const u = clamp((x - this.x0) / this.spacingM, 0, this.cols - 1.000001);
    const v = clamp((y - this.y0) / this.spacingM, 0, rows - 1.000001);
    const i = Math.floor(u);
    const j = Math.floor(v);
    const fu = u - i;
    const fv = v - j;
    const w00 = (1 - fu) * (1 - fv);
    const w10 = fu * (1 - fv);
    const w01 = (1 - fu) * fv;
    const w11 = fu * fv;
    const k = j * this.cols + i;
    const f = this.values;
    const sum = w00 * f[k] + w10 * f[k + 1] + w01 * f[k + this.cols] + w11 * f[k + this.cols + 1];
    // interpolating shrinks the variance between lattice points: scale back to sigma everywhere
    return (this.sigmaDb * sum) / Math.sqrt(w00 * w00 + w10 * w10 + w01 * w01 + w11 * w11);
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * One transmit point: per grid point its beams' gains and their linear mean, in dB, side by side
 * (`stride` = beams + 1 numbers a point), so one lookup reads four short runs of memory.
 */
class PointField {
  readonly x0: number;
  readonly y0: number;
  readonly resM: number;
  readonly width: number;
  readonly height: number;
  readonly beams: number;
  readonly stride: number;
  /** grid x (beams, mean), dB; holes filled. */
  readonly gainDb: Float32Array;

  constructor(
    map: RadioMap,
    readonly powerPerReDbm: number,
    readonly shadowing: ShadowingField,
  ) {
    const { grid } = map.meta;
    this.x0 = grid.x0;
    this.y0 = grid.y0;
    this.resM = grid.resM;
    this.width = grid.width;
    this.height = grid.height;
    const n = grid.width * grid.height;
    this.beams = map.meta.cells[0].beams;
    this.stride = this.beams + 1;
    this.gainDb = new Float32Array(this.stride * n);
    const mean = new Float64Array(n);
    for (let b = 0; b < this.beams; b++) {
      const plane = fillHoles(map.beamGains(0, b), grid.width, grid.height);
      for (let k = 0; k < n; k++) {
        const g = plane[k];
        this.gainDb[k * this.stride + b] = g > 0 ? 10 * Math.log10(g) : NO_PATH_DB;
        mean[k] += g / this.beams;
      }
    }
    for (let k = 0; k < n; k++)
      this.gainDb[k * this.stride + this.beams] = mean[k] > 0 ? 10 * Math.log10(mean[k]) : NO_PATH_DB;
  }
}

/**
 * Grid cells inside buildings (NaN) take the largest gain of their evaluated neighbours, spreading
 * inwards pass by pass, so interpolation next to a wall reads outdoor values; what stays is 0 (no path).
 */
function fillHoles(source: Float32Array, width: number, height: number): Float32Array {
  const plane = Float32Array.from(source);
  for (let pass = 0; pass < 4; pass++) {
    let holes = 0;
    const before = Float32Array.from(plane);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const k = j * width + i;
        if (!Number.isNaN(before[k])) continue;
        let best = Number.NaN;
        for (let dj = -1; dj <= 1; dj++) {
          for (let di = -1; di <= 1; di++) {
            const [a, b] = [i + di, j + dj];
            if (a < 0 || b < 0 || a >= width || b >= height) continue;
            const g = before[b * width + a];
            if (!Number.isNaN(g) && !(g <= best)) best = g;
          }
        }
        plane[k] = best;
        if (Number.isNaN(best)) holes++;
      }
    }
    if (holes === 0) break;
  }
  for (let k = 0; k < plane.length; k++) if (Number.isNaN(plane[k])) plane[k] = 0;
  return plane;
}

export interface FieldCell {
  /** Indices of the cell's transmit points in the maps given to `RadioField`. */
  readonly points: readonly number[];
}

export interface FieldOptions {
  readonly bandwidthHz: number;
  readonly subcarrierSpacingHz: number;
  /** Each point's total transmit power (dBm), in map order. */
  readonly powersDbm: readonly number[];
  readonly shadowing: { readonly sigmaDb: number; readonly decorrelationM: number };
  readonly seed: number;
}

export class RadioField {
  private readonly points: PointField[];
  private readonly cellPoints: (readonly number[])[];
  /** SSB beams per cell: the beams of its points, in point order. */
  readonly beamCount: Int32Array;

  constructor(maps: readonly RadioMap[], cells: readonly FieldCell[], options: FieldOptions) {
    this.points = maps.map((map, p) => {
      const { grid } = map.meta;
      const shadowing = new ShadowingField(
        grid.x0,
        grid.y0,
        grid.width * grid.resM,
        grid.height * grid.resM,
        options.shadowing.decorrelationM,
        options.shadowing.sigmaDb,
        new Rng(options.seed, `shadowing/${p}`),
      );
      const power = perSubcarrierDbm(options.powersDbm[p], options.bandwidthHz, options.subcarrierSpacingHz);
      return new PointField(map, power, shadowing);
    });
    this.cellPoints = cells.map((c) => c.points);
    this.beamCount = Int32Array.from(cells, (c) => c.points.reduce((n, p) => n + this.points[p].beams, 0));
  }

  get cellCount(): number {
    return this.cellPoints.length;
  }

  get maxBeams(): number {
    return Math.max(...this.beamCount);
  }

  /**
   * The true mean received power per resource element of each SSB beam of `cell` at (x, y), dBm
   * (shadowing included, fast fading not), into `out` from `at`. Returns the mean over the beams, in
   * mW per resource element: what the cell's data transmissions, spread over its beams, deliver there.
   */
  measure(cell: number, x: number, y: number, out: Float64Array, at = 0): number {
    let o = at;
    let sum = 0;
    let beams = 0;
    for (const p of this.cellPoints[cell]) {
      const f = this.points[p];
      const s = sampler(f, x, y);
      beams += f.beams;
      if (s.outside) {
        for (let b = 0; b < f.beams; b++) out[o++] = NO_PATH_DB;
        continue;
      }
      const base = f.powerPerReDbm + f.shadowing.at(x, y);
      const g = f.gainDb;
      const { w00, w10, w01, w11 } = s;
      const k00 = s.k * f.stride;
      const k10 = (s.k + s.di) * f.stride;
      const k01 = (s.k + s.dj) * f.stride;
      const k11 = (s.k + s.di + s.dj) * f.stride;
      for (let b = 0; b <= f.beams; b++) {
        const db = base + w00 * g[k00 + b] + w10 * g[k10 + b] + w01 * g[k01 + b] + w11 * g[k11 + b];
        if (b < f.beams) out[o++] = db;
        // each point's mean weighted by its beams: the cell's beams are used evenly
        else sum += f.beams * dbToLinear(db);
      }
    }
    return sum / beams;
  }
}

/** Bilinear weights and corner offsets of (x, y) on a point's grid (cell centres), clamped to it. */
interface Sample {
  /** (x, y) lies off the map: no path. */
  outside: boolean;
  k: number;
  di: number;
  dj: number;
  w00: number;
  w10: number;
  w01: number;
  w11: number;
}
const sample: Sample = { outside: false, k: 0, di: 0, dj: 0, w00: 0, w10: 0, w01: 0, w11: 0 };

function sampler(f: PointField, x: number, y: number): Sample {
  const [ex, ey] = [x - f.x0, y - f.y0];
  sample.outside = ex < 0 || ey < 0 || ex > f.width * f.resM || ey > f.height * f.resM;
  const u = clamp((x - f.x0) / f.resM - 0.5, 0, f.width - 1);
  const v = clamp((y - f.y0) / f.resM - 0.5, 0, f.height - 1);
  const i = Math.min(Math.floor(u), f.width - 2 < 0 ? 0 : f.width - 2);
  const j = Math.min(Math.floor(v), f.height - 2 < 0 ? 0 : f.height - 2);
  const fu = f.width > 1 ? u - i : 0;
  const fv = f.height > 1 ? v - j : 0;
  sample.k = j * f.width + i;
  sample.di = f.width > 1 ? 1 : 0;
  sample.dj = f.height > 1 ? f.width : 0;
  sample.w00 = (1 - fu) * (1 - fv);
  sample.w10 = fu * (1 - fv);
  sample.w01 = (1 - fu) * fv;
  sample.w11 = fu * fv;
  return sample;
}
