/**
 * Total field of geometrical optics plus UTD diffraction around a wedge lit by a plane wave, built from the
 * code under test: the tests compare it with exact solutions (see reference.ts).
 */

import { distanceParameter, wedgeDiffraction } from "../../../twin/em/diffraction.js";
import { add, type Complex, expj, mul, scale } from "./reference.js";

const coefficients = new Float64Array(4);

/** 1 inside a lit region (margin > 0), 1/2 exactly on its boundary, 0 outside. */
const lit = (margin: number): number => (margin > 0 ? 1 : margin === 0 ? 0.5 : 0);

/**
 * u = GO + diffracted at (rho, phi) for the incident plane wave exp(j k rho cos(phi - phiPrime)) (k = 1, rho =
 * kRho, unit field at the edge), wedge faces at 0 and n pi with reflection coefficients `faces` (layout of
 * `luebbersFaceReflections`).
 */
export function utdTotalField(
  n: number,
  kRho: number,
  phiPrime: number,
  phi: number,
  polarisation: "soft" | "hard",
  faces: ArrayLike<number>,
): Complex {
  const p = polarisation === "soft" ? 0 : 2;
  const r0: Complex = [faces[p], faces[p + 1]];
  const rn: Complex = [faces[4 + p], faces[5 + p]];
  let total = scale(expj(kRho * Math.cos(phi - phiPrime)), lit(Math.PI - Math.abs(phi - phiPrime)));
  total = add(total, scale(mul(r0, expj(kRho * Math.cos(phi + phiPrime))), lit(Math.PI - phiPrime - phi)));
  const imageAngle = 2 * n * Math.PI - phiPrime;
  total = add(
    total,
    scale(mul(rn, expj(kRho * Math.cos(phi - imageAngle))), lit(phi + phiPrime - (2 * n - 1) * Math.PI)),
  );
  wedgeDiffraction(
    n,
    phiPrime,
    phi,
    Math.PI / 2,
    distanceParameter(Number.POSITIVE_INFINITY, kRho, Math.PI / 2),
    1,
    faces,
    coefficients,
  );
  const d: Complex = [coefficients[p], coefficients[p + 1]];
  return add(total, scale(mul(d, expj(-kRho)), 1 / Math.sqrt(kRho)));
}
