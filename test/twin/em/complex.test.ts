import { describe, expect, it } from "vitest";
import { complexAbs2, complexDiv, complexExpJ, complexMul, complexSqrt } from "../../../twin/em/complex.js";

const out = new Float64Array(2);

describe("complexSqrt", () => {
  it("takes the principal root, Re >= 0", () => {
    expect([...complexSqrt(3, -4, out)]).toEqual([2, -1]);
    expect([...complexSqrt(-3, 4, out)]).toEqual([1, 2]);
    expect([...complexSqrt(4, 0, out)]).toEqual([2, 0]);
  });

  it("picks the side of the negative real axis by the sign of the zero imaginary part", () => {
    expect([...complexSqrt(-4, 0, out)]).toEqual([0, 2]);
    expect([...complexSqrt(-4, -0, out)]).toEqual([0, -2]);
  });

  it("squares back to its argument (seeded grid, 1e-15 relative)", () => {
    for (let i = 0; i < 200; i++) {
      const re = Math.sin(i * 1.7) * 10 ** ((i % 7) - 3);
      const im = Math.cos(i * 2.3) * 10 ** ((i % 5) - 2);
      complexSqrt(re, im, out);
      expect(out[0]).toBeGreaterThanOrEqual(0);
      complexMul(out[0], out[1], out[0], out[1], out);
      const scale = Math.hypot(re, im);
      expect(Math.abs(out[0] - re) / scale).toBeLessThan(1e-15);
      expect(Math.abs(out[1] - im) / scale).toBeLessThan(1e-15);
    }
  });
});

describe("complexMul, complexDiv, complexExpJ, complexAbs2", () => {
  it("divides as the inverse of multiplying, also for huge and tiny divisors", () => {
    for (const [bRe, bIm] of [
      [3, -4],
      [1e-200, 3e-200],
      [2e200, -1e199],
      [0, 5],
    ]) {
      complexMul(1.5, -2.5, bRe, bIm, out);
      complexDiv(out[0], out[1], bRe, bIm, out);
      expect(out[0]).toBeCloseTo(1.5, 14);
      expect(out[1]).toBeCloseTo(-2.5, 14);
    }
  });

  it("writes at an offset and returns the array", () => {
    const pair = new Float64Array(4);
    expect(complexExpJ(Math.PI / 2, pair, 2)).toBe(pair);
    expect(pair[2]).toBeCloseTo(0, 15);
    expect(pair[3]).toBe(1);
    expect(complexAbs2(3, -4)).toBe(25);
  });
});
