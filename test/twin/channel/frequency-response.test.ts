/**
 * Channel synthesis: a single path gives a flat response whose phase turns with its delay, the beam
 * powers equal the path gain times the codebook's beam gains, and the two-ray ground channel has its
 * notches where the delay difference puts them.
 */
import { describe, expect, it } from "vitest";
import { beamGains } from "../../../twin/antenna/cell.js";
import { cellFromSpec } from "../../../twin/antenna/cell-spec.js";
import {
  beamPowers,
  frequencyResponse,
  subcarrierOffsets,
  widebandPathGain,
} from "../../../twin/channel/frequency-response.js";
import { solvePaths } from "../../../twin/paths/path-solver.js";
import { pathGain } from "../../../twin/paths/paths.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { fromAzEl } from "../../../twin/paths/vec.js";
import { floor, quadScene } from "../paths/support.js";

const F = 3.5e9;
const cell = cellFromSpec({
  id: "c",
  position: [0, 0, 25],
  bearingDeg: 90,
  downtiltDeg: 6,
  powerDbm: 43,
  array: { rows: 2, cols: 4 },
  codebook: { kind: "ssb", count: 4, azimuthSpanDeg: 90 },
});

describe("frequency response", () => {
  it("of one path: constant magnitude, phase slope -2 pi tau, beam powers = path gain x beam gains", () => {
    const [r] = solvePaths(new TracingScene(quadScene([])), cell.position, [[200, 40, 1.5]], { frequencyHz: F });
    expect(r.paths).toHaveLength(1);
    const p = r.paths[0];
    const offsets = subcarrierOffsets(64, 30e3);
    const resp = frequencyResponse(r.paths, cell, offsets);
    const mag = (e: number, k: number) => Math.hypot(resp.h[2 * (e * 64 + k)], resp.h[2 * (e * 64 + k) + 1]);
    for (let k = 0; k < 64; k++) expect(mag(3, k)).toBeCloseTo(mag(3, 0), 12);
    const phase = (k: number) => Math.atan2(resp.h[2 * (3 * 64 + k) + 1], resp.h[2 * (3 * 64 + k)]);
    const step = phase(1) - phase(0);
    const expected = -2 * Math.PI * 30e3 * p.delayS;
    expect(Math.atan2(Math.sin(step - expected), Math.cos(step - expected))).toBeCloseTo(0, 9);
    const powers = beamPowers(resp, cell);
    const gains = beamGains(cell, Float64Array.from(fromAzEl(p.aod[0], p.aod[1])), new Float64Array(4));
    // a vertical cell element towards a nearly horizontal path: its field is almost all theta
    for (let b = 0; b < 4; b++) expect(powers[b] / (gains[b] * pathGain(p))).toBeCloseTo(1, 2);
    expect(widebandPathGain(r.paths)).toBeCloseTo(pathGain(p), 20);
  });

  it("of the two-ray ground channel: notches spaced 1 / (delay difference)", () => {
    const ts = new TracingScene(quadScene([floor(2000, "metal")]));
    const [r] = solvePaths(ts, [0, 0, 30], [[100, 0, 20]], { frequencyHz: F, diffraction: false });
    expect(r.paths).toHaveLength(2);
    const dTau = Math.abs(r.paths[0].delayS - r.paths[1].delayS);
    const offsets = subcarrierOffsets(2001, 4 / dTau / 2000); // four periods of the ripple
    const iso = cellFromSpec({
      id: "iso",
      position: [0, 0, 30],
      azimuthDeg: 0,
      powerDbm: 0,
      array: { rows: 1, cols: 1, pattern: "iso" },
      codebook: { kind: "beams", directionsDeg: [[0, 0]] },
    });
    const resp = frequencyResponse(r.paths, iso, offsets);
    const power = Array.from({ length: 2001 }, (_, k) => resp.h[2 * k] ** 2 + resp.h[2 * k + 1] ** 2);
    const minima = power
      .map((v, k) => (k > 0 && k < 2000 && v < power[k - 1] && v < power[k + 1] ? k : -1))
      .filter((k) => k >= 0);
    expect(minima.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < minima.length; i++) {
      const spacingHz = (minima[i] - minima[i - 1]) * (offsets[1] - offsets[0]);
      expect(spacingHz * dTau).toBeCloseTo(1, 2);
    }
  });

  it("rejects a bad subcarrier count", () => {
    expect(() => subcarrierOffsets(0, 30e3)).toThrow(/subcarrier count/);
  });
});
