/**
 * Triangles grouped into planes. Specular paths are solved on planes (the image method needs only the
 * plane), and a wall made of several triangles is one reflector: grouping spares solving the same
 * path once per triangle, and a reflection point that lands on a neighbouring triangle of the same wall
 * is still found (the validating ray accepts any triangle of the plane).
 */
import type { Scene } from "../scene/scene.js";
import { coordinateExtent, type Vec3 } from "./vec.js";

export interface Planes {
  /** Per triangle: its plane id, or -1 for a degenerate triangle. */
  readonly planeOf: Int32Array;
  /** Per plane: unit normal (nx, ny, nz) and offset d, with n . p = d on the plane. */
  readonly normals: Float64Array;
  readonly offsets: Float64Array;
  readonly count: number;
  /** The triangles of plane p: `members[memberStart[p]]` .. `members[memberStart[p + 1] - 1]`. */
  readonly memberStart: Int32Array;
  readonly members: Int32Array;
  /** The scene's triangle corners (9 per triangle), shared, not copied. */
  readonly corners: Float64Array;
}

/** Normals within this angle (radians) and offsets within this share of the scene size are one plane. */
const ANGLE_TOLERANCE = 1e-6;
const OFFSET_TOLERANCE = 1e-7;

export function findPlanes(scene: Scene): Planes {
  const tri = scene.triangles;
  const n = tri.length / 9;
  const planeOf = new Int32Array(n).fill(-1);
  const normals: number[] = [];
  const offsets: number[] = [];
  const ids = new Map<string, number>();
  const extent = coordinateExtent(tri);
  const qn = 1 / ANGLE_TOLERANCE;
  const qd = 1 / (OFFSET_TOLERANCE * extent);
  for (let t = 0; t < n; t++) {
    const o = t * 9;
    const ux = tri[o + 3] - tri[o];
    const uy = tri[o + 4] - tri[o + 1];
    const uz = tri[o + 5] - tri[o + 2];
    const vx = tri[o + 6] - tri[o];
    const vy = tri[o + 7] - tri[o + 1];
    const vz = tri[o + 8] - tri[o + 2];
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz);
    if (!(len > 0)) continue;
    nx /= len;
    ny /= len;
    nz /= len;
    // one orientation per plane (two-sided surfaces): the first non-zero component positive
    const flip = nx < -1e-12 || (Math.abs(nx) <= 1e-12 && (ny < -1e-12 || (Math.abs(ny) <= 1e-12 && nz < 0)));
    if (flip) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }
    const d = nx * tri[o] + ny * tri[o + 1] + nz * tri[o + 2];
    const key = `${Math.round(nx * qn)},${Math.round(ny * qn)},${Math.round(nz * qn)},${Math.round(d * qd)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = normals.length / 3;
      ids.set(key, id);
      normals.push(nx, ny, nz);
      offsets.push(d);
    }
    planeOf[t] = id;
  }
  const count = offsets.length;
  const memberStart = new Int32Array(count + 1);
  for (let t = 0; t < n; t++) if (planeOf[t] >= 0) memberStart[planeOf[t] + 1]++;
  for (let p = 0; p < count; p++) memberStart[p + 1] += memberStart[p];
  const members = new Int32Array(memberStart[count]);
  const fill = memberStart.slice(0, count);
  for (let t = 0; t < n; t++) if (planeOf[t] >= 0) members[fill[planeOf[t]]++] = t;
  return {
    planeOf,
    normals: Float64Array.from(normals),
    offsets: Float64Array.from(offsets),
    count,
    memberStart,
    members,
    corners: tri,
  };
}

/**
 * The triangle of plane `id` under point (x, y, z) of the plane (edges included, within `tolerance`
 * metres), or -1; undefined when the plane has more than `most` triangles (ask the BVH instead).
 */
export function triangleUnder(
  p: Planes,
  id: number,
  x: number,
  y: number,
  z: number,
  tolerance: number,
  most: number,
): number | undefined {
  const first = p.memberStart[id];
  const end = p.memberStart[id + 1];
  if (end - first > most) return undefined;
  const nx = p.normals[id * 3];
  const ny = p.normals[id * 3 + 1];
  const nz = p.normals[id * 3 + 2];
  const c = p.corners;
  for (let m = first; m < end; m++) {
    const t = p.members[m];
    const o = t * 9;
    // inside (or on an edge) when no two edges see the point on opposite sides, either winding
    let left = false;
    let right = false;
    for (let e = 0; e < 3; e++) {
      const a = o + e * 3;
      const b = o + ((e + 1) % 3) * 3;
      const ex = c[b] - c[a];
      const ey = c[b + 1] - c[a + 1];
      const ez = c[b + 2] - c[a + 2];
      const px = x - c[a];
      const py = y - c[a + 1];
      const pz = z - c[a + 2];
      // (edge x point) . normal / |edge|: the signed distance from the edge's line
      const side =
        ((ey * pz - ez * py) * nx + (ez * px - ex * pz) * ny + (ex * py - ey * px) * nz) /
        Math.sqrt(ex * ex + ey * ey + ez * ez);
      if (side > tolerance) left = true;
      else if (side < -tolerance) right = true;
    }
    if (!(left && right)) return t;
  }
  return -1;
}

export const planeNormal = (p: Planes, id: number): Vec3 => [
  p.normals[id * 3],
  p.normals[id * 3 + 1],
  p.normals[id * 3 + 2],
];

/** The mirror image of point `x` in plane `id`. */
export function mirror(p: Planes, id: number, x: Vec3): Vec3 {
  const nx = p.normals[id * 3];
  const ny = p.normals[id * 3 + 1];
  const nz = p.normals[id * 3 + 2];
  const s = 2 * (nx * x[0] + ny * x[1] + nz * x[2] - p.offsets[id]);
  return [x[0] - s * nx, x[1] - s * ny, x[2] - s * nz];
}

/** Signed distance of `x` from plane `id` (along its normal). */
export function planeDistance(p: Planes, id: number, x: Vec3): number {
  return p.normals[id * 3] * x[0] + p.normals[id * 3 + 1] * x[1] + p.normals[id * 3 + 2] * x[2] - p.offsets[id];
}
