import { describe, expect, it } from "vitest";
import { buildingMask, cellCentre, type MapGrid } from "../../../twin/radio-map/footprint.js";
import type { Scene } from "../../../twin/scene/scene.js";
import { boxScene } from "../../support/box-scene.js";

/** Cells marked in the mask, as "i,j". */
const marked = (mask: Uint8Array, grid: MapGrid) =>
  [...mask.keys()].filter((k) => mask[k]).map((k) => `${k % grid.width},${Math.floor(k / grid.width)}`);

describe("buildingMask", () => {
  // 1 m cells from -20 to 20 m: the 10 x 10 x 10 m box from (0, 0) covers cells 20..29 both ways
  const grid: MapGrid = { x0: -20, y0: -20, resM: 1, width: 40, height: 40 };
  const box = boxScene([{ x0: 0, y0: 0, x1: 10, y1: 10, heightM: 10 }]);

  it("marks exactly the cells inside a 10 m box at 1.5 m", () => {
    const expected: string[] = [];
    for (let j = 20; j < 30; j++) for (let i = 20; i < 30; i++) expected.push(`${i},${j}`);
    expect(marked(buildingMask(box, grid, 1.5), grid)).toEqual(expected);
  });

  it("marks nothing above the box, and ignores the ground", () => {
    expect(marked(buildingMask(box, grid, 20), grid)).toEqual([]);
    expect(marked(buildingMask(boxScene([]), grid, 0), grid)).toEqual([]);
  });

  it("lays rows out south first (row 0 = smallest y)", () => {
    const southWest = boxScene([{ x0: -20, y0: -20, x1: -18, y1: -19, heightM: 5 }]);
    expect(marked(buildingMask(southWest, grid, 1.5), grid)).toEqual(["0,0", "1,0"]);
  });

  it("clips geometry outside the grid", () => {
    const huge = boxScene([{ x0: -100, y0: 5, x1: 100, y1: 6, heightM: 5 }]);
    const cells = marked(buildingMask(huge, grid, 1.5), grid);
    expect(cells.length).toBe(40);
    expect(cells.every((c) => c.endsWith(",25"))).toBe(true);
  });

  // seed 7: random triangles against a brute-force test of every cell centre
  it("agrees with a point-in-triangle test at cell centres (seed 7)", () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const n = 300;
    const triangles = new Float64Array(n * 9);
    for (let k = 0; k < n * 9; k += 3) {
      triangles[k] = -25 + 50 * random();
      triangles[k + 1] = -25 + 50 * random();
      triangles[k + 2] = 3 * random();
    }
    const scene: Scene = {
      metadata: { name: "random" },
      materials: [{ itu: "concrete", thicknessM: 0.2 }],
      objects: [{ name: "random", material: 0, firstTriangle: 0, triangleCount: n }],
      triangles,
      triangleObject: new Uint32Array(n),
    };
    const small: MapGrid = { x0: -20, y0: -15, resM: 0.7, width: 57, height: 43 };
    const mask = buildingMask(scene, small, 1.5);
    const cross = (ax: number, ay: number, bx: number, by: number, px: number, py: number) =>
      (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    let disagreements = 0;
    for (let j = 0; j < small.height; j++) {
      for (let i = 0; i < small.width; i++) {
        const [x, y] = cellCentre(small, i, j);
        let inside = false;
        for (let t = 0; t < n * 9 && !inside; t += 9) {
          const tri = triangles.subarray(t, t + 9);
          if (Math.max(tri[2], tri[5], tri[8]) <= 1.5) continue;
          const d1 = cross(tri[0], tri[1], tri[3], tri[4], x, y);
          const d2 = cross(tri[3], tri[4], tri[6], tri[7], x, y);
          const d3 = cross(tri[6], tri[7], tri[0], tri[1], x, y);
          inside = (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
        }
        if (inside !== (mask[j * small.width + i] === 1)) disagreements++;
      }
    }
    expect(disagreements).toBe(0);
    expect(mask.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });
});
