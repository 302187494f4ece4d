import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildBvh,
  closestHit,
  countTraversal,
  createHit,
  occluded,
  traversalCounters,
} from "../../../twin/bvh/index.js";
import { prng } from "../../support/fuzz.js";
import { boxCity, quad, triangleSoup } from "../../support/triangle-scenes.js";
import { Oracle, pointOn, type Ray, randomDirection } from "./oracle.js";

const RAYS = 2000;

describe("closestHit and occluded agree with brute force", () => {
  for (const seed of [1, 2, 3]) {
    it(`random soup of 2000 triangles, ${RAYS} random rays and segments (seed ${seed})`, () => {
      const vertices = triangleSoup(seed, 2000, 100, 12);
      const oracle = new Oracle(vertices, buildBvh(vertices));
      const random = prng(seed);
      const inScene = (): [number, number, number] => [0, 1, 2].map(() => -10 + 120 * random()) as never;
      let hits = 0;
      let blocked = 0;
      for (let r = 0; r < RAYS; r++) {
        if (oracle.expectClosest({ o: inScene(), d: randomDirection(random) })) hits++;
        const o = inScene();
        const q = inScene();
        const segment: Ray = { o, d: [q[0] - o[0], q[1] - o[1], q[2] - o[2]] };
        const ignore = random() < 0.5 ? Math.floor(random() * 2000) : -1;
        if (oracle.expectOccluded(segment, 1, ignore, ignore + 1)) blocked++;
      }
      // both outcomes are exercised
      expect(hits).toBeGreaterThan(RAYS / 10);
      expect(hits).toBeLessThan(RAYS);
      expect(blocked).toBeGreaterThan(RAYS / 10);
      expect(blocked).toBeLessThan(RAYS);
    });
  }

  for (const [seed, maxLeafTriangles, bins] of [
    [4, 1, 2],
    [5, 4, 16],
    [6, 16, 32],
  ]) {
    it(`box city, maxLeaf ${maxLeafTriangles}, ${bins} bins: street-level rays and segments (seed ${seed})`, () => {
      const vertices = boxCity(seed, { blocks: 6, subdivisions: 2 });
      const oracle = new Oracle(vertices, buildBvh(vertices, { maxLeafTriangles, bins }));
      const random = prng(seed);
      const street = (): [number, number, number] => [-20 + 340 * random(), -20 + 340 * random(), 60 * random()];
      for (let r = 0; r < RAYS; r++) {
        oracle.expectClosest({ o: street(), d: randomDirection(random) }, 0, random() < 0.5 ? 100 : Infinity);
        const o = street();
        const q = street();
        oracle.expectOccluded({ o, d: [q[0] - o[0], q[1] - o[1], q[2] - o[2]] }, 1);
      }
    });
  }

  it("axis-parallel rays, rays in the planes of walls and from points on box planes (seed 7)", () => {
    const vertices = boxCity(7, { blocks: 4, subdivisions: 3 });
    const bvh = buildBvh(vertices);
    const oracle = new Oracle(vertices, bvh);
    const random = prng(7);
    const axes: [number, number, number][] = [
      [1, 0, 0],
      [-1, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
      [0, 0, 1],
      [0, 0, -1],
    ];
    for (let r = 0; r < RAYS; r++) {
      // origins on the vertices' coordinate planes: the slab test's 0·inf case
      const t = Math.floor(random() * (vertices.length / 9));
      const corner = Math.floor(random() * 3);
      const o: [number, number, number] = [0, 1, 2].map((k) =>
        random() < 0.5 ? vertices[t * 9 + corner * 3 + k] : 200 * random(),
      ) as never;
      oracle.expectClosest({ o, d: axes[r % 6] });
      oracle.expectOccluded({ o, d: axes[r % 6].map((c) => 80 * c) as never }, 1);
    }
  });
});

describe("grazing edges and vertices", () => {
  const vertices = boxCity(8, { blocks: 4, subdivisions: 3 });
  const bvh = buildBvh(vertices);
  const oracle = new Oracle(vertices, bvh);
  const count = vertices.length / 9;

  it("rays aimed at vertices and edge points hit (seed 8)", () => {
    const random = prng(8);
    const targets: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
      [0.5, 0],
      [0, 0.5],
      [0.5, 0.5],
    ];
    for (let r = 0; r < RAYS; r++) {
      const t = Math.floor(random() * count);
      const [u, v] = targets[r % targets.length];
      const target = pointOn(vertices, t, u, v);
      const o: [number, number, number] = [-50 + 300 * random(), -50 + 300 * random(), 80 * random()];
      const d: [number, number, number] = [target[0] - o[0], target[1] - o[1], target[2] - o[2]];
      // aimed at a point of the scene, so something is hit at or before it
      expect(oracle.expectClosest({ o, d }, 0, 2)).not.toBeNull();
    }
  });

  it("no leaks: segments through the shared diagonal and edges of wall quads are blocked (seed 9)", () => {
    const random = prng(9);
    let checked = 0;
    for (let r = 0; r < RAYS; r++) {
      const t = Math.floor(random() * count);
      const p = t * 9;
      // a point on the edge v0-v2 (the diagonal of a quad, or its border) and the triangle's normal
      const s = random();
      const onEdge = [0, 1, 2].map((k) => vertices[p + k] + s * (vertices[p + 6 + k] - vertices[p + k]));
      const e1 = [0, 1, 2].map((k) => vertices[p + 3 + k] - vertices[p + k]);
      const e2 = [0, 1, 2].map((k) => vertices[p + 6 + k] - vertices[p + k]);
      const n = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
      const length = Math.hypot(...n);
      const o = onEdge.map((c, k) => c - (0.7 * n[k]) / length) as [number, number, number];
      const d = n.map((c) => (1.4 * c) / length) as [number, number, number];
      expect(oracle.expectOccluded({ o, d }, 1)).toBe(true);
      checked++;
    }
    expect(checked).toBe(RAYS);
  });
});

describe("points on surfaces", () => {
  const vertices = boxCity(10, { blocks: 5 });
  const bvh = buildBvh(vertices);
  const oracle = new Oracle(vertices, bvh);
  const count = vertices.length / 9;

  it("rays leaving a surface with tMin = epsilon do not hit it again (seed 10)", () => {
    const random = prng(10);
    for (let r = 0; r < RAYS; r++) {
      const t = Math.floor(random() * count);
      const u = random();
      const v = (1 - u) * random();
      const o = pointOn(vertices, t, u, v);
      const hit = oracle.expectClosest({ o, d: randomDirection(random) }, bvh.epsilon);
      if (hit) expect(hit.triangle).not.toBe(t);
    }
  });

  it("segments between points on surfaces, ignoring those surfaces (seed 11)", () => {
    const random = prng(11);
    for (let r = 0; r < RAYS; r++) {
      const a = Math.floor(random() * count);
      const b = Math.floor(random() * count);
      const p = pointOn(vertices, a, random() * 0.5, random() * 0.5);
      const q = pointOn(vertices, b, random() * 0.5, random() * 0.5);
      const ray: Ray = { o: p, d: [q[0] - p[0], q[1] - p[1], q[2] - p[2]] };
      oracle.expectOccluded(ray, 1, a, b);
      oracle.expectOccluded(ray, 1);
    }
  });

  it("a point on a roof sees the sky and the point above it; the ground sees up a street", () => {
    // triangles 0, 1: the ground; then 10 per building (4 walls, then the roof)
    const roof = 2 + 8;
    expect(vertices[roof * 9 + 2]).toBeGreaterThan(0);
    expect(vertices[roof * 9 + 5]).toBe(vertices[roof * 9 + 2]);
    expect(vertices[roof * 9 + 8]).toBe(vertices[roof * 9 + 2]);
    const p = pointOn(vertices, roof, 1 / 3, 1 / 3);
    expect(occluded(bvh, p[0], p[1], p[2], 0, 0, 10, 1)).toBe(false);
    expect(occluded(bvh, p[0], p[1], p[2], 0, 0, 10, 1, roof)).toBe(false);
    const hit = createHit();
    expect(closestHit(bvh, p[0], p[1], p[2], 0, 0, 1, bvh.epsilon, Infinity, hit)).toBe(false);
    // a street point on the ground (z = 0) to a point 2 m above it
    expect(occluded(bvh, 1, 1, 0, 0, 0, 2, 1)).toBe(false);
    // ... and down to the ground from above: hits triangle 0 or 1 (the ground) at t = 2
    expect(closestHit(bvh, 1, 1, 2, 0, 0, -1, 0, Infinity, hit)).toBe(true);
    expect(hit.t).toBe(2);
    expect([0, 1]).toContain(hit.triangle);
  });
});

describe("edge cases", () => {
  it("an empty BVH hits nothing", () => {
    const bvh = buildBvh(new Float64Array(0));
    const hit = createHit();
    expect(closestHit(bvh, 0, 0, 0, 1, 0, 0, 0, Infinity, hit)).toBe(false);
    expect(hit).toEqual(createHit());
    expect(occluded(bvh, 0, 0, 0, 1, 1, 1, 1)).toBe(false);
  });

  it("degenerate triangles are never hit; the others still are", () => {
    const out: number[] = [];
    out.push(0, 0, 0, 1, 1, 1, 2, 2, 2); // collinear
    out.push(5, 5, 5, 5, 5, 5, 5, 5, 5); // a point
    out.push(0, 0, 1, Number.NaN, 0, 1, 0, 1, 1); // NaN
    out.push(0, 0, 2, Number.POSITIVE_INFINITY, 0, 2, 0, 1, 2); // infinite
    quad(out, [-1, -1, 3], [2, 0, 0], [0, 2, 0], 1); // triangles 4 and 5
    const vertices = Float64Array.from(out);
    const bvh = buildBvh(vertices);
    expect(bvh.triangleCount).toBe(2);
    expect(bvh.sourceTriangleCount).toBe(6);
    const hit = createHit();
    // straight up through the collinear one, the point's line and the NaN/inf ones, into the quad
    expect(closestHit(bvh, 0, 0, -5, 0, 0, 1, 0, Infinity, hit)).toBe(true);
    expect([4, 5]).toContain(hit.triangle);
    expect(hit.t).toBe(8);
    expect(closestHit(bvh, 1, 1, 1, 1, 1, 1, -10, Infinity, hit)).toBe(false);
    const oracle = new Oracle(vertices, bvh);
    const random = prng(12);
    for (let r = 0; r < 500; r++) {
      oracle.expectClosest({ o: [4 * random() - 2, 4 * random() - 2, 6 * random() - 1], d: randomDirection(random) });
    }
  });

  it("respects tMin and tMax, and leaves the hit untouched on a miss", () => {
    const out: number[] = [];
    quad(out, [-1, -1, 3], [2, 0, 0], [0, 2, 0], 1);
    quad(out, [-1, -1, 6], [2, 0, 0], [0, 2, 0], 1);
    const bvh = buildBvh(Float64Array.from(out));
    const hit = createHit();
    expect(closestHit(bvh, 0.1, 0.2, 0, 0, 0, 1, 0, 3, hit)).toBe(false);
    expect(hit.triangle).toBe(-1);
    expect(closestHit(bvh, 0.1, 0.2, 0, 0, 0, 1, 3, 10, hit)).toBe(true);
    expect(hit.t).toBe(6);
    expect(closestHit(bvh, 0.1, 0.2, 0, 0, 0, 2, 0, 10, hit)).toBe(true);
    expect(hit.t).toBe(1.5);
    expect(occluded(bvh, 0.1, 0.2, 0, 0, 0, 1, 2.9)).toBe(false);
    expect(occluded(bvh, 0.1, 0.2, 0, 0, 0, 1, 3.1)).toBe(true);
    // a zero-length segment is never blocked
    expect(occluded(bvh, 0.1, 0.2, 3, 0, 0, 0, 1)).toBe(false);
  });

  it("counts node visits and triangle tests only while counting is on", () => {
    const vertices = triangleSoup(13, 500);
    const bvh = buildBvh(vertices);
    const hit = createHit();
    countTraversal(true);
    for (let r = 0; r < 10; r++) closestHit(bvh, 50, 50, -10, 0.01 * r, 0.02, 1, 0, Infinity, hit);
    occluded(bvh, 50, 50, -10, 0, 0, 200, 1);
    const counted = traversalCounters();
    expect(counted.rays).toBe(11);
    expect(counted.nodeVisits).toBeGreaterThan(11);
    expect(counted.triangleTests).toBeGreaterThan(0);
    expect(counted.triangleTests).toBeLessThan(11 * 500);
    countTraversal(false);
    closestHit(bvh, 50, 50, -10, 0, 0, 1, 0, Infinity, hit);
    expect(traversalCounters()).toEqual({ rays: 0, nodeVisits: 0, triangleTests: 0 });
  });
});

describe("property: arbitrary soups and rays (fast-check, seed 42)", () => {
  // small integer-ish coordinates make shared edges, axis-aligned faces and exact box planes common
  const coordinate = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -4, max: 4, noNaN: true }));
  const point = fc.tuple(coordinate, coordinate, coordinate);
  const triangle = fc.tuple(point, point, point);
  const direction = fc.oneof(
    fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 })),
    fc.tuple(coordinate, coordinate, coordinate),
  );
  const ray = fc.record({ o: point, d: direction });

  it("agrees with brute force", () => {
    fc.assert(
      fc.property(
        fc.array(triangle, { maxLength: 60 }),
        fc.array(ray, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (triangles, rays, maxLeafTriangles) => {
          const vertices = Float64Array.from(triangles.flat(2));
          const oracle = new Oracle(vertices, buildBvh(vertices, { maxLeafTriangles }));
          for (const r of rays) {
            oracle.expectClosest(r);
            oracle.expectOccluded(r, 1);
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
