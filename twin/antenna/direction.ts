/**
 * Directions as unit vectors and as (azimuth, elevation) angles, in whatever frame the caller works in
 * (global, panel or element): azimuth from +x counter-clockwise towards +y, elevation from the xy-plane,
 * positive towards +z. Radians throughout; degrees only where a config says so.
 */

export const RAD_PER_DEG = Math.PI / 180;
export const DEG_PER_RAD = 180 / Math.PI;

/** Unit vector pointing at (azimuth, elevation). Writes into `out` (3 numbers from `offset`) and returns it. */
export function directionFromAngles(
  azimuthRad: number,
  elevationRad: number,
  out: Float64Array = new Float64Array(3),
  offset = 0,
): Float64Array {
  const cosEl = Math.cos(elevationRad);
  out[offset] = cosEl * Math.cos(azimuthRad);
  out[offset + 1] = cosEl * Math.sin(azimuthRad);
  out[offset + 2] = Math.sin(elevationRad);
  return out;
}

/** Azimuth of (x, y, z) in (-pi, pi]; 0 straight up or down. The length of the vector does not matter. */
export const azimuthOf = (x: number, y: number): number => Math.atan2(y, x);

/** Elevation of (x, y, z) in [-pi/2, pi/2]. The length of the vector does not matter. */
export const elevationOf = (x: number, y: number, z: number): number => Math.atan2(z, Math.sqrt(x * x + y * y));

/** The angles of a direction vector (any length), for code off the hot path. */
export function anglesFromDirection(direction: ArrayLike<number>): { azimuthRad: number; elevationRad: number } {
  const [x, y, z] = [direction[0], direction[1], direction[2]];
  return { azimuthRad: azimuthOf(x, y), elevationRad: elevationOf(x, y, z) };
}
