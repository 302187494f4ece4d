import { describe, expect, it } from "vitest";
import { fresnelAuxiliary, fresnelIntegrals } from "../../../twin/em/fresnel-integrals.js";
import { referenceAuxiliary, referenceFresnelIntegrals } from "./reference.js";

const out = new Float64Array(2);

/** x from 0 to 12 by 0.05, the series/fraction seam from both sides, and a few large arguments. */
const GRID = [
  ...Array.from({ length: 241 }, (_, i) => i * 0.05),
  1.5999999999,
  1.6,
  1.6000000001,
  15,
  20,
  33.3,
  50,
  100,
];

describe("fresnelIntegrals", () => {
  it("matches quadrature of the definition to 1e-13 at every grid point (measured max 6e-15)", () => {
    for (const x of GRID) {
      const ref = referenceFresnelIntegrals(x);
      fresnelIntegrals(x, out);
      expect(Math.abs(out[0] - ref.c), `C(${x})`).toBeLessThan(1e-13);
      expect(Math.abs(out[1] - ref.s), `S(${x})`).toBeLessThan(1e-13);
    }
  });

  it("agrees with tabulated values (A&S table 7.7)", () => {
    fresnelIntegrals(1, out);
    expect(out[0]).toBeCloseTo(0.7798934004, 10);
    expect(out[1]).toBeCloseTo(0.4382591474, 10);
    fresnelIntegrals(2, out);
    expect(out[0]).toBeCloseTo(0.4882534061, 10);
    expect(out[1]).toBeCloseTo(0.3434156784, 10);
  });

  it("is odd, and tends to 1/2 at infinity", () => {
    for (const x of [0.3, 1.7, 9]) {
      const [c, s] = fresnelIntegrals(x);
      fresnelIntegrals(-x, out);
      expect([out[0], out[1]]).toEqual([-c, -s]);
    }
    expect([...fresnelIntegrals(Number.POSITIVE_INFINITY, out)]).toEqual([0.5, 0.5]);
    expect([...fresnelIntegrals(0, out)]).toEqual([0, 0]);
  });
});

describe("fresnelAuxiliary", () => {
  it("matches an independent contour-integral reference to 1e-12 relative (measured max 3e-14)", () => {
    for (const x of GRID) {
      const ref = referenceAuxiliary(x);
      fresnelAuxiliary(x, out);
      expect(Math.abs(out[0] - ref.f) / ref.f, `f(${x})`).toBeLessThan(1e-12);
      expect(Math.abs(out[1] - ref.g) / ref.g, `g(${x})`).toBeLessThan(1e-12);
    }
  });

  it("follows the asymptotic series at large x (A&S 7.3.27-28) to 1e-12 relative", () => {
    for (const x of [1e3, 1e4, 1e6]) {
      const u = Math.PI * x * x;
      const f = (1 / (Math.PI * x)) * (1 - 3 / u ** 2 + 105 / u ** 4);
      const g = (1 / (Math.PI * Math.PI * x ** 3)) * (1 - 15 / u ** 2 + 945 / u ** 4);
      fresnelAuxiliary(x, out);
      expect(Math.abs(out[0] / f - 1)).toBeLessThan(1e-12);
      expect(Math.abs(out[1] / g - 1)).toBeLessThan(1e-12);
    }
  });

  it("starts at f = g = 1/2 and vanishes at infinity", () => {
    expect([...fresnelAuxiliary(0, out)]).toEqual([0.5, 0.5]);
    expect([...fresnelAuxiliary(Number.POSITIVE_INFINITY, out)]).toEqual([0, 0]);
  });
});
