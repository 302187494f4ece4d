/**
 * The little complex arithmetic the EM coefficients need. A complex number is a pair (re, im) passed as two
 * numbers and written as two consecutive slots of a Float64Array, so hot loops allocate nothing: every
 * function writes `out[offset]` (real part) and `out[offset + 1]` (imaginary part) and returns `out`.
 *
 * Time convention of the whole of twin/em: fields vary as exp(+j omega t), waves travel as exp(-j k s), and a
 * passive medium has a complex relative permittivity with imaginary part <= 0 (as `radioProperties` gives).
 */

/** True for negative numbers and for -0, whose sign selects a side of the square root's branch cut. */
const isNegative = (x: number): boolean => x < 0 || (x === 0 && 1 / x < 0);

/**
 * Square root with the branch cut on the negative real axis and Re >= 0 (the principal root, as C99 `csqrt`).
 * On the cut the sign of the (signed) zero imaginary part picks the side: sqrt(-a - 0j) = -j sqrt(a). So a
 * lossless medium given with im = -0 (the limit of a passive one) gets the root of a decaying wave.
 */
export function complexSqrt(re: number, im: number, out: Float64Array, offset = 0): Float64Array {
  const modulus = Math.sqrt(re * re + im * im);
  if (modulus === 0) {
    out[offset] = 0;
    out[offset + 1] = im;
    return out;
  }
  // Take the root of the larger of (modulus + |re|) / 2 first; the other part follows without cancellation.
  const t = Math.sqrt((modulus + Math.abs(re)) / 2);
  if (re >= 0) {
    out[offset] = t;
    out[offset + 1] = im / (2 * t);
  } else {
    out[offset] = Math.abs(im) / (2 * t);
    out[offset + 1] = isNegative(im) ? -t : t;
  }
  return out;
}

/** (aRe + j aIm) (bRe + j bIm). */
export function complexMul(
  aRe: number,
  aIm: number,
  bRe: number,
  bIm: number,
  out: Float64Array,
  offset = 0,
): Float64Array {
  out[offset] = aRe * bRe - aIm * bIm;
  out[offset + 1] = aRe * bIm + aIm * bRe;
  return out;
}

/** (aRe + j aIm) / (bRe + j bIm), scaled by the larger part of b (Smith's method) so that no square overflows. */
export function complexDiv(
  aRe: number,
  aIm: number,
  bRe: number,
  bIm: number,
  out: Float64Array,
  offset = 0,
): Float64Array {
  if (Math.abs(bRe) >= Math.abs(bIm)) {
    const r = bIm / bRe;
    const d = bRe + bIm * r;
    out[offset] = (aRe + aIm * r) / d;
    out[offset + 1] = (aIm - aRe * r) / d;
  } else {
    const r = bRe / bIm;
    const d = bRe * r + bIm;
    out[offset] = (aRe * r + aIm) / d;
    out[offset + 1] = (aIm * r - aRe) / d;
  }
  return out;
}

/** exp(j x) = cos x + j sin x. */
export function complexExpJ(x: number, out: Float64Array, offset = 0): Float64Array {
  out[offset] = Math.cos(x);
  out[offset + 1] = Math.sin(x);
  return out;
}

/** |re + j im|^2. */
export const complexAbs2 = (re: number, im: number): number => re * re + im * im;
