/**
 * Type I single-panel CSI (TS 38.214 5.2.2.2.1), as a UE computes it from the channel it measures on
 * the CSI-RS: the precoder (PMI), rank (RI) and wideband CQI that carry the most, and the SINR any
 * precoder achieves on that channel (what a precoder control from the RIC changes).
 *
 * Ports: P = 2 N1 N2, the first half one polarisation, the second the other; port n1 * N2 + n2 within
 * a half. The DFT beam v(l, m) has N1 O1 x N2 O2 positions (i11 = l, i12 = m).
 * - Rank 1: W = [v; phi_n v] / sqrt(P), phi_n = j^n, i2 = n (0..3).
 * - Rank 2: W = [[v, v'], [phi_n v, -phi_n v']] / sqrt(2P), v' the beam (l + k1, m + k2) with (k1, k2)
 *   chosen by i13 among four orthogonal offsets (one or two beam widths apart), i2 = n (0..1).
 * The UE picks the (rank, PMI) of the highest sum rate over the subbands with an MMSE receiver; CQI
 * is that of the layers' effective SINR (the SINR whose rate is the mean rate, per layer).
 *
 * Channels are complex, interleaved: `h[k]` per subband, rx-major, `h[k][2 * (r * P + p)]`.
 */
import type { CqiTable } from "./link.js";

export interface CsiPorts {
  readonly n1: number;
  readonly n2: number;
  readonly o1: number;
  readonly o2: number;
  readonly maxRank: 1 | 2;
}

export interface Pmi {
  readonly i11: number;
  readonly i12: number;
  /** Only for rank 2. */
  readonly i13?: number;
  readonly i2: number;
}

export interface CsiReport {
  readonly ri: 1 | 2;
  readonly pmi: Pmi;
  readonly cqi: number;
  /** Effective SINR per layer (dB), and the mean rate (bit/s/Hz, Shannon) over the subbands. */
  readonly layerSinrDb: readonly number[];
  readonly rate: number;
}

/** The channel a UE sees: per subband, an rx x P complex matrix; and what it sees besides. */
export interface CsiChannel {
  readonly rx: number;
  readonly ports: number;
  readonly subbands: readonly Float64Array[];
  /** Transmit power per resource element over the noise and interference per resource element (linear). */
  readonly snr: number;
}

/** The (k1, k2) beam offsets of the four rank-2 pairs (i13 = 0..3). */
export function rank2Offsets(c: CsiPorts): readonly (readonly [number, number])[] {
  const { n1, n2, o1, o2 } = c;
  const pairs: [number, number][] =
    n2 === 1
      ? ([
          [0, 0],
          [o1, 0],
          [2 * o1, 0],
          [3 * o1, 0],
        ].slice(0, Math.max(1, Math.min(4, n1))) as [number, number][])
      : n1 === n2
        ? [
            [0, 0],
            [o1, 0],
            [0, o2],
            [o1, o2],
          ]
        : [
            [0, 0],
            [o1, 0],
            [0, o2],
            [2 * o1, 0],
          ];
  return pairs;
}

/** The precoder of a PMI: P x rank complex, port-major (`w[2 * (p * rank + layer)]`), unit Frobenius norm. */
export function precoder(c: CsiPorts, rank: 1 | 2, pmi: Pmi): Float64Array {
  const half = c.n1 * c.n2;
  const w = new Float64Array(2 * 2 * half * rank);
  const beams: [number, number][] = [[pmi.i11, pmi.i12]];
  if (rank === 2) {
    const [k1, k2] = rank2Offsets(c)[pmi.i13 ?? 0];
    beams.push([pmi.i11 + k1, pmi.i12 + k2]);
  }
  const cophase = (Math.PI / 2) * pmi.i2; // phi_n = j^n
  const scale = 1 / Math.sqrt(2 * half * rank);
  beams.forEach(([l, m], layer) => {
    const sign = layer === 1 ? -1 : 1;
    for (let a = 0; a < c.n1; a++) {
      for (let b = 0; b < c.n2; b++) {
        const p = a * c.n2 + b;
        const angle = (2 * Math.PI * l * a) / (c.n1 * c.o1) + (2 * Math.PI * m * b) / (c.n2 * c.o2);
        const re = Math.cos(angle) * scale;
        const im = Math.sin(angle) * scale;
        w[2 * (p * rank + layer)] = re;
        w[2 * (p * rank + layer) + 1] = im;
        // second polarisation: (+/-) phi_n v
        const q = (half + p) * rank + layer;
        w[2 * q] = sign * (re * Math.cos(cophase) - im * Math.sin(cophase));
        w[2 * q + 1] = sign * (re * Math.sin(cophase) + im * Math.cos(cophase));
      }
    }
  });
  return w;
}

/**
 * Per-layer SINRs (linear) of precoder `w` (P x rank) on one subband's channel `h` (rx x P) with an
 * MMSE receiver, power split evenly over the layers, into `out`.
 */
export function layerSinrs(
  h: Float64Array,
  rx: number,
  ports: number,
  w: Float64Array,
  rank: number,
  snr: number,
  out: Float64Array,
): void {
  // G = H W (rx x rank)
  const g = scratchG;
  for (let r = 0; r < rx; r++) {
    for (let l = 0; l < rank; l++) {
      let re = 0;
      let im = 0;
      for (let p = 0; p < ports; p++) {
        const hr = h[2 * (r * ports + p)];
        const hi = h[2 * (r * ports + p) + 1];
        const wr = w[2 * (p * rank + l)];
        const wi = w[2 * (p * rank + l) + 1];
        re += hr * wr - hi * wi;
        im += hr * wi + hi * wr;
      }
      g[2 * (r * rank + l)] = re;
      g[2 * (r * rank + l) + 1] = im;
    }
  }
  gramSinrs(g, rx, rank, snr / rank, out);
}

const scratchG = new Float64Array(2 * 8 * 2);

/**
 * MMSE SINRs of the layers of an effective channel G (rx x rank, rank <= 2), each layer sent at
 * `rho` (power over noise): SINR_l = 1 / [(I + rho G^H G)^-1]_ll - 1.
 */
function gramSinrs(g: Float64Array, rx: number, rank: number, rho: number, out: Float64Array): void {
  // A = G^H G (Hermitian): a00, a11 real, a01 complex
  let a00 = 0;
  let a11 = 0;
  let a01re = 0;
  let a01im = 0;
  for (let r = 0; r < rx; r++) {
    const xr = g[2 * (r * rank)];
    const xi = g[2 * (r * rank) + 1];
    a00 += xr * xr + xi * xi;
    if (rank === 2) {
      const yr = g[2 * (r * rank + 1)];
      const yi = g[2 * (r * rank + 1) + 1];
      a11 += yr * yr + yi * yi;
      // conj(x) y
      a01re += xr * yr + xi * yi;
      a01im += xr * yi - xi * yr;
    }
  }
  if (rank === 1) {
    out[0] = rho * a00;
    return;
  }
  // M = I + rho A; [M^-1]_00 = m11 / det, [M^-1]_11 = m00 / det
  const m00 = 1 + rho * a00;
  const m11 = 1 + rho * a11;
  const det = m00 * m11 - rho * rho * (a01re * a01re + a01im * a01im);
  out[0] = det / m11 - 1;
  out[1] = det / m00 - 1;
}

/** The SINR (dB) whose Shannon rate per layer is `rate` (bit/s/Hz). */
export const sinrDbOfRate = (rate: number): number => 10 * Math.log10(Math.max(2 ** rate - 1, 1e-30));

/** Shannon rate (bit/s/Hz) of a SINR (linear). */
const rate = (sinr: number) => Math.log2(1 + Math.max(0, sinr));

/** The mean rate over the subbands of precoder `w` of `rank`, and its per-layer effective SINRs (linear). */
export function evaluatePrecoder(ch: CsiChannel, w: Float64Array, rank: number, effective?: Float64Array): number {
  const per = new Float64Array(rank);
  const sums = new Float64Array(rank);
  for (const h of ch.subbands) {
    layerSinrs(h, ch.rx, ch.ports, w, rank, ch.snr, per);
    for (let l = 0; l < rank; l++) sums[l] += rate(per[l]);
  }
  let total = 0;
  for (let l = 0; l < rank; l++) {
    const mean = sums[l] / ch.subbands.length;
    total += mean;
    if (effective) effective[l] = 2 ** mean - 1;
  }
  return total;
}

/**
 * The PMI, RI and CQI a UE reports for a channel: the rank and precoder of the highest rate. The
 * search works in beam space: each subband's channel is projected once on every DFT beam of each
 * polarisation, and every candidate's layers are then sums of two projections.
 */
export function typeIReport(c: CsiPorts, ch: CsiChannel, table: CqiTable): CsiReport {
  const half = c.n1 * c.n2;
  const ports = 2 * half;
  if (ch.ports !== ports) throw new RangeError(`channel has ${ch.ports} ports, the codebook ${ports}`);
  const L = c.n1 * c.o1;
  const M = c.n2 * c.o2;
  const beams = L * M;
  const K = ch.subbands.length;
  const rx = ch.rx;
  // proj[((k * rx + r) * 2 + pol) * beams + beam], complex: sum over a polarisation's ports of h v
  const proj = new Float64Array(2 * K * rx * 2 * beams);
  const vRe = new Float64Array(half);
  const vIm = new Float64Array(half);
  for (let l = 0; l < L; l++) {
    for (let m = 0; m < M; m++) {
      const beam = l * M + m;
      for (let a = 0; a < c.n1; a++) {
        for (let b = 0; b < c.n2; b++) {
          const angle = (2 * Math.PI * l * a) / L + (2 * Math.PI * m * b) / M;
          vRe[a * c.n2 + b] = Math.cos(angle);
          vIm[a * c.n2 + b] = Math.sin(angle);
        }
      }
      for (let k = 0; k < K; k++) {
        const h = ch.subbands[k];
        for (let r = 0; r < rx; r++) {
          for (let pol = 0; pol < 2; pol++) {
            let re = 0;
            let im = 0;
            for (let p = 0; p < half; p++) {
              const hr = h[2 * (r * ports + pol * half + p)];
              const hi = h[2 * (r * ports + pol * half + p) + 1];
              re += hr * vRe[p] - hi * vIm[p];
              im += hr * vIm[p] + hi * vRe[p];
            }
            const at = 2 * (((k * rx + r) * 2 + pol) * beams + beam);
            proj[at] = re;
            proj[at + 1] = im;
          }
        }
      }
    }
  }
  const g = new Float64Array(2 * rx * 2);
  const sinr = new Float64Array(2);
  /** Mean rate over the subbands of beams (b1, b2 or -1) co-phased by j^n. */
  const rateOf = (b1: number, b2: number, n: number): number => {
    const rank = b2 < 0 ? 1 : 2;
    const scale = 1 / Math.sqrt(ports * rank);
    const cRe = Math.cos((Math.PI / 2) * n);
    const cIm = Math.sin((Math.PI / 2) * n);
    let total = 0;
    for (let k = 0; k < K; k++) {
      for (let r = 0; r < rx; r++) {
        for (let layer = 0; layer < rank; layer++) {
          const beam = layer === 0 ? b1 : b2;
          const sign = layer === 0 ? 1 : -1;
          const A = 2 * ((k * rx + r) * 2 * beams + beam);
          const B = 2 * (((k * rx + r) * 2 + 1) * beams + beam);
          // (v on A) + sign j^n (v on B)
          const bRe = proj[B] * cRe - proj[B + 1] * cIm;
          const bIm = proj[B] * cIm + proj[B + 1] * cRe;
          g[2 * (r * rank + layer)] = (proj[A] + sign * bRe) * scale;
          g[2 * (r * rank + layer) + 1] = (proj[A + 1] + sign * bIm) * scale;
        }
      }
      gramSinrs(g, rx, rank, ch.snr / rank, sinr);
      for (let layer = 0; layer < rank; layer++) total += rate(sinr[layer]);
    }
    return total / K;
  };
  let best = { rate: Number.NEGATIVE_INFINITY, rank: 1 as 1 | 2, pmi: { i11: 0, i12: 0, i2: 0 } as Pmi };
  const pairs = rank2Offsets(c);
  for (let l = 0; l < L; l++) {
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < 4; n++) {
        const r = rateOf(l * M + m, -1, n);
        if (r > best.rate) best = { rate: r, rank: 1, pmi: { i11: l, i12: m, i2: n } };
      }
      if (c.maxRank < 2 || rx < 2) continue;
      for (let i13 = 0; i13 < pairs.length; i13++) {
        const [k1, k2] = pairs[i13];
        const second = ((l + k1) % L) * M + ((m + k2) % M);
        for (let n = 0; n < 2; n++) {
          const r = rateOf(l * M + m, second, n);
          if (r > best.rate) best = { rate: r, rank: 2, pmi: { i11: l, i12: m, i13, i2: n } };
        }
      }
    }
  }
  const eff = new Float64Array(best.rank);
  evaluatePrecoder(ch, precoder(c, best.rank, best.pmi), best.rank, eff);
  const layerSinrDb = [...eff].map((x) => 10 * Math.log10(Math.max(x, 1e-30)));
  // one codeword over the layers: the CQI of their mean rate
  const meanRate = best.rate / best.rank;
  const cqi = table.cqi(sinrDbOfRate(meanRate));
  return { ri: best.rank, pmi: best.pmi, cqi, layerSinrDb, rate: best.rate };
}
