/**
 * Polarised field transport along a path, as 2x2 complex matrices (Jones calculus). A path's effect on
 * the wave is the matrix from the transmit field components (theta, phi at the angle of departure) to
 * the received ones (theta, phi at the angle of arrival: the direction from the receiver towards where
 * the wave comes from), spreading and phase included; antennas then combine with it
 * (`a = rxPattern^T T txPattern`). Each interaction is diagonal in its own bases (TE/TM for a
 * reflection, beta/phi for an edge); between interactions the bases turn by real 2x2 rotations (both
 * are transverse to the same ray). All on plain numbers: no allocation per path but the result.
 *
 * Time convention exp(+j omega t); waves travel as exp(-j k s) (as twin/em).
 */
import {
  distanceParameter,
  reciprocalFaceReflections,
  spreadingFactor,
  wedgeDiffraction,
  wedgeDiffractionBound,
} from "../em/diffraction.js";
import { fresnelReflection } from "../em/fresnel.js";
import { cross, dot, normalize, scale, sphericalBasis, type Vec3 } from "./vec.js";

/**
 * One interaction: incoming basis (in1, in2), transverse to the incoming ray; outgoing basis (out1,
 * out2), transverse to the outgoing ray; the complex coefficients of each basis vector.
 */
export interface Interaction2x2 {
  readonly in1: Vec3;
  readonly in2: Vec3;
  readonly out1: Vec3;
  readonly out2: Vec3;
  readonly c1: readonly [number, number];
  readonly c2: readonly [number, number];
}

/** Complex relative permittivity of a surface, [re, im]. */
export type Eta = readonly [number, number];

const rScratch = new Float64Array(4);

/**
 * Specular reflection of a ray along unit `kIn` at a surface of normal `normal` (either side) and
 * permittivity `eta`: TE along k x n keeps its direction, TM maps e_par_in = e_perp x k_in to
 * e_par_out = e_perp x k_out (the basis of `fresnelReflection`'s coefficients). Returns the outgoing
 * direction and the interaction.
 */
export function reflection(kIn: Vec3, normal: Vec3, eta: Eta): { k: Vec3; interaction: Interaction2x2 } {
  const c = dot(kIn, normal);
  const kOut: Vec3 = [kIn[0] - 2 * c * normal[0], kIn[1] - 2 * c * normal[1], kIn[2] - 2 * c * normal[2]];
  let perp = cross(kIn, normal);
  const len = Math.sqrt(perp[0] * perp[0] + perp[1] * perp[1] + perp[2] * perp[2]);
  // at normal incidence every transverse direction is TE and TM alike: pick one
  perp = len > 1e-12 ? scale(perp, 1 / len) : normalize(cross(kIn, Math.abs(kIn[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0]));
  fresnelReflection(Math.abs(c), eta[0], eta[1], rScratch);
  return {
    k: kOut,
    interaction: {
      in1: perp,
      in2: cross(perp, kIn),
      out1: perp,
      out2: cross(perp, kOut),
      c1: [rScratch[0], rScratch[1]],
      c2: [rScratch[2], rScratch[3]],
    },
  };
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

const faceScratch = new Float64Array(8);

/**
 * The UTD coefficients [Ds re, Ds im, Dh re, Dh im] of `g` for a wave arriving along unit `kIn`, with
 * the reciprocal face coefficients (twin/em/diffraction.ts). Computed once per path, for both the gain
 * bound and the interaction.
 */
export function utdCoefficients(kIn: Vec3, g: DiffractionGeometry, wavenumber: number): Float64Array {
  const beta0 = edgeAngle(kIn, g);
  reciprocalFaceReflections(g.n, g.phiPrime, g.phi, beta0, g.eta0[0], g.eta0[1], g.etaN[0], g.etaN[1], faceScratch);
  const L = distanceParameter(g.sourceDistanceM, g.observerDistanceM, beta0);
  return wedgeDiffraction(g.n, g.phiPrime, g.phi, beta0, L, wavenumber, faceScratch, new Float64Array(4));
}

/** The angle beta0 between the incident ray and the edge, in (0, pi / 2]. */
const edgeAngle = (kIn: Vec3, g: DiffractionGeometry) =>
  Math.acos(Math.max(-1, Math.min(1, Math.abs(dot(kIn, g.edge)))));

/**
 * An upper bound of a diffracted path's power gain, without its rays: max(|Ds|, |Dh|)^2 A^2
 * (lambda / (4 pi s'))^2 (the dyadic's largest gain, the spreading, the free space up to the edge).
 */
export function diffractionGainBound(d: Float64Array, g: DiffractionGeometry, wavenumber: number): number {
  return gainOfCoefficient(Math.max(d[0] ** 2 + d[1] ** 2, d[2] ** 2 + d[3] ** 2), g, wavenumber);
}

/** A looser bound than `diffractionGainBound`, without the coefficients (`wedgeDiffractionBound`). */
export function quickDiffractionGainBound(kIn: Vec3, g: DiffractionGeometry, wavenumber: number): number {
  const beta0 = edgeAngle(kIn, g);
  const L = distanceParameter(g.sourceDistanceM, g.observerDistanceM, beta0);
  return gainOfCoefficient(wedgeDiffractionBound(g.n, g.phiPrime, g.phi, beta0, L, wavenumber) ** 2, g, wavenumber);
}

/** The power gain of a diffracted path whose coefficient has squared modulus `d2`. */
function gainOfCoefficient(d2: number, g: DiffractionGeometry, wavenumber: number): number {
  const a = spreadingFactor(g.sourceDistanceM, g.observerDistanceM);
  const free = Math.PI / (wavenumber * 2 * Math.PI * g.sourceDistanceM); // lambda / (4 pi s') with lambda = 2 pi / k
  return d2 * a * a * free * free;
}

/**
 * UTD diffraction, with coefficients `d` from `utdCoefficients`, of a field arriving along unit `kIn`
 * at the edge point and leaving along unit `kOut`, including the spreading factor A(s', s) and the phase over s (the incident field is taken at
 * the edge point).
 */
export function diffraction(
  kIn: Vec3,
  kOut: Vec3,
  g: DiffractionGeometry,
  wavenumber: number,
  d: Float64Array,
): Interaction2x2 {
  const e = g.edge;
  const phiPrimeHat = scale(normalize(cross(e, kIn)), -1);
  const phiHat = normalize(cross(e, kOut));
  // K&P's dyadic E_d = -(E_i . beta0') Ds beta0 - (E_i . phi') Dh phi, with the spreading factor
  // A(s', s) and the phase over s folded in
  const a = spreadingFactor(g.sourceDistanceM, g.observerDistanceM);
  const phase = -wavenumber * g.observerDistanceM;
  const cRe = -a * Math.cos(phase);
  const cIm = -a * Math.sin(phase);
  return {
    in1: cross(phiPrimeHat, kIn),
    in2: phiPrimeHat,
    out1: cross(phiHat, kOut),
    out2: phiHat,
    c1: [d[0] * cRe - d[1] * cIm, d[0] * cIm + d[1] * cRe],
    c2: [d[2] * cRe - d[3] * cIm, d[2] * cIm + d[3] * cRe],
  };
}

/** The running matrix: real parts m00 m01 m10 m11, then imaginary parts. */
const jonesScratch = new Float64Array(8);

/** m <- R m, R the real change of basis from (b1, b2) to (u1, u2): R_ij = u_i . b_j. */
function turn(m: Float64Array, u1: Vec3, u2: Vec3, b1: Vec3, b2: Vec3): void {
  const a = dot(u1, b1);
  const b = dot(u1, b2);
  const c = dot(u2, b1);
  const d = dot(u2, b2);
  for (let part = 0; part < 8; part += 4) {
    const x00 = m[part];
    const x01 = m[part + 1];
    const x10 = m[part + 2];
    const x11 = m[part + 3];
    m[part] = a * x00 + b * x10;
    m[part + 1] = a * x01 + b * x11;
    m[part + 2] = c * x00 + d * x10;
    m[part + 3] = c * x01 + d * x11;
  }
}

/** Row `at` (0 or 2) of m times the complex (cRe, cIm). */
function scaleRow(m: Float64Array, at: number, cRe: number, cIm: number): void {
  for (let k = at; k < at + 2; k++) {
    const re = m[k];
    const im = m[4 + k];
    m[k] = cRe * re - cIm * im;
    m[4 + k] = cRe * im + cIm * re;
  }
}

/**
 * The path's 2x2 transfer matrix as 8 numbers (complex, row-major: [theta<-theta, theta<-phi,
 * phi<-theta, phi<-phi]) for a ray leaving along `kDeparture`, meeting `interactions` in order and
 * arriving along `kArrival`, times the complex scalar (sRe, sIm) (free-space spreading and phase).
 */
export function transferMatrix(
  kDeparture: Vec3,
  kArrival: Vec3,
  interactions: readonly Interaction2x2[],
  sRe: number,
  sIm: number,
): Float64Array {
  const tx = sphericalBasis(kDeparture);
  const rx = sphericalBasis(scale(kArrival, -1));
  // m = [r + j i]: from the transmit basis to the basis we are in; each step a plain-number update
  // (no closures: this runs for every path of a radio map)
  const m = jonesScratch;
  m.fill(0);
  m[0] = 1;
  m[3] = 1;
  let b1 = tx.theta;
  let b2 = tx.phi;
  for (const x of interactions) {
    turn(m, x.in1, x.in2, b1, b2);
    scaleRow(m, 0, x.c1[0], x.c1[1]);
    scaleRow(m, 2, x.c2[0], x.c2[1]);
    b1 = x.out1;
    b2 = x.out2;
  }
  turn(m, rx.theta, rx.phi, b1, b2);
  const out = new Float64Array(8);
  for (let e = 0; e < 4; e++) {
    const re = m[e];
    const im = m[4 + e];
    out[2 * e] = re * sRe - im * sIm;
    out[2 * e + 1] = re * sIm + im * sRe;
  }
  return out;
}
