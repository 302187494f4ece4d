/** Small complex-vector kernels on interleaved Float64Arrays (re at 2k, im at 2k + 1). */

/**
 * Writes exp(j (startRad + k stepRad)) for k = 0 .. count - 1 into `out` at complex index `at`, by repeated
 * multiplication with exp(j stepRad): two sin/cos pairs in all, the rounding drift staying near 1e-15 per step.
 */
export function walkPhasors(startRad: number, stepRad: number, count: number, out: Float64Array, at = 0): void {
  const stepRe = Math.cos(stepRad);
  const stepIm = Math.sin(stepRad);
  let re = Math.cos(startRad);
  let im = Math.sin(startRad);
  for (let i = 2 * at, end = 2 * (at + count); i < end; i += 2) {
    out[i] = re;
    out[i + 1] = im;
    const nextRe = re * stepRe - im * stepIm;
    im = re * stepIm + im * stepRe;
    re = nextRe;
  }
}

/**
 * The Kronecker product of a (rows) and b (cols), row-major: out[r * cols + c] = a[r] b[c], written at
 * complex index `at`. A planar array's steering vector and separable beams are such products.
 */
export function kroneckerInto(
  a: Float64Array,
  rows: number,
  b: Float64Array,
  cols: number,
  out: Float64Array,
  at = 0,
): void {
  let i = 2 * at;
  for (let r = 0; r < rows; r++) {
    const aRe = a[2 * r];
    const aIm = a[2 * r + 1];
    for (let c = 0; c < 2 * cols; c += 2) {
      out[i++] = aRe * b[c] - aIm * b[c + 1];
      out[i++] = aRe * b[c + 1] + aIm * b[c];
    }
  }
}

/** |x^H y|^2 for x at complex index `xAt` and y at 0, `count` complex entries. */
export function innerProductPower(x: Float64Array, xAt: number, y: Float64Array, count: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0, j = 2 * xAt; i < 2 * count; i += 2, j += 2) {
    // conj(x) y, accumulated in real and imaginary parts
    re += x[j] * y[i] + x[j + 1] * y[i + 1];
    im += x[j] * y[i + 1] - x[j + 1] * y[i];
  }
  return re * re + im * im;
}
