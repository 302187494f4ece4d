/**
 * Diffracting edges (wedges) of a scene: edges shared by two non-coplanar triangles, and the free edges
 * of single triangles (thin screens, half-planes). Meshes often repeat vertices per face, so edges are
 * matched by quantised vertex positions. Each wedge keeps its two faces as unit vectors lying in the face,
 * perpendicular to the edge and pointing away from it; the solid fills the angle between them (the smaller
 * one), which holds for the convex edges of buildings and objects; the exterior angle is n * pi.
 */
import type { Scene } from "../scene/scene.js";
import { coordinateExtent, cross, dot, normalize, scale, sub, type Vec3 } from "./vec.js";

export interface Wedge {
  /** Edge start and unit direction; length in metres. The direction is such that turning from face 0 by
   * positive angles about it goes through the exterior, reaching face 1 at n * pi. */
  readonly origin: Vec3;
  readonly direction: Vec3;
  readonly length: number;
  /** In-face unit vectors perpendicular to the edge, pointing into face 0 and face 1 (equal for a screen). */
  readonly face0: Vec3;
  readonly face1: Vec3;
  /** Exterior angle / pi, in (1, 2]. */
  readonly n: number;
  /** Scene triangles of face 0 and face 1 (the same for a screen edge). */
  readonly triangle0: number;
  readonly triangle1: number;
}

/** Faces closer than this to coplanar (1 - |cos|) do not form a wedge. */
const COPLANAR = 1e-9;

export function findWedges(scene: Scene): Wedge[] {
  const tri = scene.triangles;
  const count = tri.length / 9;
  const extent = coordinateExtent(tri);
  const q = 1 / (extent * 1e-9);
  const vertexKey = (t: number, k: number) => {
    const o = t * 9 + k * 3;
    return `${Math.round(tri[o] * q)},${Math.round(tri[o + 1] * q)},${Math.round(tri[o + 2] * q)}`;
  };
  const edges = new Map<string, { t: number; a: number; b: number }[]>();
  for (let t = 0; t < count; t++) {
    const keys = [vertexKey(t, 0), vertexKey(t, 1), vertexKey(t, 2)];
    if (keys[0] === keys[1] || keys[1] === keys[2] || keys[0] === keys[2]) continue; // degenerate
    for (let k = 0; k < 3; k++) {
      const a = k;
      const b = (k + 1) % 3;
      const key = keys[a] < keys[b] ? `${keys[a]}|${keys[b]}` : `${keys[b]}|${keys[a]}`;
      let list = edges.get(key);
      if (!list) edges.set(key, (list = []));
      list.push({ t, a, b });
    }
  }
  const vertex = (t: number, k: number): Vec3 => [tri[t * 9 + k * 3], tri[t * 9 + k * 3 + 1], tri[t * 9 + k * 3 + 2]];
  const inFace = (t: number, a: number, b: number, dir: Vec3): Vec3 => {
    // from the edge towards the triangle's third vertex, perpendicular to the edge
    const third = vertex(t, 3 - a - b);
    const v = sub(third, vertex(t, a));
    return normalize(sub(v, scale(dir, dot(v, dir))));
  };

  const wedges: Wedge[] = [];
  for (const list of edges.values()) {
    if (list.length > 2) continue; // non-manifold: no single wedge
    const e0 = list[0];
    const origin = vertex(e0.t, e0.a);
    const span = sub(vertex(e0.t, e0.b), origin);
    const length = Math.hypot(span[0], span[1], span[2]);
    if (!(length > 0)) continue;
    const along = scale(span, 1 / length);
    const face0 = inFace(e0.t, e0.a, e0.b, along);
    if (list.length === 1) {
      wedges.push({ origin, direction: along, length, face0, face1: face0, n: 2, triangle0: e0.t, triangle1: e0.t });
      continue;
    }
    const e1 = list[1];
    const face1 = inFace(e1.t, e1.a, e1.b, along);
    const cos = dot(face0, face1);
    if (cos > 1 - COPLANAR || cos < -1 + COPLANAR) continue; // flat (or folded flat): no edge
    const solid = Math.acos(Math.max(-1, Math.min(1, cos)));
    // orient the edge so that positive rotation from face 0 leaves the solid (reaches face 1 last)
    // (the edge then runs from its other end)
    const flip = dot(cross(face0, face1), along) > 0;
    wedges.push({
      origin: flip ? vertex(e0.t, e0.b) : origin,
      direction: flip ? scale(along, -1) : along,
      length,
      face0,
      face1,
      n: (2 * Math.PI - solid) / Math.PI,
      triangle0: e0.t,
      triangle1: e1.t,
    });
  }
  return wedges;
}
