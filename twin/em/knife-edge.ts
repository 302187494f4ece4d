/**
 * Single knife-edge diffraction loss of ITU-R P.526 (§4.1, "single knife-edge obstacle"): the
 * Fresnel-Kirchhoff loss J(nu) of an absorbing half-plane relative to free space, and the dimensionless
 * parameter nu from the geometry. nu > 0 when the edge is above the line of sight (obstructing), nu < 0 when
 * it clears it.
 */

import { fresnelAuxiliary, fresnelIntegrals } from "./fresnel-integrals.js";

/** Filled and read within one call. */
const scratch = new Float64Array(2);

/**
 * J(nu) in dB (positive = loss), exactly: J = -20 log10(sqrt((1 - C - S)^2 + (C - S)^2) / 2) with C = C(nu),
 * S = S(nu). For nu >= 0 it is evaluated as -10 log10((f^2 + g^2) / 2) with the auxiliary functions
 * (the same quantity, since (1/2 - C, 1/2 - S) is (g, f) rotated), which avoids the cancellation in 1 - C - S
 * deep in the shadow. J(0) = 6.02 dB; J -> 0 with ripples as nu -> -Infinity.
 */
export function knifeEdgeLossDb(nu: number): number {
  if (nu >= 0) {
    fresnelAuxiliary(nu, scratch);
    const f = scratch[0];
    const g = scratch[1];
    return -10 * Math.log10((f * f + g * g) / 2);
  }
  fresnelIntegrals(nu, scratch);
  const c = scratch[0];
  const s = scratch[1];
  const a = 1 - c - s;
  const b = c - s;
  return -10 * Math.log10((a * a + b * b) / 4);
}

/** P.526's approximation 6.9 + 20 log10(sqrt((nu - 0.1)^2 + 1) + nu - 0.1) dB for nu > -0.78, 0 dB below. */
export function knifeEdgeLossApproxDb(nu: number): number {
  if (nu <= -0.78) return 0;
  const x = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(x * x + 1) + x);
}

/**
 * nu = h sqrt(2 / lambda (1/d1 + 1/d2)), with h the height of the edge above the straight line between the
 * terminals (negative below it) and d1, d2 the distances of the terminals from the edge along the path.
 */
export function knifeEdgeNu(heightM: number, d1M: number, d2M: number, wavelengthM: number): number {
  return heightM * Math.sqrt((2 / wavelengthM) * (1 / d1M + 1 / d2M));
}

const distance = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * nu from three points (x, y, z; z up): nu = +-2 sqrt(delta / lambda) with delta = |tx - edge| + |edge - rx|
 * - |tx - rx| the excess length of the path over the edge, which equals the previous form to second order in
 * the angles and needs no choice of h, d1, d2 for a tilted path. The sign is that of the edge's height above the line
 * of sight at the edge's position along it.
 */
export function knifeEdgeNuFromPoints(
  tx: ArrayLike<number>,
  rx: ArrayLike<number>,
  edge: ArrayLike<number>,
  wavelengthM: number,
): number {
  const excess = distance(tx, edge) + distance(edge, rx) - distance(tx, rx);
  const magnitude = 2 * Math.sqrt(Math.max(excess, 0) / wavelengthM);
  // height of the edge above the line of sight, at the line's point nearest the edge
  const lx = rx[0] - tx[0];
  const ly = rx[1] - tx[1];
  const lz = rx[2] - tx[2];
  const t = ((edge[0] - tx[0]) * lx + (edge[1] - tx[1]) * ly + (edge[2] - tx[2]) * lz) / (lx * lx + ly * ly + lz * lz);
  const above = edge[2] - (tx[2] + t * lz);
  return above >= 0 ? magnitude : -magnitude;
}
