import { describe, expect, it } from "vitest";
import { RayGrid, SequenceTable, shootAndBounce } from "../../../twin/paths/sbr.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { box, floor, quadScene, wallX } from "./support.js";

/** A ground, a wall and a glass box: enough planes for sequences of every order up to 3. */
const yard = () =>
  new TracingScene(
    quadScene([floor(50, "concrete"), wallX(12, [-20, 20], [0, 15], "brick"), ...box([-8, 4, 0], [-2, 9, 6], "glass")]),
  );

describe("ray grid", () => {
  it("covers the sphere with unit directions, as many as the size nearest the budget", () => {
    for (const rays of [3, 10, 1000, 1_000_000, 2_000_000]) {
      const g = new RayGrid(rays);
      expect(Math.abs(Math.log2(g.size / rays))).toBeLessThanOrEqual(0.5 + 1e-9);
      // square-ish cells: the columns about pi times the rows (6 times at odd levels)
      expect([3, 6]).toContain(g.cols / g.rows);
      const d = new Float64Array(3);
      for (const [r, c] of [
        [0, 0],
        [g.rows - 1, g.cols - 1],
        [(g.rows - 1) / 2, 0.5],
      ]) {
        g.direction(r, c, d);
        expect(Math.hypot(d[0], d[1], d[2])).toBeCloseTo(1, 12);
      }
    }
    expect(new RayGrid(1_000_000).size).toBe(786_432);
  });

  it("holds every ray of the grid half its size", () => {
    for (const rays of [3 * 2 ** 10, 3 * 2 ** 11]) {
      const small = new RayGrid(rays);
      const big = new RayGrid(2 * rays);
      const fr = big.rows / small.rows;
      const fc = big.cols / small.cols;
      expect(fr * fc).toBe(2);
      const a = new Float64Array(3);
      const b = new Float64Array(3);
      for (let r = 0; r < small.rows; r += 7) {
        for (let c = 0; c < small.cols; c += 11) {
          small.direction(r, c, a);
          big.direction(r * fr, c * fc, b);
          expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeLessThan(1e-12);
        }
      }
    }
  });
});

describe("shooting and bouncing rays", () => {
  it("shoots extra rays only between neighbours that end differently (the horizon over a ground plane)", () => {
    const ts = new TracingScene(quadScene([floor(1e4, "concrete")]));
    for (const refine of [0, 3, 5]) {
      const table = new SequenceTable(ts.planes.count);
      const rays = 3 * 2 ** 12; // 64 rows: row 32 lies on the horizon and misses the ground
      const g = new RayGrid(rays);
      expect(g.rows).toBe(64);
      const shot = shootAndBounce(ts.bvh, ts.planes, [0, 0, 10], table, { maxDepth: 2, rays, refine });
      // rays down hit the ground, the others leave: the rows either side of the horizon differ at every column
      expect(shot).toBe(g.rows * g.cols + refine * g.cols);
      expect(table.sequences).toEqual([[0]]);
    }
  });

  it("finds the same sequences in shares as in one call", () => {
    const ts = yard();
    const sequencesOf = (parts: number) => {
      const table = new SequenceTable(ts.planes.count);
      for (let part = 0; part < parts; part++)
        shootAndBounce(ts.bvh, ts.planes, [1, -2, 3], table, { maxDepth: 3, rays: 20_000, part, parts });
      return new Set(table.sequences.map((s) => s.join(",")));
    };
    const whole = sequencesOf(1);
    expect(whole.size).toBeGreaterThan(10);
    expect(sequencesOf(3)).toEqual(whole);
    expect(sequencesOf(7)).toEqual(whole);
  });

  it("finds with twice the rays every sequence it found before (unrefined grids nest)", () => {
    const ts = yard();
    const sequencesOf = (rays: number) => {
      const table = new SequenceTable(ts.planes.count);
      shootAndBounce(ts.bvh, ts.planes, [1, -2, 3], table, { maxDepth: 3, rays, refine: 0 });
      return table.sequences.map((s) => s.join(","));
    };
    for (const rays of [3000, 6000, 12_000]) {
      const more = new Set(sequencesOf(2 * rays));
      for (const s of sequencesOf(rays)) expect(more.has(s)).toBe(true);
    }
  });

  it("finds more of the sequences that reach past a corner when it refines", () => {
    // a short wall beside a long one: rays reflecting off the long wall and then just past the short
    // wall's end form thin slivers of ray space at the boundary between "hits the short wall" and not
    const ts = new TracingScene(
      quadScene([
        floor(200, "concrete"),
        wallX(30, [-100, 100], [0, 20], "brick", "long"),
        wallX(-5, [-3, 3], [0, 8], "brick", "short"),
        ...box([10, 20, 0], [14, 23, 12], "concrete", "block"),
      ]),
    );
    const count = (refine: number) => {
      const table = new SequenceTable(ts.planes.count);
      shootAndBounce(ts.bvh, ts.planes, [0, 0, 5], table, { maxDepth: 3, rays: 2000, refine });
      return table.sequences.length;
    };
    expect(count(3)).toBeGreaterThan(count(0));
  });
});
