import { describe, expect, it } from "vitest";
import { CqiTable, chooseLink, type LinkChoice, overhead, resourceElementsPerSecond } from "../../sim/ran/link.js";

const choice = (): LinkChoice => ({ layers: 0, cqi: 0, efficiency: 0 });

describe("CqiTable", () => {
  it("has the efficiencies of TS 38.214 tables 5.2.2.1-2 and 5.2.2.1-3", () => {
    const t1 = new CqiTable(1);
    const t2 = new CqiTable(2);
    expect(t1.efficiencyOf(0)).toBe(0);
    expect(t1.efficiencyOf(1)).toBeCloseTo(0.1523, 6);
    expect(t1.efficiencyOf(7)).toBeCloseTo(1.4766, 6); // 16QAM, code rate 378/1024
    expect(t1.efficiencyOf(15)).toBeCloseTo(5.5547, 6);
    expect(t2.efficiencyOf(0)).toBe(0);
    expect(t2.efficiencyOf(2)).toBeCloseTo(0.377, 6);
    expect(t2.efficiencyOf(12)).toBeCloseTo(5.5547, 6); // 256QAM, 711/1024
    expect(t2.efficiencyOf(15)).toBeCloseTo(7.4063, 6); // 256QAM, 948/1024
    expect(t1.efficiency.length).toBe(15);
    expect(t2.efficiency.length).toBe(15);
  });

  it("has strictly increasing SINR thresholds and efficiencies in both tables", () => {
    for (const t of [new CqiTable(1), new CqiTable(2)]) {
      for (let c = 1; c < 15; c++) {
        expect(t.thresholdsDb[c]).toBeGreaterThan(t.thresholdsDb[c - 1]);
        expect(t.efficiency[c]).toBeGreaterThan(t.efficiency[c - 1]);
      }
    }
  });

  it("maps SINR to CQI 0 below the lowest threshold and 15 at the top", () => {
    for (const t of [new CqiTable(1), new CqiTable(2)]) {
      expect(t.cqi(-10)).toBe(0);
      expect(t.cqi(-1000)).toBe(0);
      expect(t.cqi(100)).toBe(15);
      // each threshold starts its CQI, just below it is the CQI before
      for (let c = 1; c <= 15; c++) {
        expect(t.cqi(t.thresholdsDb[c - 1])).toBe(c);
        expect(t.cqi(t.thresholdsDb[c - 1] - 1e-9)).toBe(c - 1);
      }
    }
  });

  it("places table 1 at its link-level thresholds (CQI 1 at -6.7 dB, CQI 15 at 22.7 dB)", () => {
    const t1 = new CqiTable(1);
    expect(t1.thresholdsDb[0]).toBeCloseTo(-6.7, 9);
    expect(t1.thresholdsDb[14]).toBeCloseTo(22.7, 9);
    expect(t1.cqi(0)).toBe(3); // CQI 3 from -2.3 dB, CQI 4 from 0.2 dB
    expect(t1.cqi(0.19)).toBe(3);
    expect(t1.cqi(0.21)).toBe(4);
  });

  it("gives table 2 the thresholds of the same efficiencies in table 1, and 4 dB per bit/s/Hz above 64QAM", () => {
    const t1 = new CqiTable(1);
    const t2 = new CqiTable(2);
    // table 2's CQI 2, 3, 12 are table 1's CQI 3, 5, 15
    expect(t2.thresholdsDb[1]).toBeCloseTo(t1.thresholdsDb[2], 9);
    expect(t2.thresholdsDb[2]).toBeCloseTo(t1.thresholdsDb[4], 9);
    expect(t2.thresholdsDb[11]).toBeCloseTo(22.7, 9);
    expect(t2.thresholdsDb[12]).toBeCloseTo(22.7 + 4 * (6.2266 - 5.5547), 6);
    expect(t2.thresholdsDb[14]).toBeCloseTo(22.7 + 4 * (7.4063 - 5.5547), 6); // 30.106 dB
    expect(t2.cqi(30)).toBe(14);
    expect(t2.cqi(30.2)).toBe(15);
  });
});

describe("chooseLink", () => {
  it("takes one layer at low SINR, where half the power per layer decodes nothing", () => {
    const t = new CqiTable(1);
    const out = chooseLink(t, -5, 2, choice());
    // -5 dB: CQI 1 (0.1523); two layers at -8 dB each: CQI 0
    expect(out).toEqual({ layers: 1, cqi: 1, efficiency: t.efficiencyOf(1) });
  });

  it("takes two layers at high SINR when maxLayers is 2", () => {
    const t = new CqiTable(2);
    const out = chooseLink(t, 35, 2, choice());
    // 35 - 3.01 dB is still above CQI 15's 30.1 dB
    expect(out.layers).toBe(2);
    expect(out.cqi).toBe(15);
    expect(out.efficiency).toBeCloseTo(2 * 7.4063, 6);
  });

  it("never takes more than maxLayers, and equals the single-layer choice at maxLayers 1", () => {
    const t = new CqiTable(1);
    for (let sinr = -10; sinr <= 40; sinr += 0.5) {
      const one = chooseLink(t, sinr, 1, choice());
      expect(one.layers).toBe(1);
      expect(one.cqi).toBe(t.cqi(sinr));
      expect(one.efficiency).toBe(t.efficiencyOf(t.cqi(sinr)));
      for (const maxLayers of [2, 3, 4]) {
        const c = chooseLink(t, sinr, maxLayers, choice());
        expect(c.layers).toBeGreaterThanOrEqual(1);
        expect(c.layers).toBeLessThanOrEqual(maxLayers);
        // more layers allowed never carries less
        expect(c.efficiency).toBeGreaterThanOrEqual(one.efficiency);
        // the efficiency is consistent with the chosen rank and per-layer SINR
        expect(c.cqi).toBe(t.cqi(sinr - 10 * Math.log10(c.layers)));
        expect(c.efficiency).toBeCloseTo(c.layers * t.efficiencyOf(c.cqi), 12);
      }
    }
    expect(chooseLink(t, 60, 4, choice()).layers).toBe(4);
  });

  it("writes into and returns the caller's object", () => {
    const out = choice();
    expect(chooseLink(new CqiTable(1), 10, 2, out)).toBe(out);
  });
});

describe("overhead and resource elements", () => {
  it("uses the TS 38.306 overheads for DL/UL in FR1/FR2", () => {
    expect(overhead(true, 3.5e9)).toBe(0.14);
    expect(overhead(true, 28e9)).toBe(0.18);
    expect(overhead(false, 3.5e9)).toBe(0.08);
    expect(overhead(false, 28e9)).toBe(0.1);
    // FR1 runs up to 7.125 GHz
    expect(overhead(true, 7.125e9)).toBe(0.14);
    expect(overhead(true, 7.2e9)).toBe(0.18);
  });

  it("counts 12 subcarriers x 14 symbols per PRB and slot, 2^mu slots per ms", () => {
    expect(resourceElementsPerSecond(106, 1)).toBe(106 * 12 * 14 * 2000);
    expect(resourceElementsPerSecond(52, 0)).toBe(52 * 12 * 14 * 1000);
    expect(resourceElementsPerSecond(66, 3)).toBe(66 * 12 * 14 * 8000);
  });
});
