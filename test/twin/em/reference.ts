/**
 * Independent references for the EM tests: plain numerical quadrature of integral representations, written
 * without the code under test (no twin/em import here). Slow and accurate, fine for tests only.
 */

/** Complex number as a tuple: the tests' reference side favours clarity over speed. */
export type Complex = [number, number];

export const add = (a: Complex, b: Complex): Complex => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: Complex, b: Complex): Complex => [a[0] - b[0], a[1] - b[1]];
export const mul = (a: Complex, b: Complex): Complex => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export const scale = (a: Complex, s: number): Complex => [a[0] * s, a[1] * s];
export const abs = (a: Complex): number => Math.hypot(a[0], a[1]);
export const expj = (x: number): Complex => [Math.cos(x), Math.sin(x)];
export function div(a: Complex, b: Complex): Complex {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
}
/** Principal square root by polar form (a different route from twin/em/complex.ts). */
export function sqrtPrincipal(a: Complex): Complex {
  const r = Math.sqrt(abs(a));
  const angle = Math.atan2(a[1], a[0]) / 2;
  return [r * Math.cos(angle), r * Math.sin(angle)];
}

/** Nodes and weights of the n-point Gauss-Legendre rule on [-1, 1], by Newton's method on P_n. */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(24);

/** int_a^b fn over `panels` equal panels, 24 Gauss-Legendre points each. */
export function integrate(fn: (t: number) => number, a: number, b: number, panels: number): number {
  const width = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * width;
    for (let i = 0; i < RULE.nodes.length; i++) sum += RULE.weights[i] * fn(mid + (RULE.nodes[i] * width) / 2);
  }
  return (sum * width) / 2;
}

/** Complex version of `integrate` over panels refined geometrically towards 0 (for a kink at scale `knee`). */
function integrateGraded(fn: (t: number) => Complex, knee: number, upper: number): Complex {
  const breaks = [0];
  for (let b = Math.max(knee, 1e-12) * 2 ** -30; b < upper; b *= 2) breaks.push(b);
  breaks.push(upper);
  let re = 0;
  let im = 0;
  for (let i = 0; i + 1 < breaks.length; i++) {
    const panels = Math.max(1, Math.ceil((breaks[i + 1] - breaks[i]) / 0.25));
    const width = (breaks[i + 1] - breaks[i]) / panels;
    for (let p = 0; p < panels; p++) {
      const mid = breaks[i] + (p + 0.5) * width;
      for (let j = 0; j < RULE.nodes.length; j++) {
        const value = fn(mid + (RULE.nodes[j] * width) / 2);
        re += (RULE.weights[j] * value[0] * width) / 2;
        im += (RULE.weights[j] * value[1] * width) / 2;
      }
    }
  }
  return [re, im];
}

/**
 * exp(j a^2) int_a^inf exp(-j t^2) dt for a >= 0, by turning the path into the lower half plane:
 * t^2 = a^2 - j v^2 gives -j int_0^inf exp(-v^2) v / sqrt(a^2 - j v^2) dv, smooth and fast-decaying.
 */
export function complementaryFresnelScaled(a: number): Complex {
  const integral = integrateGraded(
    (v) => scale(div([1, 0], sqrtPrincipal([a * a, -v * v])), v * Math.exp(-v * v)),
    a,
    8,
  );
  return mul([0, -1], integral);
}

/** int_a^inf exp(-j t^2) dt for any real a. */
export function complementaryFresnel(a: number): Complex {
  if (a >= 0) return mul(complementaryFresnelScaled(a), expj(-a * a));
  // int_a^inf = int_-inf^inf - int_|a|^inf, the full integral being sqrt(pi) exp(-j pi/4)
  return sub(scale(expj(-Math.PI / 4), Math.sqrt(Math.PI)), complementaryFresnel(-a));
}

/** Reference f(x), g(x): g - j f = complementaryFresnelScaled(x sqrt(pi/2)) / sqrt(pi/2). */
export function referenceAuxiliary(x: number): { f: number; g: number } {
  const value = scale(complementaryFresnelScaled(x * Math.sqrt(Math.PI / 2)), 1 / Math.sqrt(Math.PI / 2));
  return { f: -value[1], g: value[0] };
}

/** Reference C(x), S(x): direct quadrature of the definition up to x = 8, through f and g above that. */
export function referenceFresnelIntegrals(x: number): { c: number; s: number } {
  const ax = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (ax <= 8) {
    const panels = Math.ceil(2 * ax * Math.max(ax, 1)) + 2;
    const c = integrate((t) => Math.cos((Math.PI / 2) * t * t), 0, ax, panels);
    const s = integrate((t) => Math.sin((Math.PI / 2) * t * t), 0, ax, panels);
    return { c: sign * c, s: sign * s };
  }
  const { f, g } = referenceAuxiliary(ax);
  const theta = (Math.PI / 2) * ax * ax;
  return {
    c: sign * (0.5 + f * Math.sin(theta) - g * Math.cos(theta)),
    s: sign * (0.5 - f * Math.cos(theta) - g * Math.sin(theta)),
  };
}

/**
 * Bessel J_nu(x) for real nu >= 0, x > 0 by Schlaefli's integral
 *   J_nu(x) = (1/pi) int_0^pi cos(nu t - x sin t) dt - (sin(nu pi) / pi) int_0^inf exp(-x sinh t - nu t) dt.
 */
export function besselJ(nu: number, x: number): number {
  const key = `${nu} ${x}`;
  let value = besselCache.get(key);
  if (value === undefined) {
    value = schlaefli(nu, x);
    besselCache.set(key, value);
  }
  return value;
}

/** The eigenfunction series asks for the same orders at every angle. */
const besselCache = new Map<string, number>();

function schlaefli(nu: number, x: number): number {
  const oscillating = integrate((t) => Math.cos(nu * t - x * Math.sin(t)), 0, Math.PI, Math.ceil((x + nu) / 2) + 4);
  const sinNuPi = Math.sin(nu * Math.PI);
  if (Math.abs(sinNuPi) < 1e-15) return oscillating / Math.PI;
  const upper = Math.asinh(60 / x) + 1;
  const decaying = integrate((t) => Math.exp(-x * Math.sinh(t) - nu * t), 0, upper, 64);
  return (oscillating - sinNuPi * decaying) / Math.PI;
}

/**
 * Exact total field around a perfectly conducting wedge of exterior angle n pi (faces at 0 and n pi) lit by
 * the plane wave exp(j k rho cos(phi - phiPrime)) (unit amplitude at the edge, exp(+j omega t)): the
 * eigenfunction series with orders v = m / n,
 *   soft (u = 0 on the faces): (4/n) sum_{m>=1} j^v J_v(k rho) sin(v phi') sin(v phi)
 *   hard (du/dn = 0):           (2/n) sum_{m>=0} e_m j^v J_v(k rho) cos(v phi') cos(v phi),  e_0 = 1, e_m = 2.
 */
export function wedgeEigenSeries(
  n: number,
  kRho: number,
  phiPrime: number,
  phi: number,
  polarisation: "soft" | "hard",
): Complex {
  const mMax = Math.ceil(n * (kRho + 40));
  let total: Complex = [0, 0];
  for (let m = polarisation === "soft" ? 1 : 0; m <= mMax; m++) {
    const v = m / n;
    const angular =
      polarisation === "soft"
        ? (4 / n) * Math.sin(v * phiPrime) * Math.sin(v * phi)
        : ((m === 0 ? 1 : 2) * 2 * Math.cos(v * phiPrime) * Math.cos(v * phi)) / n;
    total = add(total, scale(expj((v * Math.PI) / 2), angular * besselJ(v, kRho)));
  }
  return total;
}

/**
 * Sommerfeld's exact field of a perfectly conducting half-plane (faces at 0 and 2 pi) under the plane wave
 * exp(j k rho cos(phi - phiPrime)): u0(phi - phi') -+ u0(phi + phi') (soft minus, hard plus) with
 *   u0(psi) = exp(j k rho cos psi) exp(j pi/4) / sqrt(pi) int_-inf^{sqrt(2 k rho) cos(psi/2)} exp(-j t^2) dt.
 */
export function halfPlaneExact(kRho: number, phiPrime: number, phi: number, polarisation: "soft" | "hard"): Complex {
  const u0 = (psi: number): Complex => {
    const upper = Math.sqrt(2 * kRho) * Math.cos(psi / 2);
    // int_-inf^upper = int_-inf^inf - int_upper^inf
    const integral = sub(scale(expj(-Math.PI / 4), Math.sqrt(Math.PI)), complementaryFresnel(upper));
    return mul(expj(kRho * Math.cos(psi) + Math.PI / 4), scale(integral, 1 / Math.sqrt(Math.PI)));
  };
  const direct = u0(phi - phiPrime);
  const image = u0(phi + phiPrime);
  return polarisation === "soft" ? sub(direct, image) : add(direct, image);
}

/** 20 log10(|a| / |b|). */
export const ratioDb = (a: Complex, b: Complex): number => 20 * Math.log10(abs(a) / abs(b));

/** Solves the complex linear system A x = b by Gaussian elimination with partial pivoting. */
export function solveLinear(matrix: Complex[][], rhs: Complex[]): Complex[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (abs(a[r][col]) > abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = div(a[r][col], a[col][col]);
      for (let c = col; c <= n; c++) a[r][c] = sub(a[r][c], mul(factor, a[col][c]));
    }
  }
  const x: Complex[] = new Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let acc = a[r][n];
    for (let c = r + 1; c < n; c++) acc = sub(acc, mul(a[r][c], x[c]));
    x[r] = div(acc, a[r][r]);
  }
  return x;
}
