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
    const h = this.scratch;
    const found = closestHit(
      this.bvh,
      from[0],
      from[1],
      from[2],
      dir[0],
      dir[1],
      dir[2],
      this.bvh.epsilon,
      maxDistance,
      h,
    );
    return found ? { distance: h.t, triangle: h.triangle } : null;
  }

  /** True when nothing lies strictly between points `a` and `b`, triangles `ignoreA`, `ignoreB` apart. */
  visible(a: Vec3, b: Vec3, ignoreA = -1, ignoreB = -1): boolean {
    return !occluded(this.bvh, a[0], a[1], a[2], b[0] - a[0], b[1] - a[1], b[2] - a[2], 1, ignoreA, ignoreB);
  }
}
