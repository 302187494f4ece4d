import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/random.js";
import { type FieldOptions, NO_PATH_DB, RadioField, ShadowingField } from "../../sim/world/field.js";
import { perSubcarrierDbm as perReDbm, RadioMap, type RadioMapMeta } from "../../twin/radio-map/index.js";

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let [sa, sb] = [0, 0];
  for (let i = 0; i < n; i++) [sa, sb] = [sa + a[i], sb + b[i]];
  const [ma, mb] = [sa / n, sb / n];
  let [cab, caa, cbb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    cab += (a[i] - ma) * (b[i] - mb);
    caa += (a[i] - ma) ** 2;
    cbb += (b[i] - mb) ** 2;
  }
  return cab / Math.sqrt(caa * cbb);
}

describe("ShadowingField", () => {
  // 4 km x 4 km at 20 m decorrelation: about 40 000 independent lattice values
  const field = new ShadowingField(-2000, -2000, 4000, 4000, 20, 4, new Rng(1, "shadowing/test"));
  const points = (() => {
    const r = new Rng(2, "points");
    return Array.from({ length: 20_000 }, () => [r.uniform(-1900, 1500), r.uniform(-1900, 1500)] as const);
  })();

  it("has standard deviation sigma and mean 0 over the area", () => {
    const v = points.map(([x, y]) => field.at(x, y));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.25);
    expect(Math.abs(std - 4)).toBeLessThan(0.5);
    // the interpolation keeps sigma between lattice points too: points mid-cell alone
    const mid = Array.from({ length: 5000 }, (_, i) =>
      field.at(-1990 + 20 * (i % 150), -1990 + 20 * Math.floor(i / 150)),
    );
    const midStd = Math.sqrt(mid.reduce((a, b) => a + b * b, 0) / mid.length);
    expect(Math.abs(midStd - 4)).toBeLessThan(0.5);
  });

  it("is strongly correlated 1 m apart and nearly uncorrelated 10 decorrelation distances apart", () => {
    const here = points.map(([x, y]) => field.at(x, y));
    const near = points.map(([x, y]) => field.at(x + 1, y));
    const far = points.map(([x, y]) => field.at(x + 200, y + 0));
    expect(correlation(here, near)).toBeGreaterThan(0.9);
    expect(Math.abs(correlation(here, far))).toBeLessThan(0.1);
    const halfway = points.map(([x, y]) => field.at(x + 10, y));
    const c = correlation(here, halfway);
    expect(c).toBeGreaterThan(0.3);
    expect(c).toBeLessThan(0.95);
  });

  it("is continuous and the same for the same stream", () => {
    const again = new ShadowingField(-2000, -2000, 4000, 4000, 20, 4, new Rng(1, "shadowing/test"));
    for (const [x, y] of points.slice(0, 200)) {
      expect(again.at(x, y)).toBe(field.at(x, y));
      expect(Math.abs(field.at(x + 0.01, y) - field.at(x, y))).toBeLessThan(0.05);
    }
  });

  it("is 0 everywhere with sigma 0", () => {
    const flat = new ShadowingField(0, 0, 100, 100, 10, 0, new Rng(3));
    for (let i = 0; i < 100; i++) expect(flat.at(i * 1.7 - 20, 100 - i)).toBe(0);
  });
});

describe("perReDbm", () => {
  it("spreads the power over the carrier's subcarriers", () => {
    // 40 MHz / 30 kHz = 1333.3 subcarriers: 31.25 dB
    expect(perReDbm(46, 40e6, 30e3)).toBeCloseTo(46 - 31.2494, 4);
    expect(perReDbm(30, 15e3 * 1000, 15e3)).toBeCloseTo(0, 12);
  });
});

/** A 3 x 3 grid of 1 m cells at (10, 20), one transmit point of `beams` beams with the given gains. */
function tinyMap(gains: number[], beams = 2, id = "p"): RadioMap {
  const meta: RadioMapMeta = {
    grid: { x0: 10, y0: 20, resM: 1, width: 3, height: 3 },
    heightM: 1.5,
    frequencyHz: 3.5e9,
    bandwidthHz: 20e6,
    subcarrierSpacingHz: 30e3,
    noiseFigureDb: 7,
    cells: [{ id, position: [0, 0, 10], powerDbm: 40, beams }],
    solver: {},
  };
  return new RadioMap(meta, Float32Array.from(gains));
}

const OPTIONS: FieldOptions = {
  bandwidthHz: 20e6,
  subcarrierSpacingHz: 30e3,
  powersDbm: [40, 34],
  shadowing: { sigmaDb: 0, decorrelationM: 10 },
  seed: 1,
};
const P0 = perReDbm(40, 20e6, 30e3);
const P1 = perReDbm(34, 20e6, 30e3);
const centre = (i: number, j: number): [number, number] => [10 + i + 0.5, 20 + j + 0.5];
const db = (g: number) => 10 * Math.log10(g);

// beam 0: 10^-(6 + k/10) over grid cell k (row-major, row 0 south); beam 1: 10^-7 everywhere but cell 4 (10^-5)
const BEAM0 = Array.from({ length: 9 }, (_, k) => 10 ** -(6 + k / 10));
const BEAM1 = Array.from({ length: 9 }, (_, k) => (k === 4 ? 1e-5 : 1e-7));

describe("RadioField", () => {
  const field = new RadioField([tinyMap([...BEAM0, ...BEAM1])], [{ points: [0] }], OPTIONS);
  const out = new Float64Array(4);

  it("counts the beams of each cell", () => {
    expect(field.cellCount).toBe(1);
    expect(Array.from(field.beamCount)).toEqual([2]);
    expect(field.maxBeams).toBe(2);
  });

  it("gives power per RE plus the beam's gain at a grid cell's centre", () => {
    for (let k = 0; k < 9; k++) {
      const [x, y] = centre(k % 3, Math.floor(k / 3));
      field.measure(0, x, y, out);
      expect(out[0]).toBeCloseTo(P0 + db(BEAM0[k]), 4);
      expect(out[1]).toBeCloseTo(P0 + db(BEAM1[k]), 4);
    }
    // beam 0 at cell (1, 0): -6.1 dB below 1e-6 → P0 - 61 dB
    field.measure(0, 11.5, 20.5, out);
    expect(out[0]).toBeCloseTo(P0 - 61, 4);
  });

  it("writes from the given offset and leaves the rest of the buffer alone", () => {
    const buf = new Float64Array(5).fill(7);
    field.measure(0, 10.5, 20.5, buf, 2);
    expect(buf[0]).toBe(7);
    expect(buf[1]).toBe(7);
    expect(buf[2]).toBeCloseTo(P0 - 60, 4);
    expect(buf[3]).toBeCloseTo(P0 - 70, 4);
    expect(buf[4]).toBe(7);
  });

  it("returns the linear mean of the beams' powers at a centre, in mW", () => {
    for (const k of [0, 4, 8]) {
      const [x, y] = centre(k % 3, Math.floor(k / 3));
      const mw = field.measure(0, x, y, out);
      const expected = (10 ** ((P0 + db(BEAM0[k])) / 10) + 10 ** ((P0 + db(BEAM1[k])) / 10)) / 2;
      expect(mw / expected).toBeCloseTo(1, 5);
      expect(mw / ((10 ** (out[0] / 10) + 10 ** (out[1] / 10)) / 2)).toBeCloseTo(1, 5);
    }
  });

  it("interpolates bilinearly in dB between centres", () => {
    // halfway between the centres of cells 0 and 1 (x), then between cells 1 and 4 (y)
    field.measure(0, 11, 20.5, out);
    expect(out[0]).toBeCloseTo(P0 + (db(BEAM0[0]) + db(BEAM0[1])) / 2, 4);
    expect(out[1]).toBeCloseTo(P0 + (db(BEAM1[0]) + db(BEAM1[1])) / 2, 4);
    field.measure(0, 11.5, 21, out);
    expect(out[1]).toBeCloseTo(P0 + (db(BEAM1[1]) + db(BEAM1[4])) / 2, 4); // -60 dB: between -70 and -50
    expect(out[1]).toBeCloseTo(P0 - 60, 4);
    // a quarter of the way, and the middle of four centres
    field.measure(0, 10.75, 20.5, out);
    expect(out[0]).toBeCloseTo(P0 + 0.75 * db(BEAM0[0]) + 0.25 * db(BEAM0[1]), 4);
    field.measure(0, 11, 21, out);
    expect(out[0]).toBeCloseTo(P0 + (db(BEAM0[0]) + db(BEAM0[1]) + db(BEAM0[3]) + db(BEAM0[4])) / 4, 4);
  });

  it("holds the edge cells' values out to the map's edge", () => {
    field.measure(0, 10.1, 20.1, out);
    expect(out[0]).toBeCloseTo(P0 + db(BEAM0[0]), 4);
    field.measure(0, 13, 23, out);
    expect(out[0]).toBeCloseTo(P0 + db(BEAM0[8]), 4);
  });

  it("gives NO_PATH_DB for every beam off the map, and no power", () => {
    for (const [x, y] of [
      [9.9, 21],
      [11, 19.5],
      [13.01, 21],
      [11, 23.5],
      [-1e6, 1e6],
    ]) {
      out.fill(1);
      expect(field.measure(0, x, y, out)).toBe(0);
      expect(out[0]).toBe(NO_PATH_DB);
      expect(out[1]).toBe(NO_PATH_DB);
    }
  });

  it("concatenates the beams of a cell's transmit points, each with its own power", () => {
    const repeater = tinyMap(
      Array.from({ length: 9 }, () => 1e-4),
      1,
      "r",
    );
    const two = new RadioField(
      [tinyMap([...BEAM0, ...BEAM1]), repeater],
      [{ points: [0, 1] }, { points: [1] }],
      OPTIONS,
    );
    expect(Array.from(two.beamCount)).toEqual([3, 1]);
    expect(two.maxBeams).toBe(3);
    const buf = new Float64Array(3);
    const mw = two.measure(0, 12.5, 22.5, buf);
    expect(buf[0]).toBeCloseTo(P0 + db(BEAM0[8]), 4);
    expect(buf[1]).toBeCloseTo(P0 + db(BEAM1[8]), 4);
    expect(buf[2]).toBeCloseTo(P1 - 40, 4);
    // the mean over all three beams, used evenly
    const expected = (10 ** (buf[0] / 10) + 10 ** (buf[1] / 10) + 10 ** (buf[2] / 10)) / 3;
    expect(mw / expected).toBeCloseTo(1, 5);
    expect(two.measure(1, 12.5, 22.5, buf) / 10 ** ((P1 - 40) / 10)).toBeCloseTo(1, 5);
  });

  it("fills cells inside buildings (NaN) from their neighbours' largest gain", () => {
    // beam 0: the centre cell is NaN, its neighbours 1e-6 .. 8e-6; beam 1: NaN in the corner next to 2e-5 and 3e-5
    const b0 = [1e-6, 2e-6, 3e-6, 4e-6, Number.NaN, 5e-6, 6e-6, 8e-6, 7e-6];
    const b1 = [Number.NaN, 2e-5, 1e-7, 3e-5, 1e-7, 1e-7, 1e-7, 1e-7, 1e-7];
    const f = new RadioField([tinyMap([...b0, ...b1])], [{ points: [0] }], OPTIONS);
    f.measure(0, ...centre(1, 1), out);
    expect(out[0]).toBeCloseTo(P0 + db(8e-6), 4);
    f.measure(0, ...centre(0, 0), out);
    expect(out[1]).toBeCloseTo(P0 + db(3e-5), 4);
    // valid cells are untouched
    f.measure(0, ...centre(2, 2), out);
    expect(out[0]).toBeCloseTo(P0 + db(7e-6), 4);
    expect(out[1]).toBeCloseTo(P0 - 70, 4);
  });

  it("fills deeper holes pass by pass, and a beam with no path at all reads NO_PATH_DB gain", () => {
    // beam 0: only the corner cell 8 is valid; beam 1: all NaN
    const b0 = [...Array.from({ length: 8 }, () => Number.NaN), 1e-6];
    const b1 = Array.from({ length: 9 }, () => Number.NaN);
    const f = new RadioField([tinyMap([...b0, ...b1])], [{ points: [0] }], OPTIONS);
    f.measure(0, ...centre(0, 0), out);
    expect(out[0]).toBeCloseTo(P0 - 60, 4);
    expect(out[1]).toBeCloseTo(P0 + NO_PATH_DB, 4);
    // zero gains (no path) are no path too
    const z = new RadioField([tinyMap(Array.from({ length: 18 }, () => 0))], [{ points: [0] }], OPTIONS);
    expect(z.measure(0, ...centre(1, 1), out) / 10 ** ((P0 + NO_PATH_DB) / 10)).toBeCloseTo(1, 5);
    expect(out[0]).toBeCloseTo(P0 + NO_PATH_DB, 4);
  });

  it("adds each transmit point's shadowing to all its beams alike", () => {
    const shadowed = new RadioField([tinyMap([...BEAM0, ...BEAM1])], [{ points: [0] }], {
      ...OPTIONS,
      shadowing: { sigmaDb: 6, decorrelationM: 1 },
    });
    const deltas: number[] = [];
    for (let k = 0; k < 9; k++) {
      const [x, y] = centre(k % 3, Math.floor(k / 3));
      shadowed.measure(0, x, y, out);
      const d0 = out[0] - (P0 + db(BEAM0[k]));
      const d1 = out[1] - (P0 + db(BEAM1[k]));
      expect(d0).toBeCloseTo(d1, 4);
      deltas.push(d0);
    }
    expect(new Set(deltas.map((d) => d.toFixed(3))).size).toBeGreaterThan(1);
    expect(Math.max(...deltas.map(Math.abs))).toBeGreaterThan(0.5);
  });
});
