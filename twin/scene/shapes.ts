/**
 * Closed shapes the generators and the GeoJSON extruder build from, with outward-facing triangles
 * (counter-clockwise seen from outside) so normals are consistent across the scene.
 */
import earcut from "earcut";
import type { TriangleBuffer, Vec3 } from "./triangle-buffer.js";

/** An axis-aligned box. `bottom: false` leaves out the face on the ground (it would lie on the ground plane). */
export function pushBox(out: TriangleBuffer, min: Vec3, max: Vec3, options: { bottom?: boolean } = {}): void {
  const p = (i: number, j: number, k: number): Vec3 => [i ? max[0] : min[0], j ? max[1] : min[1], k ? max[2] : min[2]];
  if (options.bottom !== false) out.quad(p(0, 0, 0), p(0, 1, 0), p(1, 1, 0), p(1, 0, 0));
  out.quad(p(0, 0, 1), p(1, 0, 1), p(1, 1, 1), p(0, 1, 1));
  out.quad(p(0, 0, 0), p(1, 0, 0), p(1, 0, 1), p(0, 0, 1));
  out.quad(p(0, 1, 0), p(0, 1, 1), p(1, 1, 1), p(1, 1, 0));
  out.quad(p(0, 0, 0), p(0, 0, 1), p(0, 1, 1), p(0, 1, 0));
  out.quad(p(1, 0, 0), p(1, 1, 0), p(1, 1, 1), p(1, 0, 1));
}

/** A horizontal rectangle at height `zM`, facing up (or down with `facingDown`). */
export function pushRectangle(
  out: TriangleBuffer,
  min: readonly [number, number],
  max: readonly [number, number],
  zM: number,
  facingDown = false,
): void {
  const a: Vec3 = [min[0], min[1], zM];
  const b: Vec3 = [max[0], min[1], zM];
  const c: Vec3 = [max[0], max[1], zM];
  const d: Vec3 = [min[0], max[1], zM];
  if (facingDown) out.quad(a, d, c, b);
  else out.quad(a, b, c, d);
}

/** Twice the signed area of a ring given as flat x,y pairs (positive: counter-clockwise). */
export function ringArea2(ring: ArrayLike<number>): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += ring[j * 2] * ring[i * 2 + 1] - ring[i * 2] * ring[j * 2 + 1];
  return sum;
}

function reversedRing(ring: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) out.push(ring[i], ring[i + 1]);
  return out;
}

/**
 * A vertical prism over a footprint: `rings[0]` the outer ring, the others holes, each as flat x,y
 * pairs without the closing point. Walls are quads; roof (and bottom, if asked) triangulated by
 * earcut. Rings are reoriented (outer counter-clockwise, holes clockwise) so every wall faces out.
 */
export function pushPrism(
  out: TriangleBuffer,
  rings: readonly (readonly number[])[],
  bottomM: number,
  topM: number,
  options: { bottom?: boolean } = {},
): void {
  const oriented = rings.map((ring, i) => (ringArea2(ring) > 0 === (i === 0) ? [...ring] : reversedRing(ring)));
  for (const ring of oriented) {
    const n = ring.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const [ax, ay, bx, by] = [ring[i * 2], ring[i * 2 + 1], ring[j * 2], ring[j * 2 + 1]];
      out.quad([ax, ay, bottomM], [bx, by, bottomM], [bx, by, topM], [ax, ay, topM]);
    }
  }
  const flat = oriented.flat();
  const holes: number[] = [];
  let start = 0;
  for (const ring of oriented.slice(0, -1)) holes.push((start += ring.length / 2));
  const corners = earcut(flat, holes.length ? holes : null, 2);
  for (let t = 0; t < corners.length; t += 3) {
    let [a, b, c] = [corners[t], corners[t + 1], corners[t + 2]];
    const cross =
      (flat[b * 2] - flat[a * 2]) * (flat[c * 2 + 1] - flat[a * 2 + 1]) -
      (flat[b * 2 + 1] - flat[a * 2 + 1]) * (flat[c * 2] - flat[a * 2]);
    if (cross < 0) [b, c] = [c, b];
    const at = (k: number, z: number): Vec3 => [flat[k * 2], flat[k * 2 + 1], z];
    out.triangle(at(a, topM), at(b, topM), at(c, topM));
    if (options.bottom) out.triangle(at(a, bottomM), at(c, bottomM), at(b, bottomM));
  }
}

/** A box standing on z = 0, `sizeM` = [length along its x, width, height], turned by `yawRad` about z. */
export function pushStandingBox(
  out: TriangleBuffer,
  centre: readonly [number, number],
  sizeM: readonly [number, number, number],
  yawRad: number,
): void {
  const [c, s] = [Math.cos(yawRad), Math.sin(yawRad)];
  const [hx, hy, h] = [sizeM[0] / 2, sizeM[1] / 2, sizeM[2]];
  const p = (i: number, j: number, k: number): Vec3 => {
    const [u, v] = [i ? hx : -hx, j ? hy : -hy];
    return [centre[0] + c * u - s * v, centre[1] + s * u + c * v, k ? h : 0];
  };
  out.quad(p(0, 0, 1), p(1, 0, 1), p(1, 1, 1), p(0, 1, 1));
  out.quad(p(0, 0, 0), p(1, 0, 0), p(1, 0, 1), p(0, 0, 1));
  out.quad(p(0, 1, 0), p(0, 1, 1), p(1, 1, 1), p(1, 1, 0));
  out.quad(p(0, 0, 0), p(0, 0, 1), p(0, 1, 1), p(0, 1, 0));
  out.quad(p(1, 0, 0), p(1, 1, 0), p(1, 1, 1), p(1, 0, 1));
}
