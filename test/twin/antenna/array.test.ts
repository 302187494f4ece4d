import { describe, expect, it } from "vitest";
import {
  directionFromAngles,
  LinearArray,
  PlanarArray,
  panelBeamGains,
  steeredCodebook,
  TR38901_PATTERN,
} from "../../../twin/antenna/index.js";
import { DEG, seededRandom } from "./support.js";

describe("PlanarArray geometry", () => {
  const array = new PlanarArray({ rows: 2, cols: 3, spacingV: 0.7, spacingH: 0.5, pattern: "iso" });

  it("centres the elements, columns along +y, row 0 on top", () => {
    const p = array.positionsWavelengths;
    expect(array.elementCount).toBe(6);
    // element 0: top-left seen from the front (-y side, +z)
    expect([p[0], p[1], p[2]]).toEqual([0, -0.5, 0.35]);
    // element 2: top row, last column
    expect([p[6], p[7], p[8]]).toEqual([0, 0.5, 0.35]);
    // element 4: bottom row, middle column
    expect([p[12], p[13], p[14]]).toEqual([0, 0, -0.35]);
  });

  it("scales positions to metres at a carrier", () => {
    const positions = array.positionsM(3.5e9);
    expect(positions[7]).toBeCloseTo(0.5 * (299_792_458 / 3.5e9), 12);
  });

  it("refuses empty arrays and non-positive spacings", () => {
    expect(() => new PlanarArray({ rows: 0, cols: 4, pattern: "iso" })).toThrow(/positive integers/);
    expect(() => new PlanarArray({ rows: 1, cols: 4, spacingH: 0, pattern: "iso" })).toThrow(/spacings/);
  });

  it("makes linear arrays along a row or a column", () => {
    const horizontal = new LinearArray({ count: 4, pattern: "iso" });
    const vertical = new LinearArray({ count: 4, axis: "vertical", spacing: 0.8, pattern: "iso" });
    expect([horizontal.rows, horizontal.cols]).toEqual([1, 4]);
    expect([vertical.rows, vertical.cols, vertical.spacingV]).toEqual([4, 1, 0.8]);
  });
});

describe("steering vector", () => {
  const array = new PlanarArray({ rows: 4, cols: 8, spacingV: 0.7, spacingH: 0.5, pattern: TR38901_PATTERN });

  it("has the phase 2 pi p.d of each element's position (seed 7)", () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const azimuthRad = (random() - 0.5) * Math.PI;
      const elevationRad = (random() - 0.5) * Math.PI * 0.9;
      const d = directionFromAngles(azimuthRad, elevationRad);
      const a = array.steeringVector(azimuthRad, elevationRad);
      const p = array.positionsWavelengths;
      for (let e = 0; e < array.elementCount; e++) {
        const phase = 2 * Math.PI * (p[3 * e] * d[0] + p[3 * e + 1] * d[1] + p[3 * e + 2] * d[2]);
        expect(a[2 * e]).toBeCloseTo(Math.cos(phase), 12);
        expect(a[2 * e + 1]).toBeCloseTo(Math.sin(phase), 12);
      }
    }
  });

  it("is the response divided by the element's field amplitude", () => {
    const a = array.steeringVector(0.4, -0.2);
    const r = array.response(0.4, -0.2);
    const amplitude = Math.sqrt(TR38901_PATTERN.powerGain(0.4, -0.2));
    for (let i = 0; i < a.length; i++) expect(r[i]).toBeCloseTo(a[i] * amplitude, 12);
  });

  it("gives N x element gain at boresight for the beam steered there", () => {
    const codebook = steeredCodebook(array, [{ azimuthDeg: 0, elevationDeg: 0 }]);
    const [gain] = panelBeamGains(array, codebook, 0, 0);
    expect(gain).toBeCloseTo(32 * 10 ** 0.8, 9);
  });

  it("gives N x element gain for a beam steered off boresight, in its direction", () => {
    const codebook = steeredCodebook(array, [{ azimuthDeg: 30, elevationDeg: -10 }]);
    const [gain] = panelBeamGains(array, codebook, 30 * DEG, -10 * DEG);
    expect(gain).toBeCloseTo(32 * TR38901_PATTERN.powerGain(30 * DEG, -10 * DEG), 9);
  });
});
