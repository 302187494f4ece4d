/**
 * Checks the BVH queries against brute force over all (non-degenerate) triangles, for the tests.
 */
import { expect } from "vitest";
import { type Bvh, closestHit, createHit, occluded, type RayHit } from "../../../twin/bvh/index.js";
import { intersectVertices, keptTriangles } from "../../support/brute-force-rays.js";

export interface Ray {
  readonly o: readonly [number, number, number];
  readonly d: readonly [number, number, number];
}

export class Oracle {
  private readonly kept: { vertices: Float64Array; ids: number[] };

  constructor(
    readonly vertices: Float64Array,
    readonly bvh: Bvh,
  ) {
    this.kept = keptTriangles(vertices);
  }

  /** Every triangle the ray hits with tMin < t < tMax: original id -> t. */
  hits({ o, d }: Ray, tMin: number, tMax: number): Map<number, number> {
    const found = new Map<number, number>();
    const { vertices, ids } = this.kept;
    for (let k = 0; k < ids.length; k++) {
      const t = intersectVertices(vertices, k, o[0], o[1], o[2], d[0], d[1], d[2], tMin, tMax);
      if (t !== Number.POSITIVE_INFINITY) found.set(ids[k], t);
    }
    return found;
  }

  /**
   * closestHit agrees: same t (ties between triangles allowed), barycentrics give the hit point.
   * Returns the hit, or null for a miss.
   */
  expectClosest(ray: Ray, tMin = 0, tMax = Number.POSITIVE_INFINITY): RayHit | null {
    const { o, d } = ray;
    const hits = this.hits(ray, tMin, tMax);
    const best = Math.min(...hits.values());
    const hit = createHit();
    const found = closestHit(this.bvh, o[0], o[1], o[2], d[0], d[1], d[2], tMin, tMax, hit);
    const context = JSON.stringify({ ray, tMin, tMax, hit, best });
    expect(found, context).toBe(hits.size > 0);
    if (!found) return null;
    expect(hit.t, context).toBe(best);
    expect(hits.get(hit.triangle), context).toBe(best);
    // the barycentrics on the ORIGINAL vertices give back the point o + t·d
    const v = this.vertices;
    const w = 1 - hit.u - hit.v;
    const scale = Math.max(1, ...o.map(Math.abs), hit.t * Math.hypot(...d));
    for (let axis = 0; axis < 3; axis++) {
      const p = hit.triangle * 9 + axis;
      const onTriangle = w * v[p] + hit.u * v[p + 3] + hit.v * v[p + 6];
      expect(Math.abs(onTriangle - (o[axis] + hit.t * d[axis])), context).toBeLessThan(1e-9 * scale);
    }
    return hit;
  }

  /** occluded agrees with "some triangle other than the ignored ones lies in the trimmed segment". */
  expectOccluded(ray: Ray, tMax: number, ignoreA = -1, ignoreB = -1): boolean {
    const { o, d } = ray;
    const trim = this.bvh.epsilon / Math.hypot(...d);
    const hits = [...this.hits(ray, trim, tMax - trim).keys()].filter((id) => id !== ignoreA && id !== ignoreB);
    const blocked = occluded(this.bvh, o[0], o[1], o[2], d[0], d[1], d[2], tMax, ignoreA, ignoreB);
    expect(blocked, JSON.stringify({ ray, tMax, ignoreA, ignoreB, hits })).toBe(hits.length > 0 && tMax - trim > trim);
    return blocked;
  }
}

/** A uniformly random unit vector. */
export function randomDirection(random: () => number): [number, number, number] {
  const z = 2 * random() - 1;
  const phi = 2 * Math.PI * random();
  const r = Math.sqrt(1 - z * z);
  return [r * Math.cos(phi), r * Math.sin(phi), z];
}

/** The point of triangle `t` at barycentrics (u, v). */
export function pointOn(vertices: Float64Array, t: number, u: number, v: number): [number, number, number] {
  const p = t * 9;
  const w = 1 - u - v;
  return [0, 1, 2].map((k) => w * vertices[p + k] + u * vertices[p + 3 + k] + v * vertices[p + 6 + k]) as [
    number,
    number,
    number,
  ];
}
