/**
 * First-order edge diffraction by the Uniform Theory of Diffraction: the wedge diffraction coefficient of
 * Kouyoumjian & Pathak (Proc. IEEE 62(11), 1974, section III: D_s,h, the distance parameter L and the
 * transition function F) with Luebbers' heuristic for finitely conducting faces (IEEE Trans. AP-32(1), 1984):
 * the two reflection-boundary terms are weighted by the Fresnel reflection coefficients of the faces instead
 * of the -1 / +1 of a perfect conductor. Notation as in McNamara, Pistorius & Malherbe, "Introduction to the
 * Uniform Geometrical Theory of Diffraction" (1990), ch. 4 and 6.
 *
 * Geometry (edge-fixed): the wedge's exterior angle is n pi (1 <= n <= 2; n = 2 is a thin screen), face 0 lies
 * at angle 0 and face n at n pi; phi' (incident ray) and phi (diffracted ray) are measured from face 0 through
 * the exterior, in the plane normal to the edge, both in [0, n pi]; beta0 in (0, pi) is the angle between the
 * incident ray and the edge (the diffracted ray leaves on Keller's cone at the same angle).
 *
 * Use (time exp(+j omega t)): in two dimensions (beta0 = pi/2) with u = E_z (soft) or H_z (hard), z along the
 * edge, and u_i the incident field at the edge point, the diffracted field at distance s from the edge is
 *   u_d = u_i * D * A(s', s) * exp(-j k s),  A = sqrt(s' / (s (s' + s)))  (spherical; A = 1/sqrt(s) for a plane wave).
 * In three dimensions these scalars enter K&P's dyadic -beta0' beta0 Ds - phi' phi Dh in the edge-fixed unit
 * vectors; in 2D the dyads are beta0' beta0 = -z z and phi' phi = -(z x s')(z x s) (K&P's and Sionna's sign
 * choices for the vectors both give these), which reduces to the scalar rule above for E_z and for H_z.
 * At grazing incidence (phi' = 0 or n pi) K&P ask for an extra factor 1/2 on D, because u_i there already
 * holds incident plus reflected field; that is the caller's to apply.
 */

import { fresnelReflection } from "./fresnel.js";
import { fresnelAuxiliary } from "./fresnel-integrals.js";

/** Reflection coefficients of a perfectly conducting wedge, laid out as `luebbersFaceReflections` writes them. */
export const PERFECT_CONDUCTOR_FACES: Readonly<Float64Array> = Float64Array.of(-1, 0, 1, 0, -1, 0, 1, 0);

/** Faces that reflect nothing: the usual heuristic for an absorbing screen or wedge. */
export const ABSORBING_FACES: Readonly<Float64Array> = new Float64Array(8);

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** f, g of the transition function; filled and read within one call. */
const auxiliary = new Float64Array(2);
/** The four cot * F terms, 8 numbers. */
const terms = new Float64Array(8);

/**
 * The UTD transition function F(X) = 2j sqrt(X) exp(jX) int_sqrt(X)^inf exp(-j t^2) dt for X >= 0, as
 * [re, im]. Written with the Fresnel auxiliary functions as F(X) = sqrt(2 pi X) (f(x) + j g(x)), x = sqrt(2X/pi),
 * which keeps full precision at large X (F -> 1) and small X (F ~ sqrt(pi X) exp(j pi/4)).
 */
export function transitionFunction(x: number, out: Float64Array = new Float64Array(2), offset = 0): Float64Array {
  const root = Math.sqrt(x);
  if (root === Number.POSITIVE_INFINITY) {
    out[offset] = 1;
    out[offset + 1] = 0;
    return out;
  }
  fresnelAuxiliary(SQRT_2_OVER_PI * root, auxiliary, 0);
  const scale = SQRT_2PI * root;
  out[offset] = scale * auxiliary[0];
  out[offset + 1] = scale * auxiliary[1];
  return out;
}

/**
 * K&P's distance parameter L for a spherical wave from a source `sourceDistanceM` = s' before the edge,
 * observed `observerDistanceM` = s after it: L = s s' sin^2(beta0) / (s + s'). A plane wave is
 * `sourceDistanceM = Infinity` (L = s sin^2 beta0).
 */
export function distanceParameter(sourceDistanceM: number, observerDistanceM: number, beta0: number): number {
  const sin2 = Math.sin(beta0) ** 2;
  if (sourceDistanceM === Number.POSITIVE_INFINITY) return observerDistanceM * sin2;
  return ((sourceDistanceM * observerDistanceM) / (sourceDistanceM + observerDistanceM)) * sin2;
}

/** The diffracted ray's spreading factor A = sqrt(s' / (s (s' + s))); 1/sqrt(s) for a plane wave (s' = Infinity). */
export function spreadingFactor(sourceDistanceM: number, observerDistanceM: number): number {
  if (sourceDistanceM === Number.POSITIVE_INFINITY) return 1 / Math.sqrt(observerDistanceM);
  return Math.sqrt(sourceDistanceM / (observerDistanceM * (sourceDistanceM + observerDistanceM)));
}

/**
 * cot((pi + sign * beta) / (2n)) F(kL a^sign(beta)) into terms[offset..offset+1], sign = +1 or -1.
 *
 * With N the integer that minimises |eps| for eps = pi + sign * beta - sign * 2 pi n N (K&P's N^+-), the
 * identities cot((pi + sign beta) / 2n) = cot(eps / 2n) and a^+-(beta) = 2 cos^2((2 pi n N - beta) / 2) =
 * 2 sin^2(eps / 2) give cot(eps / 2n) F(2 kL sin^2(eps / 2)). With F(X) = sqrt(2 pi X) (f + j g) the pole of
 * the cotangent at a shadow or reflection boundary (eps -> 0) meets the zero of sqrt(X) analytically:
 * cot(eps / 2n) |sin(eps / 2)| -> n sgn(eps). The term is finite on both sides of the boundary and jumps
 * there, cancelling the jump of the geometrical-optics field; exactly on the boundary (eps = 0) it is taken
 * as 0, the mean of the two sides, matching a geometrical-optics field counted as one half there.
 */
function boundaryTerm(sign: number, beta: number, n: number, kL: number, offset: number): void {
  const eps = boundaryOffset(sign, beta, n);
  if (eps === 0) {
    terms[offset] = 0;
    terms[offset + 1] = 0;
    return;
  }
  const sinHalf = Math.abs(Math.sin(eps / 2));
  const root2kL = Math.sqrt(2 * kL);
  const cotTimesSin = (Math.cos(eps / (2 * n)) / Math.sin(eps / (2 * n))) * sinHalf;
  fresnelAuxiliary(SQRT_2_OVER_PI * root2kL * sinHalf, auxiliary, 0);
  const scale = SQRT_2PI * root2kL * cotTimesSin;
  terms[offset] = scale * auxiliary[0];
  terms[offset + 1] = scale * auxiliary[1];
}

/** K&P's eps = pi + sign * beta - sign * 2 pi n N^sign: how far from the term's boundary (see `boundaryTerm`). */
function boundaryOffset(sign: number, beta: number, n: number): number {
  const period = 2 * Math.PI * n;
  return sign > 0
    ? Math.PI + beta - period * Math.round((beta + Math.PI) / period)
    : Math.PI - beta + period * Math.round((beta - Math.PI) / period);
}

/**
 * An upper bound of |cot(eps / 2n) F(2 kL sin^2(eps / 2))| (`boundaryTerm`'s modulus) without the
 * Fresnel integrals: |F(X)| <= min(sqrt(pi X), 1) for all X >= 0 (the transition function rises from
 * sqrt(pi X) e^(j pi/4) at X -> 0 to 1 without overshoot; checked in the tests), with |sin(eps / 2)|
 * <= |eps| / 2. `root2PiKL`: sqrt(2 pi kL).
 */
function boundaryTermBound(sign: number, beta: number, n: number, root2PiKL: number): number {
  const eps = boundaryOffset(sign, beta, n);
  if (eps === 0) return 0;
  return Math.min(root2PiKL * Math.abs(eps) * 0.5, 1) / Math.abs(Math.tan(eps / (2 * n)));
}

/**
 * An upper bound of max(|Ds|, |Dh|) of `wedgeDiffraction` for any faces that reflect no more than they
 * receive (|R| <= 1), at a fraction of its cost: for deciding, before the coefficient, that a path is
 * too weak to matter.
 */
export function wedgeDiffractionBound(
  n: number,
  phiPrime: number,
  phi: number,
  beta0: number,
  distanceParameterM: number,
  wavenumber: number,
): number {
  const root = Math.sqrt(2 * Math.PI * wavenumber * distanceParameterM);
  const difference = phi - phiPrime;
  const sum = phi + phiPrime;
  const terms =
    boundaryTermBound(1, difference, n, root) +
    boundaryTermBound(-1, difference, n, root) +
    boundaryTermBound(-1, sum, n, root) +
    boundaryTermBound(1, sum, n, root);
  return terms / (2 * n * Math.sqrt(2 * Math.PI * wavenumber) * Math.sin(beta0));
}

/**
 * Reflection coefficients of the two faces for Luebbers' coefficient, as 8 numbers
 * [r0TE, r0TM, rnTE, rnTM] (complex pairs, P.2040 convention of `fresnelReflection`): face 0 for the incident
 * ray at grazing angle phi', face n for the diffracted ray at grazing angle n pi - phi (Luebbers 1984). The
 * angle of incidence on the face has cos theta = sin(beta0) |sin(grazing angle)|: the ray's direction
 * includes its component along the edge, so that each term equals the reflected geometrical-optics field's
 * own coefficient on its reflection boundary (Luebbers treated beta0 = pi/2 only; |.| lets a shadowed face
 * reflect "virtually", as McNamara et al. p. 185 discuss).
 */
export function luebbersFaceReflections(
  n: number,
  phiPrime: number,
  phi: number,
  beta0: number,
  eta0Re: number,
  eta0Im: number,
  etaNRe: number,
  etaNIm: number,
  out: Float64Array = new Float64Array(8),
  offset = 0,
): Float64Array {
  const sinBeta0 = Math.sin(beta0);
  fresnelReflection(sinBeta0 * Math.abs(Math.sin(phiPrime)), eta0Re, eta0Im, out, offset);
  fresnelReflection(sinBeta0 * Math.abs(Math.sin(n * Math.PI - phi)), etaNRe, etaNIm, out, offset + 4);
  return out;
}

/**
 * Face reflection coefficients for the UTD made reciprocal, laid out as `luebbersFaceReflections`
 * writes them. Luebbers takes face 0 at the incident ray's grazing angle phi' and face n at the
 * diffracted ray's n pi - phi, so the coefficient changes when source and observer swap (by up to
 * ~20 dB off the boundaries). Here each face takes the mean of the sines of both rays' grazing angles
 * on it: symmetric in (phi, phi'), so paths are reciprocal, and equal to Luebbers' exactly on each face's
 * reflection boundary (where sin phi = sin phi', resp. sin(n pi - phi) = sin(n pi - phi')), the only
 * place its term is not small. The path solver uses this one.
 */
export function reciprocalFaceReflections(
  n: number,
  phiPrime: number,
  phi: number,
  beta0: number,
  eta0Re: number,
  eta0Im: number,
  etaNRe: number,
  etaNIm: number,
  out: Float64Array = new Float64Array(8),
  offset = 0,
): Float64Array {
  const sinBeta0 = Math.sin(beta0);
  const face0 = (Math.abs(Math.sin(phiPrime)) + Math.abs(Math.sin(phi))) / 2;
  const faceN = (Math.abs(Math.sin(n * Math.PI - phiPrime)) + Math.abs(Math.sin(n * Math.PI - phi))) / 2;
  fresnelReflection(sinBeta0 * face0, eta0Re, eta0Im, out, offset);
  fresnelReflection(sinBeta0 * faceN, etaNRe, etaNIm, out, offset + 4);
  return out;
}

/**
 * UTD wedge diffraction coefficients [Ds re, Ds im, Dh re, Dh im] (units sqrt(m)):
 *   D = -exp(-j pi/4) / (2n sqrt(2 pi k) sin beta0) * [ cot((pi + (phi - phi')) / 2n) F(kL a+(phi - phi'))
 *       + cot((pi - (phi - phi')) / 2n) F(kL a-(phi - phi'))
 *       + R_0 cot((pi - (phi + phi')) / 2n) F(kL a-(phi + phi'))
 *       + R_n cot((pi + (phi + phi')) / 2n) F(kL a+(phi + phi')) ]
 * with R_0, R_n the TE reflection coefficients of `faces` for Ds and the TM ones for Dh (`faces` as
 * `luebbersFaceReflections` writes it). PERFECT_CONDUCTOR_FACES gives K&P's coefficients (soft: minus the
 * reflection terms, hard: plus them). `distanceParameterM` is L (see `distanceParameter`), `wavenumber` k in rad/m.
 *
 * The caller's geometrical-optics field must decide lit or shadow from the same angles (phi - phi' against
 * pi, phi + phi' against pi and (2n - 1) pi, one half exactly on a boundary): where the two decisions differ
 * by rounding right at a boundary, the total field is off by half the jump there.
 */
export function wedgeDiffraction(
  n: number,
  phiPrime: number,
  phi: number,
  beta0: number,
  distanceParameterM: number,
  wavenumber: number,
  faces: ArrayLike<number>,
  out: Float64Array = new Float64Array(4),
  offset = 0,
): Float64Array {
  const kL = wavenumber * distanceParameterM;
  const difference = phi - phiPrime;
  const sum = phi + phiPrime;
  boundaryTerm(1, difference, n, kL, 0); // incident shadow boundary, phi = phi' - pi
  boundaryTerm(-1, difference, n, kL, 2); // incident shadow boundary, phi = phi' + pi
  boundaryTerm(-1, sum, n, kL, 4); // face-0 reflection boundary, phi = pi - phi'
  boundaryTerm(1, sum, n, kL, 6); // face-n reflection boundary, phi = (2n - 1) pi - phi'
  const incidentRe = terms[0] + terms[2];
  const incidentIm = terms[1] + terms[3];
  // -exp(-j pi/4) / (2n sqrt(2 pi k) sin beta0) = magnitude * (-1 + j) / sqrt(2)
  const magnitude = 1 / (2 * n * Math.sqrt(2 * Math.PI * wavenumber) * Math.sin(beta0) * Math.SQRT2);
  for (let p = 0; p < 2; p++) {
    const r0Re = faces[2 * p];
    const r0Im = faces[2 * p + 1];
    const rnRe = faces[4 + 2 * p];
    const rnIm = faces[4 + 2 * p + 1];
    const sumRe = incidentRe + r0Re * terms[4] - r0Im * terms[5] + rnRe * terms[6] - rnIm * terms[7];
    const sumIm = incidentIm + r0Re * terms[5] + r0Im * terms[4] + rnRe * terms[7] + rnIm * terms[6];
    out[offset + 2 * p] = magnitude * (-sumRe - sumIm);
    out[offset + 2 * p + 1] = magnitude * (sumRe - sumIm);
  }
  return out;
}
