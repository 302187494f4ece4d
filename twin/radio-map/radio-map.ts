/**
 * A radio map: per cell and per beam, the linear path gain (including the cell's beam gain and
 * polarisation) over a grid at one height, and what derives from it: RSRP, best beam, best cell and
 * SINR. Gains are 0 where no path was found and NaN inside buildings (not evaluated).
 */
import type { MapGrid } from "./footprint.js";

export interface RadioMapCell {
  readonly id: string;
  readonly position: readonly [number, number, number];
  readonly powerDbm: number;
  readonly beams: number;
}

export interface RadioMapMeta {
  readonly grid: MapGrid;
  readonly heightM: number;
  readonly frequencyHz: number;
  /** Carrier bandwidth and subcarrier spacing: a cell's power is spread evenly over the subcarriers. */
  readonly bandwidthHz: number;
  readonly subcarrierSpacingHz: number;
  readonly noiseFigureDb: number;
  readonly cells: readonly RadioMapCell[];
  /** How it was computed (reflection order, diffraction, rays), for the record. */
  readonly solver: Record<string, unknown>;
}

/** The gain in dB given where no path arrives: far below any noise floor. */
export const NO_PATH_DB = -250;

/** Thermal noise density at 290 K, dBm/Hz. */
const THERMAL_NOISE_DBM_PER_HZ = -174;

/** Power per subcarrier of a transmit power spread evenly over the carrier, dBm. */
export function perSubcarrierDbm(powerDbm: number, bandwidthHz: number, subcarrierSpacingHz: number): number {
  return powerDbm - 10 * Math.log10(bandwidthHz / subcarrierSpacingHz);
}

/** Thermal noise per subcarrier at a receiver of noise figure `noiseFigureDb`, dBm. */
export function noisePerSubcarrierDbm(subcarrierSpacingHz: number, noiseFigureDb: number): number {
  return THERMAL_NOISE_DBM_PER_HZ + 10 * Math.log10(subcarrierSpacingHz) + noiseFigureDb;
}

export class RadioMap {
  readonly cellCount: number;
  /** Offsets of each cell's block in `gains`. */
  private readonly offsets: number[];

  /** `gains`: cell-major, then beam, then grid cell (row-major, row 0 south). */
  constructor(
    readonly meta: RadioMapMeta,
    readonly gains: Float32Array,
  ) {
    this.cellCount = meta.grid.width * meta.grid.height;
    this.offsets = [];
    let at = 0;
    for (const c of meta.cells) {
      this.offsets.push(at);
      at += c.beams * this.cellCount;
    }
    if (gains.length !== at) throw new RangeError(`radio map holds ${gains.length} gains, its cells need ${at}`);
  }

  /** The gains of one cell's beam over the grid (a view). */
  beamGains(cell: number, beam: number): Float32Array {
    const start = this.offsets[cell] + beam * this.cellCount;
    return this.gains.subarray(start, start + this.cellCount);
  }

  /** Received power per subcarrier for a transmit power of `powerDbm` over the carrier, dBm. */
  private perSubcarrierDbm(powerDbm: number): number {
    return perSubcarrierDbm(powerDbm, this.meta.bandwidthHz, this.meta.subcarrierSpacingHz);
  }

  /** Noise per subcarrier, dBm. */
  get noiseDbm(): number {
    return noisePerSubcarrierDbm(this.meta.subcarrierSpacingHz, this.meta.noiseFigureDb);
  }

  /** Per grid cell: the best beam of `cell` (-1: no path) and its gain. */
  bestBeam(cell: number): { beam: Int16Array; gain: Float32Array } {
    const n = this.cellCount;
    const beam = new Int16Array(n).fill(-1);
    const gain = new Float32Array(n);
    for (let b = 0; b < this.meta.cells[cell].beams; b++) {
      const g = this.beamGains(cell, b);
      for (let k = 0; k < n; k++) {
        if (Number.isNaN(g[k])) gain[k] = Number.NaN;
        else if (g[k] > gain[k]) {
          gain[k] = g[k];
          beam[k] = b;
        }
      }
    }
    return { beam, gain };
  }

  /** RSRP of each cell's best beam, dBm (-Infinity: no path, NaN: inside a building). */
  rsrpDbm(cell: number): Float32Array {
    const { gain } = this.bestBeam(cell);
    const base = this.perSubcarrierDbm(this.meta.cells[cell].powerDbm);
    return gain.map((g) => base + 10 * Math.log10(g));
  }

  /**
   * Per grid cell: the serving cell (strongest best-beam RSRP; -1 none), its RSRP, and the SINR against
   * the other cells at full load (each interfering with its beams' mean power) and thermal noise.
   */
  serving(): { cell: Int16Array; rsrpDbm: Float32Array; sinrDb: Float32Array } {
    const n = this.cellCount;
    const best = new Int16Array(n).fill(-1);
    const rsrp = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
    const signal = new Float64Array(n);
    const interference = new Float64Array(n);
    const total = new Float64Array(n);
    this.meta.cells.forEach((c, ci) => {
      const scale = 10 ** (this.perSubcarrierDbm(c.powerDbm) / 10);
      const { gain } = this.bestBeam(ci);
      for (let k = 0; k < n; k++) {
        if (Number.isNaN(gain[k])) {
          rsrp[k] = Number.NaN;
          continue;
        }
        const p = gain[k] * scale;
        if (p > signal[k]) {
          signal[k] = p;
          best[k] = ci;
          rsrp[k] = 10 * Math.log10(p);
        }
      }
      for (let b = 0; b < c.beams; b++) {
        const g = this.beamGains(ci, b);
        for (let k = 0; k < n; k++) total[k] += (g[k] * scale) / c.beams;
      }
    });
    const noise = 10 ** (this.noiseDbm / 10);
    const sinr = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      if (Number.isNaN(rsrp[k])) {
        sinr[k] = Number.NaN;
        continue;
      }
      // the serving cell's own mean beam power is not interference
      const own = best[k] < 0 ? 0 : this.meanBeamPower(best[k], k);
      interference[k] = Math.max(0, total[k] - own);
      sinr[k] = 10 * Math.log10(signal[k] / (interference[k] + noise));
    }
    return { cell: best, rsrpDbm: rsrp, sinrDb: sinr };
  }

  private meanBeamPower(cell: number, k: number): number {
    const c = this.meta.cells[cell];
    const scale = 10 ** (this.perSubcarrierDbm(c.powerDbm) / 10);
    let sum = 0;
    for (let b = 0; b < c.beams; b++) sum += this.beamGains(cell, b)[k];
    return (sum * scale) / c.beams;
  }
}
