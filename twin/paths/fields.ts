/**
 * Polarised field transport along a path. A path's effect on the wave is a 2x2 complex matrix from the
 * transmit field components (theta, phi at the angle of departure) to the received ones (theta, phi at
 * the angle of arrival, the direction from the receiver towards where the wave comes from), including
 * spreading and phase: antennas then combine with it (`a = rxPattern^T T txPattern`). The matrix is
 * found by carrying the two unit transmit fields through each interaction as complex 3-vectors.
 *
 * Time convention exp(+j omega t); waves travel as exp(-j k s) (as twin/em).
 */
import { fresnelReflection } from "../em/fresnel.js";
import { distanceParameter, spreadingFactor, wedgeDiffraction } from "../em/diffraction.js";
import { cross, dot, normalize, scale, sphericalBasis, type Vec3 } from "./vec.js";

/** A complex 3-vector: real part and imaginary part. */
export interface Field {
  re: Vec3;
  im: Vec3;
}

const cscale = (f: Field, re: number, im: number): Field => ({
  re: [f.re[0] * re - f.im[0] * im, f.re[1] * re - f.im[1] * im, f.re[2] * re - f.im[2] * im],
  im: [f.re[0] * im + f.im[0] * re, f.re[1] * im + f.im[1] * re, f.re[2] * im + f.im[2] * re],
});
const cadd = (a: Field, b: Field): Field => ({
  re: [a.re[0] + b.re[0], a.re[1] + b.re[1], a.re[2] + b.re[2]],
  im: [a.im[0] + b.im[0], a.im[1] + b.im[1], a.im[2] + b.im[2]],
});
/** The complex component of `f` along real unit vector `u`. */
const along = (f: Field, u: Vec3): [number, number] => [dot(f.re, u), dot(f.im, u)];
/** Complex scalar (re, im) times real vector `u`. */
const times = (re: number, im: number, u: Vec3): Field => ({ re: scale(u, re), im: scale(u, im) });

/** Complex relative permittivity of a surface, [re, im]. */
export type Eta = readonly [number, number];

const rScratch = new Float64Array(4);

/**
 * Specular reflection of field `f` travelling along unit `kIn` at a surface of normal `normal` (either
 * side) and permittivity `eta`: TE along k x n keeps its direction, TM maps e_par_in = e_perp x k_in to
 * e_par_out = e_perp x k_out (the basis of `fresnelReflection`'s coefficients). Returns the outgoing
 * direction and field.
 */
export function reflect(f: Field, kIn: Vec3, normal: Vec3, eta: Eta): { k: Vec3; field: Field } {
  const c = dot(kIn, normal);
  const kOut: Vec3 = [kIn[0] - 2 * c * normal[0], kIn[1] - 2 * c * normal[1], kIn[2] - 2 * c * normal[2]];
  let perp = cross(kIn, normal);
  const len = Math.sqrt(perp[0] * perp[0] + perp[1] * perp[1] + perp[2] * perp[2]);
  // at normal incidence every transverse direction is TE and TM alike: pick one
  perp = len > 1e-12 ? scale(perp, 1 / len) : normalize(cross(kIn, Math.abs(kIn[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]));
  const parIn = cross(perp, kIn);
  const parOut = cross(perp, kOut);
  fresnelReflection(Math.abs(c), eta[0], eta[1], rScratch);
  const [sRe, sIm] = along(f, perp);
  const [pRe, pIm] = along(f, parIn);
  const te = times(sRe * rScratch[0] - sIm * rScratch[1], sRe * rScratch[1] + sIm * rScratch[0], perp);
  const tm = times(pRe * rScratch[2] - pIm * rScratch[3], pRe * rScratch[3] + pIm * rScratch[2], parOut);
  return { k: kOut, field: cadd(te, tm) };
}

/** The wedge geometry and faces' permittivities diffraction needs. */
export interface DiffractionGeometry {
  readonly edge: Vec3;
  /** Wedge exterior angle / pi. */
  readonly n: number;
  /** Angles of the incident and diffracted rays from face 0, radians, in [0, n pi]. */
  readonly phiPrime: number;
  readonly phi: number;
  /** Distances source -> edge point and edge point -> observer, metres. */
  readonly sourceDistanceM: number;
  readonly observerDistanceM: number;
  readonly eta0: Eta;
  readonly etaN: Eta;
}

const dScratch = new Float64Array(4);
const faceScratch = new Float64Array(8);

/**
 * The faces' reflection coefficients for the UTD reflection-boundary terms, into `faceScratch` (layout of
 * `luebbersFaceReflections`). Luebbers takes face 0 at the incident ray's grazing angle phi' and face n at
 * the diffracted ray's n pi - phi, which makes the coefficient change when source and observer swap. Here
 * each face takes the mean of the sines of both rays' grazing angles on it: symmetric in (phi, phi'), so
 * paths are reciprocal, and equal to Luebbers' exactly on each face's reflection boundary (where
 * sin phi = sin phi', resp. sin(n pi - phi) = sin(n pi - phi')), the only place its term is not small.
 */
function reciprocalFaceReflections(g: DiffractionGeometry, beta0: number): void {
  const s = Math.sin(beta0);
  const face0 = (Math.abs(Math.sin(g.phiPrime)) + Math.abs(Math.sin(g.phi))) / 2;
  const faceN = (Math.abs(Math.sin(g.n * Math.PI - g.phiPrime)) + Math.abs(Math.sin(g.n * Math.PI - g.phi))) / 2;
  fresnelReflection(s * face0, g.eta0[0], g.eta0[1], faceScratch, 0);
  fresnelReflection(s * faceN, g.etaN[0], g.etaN[1], faceScratch, 4);
}

/** Ds, Dh of `g` for a wave arriving along `kIn`, into `dScratch`. */
function diffractionCoefficients(g: DiffractionGeometry, kIn: Vec3, wavenumber: number): void {
  const beta0 = Math.acos(Math.max(-1, Math.min(1, Math.abs(dot(kIn, g.edge)))));
  reciprocalFaceReflections(g, beta0);
  const L = distanceParameter(g.sourceDistanceM, g.observerDistanceM, beta0);
  wedgeDiffraction(g.n, g.phiPrime, g.phi, beta0, L, wavenumber, faceScratch, dScratch);
}

/**
 * An upper bound of a diffracted path's power gain, without its rays: max(|Ds|, |Dh|)^2 A^2
 * (lambda / (4 pi s'))^2 (the dyadic's largest gain, the spreading, the free space up to the edge).
 */
export function diffractionGainBound(kIn: Vec3, g: DiffractionGeometry, wavenumber: number): number {
  diffractionCoefficients(g, kIn, wavenumber);
  const d2 = Math.max(dScratch[0] ** 2 + dScratch[1] ** 2, dScratch[2] ** 2 + dScratch[3] ** 2);
  const a = spreadingFactor(g.sourceDistanceM, g.observerDistanceM);
  const free = Math.PI / (wavenumber * 2 * Math.PI * g.sourceDistanceM); // lambda / (4 pi s') with lambda = 2 pi / k
  return d2 * a * a * free * free;
}

/**
 * UTD diffraction (Kouyoumjian & Pathak with Luebbers-style face coefficients made reciprocal, see twin/em/diffraction.ts) of
 * field `f` arriving along unit `kIn` at the edge point and leaving along unit `kOut`, including the
 * spreading factor A(s', s) and the phase over s (the incident field is taken at the edge point).
 */
export function diffract(f: Field, kIn: Vec3, kOut: Vec3, g: DiffractionGeometry, wavenumber: number): Field {
  const e = g.edge;
  const phiPrimeHat = scale(normalize(cross(e, kIn)), -1);
  const betaPrimeHat = cross(phiPrimeHat, kIn);
  const phiHat = normalize(cross(e, kOut));
  const betaHat = cross(phiHat, kOut);
  diffractionCoefficients(g, kIn, wavenumber);
  const [bRe, bIm] = along(f, betaPrimeHat);
  const [pRe, pIm] = along(f, phiPrimeHat);
  // K&P's dyadic: E_d = -(E_i . beta0') Ds beta0 - (E_i . phi') Dh phi
  const soft = times(-(bRe * dScratch[0] - bIm * dScratch[1]), -(bRe * dScratch[1] + bIm * dScratch[0]), betaHat);
  const hard = times(-(pRe * dScratch[2] - pIm * dScratch[3]), -(pRe * dScratch[3] + pIm * dScratch[2]), phiHat);
  const a = spreadingFactor(g.sourceDistanceM, g.observerDistanceM);
  const phase = -wavenumber * g.observerDistanceM;
  return cscale(cadd(soft, hard), a * Math.cos(phase), a * Math.sin(phase));
}

/** Multiplies a field by factor * exp(j phase): spreading and phase over a stretch of path. */
export function spread(f: Field, factor: number, phase: number): Field {
  return cscale(f, factor * Math.cos(phase), factor * Math.sin(phase));
}

/**
 * The path's 2x2 transfer matrix as 8 numbers (complex, row-major: [theta<-theta, theta<-phi,
 * phi<-theta, phi<-phi]): `carry` maps a transmit field leaving along `kDeparture` to the received field
 * arriving along `kArrival`.
 */
export function transferMatrix(kDeparture: Vec3, kArrival: Vec3, carry: (f: Field) => Field): Float64Array {
  const tx = sphericalBasis(kDeparture);
  const rx = sphericalBasis(scale(kArrival, -1));
  const out = new Float64Array(8);
  [tx.theta, tx.phi].forEach((u, col) => {
    const received = carry({ re: u, im: [0, 0, 0] });
    [rx.theta, rx.phi].forEach((v, row) => {
      const [re, im] = along(received, v);
      out[(row * 2 + col) * 2] = re;
      out[(row * 2 + col) * 2 + 1] = im;
    });
  });
  return out;
}
