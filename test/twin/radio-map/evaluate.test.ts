/**
 * Evaluation's flood: a specular region seeded in one cell is evaluated over all of it, across cells
 * where its path is blocked or that lie inside a building, and the geometry test behind that; the
 * diffracted rays a map evaluates, with the transmitter's sight of an edge decided per bin; regions
 * going on over the next surface where theirs ends (continuations).
 */
import { describe, expect, it } from "vitest";
import { cellFromSpec } from "../../../twin/antenna/cell-spec.js";
import { BLOCKED } from "../../../twin/paths/image-method.js";
import {
  createLink,
  diffractedPath,
  diffractedRay,
  rayTransfer,
  solvePaths,
  traceSpecularPath,
} from "../../../twin/paths/path-solver.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import type { Vec3 } from "../../../twin/paths/vec.js";
import { Continuations } from "../../../twin/radio-map/continuation.js";
import { EDGE_BIN_M, EdgeSight } from "../../../twin/radio-map/edge-sight.js";
import {
  BeamAccumulator,
  evaluateDiffraction,
  evaluateLineOfSight,
  evaluateSpecular,
} from "../../../twin/radio-map/evaluate.js";
import { buildingMask, type MapGrid } from "../../../twin/radio-map/footprint.js";
import { cellOf, codeOf } from "../../../twin/radio-map/marks.js";
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

/** An accumulator for one isotropic beam at TX over `grid`. */
const isotropic = (grid: MapGrid) =>
  new BeamAccumulator(
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
    const acc = isotropic(grid);
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

describe("diffraction evaluation", () => {
  // a screen at x = 20 whose top edge (z = 10) diffracts, and a post at x = 9.5 .. 10.5 hiding the edge's
  // middle from the transmitter: the ray to edge point y meets the post's face at y 9.5 / 20, so
  // |y| < 2 * 20 / 9.5 is hidden
  const screenScene = quadScene([
    wallX(20, [-50, 50], [0, 10], "concrete", "screen"),
    ...box([9.5, -2, 0], [10.5, 2, 20], "concrete", "post"),
  ]);
  const sts = new TracingScene(screenScene);
  const slink = createLink(sts, [0, 0, 10], F);
  const hiddenY = (2 * 20) / 9.5;
  const edge = sts.wedges.find((w) => Math.abs(w.origin[2] - 10) < 1e-9 && Math.abs(w.direction[1]) > 0.99)!;

  it("decides the transmitter's sight of an edge per bin, as a ray to the bin would", () => {
    expect(edge).toBeDefined();
    const sight = new EdgeSight(slink);
    let checked = 0;
    for (let s = 0.01; s < edge.length; s += 0.013) {
      const y = edge.origin[1] + edge.direction[1] * s;
      const q: Vec3 = [edge.origin[0], y, edge.origin[2]];
      const ray = sts.caster.visible(slink.tx, q, edge.triangle0, edge.triangle1);
      expect(ray).toBe(Math.abs(y) > hiddenY);
      // (only within half a bin of the shadow's end may the bin's middle see otherwise)
      if (Math.abs(Math.abs(y) - hiddenY) > EDGE_BIN_M / 2) {
        expect(sight.sees(edge, s)).toBe(ray);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7000);
  });

  it("gives the path solver's diffracted path, with or without the binned sight", () => {
    const sight = new EdgeSight(slink);
    for (const rx of [
      [30, 10, 1.5],
      [30, 1, 1.5],
      [40, -25, 3],
    ] as Vec3[]) {
      const path = diffractedPath(slink, rx, edge, false);
      const ray = diffractedRay(slink, rx, edge, false, { sourceSees: (s) => sight.sees(edge, s) });
      expect(ray === null).toBe(path === null);
      if (path === null || ray === null) continue;
      const transfer = rayTransfer(slink, ray.departure, ray.arrival, [ray.physics], ray.sourceDistanceM);
      expect([...transfer]).toEqual([...path.transfer]);
      expect(path.interactions[0].point).toEqual(ray.point);
    }
    // behind the post's shadow on the edge: no diffracted path either way
    expect(diffractedPath(slink, [30, 1, 1.5], edge, false)).toBeNull();
    expect(diffractedPath(slink, [30, 10, 1.5], edge, false)).not.toBeNull();
  });
});

describe("continuations", () => {
  // a street front of two facades: x = 20 south of y = 0, and the next building's set back 0.3 m north
  // of it (another plane); rays seeded only the first
  const front = quadScene([
    wallX(20, [-60, 0], [0, 25], "concrete", "south"),
    wallX(20.3, [0, 60], [0, 25], "concrete", "north"),
  ]);
  const fts = new TracingScene(front);
  const flink = createLink(fts, TX, F);
  const south = fts.planes.planeOf[0];
  const north = fts.planes.planeOf[2];
  const grid: MapGrid = { x0: 5, y0: -40, resM: 1, width: 12, height: 80 };
  const skip = new Uint8Array(grid.width * grid.height);
  const cellAt = (x: number, y: number) => Math.floor(y - grid.y0) * grid.width + Math.floor(x - grid.x0);
  const reflects = (k: number, plane: number) => {
    const i = k % grid.width;
    const rx: Vec3 = [grid.x0 + i + 0.5, grid.y0 + (k - i) / grid.width + 0.5, 1.5];
    return traceSpecularPath(flink, rx, [plane]) !== null;
  };

  it("proposes the region going on over the next facade, seeded where its path holds", () => {
    expect(north).not.toBe(south);
    const acc = isotropic(grid);
    const continuations = new Continuations(fts, TX, new Set([String(south)]));
    evaluateSpecular(
      flink,
      grid,
      1.5,
      Float64Array.of(cellAt(10, -20)),
      [[south]],
      skip,
      acc,
      undefined,
      continuations,
    );
    const { sequences, specularKeys } = continuations.finish();
    expect(sequences).toEqual([[north]]);
    expect(specularKeys.length).toBeGreaterThan(0);
    for (const key of specularKeys) {
      expect(codeOf(key)).toBe(0);
      expect(reflects(cellOf(key), north)).toBe(true);
    }
  });

  it("proposes nothing already known, nor a surface turned too far", () => {
    const acc = isotropic(grid);
    const known = new Continuations(fts, TX, new Set([String(south), String(north)]));
    evaluateSpecular(flink, grid, 1.5, Float64Array.of(cellAt(10, -20)), [[south]], skip, acc, undefined, known);
    expect(known.finish().sequences).toEqual([]);
    // the next facade turned 45 degrees away: the reflection does not go on there
    const corner = quadScene([
      wallX(20, [-60, 0], [0, 25], "concrete", "south"),
      {
        corners: [
          [20, 0, 0],
          [60, 40, 0],
          [60, 40, 25],
          [20, 0, 25],
        ],
        material: "concrete",
        name: "turned",
      },
    ]);
    const cts = new TracingScene(corner);
    const turned = new Continuations(cts, TX, new Set([String(cts.planes.planeOf[0])]));
    evaluateSpecular(
      createLink(cts, TX, F),
      grid,
      1.5,
      Float64Array.of(cellAt(10, -20)),
      [[cts.planes.planeOf[0]]],
      skip,
      acc,
      undefined,
      turned,
    );
    expect(turned.finish().sequences).toEqual([]);
  });
});

describe("diffraction regions", () => {
  // a wall at x = 20 south of y = 0, whose free vertical edge at y = 0 lights the open area east of it,
  // and a kiosk there whose shadow (out of the transmitter's sight) the edge still reaches
  const square = quadScene([
    wallX(20, [-50, 0], [0, 30], "concrete", "wall"),
    ...box([30, 5, 0], [31, 6, 6], "metal", "kiosk"),
  ]);
  const qts = new TracingScene(square);
  const qlink = createLink(qts, TX, F);
  const grid: MapGrid = { x0: 21, y0: -10, resM: 1, width: 24, height: 30 };
  const n = grid.width * grid.height;
  const cellAt = (x: number, y: number) => Math.floor(y - grid.y0) * grid.width + Math.floor(x - grid.x0);
  const edgeCode = qts.wedges.findIndex(
    (w) => Math.abs(w.origin[0] - 20) < 1e-9 && Math.abs(w.origin[1]) < 1e-9 && Math.abs(w.direction[2]) > 0.99,
  );

  it("grows past paths skipped as weak, into a shadow no seed reached", () => {
    expect(edgeCode).toBeGreaterThanOrEqual(0);
    const skip = new Uint8Array(n);
    const los = isotropic(grid);
    const visible = new Uint8Array(n);
    evaluateLineOfSight(qlink, grid, 1.5, skip, 0, 1, visible, los);
    const pocket = cellAt(40, 7); // behind the kiosk as the transmitter sees it
    expect(visible[pocket]).toBe(0);
    expect(visible[cellAt(40, 15)]).toBe(1);
    // the strongest beam so far: the line of sight
    const strongest = Float32Array.from(los.gains);
    const acc = isotropic(grid);
    const seed = Float64Array.of(edgeCode * 2 ** 24 + cellAt(40, 15)); // one lit cell, away from the kiosk
    evaluateDiffraction(qlink, grid, 1.5, seed, skip, visible, strongest, acc);
    // the edge's path reaches the pocket, as the path solver finds it
    const rx: Vec3 = [40.5, 7.5, 1.5];
    const path = diffractedPath(qlink, rx, qts.wedges[edgeCode], false);
    expect(path).not.toBeNull();
    expect(acc.gains[pocket]).toBeGreaterThan(0);
    const single = isotropic(grid);
    single.add(path!, pocket);
    expect(acc.gains[pocket]).toBeCloseTo(single.gains[pocket], 20);
    // and lit cells far from the shadow boundary were skipped as weak (the budget's point)
    let skipped = 0;
    for (let k = 0; k < n; k++) if (visible[k] && acc.gains[k] === 0 && k % grid.width > 5) skipped++;
    expect(skipped).toBeGreaterThan(50);
  });
});
