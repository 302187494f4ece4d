/**
 * Exact specular paths by the image method: for a sequence of reflecting planes, mirror the
 * transmitter through each plane in turn, then walk back from the receiver towards the images to find
 * the reflection points. The path's geometry holds when both neighbours of each point are on one side
 * of its plane and each point lies on a surface of that plane (probed by a ray a few epsilons long
 * through the point along the normal); the path exists when, besides, nothing blocks its legs.
 */
import { mirror, type Planes, planeDistance, triangleUnder } from "./planes.js";
import type { RayCaster } from "./ray-caster.js";
import { distance, type Vec3 } from "./vec.js";

export interface SpecularPath {
  /** Reflection points, in order from the transmitter. */
  readonly points: Vec3[];
  /** The scene triangle under each point. */
  readonly triangles: number[];
}

/**
 * The path's geometry holds but an obstacle blocks it. A radio map grows a sequence's region across
 * such cells, so a region cut into pieces needs one seed.
 */
export const BLOCKED = "blocked";

/** Told where a path's reflection point `index` fell off its plane's surface (`from`: the point before). */
export type OffSurface = (index: number, point: Vec3, from: Vec3) => void;

/**
 * The path reflecting on `sequence`, BLOCKED, or null when its geometry does not hold. With
 * `geometryOnly`, BLOCKED stands for any path whose geometry holds (no occlusion queries).
 */
export function traceSpecular(
  planes: Planes,
  sequence: readonly number[],
  tx: Vec3,
  rx: Vec3,
  caster: RayCaster,
  geometryOnly = false,
  offSurface?: OffSurface,
): SpecularPath | typeof BLOCKED | null {
  const points = reflectionPoints(planes, sequence, tx, rx);
  if (!points) return null;
  // the surfaces first, then the legs (occlusion queries, which stop at any blocker)
  const triangles: number[] = new Array(points.length);
  let from = tx;
  for (let i = 0; i < points.length; i++) {
    const t = surfaceUnder(planes, sequence[i], points[i], from, caster);
    if (t < 0) {
      offSurface?.(i, points[i], from);
      return null;
    }
    triangles[i] = t;
    from = points[i];
  }
  if (geometryOnly) return BLOCKED;
  // the last leg first: near the ground, among buildings, it is the one most often blocked
  if (!caster.visible(from, rx)) return BLOCKED;
  from = tx;
  for (const p of points) {
    if (!caster.visible(from, p)) return BLOCKED;
    from = p;
  }
  return { points, triangles };
}

/** Planes of up to this many triangles are searched directly for the one under a point; larger ones through the BVH. */
const DIRECT_SEARCH_MAX = 16;

/** The triangle of plane `id` under its point `p`, or -1 (`from`: a point on the side the path arrives from). */
function surfaceUnder(planes: Planes, id: number, p: Vec3, from: Vec3, caster: RayCaster): number {
  const h = 4 * caster.bvh.epsilon;
  const direct = triangleUnder(planes, id, p[0], p[1], p[2], h, DIRECT_SEARCH_MAX);
  if (direct !== undefined) return direct;
  // a ray a few epsilons long through the point along the normal, from the arrival side
  const side = planeDistance(planes, id, from) > 0 ? 1 : -1;
  const nx = planes.normals[id * 3] * side;
  const ny = planes.normals[id * 3 + 1] * side;
  const nz = planes.normals[id * 3 + 2] * side;
  const hit = caster.firstHit([p[0] + nx * h, p[1] + ny * h, p[2] + nz * h], [-nx, -ny, -nz], 2 * h);
  return hit && planes.planeOf[hit.triangle] === id ? hit.triangle : -1;
}

/**
 * The reflection points of the path on `sequence`, found backwards from the receiver (each is where
 * the line from the next point to the image meets its plane), when every point has both neighbours
 * strictly on one side of its plane; else null.
 */
function reflectionPoints(planes: Planes, sequence: readonly number[], tx: Vec3, rx: Vec3): Vec3[] | null {
  const k = sequence.length;
  const images: Vec3[] = [tx];
  for (let i = 0; i < k; i++) images.push(mirror(planes, sequence[i], images[i]));
  const points: Vec3[] = new Array(k);
  let target = rx;
  for (let i = k - 1; i >= 0; i--) {
    const image = images[i + 1];
    const da = planeDistance(planes, sequence[i], image);
    const db = planeDistance(planes, sequence[i], target);
    if (da === db || Math.sign(da) === Math.sign(db)) return null; // the line does not cross the plane
    const s = da / (da - db);
    points[i] = [
      image[0] + (target[0] - image[0]) * s,
      image[1] + (target[1] - image[1]) * s,
      image[2] + (target[2] - image[2]) * s,
    ];
    target = points[i];
  }
  let from = tx;
  for (let i = 0; i < k; i++) {
    const next = i + 1 < k ? points[i + 1] : rx;
    const before = planeDistance(planes, sequence[i], from);
    const after = planeDistance(planes, sequence[i], next);
    if (Math.sign(before) !== Math.sign(after) || before === 0) return null;
    if (!(distance(from, points[i]) > 0)) return null;
    from = points[i];
  }
  return points;
}
