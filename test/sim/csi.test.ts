/** Type I single-panel CSI: codebook, MMSE SINRs, and the PMI / RI / CQI a UE picks. */
import { describe, expect, it } from "vitest";
import {
  type CsiChannel,
  type CsiPorts,
  evaluatePrecoder,
  layerSinrs,
  precoder,
  rank2Offsets,
  typeIReport,
} from "../../sim/ran/csi.js";
import { CqiTable } from "../../sim/ran/link.js";
import { Rng } from "../../sim/random.js";

const PORTS: CsiPorts = { n1: 4, n2: 2, o1: 4, o2: 4, maxRank: 2 };
const P = 2 * PORTS.n1 * PORTS.n2;
const table = new CqiTable(2);

/** The conjugate of DFT beam (l, m) on one polarisation's ports: the channel of a UE in that direction. */
function beamChannel(l: number, m: number, c: CsiPorts = PORTS): Float64Array {
  const out = new Float64Array(2 * c.n1 * c.n2);
  for (let a = 0; a < c.n1; a++) {
    for (let b = 0; b < c.n2; b++) {
      const angle = (2 * Math.PI * l * a) / (c.n1 * c.o1) + (2 * Math.PI * m * b) / (c.n2 * c.o2);
      out[2 * (a * c.n2 + b)] = Math.cos(angle);
      out[2 * (a * c.n2 + b) + 1] = -Math.sin(angle);
    }
  }
  return out;
}

/** One rx row: polarisation A's channel, then B's times e^{j theta}. */
function row(a: Float64Array, b: Float64Array, theta: number): Float64Array {
  const half = a.length / 2;
  const out = new Float64Array(2 * 2 * half);
  out.set(a, 0);
  for (let p = 0; p < half; p++) {
    out[2 * (half + p)] = b[2 * p] * Math.cos(theta) - b[2 * p + 1] * Math.sin(theta);
    out[2 * (half + p) + 1] = b[2 * p] * Math.sin(theta) + b[2 * p + 1] * Math.cos(theta);
  }
  return out;
}

const channel = (rows: Float64Array[], snr: number, subbands = 4): CsiChannel => {
  const h = new Float64Array(rows.length * 2 * P);
  rows.forEach((r, i) => h.set(r, i * 2 * P));
  return { rx: rows.length, ports: P, subbands: Array.from({ length: subbands }, () => h), snr };
};

const norm2 = (w: Float64Array) => w.reduce((s, x) => s + x * x, 0);

describe("Type I codebook", () => {
  it("gives unit-norm precoders, rank-2 layers orthogonal", () => {
    for (const [l, m] of [
      [0, 0],
      [5, 3],
      [15, 7],
    ]) {
      expect(norm2(precoder(PORTS, 1, { i11: l, i12: m, i2: 3 }))).toBeCloseTo(1, 12);
      for (let i13 = 0; i13 < 4; i13++) {
        const w = precoder(PORTS, 2, { i11: l, i12: m, i13, i2: 1 });
        expect(norm2(w)).toBeCloseTo(1, 12);
        let re = 0;
        let im = 0;
        for (let p = 0; p < P; p++) {
          re += w[4 * p] * w[4 * p + 2] + w[4 * p + 1] * w[4 * p + 3];
          im += w[4 * p] * w[4 * p + 3] - w[4 * p + 1] * w[4 * p + 2];
        }
        expect(Math.hypot(re, im)).toBeLessThan(1e-12);
      }
    }
  });

  it("pairs rank-2 beams one or two beam widths apart, per the panel's shape", () => {
    expect(rank2Offsets(PORTS)).toEqual([
      [0, 0],
      [4, 0],
      [0, 4],
      [8, 0],
    ]);
    expect(rank2Offsets({ ...PORTS, n1: 2, n2: 2 })).toEqual([
      [0, 0],
      [4, 0],
      [0, 4],
      [4, 4],
    ]);
    expect(rank2Offsets({ ...PORTS, n1: 8, n2: 1, o2: 1 })).toEqual([
      [0, 0],
      [4, 0],
      [8, 0],
      [12, 0],
    ]);
  });
});

describe("MMSE layer SINRs", () => {
  it("equal the receive-side formula rho g1^H (I + rho g2 g2^H)^-1 g1 on random 2 x P channels", () => {
    const rng = new Rng(3, "csi-test");
    for (let trial = 0; trial < 50; trial++) {
      const h = Float64Array.from({ length: 2 * 2 * P }, () => rng.normal());
      const w = precoder(PORTS, 2, { i11: rng.int(0, 15), i12: rng.int(0, 7), i13: rng.int(0, 3), i2: rng.int(0, 1) });
      const snr = 10 ** rng.uniform(-1, 3);
      const out = new Float64Array(2);
      layerSinrs(h, 2, P, w, 2, snr, out);
      const rho = snr / 2;
      // g_l = H w_l (2 complex numbers)
      const g = [0, 1].map((l) =>
        [0, 1].map((r) => {
          let re = 0;
          let im = 0;
          for (let p = 0; p < P; p++) {
            const [hr, hi] = [h[2 * (r * P + p)], h[2 * (r * P + p) + 1]];
            const [wr, wi] = [w[2 * (p * 2 + l)], w[2 * (p * 2 + l) + 1]];
            re += hr * wr - hi * wi;
            im += hr * wi + hi * wr;
          }
          return [re, im] as const;
        }),
      );
      for (const l of [0, 1]) {
        const [x, y] = [g[l], g[1 - l]];
        // R = I + rho y y^H (2 x 2 Hermitian), then rho x^H R^-1 x
        const r00 = 1 + rho * (y[0][0] ** 2 + y[0][1] ** 2);
        const r11 = 1 + rho * (y[1][0] ** 2 + y[1][1] ** 2);
        // r01 = rho y0 conj(y1)
        const r01re = rho * (y[0][0] * y[1][0] + y[0][1] * y[1][1]);
        const r01im = rho * (y[0][1] * y[1][0] - y[0][0] * y[1][1]);
        const det = r00 * r11 - (r01re ** 2 + r01im ** 2);
        // x^H adj(R) x with adj = [[r11, -r01], [-conj(r01), r00]]
        const x0 = x[0];
        const x1 = x[1];
        const quad =
          r11 * (x0[0] ** 2 + x0[1] ** 2) +
          r00 * (x1[0] ** 2 + x1[1] ** 2) -
          2 * (r01re * (x0[0] * x1[0] + x0[1] * x1[1]) - r01im * (x0[0] * x1[1] - x0[1] * x1[0]));
        expect(out[l]).toBeCloseTo((rho * quad) / det, 6);
      }
    }
  });
});

describe("typeIReport", () => {
  it("points a single-antenna UE's PMI at its direction with the right co-phasing, rank 1", () => {
    for (const [l, m, n] of [
      [0, 0, 0],
      [6, 5, 1],
      [13, 2, 3],
    ]) {
      const a = beamChannel(l, m);
      const report = typeIReport(PORTS, channel([row(a, a, -(Math.PI / 2) * n)], 1), table);
      expect(report.ri).toBe(1);
      expect(report.pmi).toEqual({ i11: l, i12: m, i2: n });
      // the full array gain: P ports each of unit gain, coherently
      expect(report.layerSinrDb[0]).toBeCloseTo(10 * Math.log10(P), 6);
    }
  });

  it("chooses rank 2 for two strong orthogonal streams at high SNR, rank 1 at low SNR", () => {
    // rx 0 sees beam 2 on polarisation A, rx 1 beam 6 (one beam width away) on polarisation B
    const zero = new Float64Array(2 * PORTS.n1 * PORTS.n2);
    const rows = [row(beamChannel(2, 1), zero, 0), row(zero, beamChannel(6, 1), 0)];
    const high = typeIReport(PORTS, channel(rows, 100), table);
    expect(high.ri).toBe(2);
    expect(high.layerSinrDb).toHaveLength(2);
    const low = typeIReport(PORTS, channel(rows, 0.01), table);
    expect(low.ri).toBe(1);
  });

  it("reports a CQI that grows with the SNR", () => {
    const a = beamChannel(3, 2);
    const cqis = [-20, -10, 0, 10, 20].map(
      (db) => typeIReport(PORTS, channel([row(a, a, 0)], 10 ** (db / 10)), table).cqi,
    );
    for (let i = 1; i < cqis.length; i++) expect(cqis[i]).toBeGreaterThanOrEqual(cqis[i - 1]);
    expect(cqis[0]).toBeLessThan(cqis.at(-1)!);
  });

  it("finds, in beam space, the same best precoder as evaluating every candidate on the channel", () => {
    const rng = new Rng(9, "csi-search");
    for (let trial = 0; trial < 12; trial++) {
      const rx = 1 + (trial % 2);
      const subbands = Array.from({ length: 3 }, () => Float64Array.from({ length: 2 * rx * P }, () => rng.normal()));
      const ch: CsiChannel = { rx, ports: P, subbands, snr: 10 ** rng.uniform(-1, 2) };
      let best = { rate: -1, key: "" };
      for (let l = 0; l < 16; l++) {
        for (let m = 0; m < 8; m++) {
          for (let n = 0; n < 4; n++) {
            const r = evaluatePrecoder(ch, precoder(PORTS, 1, { i11: l, i12: m, i2: n }), 1);
            if (r > best.rate) best = { rate: r, key: `1:${l},${m},${n}` };
          }
          if (rx < 2) continue;
          for (let i13 = 0; i13 < 4; i13++) {
            for (let n = 0; n < 2; n++) {
              const r = evaluatePrecoder(ch, precoder(PORTS, 2, { i11: l, i12: m, i13, i2: n }), 2);
              if (r > best.rate) best = { rate: r, key: `2:${l},${m},${i13},${n}` };
            }
          }
        }
      }
      const report = typeIReport(PORTS, ch, table);
      const { i11, i12, i13, i2 } = report.pmi;
      expect(report.rate).toBeCloseTo(best.rate, 9);
      expect(report.ri === 1 ? `1:${i11},${i12},${i2}` : `2:${i11},${i12},${i13},${i2}`).toBe(best.key);
    }
  });

  it("refuses a channel whose port count is not the codebook's", () => {
    expect(() => typeIReport(PORTS, { rx: 1, ports: 8, subbands: [new Float64Array(16)], snr: 1 }, table)).toThrow(
      /8 ports, the codebook 16/,
    );
  });
});
