import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/random.js";

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.u32());

function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  const mean = sum / xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

describe("Rng streams", () => {
  it("gives the same sequence for the same seed and name", () => {
    expect(draws(new Rng(42, "mobility"), 1000)).toEqual(draws(new Rng(42, "mobility"), 1000));
    const a = new Rng(7, "traffic");
    const b = new Rng(7, "traffic");
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });

  it("gives different streams for different names and for different seeds", () => {
    const base = draws(new Rng(42, "mobility"), 64);
    for (const other of [new Rng(42, "traffic"), new Rng(42, ""), new Rng(42, "mobility/1"), new Rng(43, "mobility")]) {
      const d = draws(other, 64);
      // independent 32-bit streams agree at a position with probability 2^-32
      expect(d.filter((v, i) => v === base[i]).length).toBe(0);
    }
  });

  it("draws uint32 values with all 32 bits in use", () => {
    const rng = new Rng(1, "bits");
    let or = 0;
    let and = 0xffffffff;
    for (let i = 0; i < 1000; i++) {
      const v = rng.u32();
      expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
      or = (or | v) >>> 0;
      and = (and & v) >>> 0;
    }
    expect(or).toBe(0xffffffff);
    expect(and).toBe(0);
  });

  it("rejects a seed that is not an integer", () => {
    expect(() => new Rng(1.5, "x")).toThrow(RangeError);
    expect(() => new Rng(1.5)).toThrow(/seed 1.5 is not an integer/);
    expect(() => new Rng(Number.NaN)).toThrow(/not an integer/);
    expect(() => new Rng(Number.POSITIVE_INFINITY)).toThrow(/not an integer/);
    expect(() => new Rng(0)).not.toThrow();
    expect(() => new Rng(-3, "negative")).not.toThrow();
  });
});

describe("Rng uniform draws", () => {
  it("next() lies in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = new Rng(3, "uniform");
    const xs = new Float64Array(100_000);
    for (let i = 0; i < xs.length; i++) {
      xs[i] = rng.next();
      if (!(xs[i] >= 0 && xs[i] < 1)) throw new Error(`next() gave ${xs[i]}`);
    }
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it("int(lo, hi) covers both ends and nothing outside, evenly", () => {
    const rng = new Rng(5, "int");
    const counts = new Map<number, number>();
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const v = rng.int(-2, 2);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    for (const c of counts.values()) expect(Math.abs(c / n - 0.2)).toBeLessThan(0.01);
    // a one-value range
    for (let i = 0; i < 100; i++) expect(rng.int(9, 9)).toBe(9);
  });

  it("uniform(lo, hi) stays in [lo, hi) and pick() returns only items", () => {
    const rng = new Rng(11, "misc");
    const items = ["a", "b", "c"];
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const u = rng.uniform(-4, 6);
      expect(u >= -4 && u < 6).toBe(true);
      seen.add(rng.pick(items));
    }
    expect([...seen].sort()).toEqual(items);
  });
});

describe("Rng distributions", () => {
  it("normal() has mean 0, variance 1, the Gaussian tail mass and symmetry", () => {
    const rng = new Rng(2024, "normal");
    const n = 200_000;
    const xs = new Float64Array(n);
    let tail = 0;
    let positive = 0;
    let within1 = 0;
    let third = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      xs[i] = x;
      if (Math.abs(x) > 3) tail++;
      if (x > 0) positive++;
      if (Math.abs(x) < 1) within1++;
      third += x * x * x;
    }
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    // P(|X| > 3) = 0.0026998, P(|X| < 1) = 0.6826895
    expect(Math.abs(tail / n - 0.0027)).toBeLessThan(0.0006);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.005);
    expect(Math.abs(positive / n - 0.5)).toBeLessThan(0.005);
    // skewness 0
    expect(Math.abs(third / n)).toBeLessThan(0.03);
  });

  it("normal() reaches into the tail beyond the ziggurat's base strip (r = 3.4426) on both sides", () => {
    const rng = new Rng(9, "tail");
    let above = 0;
    let below = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = rng.normal();
      if (x > 3.5) above++;
      if (x < -3.5) below++;
    }
    // P(X > 3.5) = 2.33e-4: about 47 each side
    expect(above).toBeGreaterThan(20);
    expect(below).toBeGreaterThan(20);
    expect(above).toBeLessThan(90);
    expect(below).toBeLessThan(90);
  });

  it("exponential(mean) has the given mean (within 2 %) and only positive values", () => {
    for (const mean of [0.5, 10]) {
      const rng = new Rng(8, `exp/${mean}`);
      const xs = Float64Array.from({ length: 100_000 }, () => rng.exponential(mean));
      expect(xs.every((x) => x >= 0)).toBe(true);
      const m = moments(xs);
      expect(Math.abs(m.mean / mean - 1)).toBeLessThan(0.02);
      // the exponential's std equals its mean
      expect(Math.abs(Math.sqrt(m.variance) / mean - 1)).toBeLessThan(0.03);
    }
  });

  it("logNormal(mean, cv) has the given mean and coefficient of variation", () => {
    for (const [mean, cv] of [
      [2_000_000, 0.5],
      [3, 0.25],
    ]) {
      const rng = new Rng(77, `ln/${cv}`);
      const xs = Float64Array.from({ length: 200_000 }, () => rng.logNormal(mean, cv));
      expect(xs.every((x) => x > 0)).toBe(true);
      const m = moments(xs);
      expect(Math.abs(m.mean / mean - 1)).toBeLessThan(0.02);
      expect(Math.abs(Math.sqrt(m.variance) / m.mean / cv - 1)).toBeLessThan(0.04);
    }
  });
});
