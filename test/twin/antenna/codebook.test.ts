import { describe, expect, it } from "vitest";
import {
  beamGain,
  beamGainsFromSteering,
  type Codebook,
  customCodebook,
  dftCodebook,
  PlanarArray,
  panelBeamGains,
  pointingDirectionsDeg,
  ssbBeams,
  steeredCodebook,
  TR38901_PATTERN,
} from "../../../twin/antenna/index.js";
import { DEG, findPeakDeg, seededRandom } from "./support.js";

const isoArray = new PlanarArray({ rows: 4, cols: 8, pattern: "iso" });

/** w_a^H w_b for two beams. */
function innerProduct(codebook: Codebook, a: number, b: number): [number, number] {
  const n = 2 * codebook.elementCount;
  const w = codebook.weights;
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i += 2) {
    re += w[a * n + i] * w[b * n + i] + w[a * n + i + 1] * w[b * n + i + 1];
    im += w[a * n + i] * w[b * n + i + 1] - w[a * n + i + 1] * w[b * n + i];
  }
  return [re, im];
}

describe("DFT codebook", () => {
  it("has N1 O1 x N2 O2 beams of unit norm, with 38.214 default oversampling", () => {
    const codebook = dftCodebook(isoArray);
    expect([codebook.n1, codebook.n2, codebook.o1, codebook.o2]).toEqual([8, 4, 4, 4]);
    expect(codebook.beamCount).toBe(32 * 16);
    for (let b = 0; b < codebook.beamCount; b++) expect(innerProduct(codebook, b, b)[0]).toBeCloseTo(1, 12);
  });

  it("uses no vertical oversampling for a single row", () => {
    const row = new PlanarArray({ rows: 1, cols: 8, pattern: "iso" });
    expect(dftCodebook(row).o2).toBe(1);
    expect(dftCodebook(row).beamCount).toBe(32);
  });

  it("is orthonormal without oversampling", () => {
    const codebook = dftCodebook(isoArray, { o1: 1, o2: 1 });
    expect(codebook.beamCount).toBe(32);
    for (let a = 0; a < codebook.beamCount; a++) {
      for (let b = 0; b < codebook.beamCount; b++) {
        const [re, im] = innerProduct(codebook, a, b);
        expect(re).toBeCloseTo(a === b ? 1 : 0, 12);
        expect(im).toBeCloseTo(0, 12);
      }
    }
  });

  it("peaks (dense search) where each beam points, within 0.05 deg", () => {
    const codebook = dftCodebook(isoArray, { o1: 2, o2: 2 });
    const pointing = pointingDirectionsDeg(codebook);
    let checked = 0;
    pointing.forEach((direction, beam) => {
      // away from endfire, where the lobe is clipped by the visible region
      if (!(Math.abs(direction.azimuthDeg) < 60 && Math.abs(direction.elevationDeg) < 45)) return;
      const peak = findPeakDeg((az, el) => beamGain(isoArray, codebook, beam, az, el));
      expect(peak.azimuthDeg).toBeCloseTo(direction.azimuthDeg, 1);
      expect(peak.elevationDeg).toBeCloseTo(direction.elevationDeg, 1);
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
  });

  it("refuses bad oversampling factors", () => {
    expect(() => dftCodebook(isoArray, { o1: 0 })).toThrow(/oversampling/);
  });
});

describe("SSB beam sets", () => {
  const beams = ssbBeams({ count: 8, azimuthSpanDeg: 120 });

  it("centres the beams on equal slices of the span", () => {
    expect(beams.map((b) => b.azimuthDeg)).toEqual([-52.5, -37.5, -22.5, -7.5, 7.5, 22.5, 37.5, 52.5]);
    expect(beams.every((b) => b.elevationDeg === 0)).toBe(true);
  });

  it("repeats the row for each elevation", () => {
    const twoRows = ssbBeams({ count: 4, azimuthSpanDeg: 90, elevationsDeg: [0, -10] });
    expect(twoRows).toHaveLength(8);
    expect(twoRows[5]).toEqual({ azimuthDeg: -11.25, elevationDeg: -10 });
  });

  it("makes unit-norm beams that peak (dense search) where they point", () => {
    const codebook = steeredCodebook(isoArray, ssbBeams({ count: 8, azimuthSpanDeg: 120, elevationsDeg: [0, -15] }));
    for (let b = 0; b < codebook.beamCount; b++) {
      expect(innerProduct(codebook, b, b)[0]).toBeCloseTo(1, 12);
      const peak = findPeakDeg((az, el) => beamGain(isoArray, codebook, b, az, el));
      expect(peak.azimuthDeg).toBeCloseTo(codebook.pointingAzimuthRad[b] / DEG, 1);
      expect(peak.elevationDeg).toBeCloseTo(codebook.pointingElevationRad[b] / DEG, 1);
    }
  });

  it("picks the beam pointing nearest 25 deg for a direction 25 deg off boresight", () => {
    for (const pattern of ["iso", "tr38901"] as const) {
      const array = new PlanarArray({ rows: 4, cols: 8, pattern });
      const gains = panelBeamGains(array, steeredCodebook(array, beams), 25 * DEG, 0);
      const best = gains.indexOf(Math.max(...gains));
      expect(beams[best].azimuthDeg).toBe(22.5);
    }
  });

  it("pulls a wide beam's peak towards boresight with the 38.901 element (array x element)", () => {
    const array = new PlanarArray({ rows: 4, cols: 8, pattern: TR38901_PATTERN });
    const codebook = steeredCodebook(array, beams);
    const peak = findPeakDeg((az, el) => beamGain(array, codebook, 7, az, el));
    expect(peak.azimuthDeg).toBeGreaterThan(40);
    expect(peak.azimuthDeg).toBeLessThan(52.5);
  });

  it("refuses an empty set", () => {
    expect(() => steeredCodebook(isoArray, [])).toThrow(/at least one/);
    expect(() => ssbBeams({ count: 0, azimuthSpanDeg: 120 })).toThrow(/positive integer/);
  });
});

describe("separable gains", () => {
  it("match the general path over all elements for DFT and steered beams (seed 5)", () => {
    const random = seededRandom(5);
    const array = new PlanarArray({ rows: 4, cols: 8, spacingV: 0.8, pattern: TR38901_PATTERN });
    for (const codebook of [
      dftCodebook(array, { o1: 2, o2: 2 }),
      steeredCodebook(array, ssbBeams({ count: 8, azimuthSpanDeg: 120, elevationsDeg: [-5, 10] })),
    ]) {
      const unfactored = customCodebook(codebook.weights, array.elementCount);
      expect(unfactored.factors).toBeNull();
      for (let trial = 0; trial < 50; trial++) {
        const az = (random() - 0.5) * 2 * Math.PI;
        const el = (random() - 0.5) * Math.PI;
        const fast = panelBeamGains(array, codebook, az, el);
        const general = panelBeamGains(array, unfactored, az, el);
        const fromSteering = beamGainsFromSteering(
          codebook,
          array.steeringVector(az, el),
          array.pattern.powerGain(az, el),
          new Float64Array(codebook.beamCount),
        );
        for (let b = 0; b < codebook.beamCount; b++) {
          expect(fast[b]).toBeCloseTo(general[b], 10);
          expect(fromSteering[b]).toBeCloseTo(general[b], 10);
          expect(beamGain(array, codebook, b, az, el)).toBeCloseTo(general[b], 10);
        }
      }
    }
  });
});

describe("custom codebook", () => {
  it("normalises each beam and leaves pointing unknown", () => {
    const weights = new Float64Array(2 * 2 * 4).fill(3);
    const codebook = customCodebook(weights, 4);
    expect(codebook.beamCount).toBe(2);
    expect(innerProduct(codebook, 1, 1)[0]).toBeCloseTo(1, 12);
    expect(Number.isNaN(codebook.pointingAzimuthRad[0])).toBe(true);
    expect(weights[0]).toBe(3);
  });

  it("refuses partial beams and zero beams", () => {
    expect(() => customCodebook(new Float64Array(6), 4)).toThrow(/whole beams/);
    expect(() => customCodebook(new Float64Array(8), 4)).toThrow(/zero/);
  });
});
