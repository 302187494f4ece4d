import { describe, expect, it } from "vitest";
import {
  factoryHall,
  objectBounds,
  type Scene,
  seededRandom,
  stadiumRect,
  URBAN_DISTRICT_DEFAULTS,
  urbanDistrict,
} from "../../../twin/scene/index.js";
import { signedVolume } from "./support.js";

const objectTriangles = (s: Scene, i: number) =>
  s.triangles.subarray(s.objects[i].firstTriangle * 9, (s.objects[i].firstTriangle + s.objects[i].triangleCount) * 9);
const indicesOf = (s: Scene, prefix: string) => s.objects.flatMap((o, i) => (o.name.startsWith(prefix) ? [i] : []));
const sameScene = (a: Scene, b: Scene) =>
  a.objects.length === b.objects.length &&
  a.triangles.length === b.triangles.length &&
  a.triangles.every((x, i) => Object.is(x, b.triangles[i])) &&
  JSON.stringify([a.objects, a.materials]) === JSON.stringify([b.objects, b.materials]);

describe("seededRandom", () => {
  it("repeats with a seed and differs with another", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("urbanDistrict", () => {
  it("is deterministic with a seed (seed 1) and different with another (seed 2)", () => {
    expect(sameScene(urbanDistrict({ seed: 1 }), urbanDistrict({ seed: 1 }))).toBe(true);
    expect(sameScene(urbanDistrict({ seed: 1 }), urbanDistrict({ seed: 2 }))).toBe(false);
  });

  it("keeps the stadium's footprint free of buildings and puts stands in it (defaults, seeds 1-5)", () => {
    const area = stadiumRect(URBAN_DISTRICT_DEFAULTS.stadium!);
    for (let seed = 1; seed <= 5; seed++) {
      const s = urbanDistrict({ seed });
      const buildings = indicesOf(s, "building-");
      expect(buildings.length).toBeGreaterThan(50);
      for (const i of buildings) {
        const b = objectBounds(s, i)!;
        const inside =
          b.min[0] < area.max[0] && area.min[0] < b.max[0] && b.min[1] < area.max[1] && area.min[1] < b.max[1];
        expect(inside, s.objects[i].name).toBe(false);
      }
      const stands = objectBounds(s, indicesOf(s, "stadium-stands")[0])!;
      expect(stands.min[0]).toBeGreaterThanOrEqual(area.min[0]);
      expect(stands.max[1]).toBeLessThanOrEqual(area.max[1]);
      expect(stands.max[2]).toBeLessThanOrEqual(10); // low stands
      // the pitch (105 x 68 m around the centre) is open
      expect(stands.max[0] - stands.min[0]).toBeGreaterThan(105);
    }
  });

  it("builds closed boxes facing out, heights within the options, on a ground plane covering it all", () => {
    const s = urbanDistrict({ blocksX: 3, blocksY: 2, minHeightM: 20, maxHeightM: 30, stadium: null, seed: 9 });
    const buildings = indicesOf(s, "building-");
    expect(buildings.length).toBeGreaterThanOrEqual(6);
    for (const i of buildings) {
      const b = objectBounds(s, i)!;
      expect(b.max[2]).toBeGreaterThanOrEqual(20);
      expect(b.max[2]).toBeLessThanOrEqual(30);
      const volume = (b.max[0] - b.min[0]) * (b.max[1] - b.min[1]) * b.max[2];
      expect(signedVolume(objectTriangles(s, i)) / volume).toBeCloseTo(1, 9);
    }
    const ground = objectBounds(s, indicesOf(s, "ground")[0])!;
    // 3 blocks of 80 m and 2 streets of 20 m (280 m), plus a street's margin on each side
    expect([ground.min[0], ground.max[0], ground.min[1], ground.max[1]]).toEqual([-160, 160, -110, 110]);
    expect(indicesOf(s, "stadium").length).toBe(0);
  });

  it("refuses options that make no district", () => {
    expect(() => urbanDistrict({ blockM: -1 })).toThrow(/blockM/);
    expect(() => urbanDistrict({ minHeightM: 50, maxHeightM: 10 })).toThrow(/maxHeightM/);
    expect(() => urbanDistrict({ stadium: { centre: [0, 0], sizeM: [100, 60] } })).toThrow(/stands/);
    expect(() => urbanDistrict({ seed: 1.5 })).toThrow(/seed/);
  });
});

describe("factoryHall", () => {
  it("is deterministic with a seed (seed 1) and different with another (seed 2)", () => {
    expect(sameScene(factoryHall({ seed: 1 }), factoryHall({ seed: 1 }))).toBe(true);
    expect(sameScene(factoryHall({ seed: 1 }), factoryHall({ seed: 2 }))).toBe(false);
  });

  it("has floor, walls, roof, racks and non-overlapping machines inside the hall", () => {
    const s = factoryHall();
    const names = s.objects.map((o) => o.name);
    for (const n of [
      "floor",
      "wall-north",
      "wall-south",
      "wall-east",
      "wall-west",
      "roof",
      "rack-0",
      "rack-3-goods",
      "machine-11",
    ]) {
      expect(names).toContain(n);
    }
    const itu = (name: string) => s.materials[s.objects[names.indexOf(name)].material].itu;
    expect([itu("floor"), itu("wall-east"), itu("roof"), itu("rack-0"), itu("rack-0-goods"), itu("machine-0")]).toEqual(
      ["concrete", "concrete", "metal", "metal", "wood", "metal"],
    );
    const machines = indicesOf(s, "machine-").map((i) => objectBounds(s, i)!);
    expect(machines.length).toBe(12);
    for (const [k, m] of machines.entries()) {
      expect(m.min[0]).toBeGreaterThan(-30);
      expect(m.max[0]).toBeLessThan(30);
      expect(m.min[1]).toBeGreaterThan(-15);
      expect(m.max[1]).toBeLessThan(15);
      expect(m.max[2]).toBeLessThan(10);
      for (const other of machines.slice(k + 1)) {
        const overlap =
          m.min[0] < other.max[0] && other.min[0] < m.max[0] && m.min[1] < other.max[1] && other.min[1] < m.max[1];
        expect(overlap).toBe(false);
      }
    }
    const roof = objectBounds(s, names.indexOf("roof"))!;
    expect(roof.min[2]).toBe(10);
    const racks = indicesOf(s, "rack-").map((i) => objectBounds(s, i)!);
    expect(Math.max(...racks.map((r) => r.max[2]))).toBeLessThanOrEqual(6);
  });

  it("refuses what does not fit", () => {
    expect(() => factoryHall({ machines: 100 })).toThrow(/machines do not fit/);
    expect(() => factoryHall({ shelvingRows: 20 })).toThrow(/shelving rows/);
    expect(() => factoryHall({ shelvingHeightM: 9.5 })).toThrow(/shelvingHeightM/);
    expect(() => factoryHall({ heightM: 0 })).toThrow(/heightM/);
  });
});
