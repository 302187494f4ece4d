/**
 * The Sionna RT canonical scenes load and give the path sets their geometry dictates (worked out by
 * hand in the comments; lengths from mirror images computed here).
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { solvePaths } from "../../../twin/paths/path-solver.js";
import type { Paths } from "../../../twin/paths/paths.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { distance, type Vec3 } from "../../../twin/paths/vec.js";
import { loadScene } from "../../../twin/scene/index.js";

const DIR = new URL("../../../../shared/scenes/sionna/", import.meta.url).pathname;
const present = existsSync(DIR);
if (!present) console.log(`skipping Sionna scene tests: ${DIR} is missing`);

const F = 3.5e9;
const load = async (name: string) => new TracingScene(await loadScene(`${DIR}${name}/${name}.xml`));
const solve = (ts: TracingScene, tx: Vec3, rx: Vec3, maxDepth: number, diffraction = false): Paths =>
  solvePaths(ts, tx, [rx], { frequencyHz: F, maxDepth, diffraction })[0];
/** Each path as its type and the objects it meets, sorted. */
const signature = (r: Paths) =>
  r.paths.map((p) => [p.type, ...p.interactions.map((x) => x.objects.join("+"))].join(":")).sort();
const lengthOf = (r: Paths, sig: string) =>
  r.paths.find((p) => [p.type, ...p.interactions.map((x) => x.objects.join("+"))].join(":") === sig)!.lengthM;

describe.skipIf(!present)("Sionna canonical scenes", () => {
  it("simple_reflector: line of sight, one reflection at the plate's centre, and its four edges", async () => {
    const ts = await load("simple_reflector");
    const tx: Vec3 = [-1, 0, 1];
    const rx: Vec3 = [1, 0, 1];
    const r = solve(ts, tx, rx, 3, true);
    expect(signature(r)).toEqual([
      "diffraction:reflector",
      "diffraction:reflector",
      "diffraction:reflector",
      "diffraction:reflector",
      "los",
      "reflection:reflector",
    ]);
    const reflection = r.paths.find((p) => p.type === "reflection")!;
    expect(reflection.interactions[0].point.map((x) => +x.toFixed(9))).toEqual([0, 0, 0]);
    expect(reflection.lengthM).toBeCloseTo(distance([-1, 0, -1], rx), 9);
  });

  it("floor_wall: floor, raised wall, and floor-then-wall (wall-then-floor falls behind the wall)", async () => {
    const ts = await load("floor_wall");
    const tx: Vec3 = [-1.9, 0, 2.8];
    const rx: Vec3 = [-0.2, 0, 2.8];
    const r = solve(ts, tx, rx, 2);
    expect(signature(r)).toEqual(["los", "reflection:floor", "reflection:floor:wall", "reflection:wall"]);
    // (the meshes hold float32 coordinates: the wall's plane is x = 0 to ~1e-8)
    expect(lengthOf(r, "reflection:floor:wall")).toBeCloseTo(distance([1.9, 0, -2.8], rx), 6);
  });

  it("double_reflector: large plate, then large-then-small (all other orders miss a plate)", async () => {
    const ts = await load("double_reflector");
    const r = solve(ts, [-15, 0, 5], [5, 0, 5], 3);
    expect(signature(r)).toEqual(["los", "reflection:large_reflector", "reflection:large_reflector:small_reflector"]);
    expect(lengthOf(r, "reflection:large_reflector:small_reflector")).toBeCloseTo(Math.hypot(20, 20), 9);
  });

  it("triple_reflector: floor, ceiling plate, and floor-plate-floor", async () => {
    const ts = await load("triple_reflector");
    const r = solve(ts, [-15, 0, 5], [15, 0, 5], 3);
    expect(signature(r)).toEqual([
      "los",
      "reflection:floor",
      "reflection:floor:large_reflector:floor",
      "reflection:large_reflector",
    ]);
    expect(lengthOf(r, "reflection:floor:large_reflector:floor")).toBeCloseTo(Math.hypot(30, 30), 9);
  });

  it("simple_wedge: one diffracted path around the edge, on the z axis, of a 270-degree exterior", async () => {
    const ts = await load("simple_wedge");
    const r = solve(ts, [20, 5, 0], [-5, -20, 0], 1, true);
    const edge = r.paths.filter(
      (p) => p.type === "diffraction" && Math.hypot(p.interactions[0].point[0], p.interactions[0].point[1]) < 1e-9,
    );
    expect(r.paths.some((p) => p.type === "los")).toBe(false);
    expect(edge).toHaveLength(1);
    expect(edge[0].interactions[0].point[2]).toBeCloseTo(0, 9);
    expect(ts.wedges.some((w) => Math.abs(w.n - 1.5) < 1e-9)).toBe(true);
  });

  it("box: inside a closed metal box each lattice image of orders 1..3 gives one path, at its distance", async () => {
    const ts = await load("box");
    const tx: Vec3 = [-2, 1, 1.5];
    const rx: Vec3 = [3, -2, 3.5];
    // images of tx in a box [-5,5]x[-5,5]x[0,5]: per axis, reflecting m times gives coordinate offsets
    const axisImages = (x: number, lo: number, hi: number) => {
      const out: { c: number; m: number }[] = [];
      for (let k = -2; k <= 2; k++) {
        out.push({ c: x + 2 * k * (hi - lo), m: Math.abs(2 * k) });
        out.push({ c: 2 * lo - x + 2 * k * (hi - lo), m: Math.abs(2 * k - 1) });
      }
      return out;
    };
    const expected: number[] = [];
    for (const a of axisImages(tx[0], -5, 5))
      for (const b of axisImages(tx[1], -5, 5))
        for (const c of axisImages(tx[2], 0, 5)) {
          const order = a.m + b.m + c.m;
          if (order >= 1 && order <= 3) expected.push(distance([a.c, b.c, c.c], rx));
        }
    const r = solve(ts, tx, rx, 3);
    const reflections = r.paths.filter((p) => p.type === "reflection");
    // per order: 6; 6 + 12; 6 + 24 + 8 images (one wall sequence each: the order the line crosses the walls)
    expect(expected).toHaveLength(6 + 18 + 38);
    expect(reflections).toHaveLength(expected.length);
    const got = reflections.map((p) => p.lengthM).sort((x, y) => x - y);
    expected.sort((x, y) => x - y);
    got.forEach((g, i) => expect(g).toBeCloseTo(expected[i], 6));
  });

  it("simple_street_canyon and the screen boxes load with their materials", async () => {
    for (const name of ["simple_street_canyon", "box_one_screen", "box_two_screens"]) {
      const ts = await load(name);
      expect(ts.scene.objects.length).toBeGreaterThan(1);
      const r = solvePaths(ts, [0, 0, 2], [[1, 1, 2]], { frequencyHz: F, maxDepth: 2 })[0];
      expect(r.paths.length).toBeGreaterThan(0);
    }
  });
});
