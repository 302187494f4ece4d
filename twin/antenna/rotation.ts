/**
 * Orientation of a panel per TR 38.901 7.1: R = Rz(alpha) Ry(beta) Rx(gamma) maps panel-frame vectors to the
 * global frame, with alpha the boresight azimuth (from +x counter-clockwise), beta the mechanical downtilt
 * (positive tilts the boresight below the horizon) and gamma the slant about the boresight. Global-to-panel
 * is R^T. Matrices are row-major Float64Array(9).
 */

export function panelRotation(azimuthRad: number, downtiltRad: number, slantRad: number): Float64Array {
  const ca = Math.cos(azimuthRad);
  const sa = Math.sin(azimuthRad);
  const cb = Math.cos(downtiltRad);
  const sb = Math.sin(downtiltRad);
  const cg = Math.cos(slantRad);
  const sg = Math.sin(slantRad);
  // 38.901 eq. 7.1-1, multiplied out
  return Float64Array.of(
    ca * cb,
    ca * sb * sg - sa * cg,
    ca * sb * cg + sa * sg,
    sa * cb,
    sa * sb * sg + ca * cg,
    sa * sb * cg - ca * sg,
    -sb,
    cb * sg,
    cb * cg,
  );
}

/** out = R v (panel -> global). */
export function rotateToGlobal(r: Float64Array, x: number, y: number, z: number, out: Float64Array): Float64Array {
  out[0] = r[0] * x + r[1] * y + r[2] * z;
  out[1] = r[3] * x + r[4] * y + r[5] * z;
  out[2] = r[6] * x + r[7] * y + r[8] * z;
  return out;
}

/** out = R^T v (global -> panel). */
export function rotateToPanel(r: Float64Array, x: number, y: number, z: number, out: Float64Array): Float64Array {
  out[0] = r[0] * x + r[3] * y + r[6] * z;
  out[1] = r[1] * x + r[4] * y + r[7] * z;
  out[2] = r[2] * x + r[5] * y + r[8] * z;
  return out;
}
