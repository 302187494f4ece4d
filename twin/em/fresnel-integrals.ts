/**
 * Fresnel integrals C(x) = int_0^x cos(pi t^2 / 2) dt and S(x) = int_0^x sin(pi t^2 / 2) dt, and their
 * auxiliary functions f(x), g(x) (Abramowitz & Stegun 7.3.9-7.3.10):
 *   C(x) = 1/2 + f(x) sin(pi x^2 / 2) - g(x) cos(pi x^2 / 2)
 *   S(x) = 1/2 - f(x) cos(pi x^2 / 2) - g(x) sin(pi x^2 / 2).
 * f and g are smooth and slowly varying (f ~ 1/(pi x), g ~ 1/(pi^2 x^3) for large x), so the UTD transition
 * function and the knife-edge loss are computed from them without the cancellation of 1/2 - C(x).
 *
 * Method, in the manner of Numerical Recipes' `frenel`: below X_SERIES_MAX the power series (A&S 7.3.11,
 * 7.3.13); above it the complementary error function's continued fraction (even part of A&S 7.1.14, evaluated
 * by the modified Lentz method), with C + jS = (1 + j)/2 erf((1 - j) sqrt(pi) x / 2) (A&S 7.3.22). Writing
 * w = -j pi x^2 (= 2 z^2 for that z) the fraction collapses to
 *   g(x) + j f(x) = x / (w + 1 - 1*2 / (w + 5 - 3*4 / (w + 9 - 5*6 / (w + 13 - ...)))),
 * which holds f and g to full relative precision at every large x. Accuracy about 1e-15 absolute on C and S,
 * and about 1e-14 relative on f and g (see test/twin/em/fresnel-integrals.test.ts).
 */

/** Series below, continued fraction above. Both converge well at the seam (series ~20 terms, fraction ~40). */
const X_SERIES_MAX = 1.6;
const SERIES_TOLERANCE = 1e-17;
const FRACTION_TOLERANCE = 4e-16;
const MAX_FRACTION_TERMS = 1000;
/** Lentz's stand-in for a zero denominator. */
const TINY = 1e-300;

/** C(|x|) and S(|x|) by the power series; |x| < X_SERIES_MAX keeps the alternating terms below ~10. */
function seriesIntegrals(x: number, out: Float64Array, offset: number): void {
  // term_k = x (pi x^2 / 2)^k / k!; even k feed C, odd k feed S, each divided by (2k + 1), signs alternating in pairs.
  const t = (Math.PI / 2) * x * x;
  let term = x;
  let c = x;
  let s = 0;
  for (let k = 1; k < 200; k++) {
    term *= t / k;
    const sign = (k >> 1) % 2 === 0 ? 1 : -1;
    const contribution = (sign * term) / (2 * k + 1);
    if (k % 2 === 0) c += contribution;
    else s += contribution;
    if (term / (2 * k + 1) < SERIES_TOLERANCE * Math.max(c, s)) break;
  }
  out[offset] = c;
  out[offset + 1] = s;
}

/** g and f (in that order: the real and imaginary parts of the fraction) for x >= X_SERIES_MAX. */
function fractionAuxiliary(x: number, out: Float64Array, offset: number): void {
  const piX2 = Math.PI * x * x;
  // b_k = (4k + 1) - j pi x^2, a_k = -(2k - 1)(2k); h accumulates 1 / (b_0 + a_1 / (b_1 + ...)).
  let bRe = 1;
  const bIm = -piX2;
  // d = 1 / b_0, c = 1 / TINY (Lentz), h = d
  let den = bRe * bRe + bIm * bIm;
  let dRe = bRe / den;
  let dIm = -bIm / den;
  let cRe = 1 / TINY;
  let cIm = 0;
  let hRe = dRe;
  let hIm = dIm;
  for (let k = 1; k <= MAX_FRACTION_TERMS; k++) {
    const a = -(2 * k - 1) * (2 * k);
    bRe += 4;
    // d = 1 / (b + a d)
    let re = bRe + a * dRe;
    let im = bIm + a * dIm;
    if (re === 0 && im === 0) re = TINY;
    den = re * re + im * im;
    dRe = re / den;
    dIm = -im / den;
    // c = b + a / c
    den = cRe * cRe + cIm * cIm;
    re = bRe + (a * cRe) / den;
    im = bIm - (a * cIm) / den;
    if (re === 0 && im === 0) re = TINY;
    cRe = re;
    cIm = im;
    // h *= c d
    const deltaRe = cRe * dRe - cIm * dIm;
    const deltaIm = cRe * dIm + cIm * dRe;
    const nextRe = hRe * deltaRe - hIm * deltaIm;
    hIm = hRe * deltaIm + hIm * deltaRe;
    hRe = nextRe;
    if (Math.abs(deltaRe - 1) + Math.abs(deltaIm) < FRACTION_TOLERANCE) break;
  }
  out[offset] = x * hRe;
  out[offset + 1] = x * hIm;
}

/**
 * The auxiliary functions [f(x), g(x)] for x >= 0 (they are not defined as odd or even; callers with x < 0
 * use C(-x) = -C(x), S(-x) = -S(x)). f(0) = g(0) = 1/2; both tend to 0 as x grows, f(Infinity) = g(Infinity) = 0.
 */
export function fresnelAuxiliary(x: number, out: Float64Array = new Float64Array(2), offset = 0): Float64Array {
  if (x === Number.POSITIVE_INFINITY) {
    out[offset] = 0;
    out[offset + 1] = 0;
  } else if (x >= X_SERIES_MAX) {
    fractionAuxiliary(x, out, offset);
    const g = out[offset];
    out[offset] = out[offset + 1];
    out[offset + 1] = g;
  } else {
    seriesIntegrals(x, out, offset);
    // invert the rotation of the definition: (1/2 - C) + j (1/2 - S) = (g + j f) exp(j pi x^2 / 2)
    const halfMinusC = 0.5 - out[offset];
    const halfMinusS = 0.5 - out[offset + 1];
    const theta = (Math.PI / 2) * x * x;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    out[offset] = halfMinusS * cos - halfMinusC * sin;
    out[offset + 1] = halfMinusC * cos + halfMinusS * sin;
  }
  return out;
}

/** [C(x), S(x)] for any real x (both odd in x; C, S -> 1/2 as x -> Infinity). */
export function fresnelIntegrals(x: number, out: Float64Array = new Float64Array(2), offset = 0): Float64Array {
  const ax = Math.abs(x);
  if (ax === Number.POSITIVE_INFINITY) {
    out[offset] = 0.5;
    out[offset + 1] = 0.5;
  } else if (ax < X_SERIES_MAX) {
    seriesIntegrals(ax, out, offset);
  } else {
    fractionAuxiliary(ax, out, offset);
    const g = out[offset];
    const f = out[offset + 1];
    const theta = (Math.PI / 2) * ax * ax;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    out[offset] = 0.5 + f * sin - g * cos;
    out[offset + 1] = 0.5 - f * cos - g * sin;
  }
  if (x < 0) {
    out[offset] = -out[offset];
    out[offset + 1] = -out[offset + 1];
  }
  return out;
}
