import { describe, expect, it } from "vitest";
import { waterFill } from "../../sim/ran/scheduler.js";

function fill(needs: number[]): { total: number; share: number[] } {
  const n = needs.length;
  const share = new Float64Array(n + 2).fill(-1);
  const total = waterFill(Float64Array.from(needs), n, share, new Int32Array(n + 2));
  return { total, share: Array.from(share.subarray(0, n)) };
}

describe("waterFill", () => {
  it("splits the carrier evenly between full-buffer UEs", () => {
    for (const n of [1, 2, 3, 7]) {
      const { total, share } = fill(Array.from({ length: n }, (_, i) => 1 + i * 0.5));
      expect(total).toBeCloseTo(1, 12);
      for (const s of share) expect(s).toBeCloseTo(1 / n, 12);
    }
  });

  it("gives a small need what it asks and the rest evenly to the others", () => {
    const { total, share } = fill([1, 0.1, 5]);
    expect(share[0]).toBeCloseTo(0.45, 12);
    expect(share[1]).toBeCloseTo(0.1, 12);
    expect(share[2]).toBeCloseTo(0.45, 12);
    expect(total).toBeCloseTo(1, 12);
  });

  it("levels the water: needs 0.1, 0.3, 0.5, 0.5 get 0.1, 0.3, 0.3, 0.3", () => {
    const { total, share } = fill([0.5, 0.3, 0.1, 0.5]);
    expect(share.map((s) => Number(s.toFixed(12)))).toEqual([0.3, 0.3, 0.1, 0.3]);
    expect(total).toBeCloseTo(1, 12);
  });

  it("gives every UE its need when all needs fit, and the total is their sum", () => {
    const needs = [0.2, 0.05, 0.3, 0.1];
    const { total, share } = fill(needs);
    share.forEach((s, i) => expect(s).toBeCloseTo(needs[i], 12));
    expect(total).toBeCloseTo(0.65, 12);
  });

  it("returns 0 for no UEs and writes nothing", () => {
    const share = new Float64Array(3).fill(-1);
    expect(waterFill(new Float64Array(3), 0, share, new Int32Array(3))).toBe(0);
    expect(Array.from(share)).toEqual([-1, -1, -1]);
  });

  it("treats a negative need as 0", () => {
    const { total, share } = fill([-0.5, 2, 2]);
    expect(share[0]).toBe(0);
    expect(share[1]).toBeCloseTo(0.5, 12);
    expect(share[2]).toBeCloseTo(0.5, 12);
    expect(total).toBeCloseTo(1, 12);
  });

  it("only looks at the first n entries", () => {
    const need = Float64Array.of(0.2, 0.2, 100);
    const share = new Float64Array(3).fill(-1);
    const total = waterFill(need, 2, share, new Int32Array(3));
    expect(total).toBeCloseTo(0.4, 12);
    expect(share[2]).toBe(-1);
  });

  it("never gives more than a need, never more than the carrier, and is max-min fair (random needs)", () => {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 500; trial++) {
      const n = 1 + Math.floor(rand() * 12);
      const needs = Array.from({ length: n }, () => (rand() < 0.2 ? 1 + rand() : rand() * 0.4));
      const { total, share } = fill(needs);
      let sum = 0;
      share.forEach((s, i) => {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(needs[i] + 1e-12);
        sum += s;
      });
      expect(total).toBeCloseTo(sum, 12);
      expect(total).toBeLessThanOrEqual(1 + 1e-12);
      const needSum = needs.reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(Math.min(1, needSum), 12);
      // a UE short of its need has at least as much as anyone else
      const top = Math.max(...share);
      share.forEach((s, i) => {
        if (s < needs[i] - 1e-12) expect(s).toBeGreaterThanOrEqual(top - 1e-12);
      });
    }
  });
});
