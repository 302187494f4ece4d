/** Axis rays through the plan grids: the BVH's answers, number for number. */
import { describe, expect, it } from "vitest";
import { buildBvh, ColumnGrid, LevelGrid } from "../../../twin/bvh/index.js";
import { RayCaster } from "../../../twin/paths/ray-caster.js";
import { prng } from "../../support/fuzz.js";
import { boxCity, triangleSoup } from "../../support/triangle-scenes.js";

/** A box city with sloped triangles strewn through it (footprints that are not thin walls). */
function scene(seed: number): Float64Array {
  const city = boxCity(seed, { blocks: 6, subdivisions: 2 });
  const soup = triangleSoup(seed + 1, 300, 300, 12).map((v, i) => (i % 3 === 2 ? v / 10 : v));
  const all = new Float64Array(city.length + soup.length);
  all.set(city);
  all.set(soup, city.length);
  return all;
}

/** Counts rays where the grid and the BVH differ, and the hits among them. */
function compare(
  caster: RayCaster,
  grid: LevelGrid,
  rays: number[][],
  range: number,
): { differ: number; hits: number } {
  let differ = 0;
  let hits = 0;
  for (const [x, y, dx, dy] of rays) {
    const want = caster.firstHitDistance([x, y, grid.z], [dx, dy, 0], range);
    const got = grid.firstHitDistance(x, y, dx, dy, range);
    if (got !== want) differ++;
    if (want >= 0) hits++;
  }
  return { differ, hits };
}

function randomRays(seed: number, n: number, lo: number, hi: number): number[][] {
  const random = prng(seed);
  return Array.from({ length: n }, (_, k) => {
    // every fourth ray along an axis or a diagonal: the walk's ties between cell borders
    const a = k % 4 === 0 ? (Math.PI / 4) * Math.floor(random() * 8) : 2 * Math.PI * random();
    return [lo + (hi - lo) * random(), lo + (hi - lo) * random(), Math.cos(a), Math.sin(a)];
  });
}

describe("the plan grids", () => {
  const triangles = scene(3);
  const bvh = buildBvh(triangles);
  const caster = new RayCaster(bvh);

  it("answers horizontal rays exactly as the BVH does, from inside and outside the plan, at several heights", () => {
    for (const z of [1.5, 7.25, 22]) {
      const grid = new LevelGrid(bvh, z);
      for (const range of [40, 1000]) {
        const { differ, hits } = compare(caster, grid, randomRays(Math.round(z * 100) + range, 4000, -60, 360), range);
        expect(differ).toBe(0);
        expect(hits).toBeGreaterThan(400); // walls and strewn triangles were hit, not only misses
      }
    }
  });

  it("answers rays that start on a wall (the BVH's epsilon leaves that wall behind)", () => {
    const grid = new LevelGrid(bvh, 1.5);
    // the first building's walls: boxCity's first box starts at (street / 2, street / 2) = (7.5, 7.5)
    const rays = [];
    for (let k = 0; k < 200; k++) {
      const along = 7.5 + 0.1 * k;
      for (const a of [0.3, Math.PI - 0.3, Math.PI, -Math.PI / 2, 1.2])
        rays.push([along, 7.5, Math.cos(a), Math.sin(a)]);
    }
    const { differ, hits } = compare(caster, grid, rays, 200);
    expect(differ).toBe(0);
    expect(hits).toBeGreaterThan(100);
  });

  it("misses everything above the rooftops, as the BVH does", () => {
    const grid = new LevelGrid(bvh, 500);
    const { differ, hits } = compare(caster, grid, randomRays(9, 500, 0, 300), 1000);
    expect(differ).toBe(0);
    expect(hits).toBe(0);
  });

  it("bounds its memory with cells too small for the plan (coarser cells, same answers)", () => {
    const grid = new LevelGrid(bvh, 1.5, 0.01);
    expect(compare(caster, grid, randomRays(4, 1000, 0, 300), 100).differ).toBe(0);
  });

  it("answers vertical rays, down and up, from inside and outside the plan, exactly as the BVH does", () => {
    const grid = new ColumnGrid(bvh);
    const random = prng(12);
    let differ = 0;
    let hits = 0;
    for (let k = 0; k < 4000; k++) {
      const x = -30 + 360 * random();
      const y = -30 + 360 * random();
      // from above everything, from street level, from inside a building; some on cell borders
      const z = [1000, 1.5, 20 * random()][k % 3];
      const [gx, gy] = k % 7 === 0 ? [4 * Math.round(x / 4), 4 * Math.round(y / 4)] : [x, y];
      for (const up of [false, true]) {
        const want = caster.firstHitDistance([gx, gy, z], [0, 0, up ? 1 : -1], 1000);
        if (grid.firstHitDistance(gx, gy, z, up, 1000) !== want) differ++;
        if (want >= 0) hits++;
      }
    }
    expect(differ).toBe(0);
    expect(hits).toBeGreaterThan(2000); // roofs, the ground and strewn triangles were hit
  });

  /** Every eighth vertex of the scene (box corners, roof and strewn-triangle corners). */
  const vertices = Array.from({ length: Math.floor(triangles.length / 24) }, (_, k) => [
    triangles[24 * k],
    triangles[24 * k + 1],
    triangles[24 * k + 2],
  ]);
  const EIGHT = Array.from({ length: 8 }, (_, k) => [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)]);

  it("answers rays from triangle vertices and cell borders, at vertex heights, with large and default cells", () => {
    for (const cellM of [50, undefined]) {
      let differ = 0;
      let hits = 0;
      for (const [vx, vy, vz] of vertices.slice(0, 120)) {
        const grid = new LevelGrid(bvh, vz, cellM);
        const { x0, y0, cell } = grid.cells;
        // the vertex itself, and the cell border nearest to it on both axes
        const border = [x0 + cell * Math.round((vx - x0) / cell), y0 + cell * Math.round((vy - y0) / cell)];
        for (const [x, y] of [[vx, vy], border, [border[0], vy]]) {
          const { differ: d, hits: h } = compare(
            caster,
            grid,
            EIGHT.map(([dx, dy]) => [x, y, dx, dy]),
            400,
          );
          differ += d;
          hits += h;
        }
      }
      expect(differ).toBe(0);
      expect(hits).toBeGreaterThan(500);
    }
  });

  it("answers vertical rays from vertices and cell borders with large cells", () => {
    const grid = new ColumnGrid(bvh, 50);
    const { x0, y0, cell } = grid.cells;
    let differ = 0;
    for (const [vx, vy] of vertices) {
      const border = [x0 + cell * Math.round((vx - x0) / cell), y0 + cell * Math.round((vy - y0) / cell)];
      for (const [x, y] of [[vx, vy], border, [vx, border[1]]]) {
        for (const up of [false, true]) {
          const want = caster.firstHitDistance([x, y, 30], [0, 0, up ? 1 : -1], 1000);
          if (grid.firstHitDistance(x, y, 30, up, 1000) !== want) differ++;
        }
      }
    }
    expect(differ).toBe(0);
  });

  it("answers NaN and infinite rays as the BVH does (no hit), without hanging", () => {
    const level = new LevelGrid(bvh, 1.5);
    const column = new ColumnGrid(bvh);
    const odd = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const bad of odd) {
      for (const [x, y, dx, dy, range] of [
        [bad, 10, Math.SQRT1_2, Math.SQRT1_2, 40],
        [10, bad, 1, 0, 40],
        [10, 10, bad, 0, 40],
        [10, 10, 0, bad, 40],
        [10, 10, 1, 0, bad],
      ]) {
        const want = caster.firstHitDistance([x, y, 1.5], [dx, dy, 0], range);
        expect(level.firstHitDistance(x, y, dx, dy, range)).toBe(want);
      }
      expect(column.firstHitDistance(bad, 10, 30, false, 1000)).toBe(-1);
      expect(column.firstHitDistance(10, bad, 30, false, 1000)).toBe(-1);
    }
  });

  it("refuses a cell size that is not a length", () => {
    for (const cellM of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new LevelGrid(bvh, 1.5, cellM)).toThrow(/cell size .* is not a length > 0/);
      expect(() => new ColumnGrid(bvh, cellM)).toThrow(/cell size .* is not a length > 0/);
    }
  });
});
