/**
 * The two ray queries path solving needs, over the scene's BVH: the first surface a ray meets, and
 * whether a segment is free. Points on surfaces (reflection and diffraction points) are handled by the
 * BVH's epsilon.
 */
import { type Bvh, closestHit, createHit, occluded } from "../bvh/index.js";
import type { Vec3 } from "./vec.js";

export interface SurfaceHit {
  /** Distance from the ray origin, metres. */
  readonly distance: number;
  /** Scene triangle id. */
  readonly triangle: number;
}

export class RayCaster {
  private readonly scratch = createHit();

  constructor(readonly bvh: Bvh) {}

  /** The first surface along unit direction `dir` from `from`, within `maxDistance`. */
  firstHit(from: Vec3, dir: Vec3, maxDistance = Number.POSITIVE_INFINITY): SurfaceHit | null {
    return this.cast(from, dir, maxDistance) ? { distance: this.scratch.t, triangle: this.scratch.triangle } : null;
  }

  /** The distance to the first surface along `dir` within `maxDistance`, or -1: firstHit without allocating. */
  firstHitDistance(from: Vec3, dir: Vec3, maxDistance = Number.POSITIVE_INFINITY): number {
    return this.cast(from, dir, maxDistance) ? this.scratch.t : -1;
  }

  private cast(from: Vec3, dir: Vec3, maxDistance: number): boolean {
    return closestHit(
      this.bvh,
      from[0],
      from[1],
      from[2],
      dir[0],
      dir[1],
      dir[2],
      this.bvh.epsilon,
      maxDistance,
      this.scratch,
    );
  }

  /** True when nothing lies strictly between points `a` and `b`, triangles `ignoreA`, `ignoreB` apart. */
  visible(a: Vec3, b: Vec3, ignoreA = -1, ignoreB = -1): boolean {
    return !occluded(this.bvh, a[0], a[1], a[2], b[0] - a[0], b[1] - a[1], b[2] - a[2], 1, ignoreA, ignoreB);
  }
}
