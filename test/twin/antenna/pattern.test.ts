import { describe, expect, it } from "vitest";
import {
  fieldComponents,
  gainDbi,
  ISOTROPIC_PATTERN,
  resolvePattern,
  slantRadOf,
  TR38901_PATTERN,
  tr38901Pattern,
} from "../../../twin/antenna/index.js";
import { DEG } from "./support.js";

/** Table 7.3-1 written out in degrees, as the spec prints it, with theta the zenith angle. */
function tr38901Dbi(zenithDeg: number, azimuthDeg: number): number {
  const vertical = -Math.min(12 * ((zenithDeg - 90) / 65) ** 2, 30);
  const horizontal = -Math.min(12 * (azimuthDeg / 65) ** 2, 30);
  return 8 - Math.min(-(vertical + horizontal), 30);
}

describe("TR 38.901 element pattern", () => {
  it("has 8 dBi at boresight", () => {
    expect(gainDbi(TR38901_PATTERN, 0, 0)).toBeCloseTo(8, 12);
  });

  it("is 3 dB down at half the 65 deg beamwidth, horizontally and vertically", () => {
    expect(gainDbi(TR38901_PATTERN, 32.5 * DEG, 0)).toBeCloseTo(5, 12);
    expect(gainDbi(TR38901_PATTERN, -32.5 * DEG, 0)).toBeCloseTo(5, 12);
    expect(gainDbi(TR38901_PATTERN, 0, 32.5 * DEG)).toBeCloseTo(5, 12);
    expect(gainDbi(TR38901_PATTERN, 0, -32.5 * DEG)).toBeCloseTo(5, 12);
  });

  it("floors at 8 - 30 = -22 dBi behind and above the panel", () => {
    expect(gainDbi(TR38901_PATTERN, Math.PI, 0)).toBeCloseTo(-22, 12);
    // straight up the vertical cut alone gives 12 (90/65)^2 = 23 dB, below SLA_V: not the floor yet
    expect(gainDbi(TR38901_PATTERN, 0, Math.PI / 2)).toBeCloseTo(8 - 12 * (90 / 65) ** 2, 12);
    expect(gainDbi(TR38901_PATTERN, 60 * DEG, Math.PI / 2)).toBeCloseTo(-22, 12);
    expect(gainDbi(TR38901_PATTERN, 120 * DEG, -60 * DEG)).toBeCloseTo(-22, 12);
  });

  it.each([
    [0, 10],
    [20, -45],
    [-15, 70],
    [40, 100],
    [-80, -150],
    [5, 179],
  ])("matches the table's formula at elevation %d deg, azimuth %d deg", (elevationDeg, azimuthDeg) => {
    expect(gainDbi(TR38901_PATTERN, azimuthDeg * DEG, elevationDeg * DEG)).toBeCloseTo(
      tr38901Dbi(90 - elevationDeg, azimuthDeg),
      10,
    );
  });

  it("takes other beamwidths and gains", () => {
    const narrow = tr38901Pattern({ beamwidthHDeg: 30, maxGainDbi: 10 });
    expect(gainDbi(narrow, 15 * DEG, 0)).toBeCloseTo(7, 12);
    expect(narrow.maxGainDbi).toBe(10);
  });
});

describe("isotropic pattern and names", () => {
  it("is 0 dBi everywhere", () => {
    expect(gainDbi(ISOTROPIC_PATTERN, 2, -1)).toBe(0);
  });

  it("resolves Sionna's names and refuses others", () => {
    expect(resolvePattern("iso")).toBe(ISOTROPIC_PATTERN);
    expect(resolvePattern("tr38901")).toBe(TR38901_PATTERN);
    expect(() => resolvePattern("dipole" as never)).toThrow(/unknown antenna pattern "dipole"/);
  });
});

describe("model-2 polarisation", () => {
  const amplitude = Math.sqrt(TR38901_PATTERN.powerGain(0.3, 0.1));

  it("puts a vertical element's field in theta and a horizontal one's in phi", () => {
    expect([...fieldComponents(TR38901_PATTERN, slantRadOf("V"), 0.3, 0.1)]).toEqual([amplitude, 0]);
    const horizontal = fieldComponents(TR38901_PATTERN, slantRadOf("H"), 0.3, 0.1);
    expect(horizontal[0]).toBeCloseTo(0, 12);
    expect(horizontal[1]).toBeCloseTo(amplitude, 12);
  });

  it("splits a +45 deg slant equally and keeps the power", () => {
    const slanted = fieldComponents(TR38901_PATTERN, slantRadOf({ slantDeg: 45 }), 0.3, 0.1);
    expect(slanted[0]).toBeCloseTo(amplitude / Math.SQRT2, 12);
    expect(slanted[1]).toBeCloseTo(amplitude / Math.SQRT2, 12);
    expect(slanted[0] ** 2 + slanted[1] ** 2).toBeCloseTo(amplitude ** 2, 12);
  });
});
