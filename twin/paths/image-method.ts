/**
 * Exact specular paths by the image method: for a sequence of reflecting planes, mirror the
 * transmitter through each plane in turn, then walk back from the receiver towards the images to find
 * the reflection points. A path is valid when each reflection point lies on a surface of its plane that
 * the ray actually reaches first (so occlusion and triangle boundaries are checked by one ray each),
 * both neighbours of each point are on the same side of its plane, and the last leg is free.
 */
import { mirror, planeDistance, type Planes } from "./planes.js";
import type { RayCaster } from "./ray-caster.js";
import { distance, sub, type Vec3 } from "./vec.js";

export interface SpecularPath {
  /** Reflection points, in order from the transmitter. */
  readonly points: Vec3[];
  /** The scene triangle hit at each point. */
  readonly triangles: number[];
}

/** Relative tolerance on where a validating ray must land. */
const LANDING_TOLERANCE = 1e-6;

export function solveSpecular(
  planes: Planes,
  sequence: readonly number[],
  tx: Vec3,
  rx: Vec3,
  caster: RayCaster,
): SpecularPath | null {
  const k = sequence.length;
  const images: Vec3[] = [tx];
  for (let i = 0; i < k; i++) images.push(mirror(planes, sequence[i], images[i]));

  // back from the receiver: each point is where the line from the next point to the image meets its plane
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

  // forward: each leg must land on the plane's surface, with both neighbours on one side of it
  const triangles: number[] = new Array(k);
  let from = tx;
  for (let i = 0; i < k; i++) {
    const p = points[i];
    const next = i + 1 < k ? points[i + 1] : rx;
    const before = planeDistance(planes, sequence[i], from);
    const after = planeDistance(planes, sequence[i], next);
    if (Math.sign(before) !== Math.sign(after) || before === 0) return null;
    const legLength = distance(from, p);
    if (!(legLength > 0)) return null;
    const d = sub(p, from);
    const dir: Vec3 = [d[0] / legLength, d[1] / legLength, d[2] / legLength];
    const hit = caster.firstHit(from, dir, legLength * (1 + LANDING_TOLERANCE) + caster.bvh.epsilon);
    if (!hit || planes.planeOf[hit.triangle] !== sequence[i]) return null;
    if (Math.abs(hit.distance - legLength) > legLength * LANDING_TOLERANCE + caster.bvh.epsilon) return null;
    triangles[i] = hit.triangle;
    from = p;
  }
  if (!caster.visible(from, rx)) return null;
  return { points, triangles };
}
