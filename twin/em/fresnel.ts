/**
 * Plane-wave reflection and transmission at a material seen from vacuum (air): a half-space, and a slab of
 * given thickness with air on both sides (ITU-R P.2040-3 §2.2.1.5, simplified expressions for an incident
 * wave in air, and §2.2.2.2, simplified method for a single-layer slab).
 *
 * Conventions (those of P.2040 and of Sionna RT, whose field bases the path solver uses):
 * - time as exp(+j omega t); eta = eta' - j sigma / (eps0 omega) with Im(eta) <= 0 (`radioProperties`).
 * - theta is the angle of incidence from the surface normal; only |cos theta| matters (the side is irrelevant).
 * - TE (perpendicular, s): E normal to the plane of incidence, e_perp = k_i x n / |k_i x n|, the same vector for
 *   the incident, reflected and transmitted waves.
 * - TM (parallel, p): e_par = e_perp x k for each wave (its own k). With this basis
 *     r_TE = (cos - q) / (cos + q),  r_TM = (eta cos - q) / (eta cos + q),  q = sqrt(eta - sin^2 theta),
 *   so at normal incidence r_TM = -r_TE, both tend to -1 at grazing incidence, and a perfect conductor gives
 *   r_TE = -1, r_TM = +1 (r_TM is also the reflection coefficient of the magnetic field along e_perp).
 * - q is the root with Re >= 0, Im <= 0 (a transmitted wave that decays into the material); a zero imaginary
 *   part of eta is taken as -0, the lossless limit of a passive medium (matters only for eta' < sin^2 theta).
 *
 * Every function writes complex pairs into `out` from `offset` and returns `out`.
 */

import { complexDiv, complexMul, complexSqrt } from "./complex.js";

/** Work space for the roots; each function fills and reads it within one call. */
const scratch = new Float64Array(8);

/** Writes q = sqrt(eta - sin^2 theta) into scratch[0..1]. */
function normalWavenumberRatio(cosTheta: number, etaRe: number, etaIm: number): void {
  const sin2 = (1 - cosTheta) * (1 + cosTheta);
  complexSqrt(etaRe - sin2, etaIm === 0 ? -0 : etaIm, scratch, 0);
}

/**
 * (a - q) / (a + q), the shape of both half-space reflection coefficients. Both vanish only for a vacuum-like
 * material at grazing incidence, where nothing is reflected.
 */
function differenceOverSum(aRe: number, aIm: number, qRe: number, qIm: number, out: Float64Array, offset: number) {
  if (aRe === 0 && aIm === 0 && qRe === 0 && qIm === 0) {
    out[offset] = 0;
    out[offset + 1] = 0;
    return;
  }
  complexDiv(aRe - qRe, aIm - qIm, aRe + qRe, aIm + qIm, out, offset);
}

/**
 * Half-space reflection coefficients [rTE re, rTE im, rTM re, rTM im] (P.2040-3 §2.2.1.5).
 */
export function fresnelReflection(
  cosTheta: number,
  etaRe: number,
  etaIm: number,
  out: Float64Array = new Float64Array(4),
  offset = 0,
): Float64Array {
  const c = Math.abs(cosTheta);
  normalWavenumberRatio(c, etaRe, etaIm);
  const qRe = scratch[0];
  const qIm = scratch[1];
  differenceOverSum(c, 0, qRe, qIm, out, offset);
  differenceOverSum(etaRe * c, etaIm * c, qRe, qIm, out, offset + 2);
  return out;
}

/**
 * Half-space transmission coefficients [tTE re, tTE im, tTM re, tTM im] (P.2040-3 §2.2.1.5):
 * tTE = 2 cos / (cos + q), tTM = 2 sqrt(eta) cos / (eta cos + q), for the field just inside the material.
 * For lossless eta, |r|^2 + (q / cos) |t|^2 = 1 in each polarisation.
 */
export function fresnelTransmission(
  cosTheta: number,
  etaRe: number,
  etaIm: number,
  out: Float64Array = new Float64Array(4),
  offset = 0,
): Float64Array {
  const c = Math.abs(cosTheta);
  normalWavenumberRatio(c, etaRe, etaIm);
  const qRe = scratch[0];
  const qIm = scratch[1];
  if (c === 0 && qRe === 0 && qIm === 0) {
    // a vacuum-like material at grazing incidence: the wave goes on undisturbed
    out.fill(0, offset, offset + 4);
    out[offset] = 1;
    out[offset + 2] = 1;
    return out;
  }
  complexDiv(2 * c, 0, c + qRe, qIm, out, offset);
  complexSqrt(etaRe, etaIm === 0 ? -0 : etaIm, scratch, 2);
  complexDiv(2 * c * scratch[2], 2 * c * scratch[3], etaRe * c + qRe, etaIm * c + qIm, out, offset + 2);
  return out;
}

/**
 * Reflection and transmission of a homogeneous slab of thickness `thicknessM` with air on both sides, for a
 * plane wave of wavenumber `wavenumber` (rad/m): [rTE, rTM, tTE, tTM] as 8 numbers (P.2040-3 §2.2.2.2):
 *   r = r' (1 - exp(-2j delta)) / (1 - r'^2 exp(-2j delta))
 *   t = (1 - r'^2) exp(-j (delta - delta0)) / (1 - r'^2 exp(-2j delta))
 * with r' the half-space coefficient of the same polarisation, delta = k d q the phase across the slab along
 * the normal and delta0 = k d cos theta. The factor exp(+j delta0) refers the transmitted phase to a ray that
 * goes straight through a wall of zero thickness, as the ray tracer models walls (the air path over the
 * thickness is then counted in the ray's length). For lossless eta, |r|^2 + |t|^2 = 1.
 */
export function slabReflectionTransmission(
  cosTheta: number,
  etaRe: number,
  etaIm: number,
  thicknessM: number,
  wavenumber: number,
  out: Float64Array = new Float64Array(8),
  offset = 0,
): Float64Array {
  if (thicknessM === 0) {
    out.fill(0, offset, offset + 8);
    out[offset + 4] = 1;
    out[offset + 6] = 1;
    return out;
  }
  const c = Math.abs(cosTheta);
  fresnelReflection(c, etaRe, etaIm, out, offset);
  normalWavenumberRatio(c, etaRe, etaIm);
  const kd = wavenumber * thicknessM;
  // exp(-2j delta) = exp(2 kd Im q) exp(-2j kd Re q); Im q <= 0, so the round trip decays in a lossy slab.
  const roundTripMagnitude = Math.exp(2 * kd * scratch[1]);
  const roundTripRe = roundTripMagnitude * Math.cos(2 * kd * scratch[0]);
  const roundTripIm = -roundTripMagnitude * Math.sin(2 * kd * scratch[0]);
  // exp(-j (delta - delta0))
  const throughMagnitude = Math.exp(kd * scratch[1]);
  const throughPhase = kd * (scratch[0] - c);
  const throughRe = throughMagnitude * Math.cos(throughPhase);
  const throughIm = -throughMagnitude * Math.sin(throughPhase);
  for (let p = 0; p < 2; p++) {
    const rRe = out[offset + 2 * p];
    const rIm = out[offset + 2 * p + 1];
    // r'^2 and the shared denominator 1 - r'^2 exp(-2j delta)
    complexMul(rRe, rIm, rRe, rIm, scratch, 4);
    const r2Re = scratch[4];
    const r2Im = scratch[5];
    complexMul(r2Re, r2Im, roundTripRe, roundTripIm, scratch, 6);
    const denRe = 1 - scratch[6];
    const denIm = -scratch[7];
    // transmission first: the reflection overwrites r'
    complexMul(1 - r2Re, -r2Im, throughRe, throughIm, scratch, 6);
    complexDiv(scratch[6], scratch[7], denRe, denIm, out, offset + 4 + 2 * p);
    complexMul(rRe, rIm, 1 - roundTripRe, -roundTripIm, scratch, 6);
    complexDiv(scratch[6], scratch[7], denRe, denIm, out, offset + 2 * p);
  }
  return out;
}
