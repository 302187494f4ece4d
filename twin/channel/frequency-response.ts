/**
 * Channel synthesis from paths: the frequency response of every transmit element to an isotropic
 * receiver, vertically (theta) or horizontally (phi) polarised, over a set of subcarriers (what CSI is
 * computed from), and from it the beamformed response and power of each beam of the cell's codebook.
 *
 *   H_e(df) = sum over paths p of c_p s_pe exp(-j 2 pi df tau_p)
 *
 * with c_p = T_p[r<-theta] F_theta + T_p[r<-phi] F_phi (r the receive polarisation; the path's transfer matrix and the
 * element field towards its departure, element gain included; the carrier phase is in T_p), s_pe the
 * element's steering phasor towards the departure and df the subcarrier's offset from the carrier.
 */
import { type Cell, cellSteeringVector, polarizedField } from "../antenna/cell.js";
import type { Path } from "../paths/paths.js";
import { fromAzEl } from "../paths/vec.js";

export interface FrequencyResponse {
  readonly elements: number;
  readonly subcarriers: number;
  /** [element][subcarrier] complex, interleaved re/im: `h[2 * (e * subcarriers + k)]`. */
  readonly h: Float64Array;
}

/** Offsets from the carrier of `count` subcarriers `spacingHz` apart, centred on it. */
export function subcarrierOffsets(count: number, spacingHz: number): Float64Array {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`subcarrier count ${count} is not a positive whole number`);
  return Float64Array.from({ length: count }, (_, k) => (k - (count - 1) / 2) * spacingHz);
}

export function frequencyResponse(
  paths: readonly Path[],
  cell: Cell,
  offsetsHz: Float64Array,
  receive: "theta" | "phi" = "theta",
): FrequencyResponse {
  // the transfer matrix row of the receive polarisation: (theta <- theta, theta <- phi) or (phi <- ...)
  const row = receive === "theta" ? 0 : 4;
  const elements = cell.array.elementCount;
  const n = offsetsHz.length;
  const h = new Float64Array(2 * elements * n);
  const steering = new Float64Array(2 * elements);
  const field = new Float64Array(2);
  const dir = new Float64Array(3);
  for (const p of paths) {
    dir.set(fromAzEl(p.aod[0], p.aod[1]));
    polarizedField(cell, dir, field);
    cellSteeringVector(cell, dir, steering);
    const t = p.transfer;
    const cRe = t[row] * field[0] + t[row + 2] * field[1];
    const cIm = t[row + 1] * field[0] + t[row + 3] * field[1];
    for (let k = 0; k < n; k++) {
      const angle = -2 * Math.PI * offsetsHz[k] * p.delayS;
      // the path's coefficient at this subcarrier
      const aRe = cRe * Math.cos(angle) - cIm * Math.sin(angle);
      const aIm = cRe * Math.sin(angle) + cIm * Math.cos(angle);
      for (let e = 0; e < elements; e++) {
        const sRe = steering[2 * e];
        const sIm = steering[2 * e + 1];
        const at = 2 * (e * n + k);
        h[at] += aRe * sRe - aIm * sIm;
        h[at + 1] += aRe * sIm + aIm * sRe;
      }
    }
  }
  return { elements, subcarriers: n, h };
}

/**
 * Each beam's received power averaged over the subcarriers: mean_k |sum_e conj(w_be) H_e(k)|^2 (the
 * codebook's weights are combiners w; transmitting, the precoder is their conjugate).
 */
export function beamPowers(response: FrequencyResponse, cell: Cell): Float64Array {
  const { weights, beamCount } = cell.codebook;
  const { elements, subcarriers, h } = response;
  const out = new Float64Array(beamCount);
  for (let b = 0; b < beamCount; b++) {
    let sum = 0;
    for (let k = 0; k < subcarriers; k++) {
      let re = 0;
      let im = 0;
      for (let e = 0; e < elements; e++) {
        const wRe = weights[2 * (b * elements + e)];
        const wIm = -weights[2 * (b * elements + e) + 1];
        const at = 2 * (e * subcarriers + k);
        re += wRe * h[at] - wIm * h[at + 1];
        im += wRe * h[at + 1] + wIm * h[at];
      }
      sum += re * re + im * im;
    }
    out[b] = sum / subcarriers;
  }
  return out;
}

/** Wideband path gain between isotropic vertically polarised antennas: the power sum of the paths. */
export function widebandPathGain(paths: readonly Path[]): number {
  let sum = 0;
  for (const p of paths) sum += p.transfer[0] ** 2 + p.transfer[1] ** 2;
  return sum;
}
