/**
 * Ray queries without a BVH: every triangle of a flat vertex array (9 numbers per triangle) tested with
 * a plain Möller–Trumbore on its vertices, under the BVH's epsilon policy (same barycentric tolerance,
 * det === 0 a miss, open [tMin, tMax]). The oracle of the BVH tests and the baseline of bench/bvh.ts.
 */
import { BARYCENTRIC_TOLERANCE, isDegenerateTriangle } from "../../twin/bvh/index.js";

/** Distance to triangle `index` if hit with tMin < t < tMax, else Infinity. */
export function intersectVertices(
  vertices: Float64Array,
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
  const p = index * 9;
  const x0 = vertices[p];
  const y0 = vertices[p + 1];
  const z0 = vertices[p + 2];
  const e1x = vertices[p + 3] - x0;
  const e1y = vertices[p + 4] - y0;
  const e1z = vertices[p + 5] - z0;
  const e2x = vertices[p + 6] - x0;
  const e2y = vertices[p + 7] - y0;
  const e2z = vertices[p + 8] - z0;
  const px = dy * e2z - dz * e2y;
  const py = dz * e2x - dx * e2z;
  const pz = dx * e2y - dy * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det === 0) return Number.POSITIVE_INFINITY;
  const inverse = 1 / det;
  const sx = ox - x0;
  const sy = oy - y0;
  const sz = oz - z0;
  const u = (sx * px + sy * py + sz * pz) * inverse;
  if (u < -BARYCENTRIC_TOLERANCE || u > 1 + BARYCENTRIC_TOLERANCE) return Number.POSITIVE_INFINITY;
  const qx = sy * e1z - sz * e1y;
  const qy = sz * e1x - sx * e1z;
  const qz = sx * e1y - sy * e1x;
  const v = (dx * qx + dy * qy + dz * qz) * inverse;
  if (v < -BARYCENTRIC_TOLERANCE || u + v > 1 + BARYCENTRIC_TOLERANCE) return Number.POSITIVE_INFINITY;
  const t = (e2x * qx + e2y * qy + e2z * qz) * inverse;
  return t > tMin && t < tMax ? t : Number.POSITIVE_INFINITY;
}

/** The closest hit over triangles [0, count): its distance (Infinity: none); the index via `closestIndex`. */
export function bruteForceClosest(
  vertices: Float64Array,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  tMin: number,
  tMax: number,
): number {
  let best = tMax;
  let found = Number.POSITIVE_INFINITY;
  const count = vertices.length / 9;
  for (let k = 0; k < count; k++) {
    const t = intersectVertices(vertices, k, ox, oy, oz, dx, dy, dz, tMin, best);
    if (t < best) {
      best = t;
      found = t;
    }
  }
  return found;
}

/** The non-degenerate triangles of `vertices` (what the BVH keeps) and their original ids. */
export function keptTriangles(vertices: Float64Array): { vertices: Float64Array; ids: number[] } {
  const ids: number[] = [];
  for (let t = 0; t < vertices.length / 9; t++) if (!isDegenerateTriangle(vertices, t)) ids.push(t);
  const kept = new Float64Array(ids.length * 9);
  ids.forEach((id, k) => kept.set(vertices.subarray(id * 9, id * 9 + 9), k * 9));
  return { vertices: kept, ids };
}
