/**
 * Ray queries on a packed BVH, allocation-free: one preallocated stack per thread (module state; the
 * queries never call out, so they cannot re-enter), results written into a caller's `RayHit`.
 *
 * The loops read the node record of the current inner node, slab-test both children's boxes and go to
 * the nearer one, pushing the farther with its entry distance (popped only while it can still beat the
 * closest hit). Leaves are tested when they are the current child.
 */
import type { Bvh } from "./bvh.js";
import { INNER, LEFT_BOX, LEFT_COUNT, LEFT_REF, NODE_WORDS, RIGHT_BOX, RIGHT_COUNT, RIGHT_REF } from "./layout.js";
import { intersectTriangle, lastHitUv } from "./triangle.js";

/** A closest hit: distance along the ray (in units of |d|), ORIGINAL triangle id, barycentrics. */
export interface RayHit {
  t: number;
  triangle: number;
  /** point = (1-u-v)·v0 + u·v1 + v·v2, vertices as the scene lists them. */
  u: number;
  v: number;
}

export function createHit(): RayHit {
  return { t: Number.POSITIVE_INFINITY, triangle: -1, u: 0, v: 0 };
}

/** Traversal work, summed over queries while counting is on (benchmarks). */
export interface TraversalCounters {
  rays: number;
  /** Inner nodes visited (each: two box tests). */
  nodeVisits: number;
  triangleTests: number;
}

// The loops count in locals (a register add per node and per leaf) and add them here once per query,
// only when counting is on: on munich a copy of the loop without the adds ran 911 vs 919 ns a ray
// (best of 15 passes), within noise, so the normal path keeps one loop.
let counting = false;
const counters: TraversalCounters = { rays: 0, nodeVisits: 0, triangleTests: 0 };

/** Turns work counting on or off (and resets the counters). */
export function countTraversal(on: boolean): void {
  counting = on;
  counters.rays = counters.nodeVisits = counters.triangleTests = 0;
}

/** The counters since `countTraversal(true)`. */
export function traversalCounters(): TraversalCounters {
  return { ...counters };
}

function record(visits: number, tests: number): void {
  counters.rays++;
  counters.nodeVisits += visits;
  counters.triangleTests += tests;
}

/** The traversal stack: child refs and counts (2 per entry) and the entry distances. */
let stackChildren = new Int32Array(2 * 80);
let stackEnter = new Float64Array(80);

function ensureStack(depth: number): void {
  if (stackEnter.length > depth) return;
  stackChildren = new Int32Array(2 * (depth + 16));
  stackEnter = new Float64Array(depth + 16);
}

/**
 * Entry distance of the ray into the box at `boxes[at..at+6)` clipped to [tMin, tMax], or Infinity when
 * it misses. `nx` (`ny`, `nz`) is 0 when the ray goes +x (the near plane is the min), else 3.
 *
 * The test is branch-free: the ray is in the box when every near-plane distance is below every far-plane
 * distance of the other axes and the window [tMin, tMax] overlaps; the comparisons are combined with `&`
 * (flag sets, no jumps). The usual max/min chains cost ~2x here: Math.max/min handle NaN and -0 with
 * branches and if-chains mispredict (~25 vs ~12 ns a box in isolation; closest hit on munich went from
 * ~1450 to ~990 ns a ray, best of 15 passes). Only a hit pays for the entry distance. Inverse directions are finite (see `inverse`), so no 0·inf NaN arises.
 */
function enterBox(
  boxes: Float32Array,
  at: number,
  ox: number,
  oy: number,
  oz: number,
  ix: number,
  iy: number,
  iz: number,
  nx: number,
  ny: number,
  nz: number,
  tMin: number,
  tMax: number,
): number {
  const nearX = (boxes[at + nx] - ox) * ix;
  const nearY = (boxes[at + 1 + ny] - oy) * iy;
  const nearZ = (boxes[at + 2 + nz] - oz) * iz;
  const farX = (boxes[at + 3 - nx] - ox) * ix;
  const farY = (boxes[at + 4 - ny] - oy) * iy;
  const farZ = (boxes[at + 5 - nz] - oz) * iz;
  const inside =
    +(nearX <= farY) &
    +(nearX <= farZ) &
    +(nearY <= farX) &
    +(nearY <= farZ) &
    +(nearZ <= farX) &
    +(nearZ <= farY) &
    +(nearX <= tMax) &
    +(nearY <= tMax) &
    +(nearZ <= tMax) &
    +(farX >= tMin) &
    +(farY >= tMin) &
    +(farZ >= tMin);
  if (inside === 0) return Number.POSITIVE_INFINITY;
  const nearXY = nearX > nearY ? nearX : nearY;
  const near = nearXY > nearZ ? nearXY : nearZ;
  return near > tMin ? near : tMin;
}

/**
 * 1/d for the slab test, finite: a zero component gives ±MAX_VALUE instead of ±inf, so that a box plane
 * through the origin gives 0 (not 0·inf = NaN) and any other plane a distance beyond every scene.
 */
function inverse(d: number): number {
  return d !== 0 ? 1 / d : 1 / d > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/**
 * The closest triangle hit by o + t·d with tMin < t < tMax. On a hit, fills `hit` (original triangle
 * id, t, barycentrics) and returns true; on a miss returns false and leaves `hit` as it was.
 * `d` need not be unit length (t is then in units of |d|).
 */
export function closestHit(
  bvh: Bvh,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  tMin: number,
  tMax: number,
  hit: RayHit,
): boolean {
  ensureStack(bvh.depth);
  const boxes = bvh.boxes;
  const links = bvh.links;
  const triangles = bvh.triangles;
  const children = stackChildren;
  const enters = stackEnter;
  const ix = inverse(dx);
  const iy = inverse(dy);
  const iz = inverse(dz);
  const nx = ix >= 0 ? 0 : 3;
  const ny = iy >= 0 ? 0 : 3;
  const nz = iz >= 0 ? 0 : 3;
  let best = tMax;
  let bestTriangle = -1;
  let bestU = 0;
  let bestV = 0;
  let visits = 0;
  let tests = 0;
  let sp = 0;
  // the current child: an inner node (count INNER) or a leaf; the root node first
  let ref = 0;
  let count = INNER;
  for (;;) {
    if (count === INNER) {
      visits++;
      const node = ref * NODE_WORDS;
      const left = enterBox(boxes, node + LEFT_BOX, ox, oy, oz, ix, iy, iz, nx, ny, nz, tMin, best);
      const right = enterBox(boxes, node + RIGHT_BOX, ox, oy, oz, ix, iy, iz, nx, ny, nz, tMin, best);
      if (left <= right) {
        if (left !== Number.POSITIVE_INFINITY) {
          if (right !== Number.POSITIVE_INFINITY) {
            children[2 * sp] = links[node + RIGHT_REF];
            children[2 * sp + 1] = links[node + RIGHT_COUNT];
            enters[sp++] = right;
          }
          ref = links[node + LEFT_REF];
          count = links[node + LEFT_COUNT];
          continue;
        }
      } else {
        if (left !== Number.POSITIVE_INFINITY) {
          children[2 * sp] = links[node + LEFT_REF];
          children[2 * sp + 1] = links[node + LEFT_COUNT];
          enters[sp++] = left;
        }
        ref = links[node + RIGHT_REF];
        count = links[node + RIGHT_COUNT];
        continue;
      }
    } else {
      tests += count;
      for (let k = ref, end = ref + count; k < end; k++) {
        const t = intersectTriangle(triangles, k, ox, oy, oz, dx, dy, dz, tMin, best);
        if (t < best) {
          best = t;
          bestTriangle = k;
          bestU = lastHitUv[0];
          bestV = lastHitUv[1];
        }
      }
    }
    // pop the nearest pending child that can still hold a closer hit
    do {
      if (sp === 0) {
        if (counting) record(visits, tests);
        if (bestTriangle < 0) return false;
        hit.t = best;
        hit.triangle = bvh.triangleIds[bestTriangle];
        hit.u = bestU;
        hit.v = bestV;
        return true;
      }
      sp--;
    } while (enters[sp] >= best);
    ref = children[2 * sp];
    count = children[2 * sp + 1];
  }
}

/**
 * Whether the segment o + t·d, 0 < t < tMax, is blocked by a triangle other than `ignoreA` and
 * `ignoreB` (original ids; -1 for none): visibility between p = o and q = o + tMax·d. `bvh.epsilon`
 * (metres) is trimmed off both ends, so p and q may lie on surfaces (a reflection point on its wall, a
 * receiver on the ground) without blocking themselves.
 */
export function occluded(
  bvh: Bvh,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  tMax: number,
  ignoreA = -1,
  ignoreB = -1,
): boolean {
  const trim = bvh.epsilon / Math.sqrt(dx * dx + dy * dy + dz * dz);
  const tMin = trim;
  const tEnd = tMax - trim;
  if (!(tEnd > tMin)) return false;
  ensureStack(bvh.depth);
  const boxes = bvh.boxes;
  const links = bvh.links;
  const triangles = bvh.triangles;
  const ids = bvh.triangleIds;
  const children = stackChildren;
  const ix = inverse(dx);
  const iy = inverse(dy);
  const iz = inverse(dz);
  const nx = ix >= 0 ? 0 : 3;
  const ny = iy >= 0 ? 0 : 3;
  const nz = iz >= 0 ? 0 : 3;
  let visits = 0;
  let tests = 0;
  let sp = 0;
  let ref = 0;
  let count = INNER;
  for (;;) {
    if (count === INNER) {
      visits++;
      const node = ref * NODE_WORDS;
      const left = enterBox(boxes, node + LEFT_BOX, ox, oy, oz, ix, iy, iz, nx, ny, nz, tMin, tEnd);
      const right = enterBox(boxes, node + RIGHT_BOX, ox, oy, oz, ix, iy, iz, nx, ny, nz, tMin, tEnd);
      // any hit will do, but the nearer child first still finds blockers sooner
      if (left <= right) {
        if (left !== Number.POSITIVE_INFINITY) {
          if (right !== Number.POSITIVE_INFINITY) {
            children[2 * sp] = links[node + RIGHT_REF];
            children[2 * sp + 1] = links[node + RIGHT_COUNT];
            sp++;
          }
          ref = links[node + LEFT_REF];
          count = links[node + LEFT_COUNT];
          continue;
        }
      } else {
        if (left !== Number.POSITIVE_INFINITY) {
          children[2 * sp] = links[node + LEFT_REF];
          children[2 * sp + 1] = links[node + LEFT_COUNT];
          sp++;
        }
        ref = links[node + RIGHT_REF];
        count = links[node + RIGHT_COUNT];
        continue;
      }
    } else {
      for (let k = ref, end = ref + count; k < end; k++) {
        if (intersectTriangle(triangles, k, ox, oy, oz, dx, dy, dz, tMin, tEnd) !== Number.POSITIVE_INFINITY) {
          // blocked, unless by an ignored surface (rare: compared only on hits)
          const id = ids[k];
          if (id !== ignoreA && id !== ignoreB) {
            if (counting) record(visits, tests + k - ref + 1);
            return true;
          }
        }
      }
      tests += count;
    }
    if (sp === 0) {
      if (counting) record(visits, tests);
      return false;
    }
    sp--;
    ref = children[2 * sp];
    count = children[2 * sp + 1];
  }
}
