/**
 * Evaluation's flood: a specular region seeded in one cell is evaluated over all of it, across cells
 * where its path is blocked or that lie inside a building, and the geometry test behind that.
 */
import { describe, expect, it } from "vitest";
import { cellFromSpec } from "../../../twin/antenna/cell-spec.js";
import { BLOCKED } from "../../../twin/paths/image-method.js";
import { createLink, solvePaths, traceSpecularPath } from "../../../twin/paths/path-solver.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import type { Vec3 } from "../../../twin/paths/vec.js";
import { BeamAccumulator, evaluateSpecular } from "../../../twin/radio-map/evaluate.js";
import { buildingMask, type MapGrid } from "../../../twin/radio-map/footprint.js";
import { box, quadScene, wallX } from "../paths/support.js";

const F = 3.5e9;
const TX: [number, number, number] = [0, 0, 10];

// a reflecting wall at x = 20 (triangles 0 and 1, so one plane) and a low block in front of it
const scene = quadScene([
  wallX(20, [-100, 100], [0, 30], "concrete"),
  ...box([10, -4, 0], [19.5, 4, 3], "concrete", "block"),
]);
const ts = new TracingScene(scene);
const wall = ts.planes.planeOf[0];
const link = createLink(ts, TX, F);

describe("tracing a specular path", () => {
  it("tells a path blocked by an obstacle from one whose point falls off the surface", () => {
    // rx behind the block as seen from the wall: the reflected leg runs into it
    const blocked: Vec3 = [14, 1, 1];
    const [paths] = solvePaths(ts, TX, [blocked], { frequencyHz: F, maxDepth: 1, diffraction: false });
    expect(paths.paths.filter((p) => p.type === "reflection")).toHaveLength(0);
    expect(traceSpecularPath(link, blocked, [wall])).toBe(BLOCKED);
    const open = traceSpecularPath(link, [14, 20, 1.5], [wall]);
    expect(open).not.toBe(BLOCKED);
    expect(open).toMatchObject({ type: "reflection" });
    // a reflection point above the wall's top (30 m), and a receiver behind the wall
    expect(traceSpecularPath(link, [0, 10, 200], [wall])).toBeNull();
    expect(traceSpecularPath(link, [30, 10, 1.5], [wall])).toBeNull();
  });
});

describe("specular flood", () => {
  it("grows a region seeded in one cell across the building cells that cut it in two", () => {
    // a strip of 7 x 80 cells in front of the wall; the block covers 8 rows in its middle
    const grid: MapGrid = { x0: 12, y0: -40, resM: 1, width: 7, height: 80 };
    const skip = buildingMask(scene, grid, 1.5);
    const cell = (x: number, y: number) => Math.floor(y - grid.y0) * grid.width + Math.floor(x - grid.x0);
    expect(skip[cell(15, 0)]).toBe(1);
    const acc = new BeamAccumulator(
      cellFromSpec({
        id: "iso",
        position: TX,
        azimuthDeg: 0,
        powerDbm: 30,
        array: { rows: 1, cols: 1, pattern: "iso" },
        codebook: { kind: "beams", directionsDeg: [[0, 0]] },
      }),
      grid.width * grid.height,
    );
    const seed = Float64Array.of(cell(15, 20)); // code 0 (the wall), one cell north of the block
    const paths = evaluateSpecular(link, grid, 1.5, seed, [[wall]], skip, acc);
    expect(acc.gains[cell(15, 20)]).toBeGreaterThan(0);
    // south of the block, 8 cells of building away from anything the seed's neighbours reach
    expect(acc.gains[cell(15, -20)]).toBeGreaterThan(0);
    expect(acc.gains[cell(15, 0)]).toBe(0);
    // exactly the cells where the path solver finds the reflection (some next to the block are in its shadow)
    let reflecting = 0;
    for (let k = 0; k < skip.length; k++) {
      if (skip[k]) continue;
      const i = k % grid.width;
      const rx: Vec3 = [grid.x0 + i + 0.5, grid.y0 + (k - i) / grid.width + 0.5, 1.5];
      const [found] = solvePaths(ts, TX, [rx], { frequencyHz: F, maxDepth: 1, los: false, diffraction: false });
      expect(acc.gains[k] > 0).toBe(found.paths.length === 1);
      reflecting += found.paths.length;
    }
    expect(paths).toBe(reflecting);
    expect(reflecting).toBeGreaterThan(400);
  });
});
