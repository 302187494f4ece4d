import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Bvh, buildBvh, DEFAULT_MAX_LEAF_TRIANGLES, MAX_BVH_DEPTH } from "../../../twin/bvh/index.js";
import {
  float32Above,
  float32Below,
  INNER,
  LEFT_BOX,
  LEFT_COUNT,
  LEFT_REF,
  NODE_WORDS,
  RIGHT_BOX,
  RIGHT_COUNT,
  RIGHT_REF,
} from "../../../twin/bvh/layout.js";
import { prng } from "../../support/fuzz.js";
import { boxCity, triangleSoup } from "../../support/triangle-scenes.js";
import { Oracle } from "./oracle.js";

interface Walk {
  leaves: number;
  nodes: number;
  depth: number;
  maxLeaf: number;
  /** How often each packed triangle is referenced by a leaf. */
  referenced: Uint8Array;
}

/** Walks the tree checking that boxes nest and contain their triangles' vertices. */
function walk(bvh: Bvh, vertices: Float64Array): Walk {
  const result: Walk = { leaves: 0, nodes: 0, depth: 0, maxLeaf: 0, referenced: new Uint8Array(bvh.triangleCount) };
  const contains = (box: ArrayLike<number>, at: number, x: number, axis: number) =>
    box[at + axis] <= x && x <= box[at + 3 + axis];
  const visit = (node: number, depth: number, parentBox: number[] | null) => {
    result.nodes++;
    result.depth = Math.max(result.depth, depth);
    for (const [boxAt, refAt, countAt] of [
      [LEFT_BOX, LEFT_REF, LEFT_COUNT],
      [RIGHT_BOX, RIGHT_REF, RIGHT_COUNT],
    ]) {
      const base = node * NODE_WORDS;
      const box = [...bvh.boxes.subarray(base + boxAt, base + boxAt + 6)];
      const ref = bvh.links[base + refAt];
      const count = bvh.links[base + countAt];
      if (parentBox && count !== 0) {
        for (let axis = 0; axis < 3; axis++) {
          expect(box[axis]).toBeGreaterThanOrEqual(parentBox[axis]);
          expect(box[3 + axis]).toBeLessThanOrEqual(parentBox[3 + axis]);
        }
      }
      if (count === INNER) {
        visit(ref, depth + 1, box);
        continue;
      }
      if (count > 0) result.leaves++;
      result.maxLeaf = Math.max(result.maxLeaf, count);
      for (let k = ref; k < ref + count; k++) {
        result.referenced[k]++;
        const id = bvh.triangleIds[k];
        for (let corner = 0; corner < 3; corner++) {
          for (let axis = 0; axis < 3; axis++) {
            expect(contains(box, 0, vertices[id * 9 + corner * 3 + axis], axis)).toBe(true);
          }
        }
        // the packed triangle is v0, v1 - v0, v2 - v0 of the original
        for (let axis = 0; axis < 3; axis++) {
          const v0 = vertices[id * 9 + axis];
          expect(bvh.triangles[k * 9 + axis]).toBe(v0);
          expect(bvh.triangles[k * 9 + 3 + axis]).toBe(vertices[id * 9 + 3 + axis] - v0);
          expect(bvh.triangles[k * 9 + 6 + axis]).toBe(vertices[id * 9 + 6 + axis] - v0);
        }
      }
    }
  };
  visit(0, 1, null);
  return result;
}

describe("buildBvh", () => {
  for (const [name, vertices] of [
    ["random soup (seed 1)", triangleSoup(1, 3000)],
    ["box city (seed 2)", boxCity(2, { blocks: 8, subdivisions: 2 })],
    ["tiny soup (seed 3)", triangleSoup(3, 3)],
  ] as const) {
    for (const options of [{}, { maxLeafTriangles: 1, bins: 2 }, { maxLeafTriangles: 12, bins: 32 }]) {
      it(`${name} ${JSON.stringify(options)}: every triangle in one leaf, boxes nest and contain them`, () => {
        const bvh = buildBvh(vertices, options);
        const seen = walk(bvh, vertices);
        expect(bvh.triangleCount).toBe(vertices.length / 9);
        expect([...seen.referenced].every((n) => n === 1)).toBe(true);
        expect(new Set(bvh.triangleIds).size).toBe(bvh.triangleCount);
        expect(seen.nodes).toBe(bvh.nodeCount);
        expect(seen.leaves).toBe(bvh.leafCount);
        expect(seen.depth).toBe(bvh.depth);
        expect(seen.maxLeaf).toBeLessThanOrEqual(options.maxLeafTriangles ?? DEFAULT_MAX_LEAF_TRIANGLES);
        expect(bvh.byteLength).toBe(bvh.nodeCount * 64 + bvh.triangleCount * (72 + 4));
      });
    }
  }

  it("drops degenerate triangles and keeps the others' ids", () => {
    const good = triangleSoup(4, 10);
    const vertices = new Float64Array(12 * 9);
    vertices.set(good.subarray(0, 45), 0); // 0..4
    vertices.set([1, 1, 1, 2, 2, 2, 3, 3, 3], 45); // 5: collinear
    vertices.set([1, 1, 1, 1, 1, 1, 1, 1, 1], 54); // 6: a point
    vertices.set(good.subarray(45), 63); // 7..11
    const bvh = buildBvh(vertices);
    expect(bvh.sourceTriangleCount).toBe(12);
    expect(bvh.triangleCount).toBe(10);
    expect([...bvh.triangleIds].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 7, 8, 9, 10, 11]);
  });

  it("builds an empty BVH from no triangles or only degenerate ones", () => {
    for (const vertices of [new Float64Array(0), new Float64Array(18)]) {
      const bvh = buildBvh(vertices);
      expect(bvh.nodeCount).toBe(1);
      expect(bvh.leafCount).toBe(0);
      expect(bvh.triangleCount).toBe(0);
      expect(bvh.depth).toBe(1);
      expect(bvh.bounds[0]).toBe(Number.POSITIVE_INFINITY);
      expect(bvh.epsilon).toBe(0);
    }
  });

  it("splits triangles whose centroids all coincide into bounded leaves", () => {
    const vertices = new Float64Array(1000 * 9);
    for (let t = 0; t < 1000; t++) vertices.set([0, 0, 0, 1, 0, 0, 0, 1, 0], t * 9);
    const bvh = buildBvh(vertices);
    const seen = walk(bvh, vertices);
    expect(seen.maxLeaf).toBeLessThanOrEqual(DEFAULT_MAX_LEAF_TRIANGLES);
    expect(bvh.depth).toBeLessThanOrEqual(10);
  });

  it("stops at the depth limit with a larger leaf (exponentially spaced triangles)", () => {
    // with 2 bins each split peels off the farthest few triangles: a chain deeper than the limit
    const count = 400;
    const vertices = new Float64Array(count * 9);
    for (let t = 0; t < count; t++) {
      const x = 1.2 ** t;
      vertices.set([x, 0, 0, x + 1e-3 * x, 0, 0, x, 1e-3 * x, 0], t * 9);
    }
    const bvh = buildBvh(vertices, { maxLeafTriangles: 1, bins: 2 });
    const seen = walk(bvh, vertices);
    expect(bvh.depth).toBe(MAX_BVH_DEPTH);
    expect(seen.maxLeaf).toBeGreaterThan(1);
    expect([...seen.referenced].every((n) => n === 1)).toBe(true);
    // and the deep tree still answers queries (the traversal stack holds `depth` entries)
    const oracle = new Oracle(vertices, bvh);
    const random = prng(8);
    for (let r = 0; r < 200; r++) {
      const x = 1.2 ** (400 * random());
      oracle.expectClosest({ o: [x, 1e-4 * x * random(), 1], d: [0, 0, -1] });
    }
  });

  it("shares its buffers by default, or not on request", () => {
    const vertices = triangleSoup(5, 50);
    const shared = buildBvh(vertices);
    expect(shared.boxes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.triangles.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.triangleIds.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.links.buffer).toBe(shared.boxes.buffer);
    const plain = buildBvh(vertices, { shared: false });
    expect(plain.boxes.buffer).toBeInstanceOf(ArrayBuffer);
    expect(plain.triangles).toEqual(shared.triangles);
  });

  it("derives epsilon from the scene's size", () => {
    const near = buildBvh(triangleSoup(6, 20, 10, 1));
    const far = buildBvh(triangleSoup(6, 20, 10, 1).map((c) => c + 1e5));
    expect(near.epsilon).toBeGreaterThan(0);
    expect(near.epsilon).toBeLessThan(1e-4);
    expect(far.epsilon / near.epsilon).toBeGreaterThan(1000);
  });

  it("rejects arrays that are not 9 numbers per triangle and bad options", () => {
    expect(() => buildBvh(new Float64Array(10))).toThrow(RangeError);
    expect(() => buildBvh(new Float64Array(9), { maxLeafTriangles: 0 })).toThrow(RangeError);
    expect(() => buildBvh(new Float64Array(9), { bins: 1 })).toThrow(RangeError);
  });

  it("builds 200k triangles", () => {
    const vertices = triangleSoup(7, 200_000, 1000, 5);
    const bvh = buildBvh(vertices);
    expect(bvh.triangleCount).toBe(200_000);
    expect(bvh.depth).toBeLessThan(40);
    expect(bvh.leafCount).toBe(bvh.nodeCount + 1);
  });
});

describe("float32 rounding outwards", () => {
  it("gives the neighbouring float32 on the right side (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const below = float32Below(x);
        const above = float32Above(x);
        expect(Math.fround(below)).toBe(below);
        expect(Math.fround(above)).toBe(above);
        expect(below).toBeLessThanOrEqual(x);
        expect(above).toBeGreaterThanOrEqual(x);
        // no float32 strictly between: the next one up from `below` is above x (when x is not a float32)
        if (below !== x) expect(below).toBeLessThan(x);
        if (Math.fround(x) === x) {
          expect(below).toBe(x);
          expect(above).toBe(x);
        }
      }),
      { seed: 42, numRuns: 5000 },
    );
    expect(float32Below(1e-50)).toBe(0);
    expect(float32Below(-1e-50)).toBeLessThan(0);
    expect(float32Above(1e-50)).toBeGreaterThan(0);
    expect(float32Below(1e300)).toBe(3.4028234663852886e38);
    expect(float32Above(1e300)).toBe(Number.POSITIVE_INFINITY);
  });
});
