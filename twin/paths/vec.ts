/**
 * 3-vectors as tuples, for the geometry of path solving (per path, not per ray: clarity over speed;
 * the per-ray loops work on flat arrays instead).
 */
export type Vec3 = readonly [number, number, number];

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
// (Math.sqrt of the sum, not Math.hypot: hypot's overflow care costs ~10x, and scene coordinates never need it)
export const norm = (a: Vec3): number => Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
export const distance = (a: Vec3, b: Vec3): number => {
  const x = a[0] - b[0];
  const y = a[1] - b[1];
  const z = a[2] - b[2];
  return Math.sqrt(x * x + y * y + z * z);
};
export const normalize = (a: Vec3): Vec3 => scale(a, 1 / norm(a));

/** Azimuth (from +x, counter-clockwise) and elevation (from the horizon, up positive) of a direction, radians. */
export function azEl(d: Vec3): [number, number] {
  const n = norm(d);
  return [Math.atan2(d[1], d[0]), Math.asin(Math.max(-1, Math.min(1, d[2] / n)))];
}

/** The unit vector of azimuth `az` and elevation `el` (radians). */
export const fromAzEl = (az: number, el: number): Vec3 => [
  Math.cos(el) * Math.cos(az),
  Math.cos(el) * Math.sin(az),
  Math.sin(el),
];

/** Spherical unit vectors theta-hat (zenith angle increasing) and phi-hat at direction `d` (unit). */
export function sphericalBasis(d: Vec3): { theta: Vec3; phi: Vec3 } {
  const rho = Math.sqrt(d[0] * d[0] + d[1] * d[1]);
  if (rho < 1e-12) {
    // along the z axis the azimuth is arbitrary: take phi = 0
    const s = d[2] >= 0 ? 1 : -1;
    return { theta: [s, 0, 0], phi: [0, 1, 0] };
  }
  const cp = d[0] / rho;
  const sp = d[1] / rho;
  return { theta: [d[2] * cp, d[2] * sp, -rho], phi: [-sp, cp, 0] };
}

export const parseVec3 = (text: string, what: string): Vec3 => {
  const parts = text.split(",").map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) {
    throw new RangeError(`${what} must be three numbers x,y,z in metres, got '${text}'`);
  }
  return [parts[0], parts[1], parts[2]];
};

/** The largest absolute coordinate in flat xyz data, at least 1: the scale for position tolerances. */
export function coordinateExtent(xyz: Float64Array): number {
  let extent = 1;
  for (let i = 0; i < xyz.length; i++) extent = Math.max(extent, Math.abs(xyz[i]));
  return extent;
}
