import { describe, expect, it } from "vitest";
import { RayGrid, SequenceTable, shootAndBounce } from "../../../twin/paths/sbr.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { box, floor, quadScene, wallX } from "./support.js";

describe("ray grid", () => {
  it("covers the sphere with unit directions of equal solid angle, about as many as asked", () => {
    for (const rays of [1, 10, 1000, 123_457]) {
      const g = new RayGrid(rays);
      expect(Math.abs(g.rows * g.cols - rays)).toBeLessThanOrEqual(g.rows);
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
    // rows of equal z step: the mean of z over the grid is 0, and the poles are not rays
    const g = new RayGrid(10_000);
    const d = new Float64Array(3);
    let sum = 0;
    for (let r = 0; r < g.rows; r++) sum += g.direction(r, 0, d)[2];
    expect(Math.abs(sum / g.rows)).toBeLessThan(1e-12);
    expect(g.direction(0, 0, d)[2]).toBeLessThan(1);
  });
});

describe("shooting and bouncing rays", () => {
  it("shoots extra rays only between neighbours that end differently (the horizon over a ground plane)", () => {
    const ts = new TracingScene(quadScene([floor(1e4, "concrete")]));
    for (const refine of [0, 3, 5]) {
      const table = new SequenceTable(ts.planes.count);
      const rays = 39_408; // 112 rows: an even number, so no ray lies on the horizon
      const g = new RayGrid(rays);
      expect(g.rows % 2).toBe(0);
      const shot = shootAndBounce(ts.bvh, ts.planes, [0, 0, 10], table, { maxDepth: 2, rays, refine });
      // rays down hit the ground, rays up leave: the rows either side of the horizon differ at every column
      expect(shot).toBe(g.rows * g.cols + refine * g.cols);
      expect(table.sequences).toEqual([[0]]);
    }
  });

  it("finds the same sequences in shares as in one call", () => {
    const ts = new TracingScene(
      quadScene([floor(50, "concrete"), wallX(12, [-20, 20], [0, 15], "brick"), ...box([-8, 4, 0], [-2, 9, 6], "glass")]),
    );
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
