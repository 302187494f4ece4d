/**
 * The ray-triangle test every query (and the brute-force oracle in the tests) uses: Möller–Trumbore,
 * two-sided, on packed triangles (`v0, e1, e2`, see layout.ts).
 *
 * Epsilon policy:
 * - `det === 0` exactly (ray parallel to the plane, or a degenerate triangle) is a miss; no absolute
 *   epsilon on det, because det scales with |d|·|e1|·|e2| and any fixed threshold would drop small
 *   triangles or keep near-parallel noise depending on units.
 * - Barycentrics are accepted with a relative tolerance `BARYCENTRIC_TOLERANCE` (dimensionless, ~1e-9):
 *   a ray through an edge or a vertex shared by two triangles hits at least one of them despite
 *   rounding (no leaks between the triangles of a wall), at the price of triangles ~1e-9 of their size
 *   larger.
 * - Distances: a hit counts only for `tMin < t < tMax` (open interval). Callers choose tMin; the BVH's
 *   `epsilon` (scene-relative, metres) is the offset to use for rays leaving a surface.
 * - Degenerate triangles (zero area up to rounding, or non-finite coordinates) are left out of the BVH
 *   altogether, see `isDegenerateTriangle`.
 */
import { TRIANGLE_STRIDE } from "./layout.js";

export const BARYCENTRIC_TOLERANCE = 2 ** -30;

/**
 * The barycentrics (u, v) of the last hit `intersectTriangle` reported: point = (1-u-v)·v0 + u·v1 + v·v2.
 * Written only on a hit, so reading them is free for the (many) misses.
 */
export const lastHitUv = new Float64Array(2);

/**
 * Distance along the ray to packed triangle `index`, if the ray hits it with tMin < t < tMax; else
 * Infinity. On a hit, the barycentrics are left in `lastHitUv`. Small enough for V8 to inline into the
 * traversal loops.
 */
export function intersectTriangle(
  triangles: Float64Array,
  index: number,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  tMin: number,
  tMax: number,
): number {
  const p = index * TRIANGLE_STRIDE;
  const e1x = triangles[p + 3];
  const e1y = triangles[p + 4];
  const e1z = triangles[p + 5];
  const e2x = triangles[p + 6];
  const e2y = triangles[p + 7];
  const e2z = triangles[p + 8];
  const px = dy * e2z - dz * e2y;
  const py = dz * e2x - dx * e2z;
  const pz = dx * e2y - dy * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det === 0) return Number.POSITIVE_INFINITY;
  const inverse = 1 / det;
  const sx = ox - triangles[p];
  const sy = oy - triangles[p + 1];
  const sz = oz - triangles[p + 2];
  const u = (sx * px + sy * py + sz * pz) * inverse;
  if (u < -BARYCENTRIC_TOLERANCE || u > 1 + BARYCENTRIC_TOLERANCE) return Number.POSITIVE_INFINITY;
  const qx = sy * e1z - sz * e1y;
  const qy = sz * e1x - sx * e1z;
  const qz = sx * e1y - sy * e1x;
  const v = (dx * qx + dy * qy + dz * qz) * inverse;
  if (v < -BARYCENTRIC_TOLERANCE || u + v > 1 + BARYCENTRIC_TOLERANCE) return Number.POSITIVE_INFINITY;
  const t = (e2x * qx + e2y * qy + e2z * qz) * inverse;
  if (t > tMin && t < tMax) {
    lastHitUv[0] = u;
    lastHitUv[1] = v;
    return t;
  }
  return Number.POSITIVE_INFINITY;
}

/** Below this sine of the angle between e1 and e2 a triangle is a segment or a point (rounding only). */
const DEGENERATE_SINE = 2 ** -40;

/**
 * Whether triangle `index` of a flat vertex array (9 per triangle) can never be hit: a non-finite
 * coordinate, or |e1 × e2| <= 2^-40 · |e1|·|e2| (collinear or coincident vertices up to rounding).
 */
export function isDegenerateTriangle(vertices: Float64Array, index: number): boolean {
  const s = index * 9;
  for (let k = 0; k < 9; k++) if (!Number.isFinite(vertices[s + k])) return true;
  const e1x = vertices[s + 3] - vertices[s];
  const e1y = vertices[s + 4] - vertices[s + 1];
  const e1z = vertices[s + 5] - vertices[s + 2];
  const e2x = vertices[s + 6] - vertices[s];
  const e2y = vertices[s + 7] - vertices[s + 1];
  const e2z = vertices[s + 8] - vertices[s + 2];
  const nx = e1y * e2z - e1z * e2y;
  const ny = e1z * e2x - e1x * e2z;
  const nz = e1x * e2y - e1y * e2x;
  const normal2 = nx * nx + ny * ny + nz * nz;
  const edges2 = (e1x * e1x + e1y * e1y + e1z * e1z) * (e2x * e2x + e2y * e2y + e2z * e2z);
  return !(normal2 > DEGENERATE_SINE * DEGENERATE_SINE * edges2);
}
