/**
 * Antenna element patterns. A pattern gives the element's gain for a direction in the ELEMENT's own frame:
 * boresight along +x, azimuth from +x towards +y, elevation from the xy-plane (positive towards +z).
 *
 * - `powerGain` is the linear power gain over an isotropic radiator (8 dBi -> 6.31). The field amplitude
 *   is its square root; `fieldComponents` splits that amplitude into theta/phi components.
 * - Polarisation follows TR 38.901 7.3.2 model 2: an element slanted by zeta radiates
 *   F_theta = sqrt(A) cos(zeta), F_phi = sqrt(A) sin(zeta). Zeta = 0 is vertical (all theta), 90 deg horizontal.
 *   The components are real (no phase); the path solver multiplies them with its Fresnel/Jones matrices.
 */

import { RAD_PER_DEG } from "./direction.js";

export type ElementPatternName = "iso" | "tr38901";

export interface ElementPattern {
  readonly kind: ElementPatternName;
  /** Peak gain, dBi. */
  readonly maxGainDbi: number;
  /** Linear power gain over isotropic for a direction in the element frame. */
  powerGain(azimuthRad: number, elevationRad: number): number;
}

/** 0 dBi in every direction. */
export const ISOTROPIC_PATTERN: ElementPattern = {
  kind: "iso",
  maxGainDbi: 0,
  powerGain: () => 1,
};

/** Parameters of the TR 38.901 Table 7.3-1 element; the defaults are the table's. */
export interface Tr38901PatternOptions {
  /** G_E,max, dBi. */
  readonly maxGainDbi?: number;
  /** theta_3dB: vertical half-power beamwidth, degrees. */
  readonly beamwidthVDeg?: number;
  /** phi_3dB: horizontal half-power beamwidth, degrees. */
  readonly beamwidthHDeg?: number;
  /** SLA_V: vertical side-lobe attenuation, dB. */
  readonly sideLobeAttenuationVDb?: number;
  /** A_max: front-to-back ratio (and overall attenuation floor), dB. */
  readonly maxAttenuationDb?: number;
}

const TR38901_DEFAULTS = {
  maxGainDbi: 8,
  beamwidthVDeg: 65,
  beamwidthHDeg: 65,
  sideLobeAttenuationVDb: 30,
  maxAttenuationDb: 30,
} as const;

/** dB -> linear power, as exp() because it is cheaper than 10 ** x on the hot path. */
const LN10_OVER_10 = Math.LN10 / 10;
export const dbToLinear = (db: number): number => Math.exp(db * LN10_OVER_10);
export const linearToDb = (linear: number): number => (10 * Math.log(linear)) / Math.LN10;

/**
 * The 3GPP TR 38.901 Table 7.3-1 sector element: vertical cut -min(12 (el / theta_3dB)^2, SLA_V) (38.901 writes
 * theta - 90 deg with theta the zenith angle, i.e. minus our elevation), horizontal cut -min(12 (az / phi_3dB)^2,
 * A_max), combined -min(-(A_V + A_H), A_max), plus G_E,max.
 */
export function tr38901Pattern(options: Tr38901PatternOptions = {}): ElementPattern {
  const o = { ...TR38901_DEFAULTS, ...options };
  // 12 (angle / bw)^2 with the angle in radians: fold 12 / bw^2 into one factor per cut
  const kV = 12 / (o.beamwidthVDeg * RAD_PER_DEG) ** 2;
  const kH = 12 / (o.beamwidthHDeg * RAD_PER_DEG) ** 2;
  const { sideLobeAttenuationVDb: slaV, maxAttenuationDb: aMax, maxGainDbi } = o;
  return {
    kind: "tr38901",
    maxGainDbi,
    powerGain(azimuthRad: number, elevationRad: number): number {
      const attenuationV = Math.min(kV * elevationRad * elevationRad, slaV);
      const attenuationH = Math.min(kH * azimuthRad * azimuthRad, aMax);
      return dbToLinear(maxGainDbi - Math.min(attenuationV + attenuationH, aMax));
    },
  };
}

/** The default 38.901 element, shared (patterns are immutable). */
export const TR38901_PATTERN: ElementPattern = tr38901Pattern();

/** A pattern by its registered name (Sionna's `"iso"` / `"tr38901"`), or the pattern itself. */
export function resolvePattern(pattern: ElementPattern | ElementPatternName): ElementPattern {
  if (typeof pattern !== "string") return pattern;
  switch (pattern) {
    case "iso":
      return ISOTROPIC_PATTERN;
    case "tr38901":
      return TR38901_PATTERN;
    default:
      throw new RangeError(`unknown antenna pattern "${pattern as string}" (known: iso, tr38901)`);
  }
}

/** Gain in dBi for a direction in the element frame. */
export const gainDbi = (pattern: ElementPattern, azimuthRad: number, elevationRad: number): number =>
  linearToDb(pattern.powerGain(azimuthRad, elevationRad));

/** Linear polarisation of the elements: vertical, horizontal, or slanted by zeta (e.g. +-45 deg). */
export type Polarization = "V" | "H" | { readonly slantDeg: number };

/** The model-2 slant angle zeta of a polarisation, radians. */
export function slantRadOf(polarization: Polarization): number {
  if (polarization === "V") return 0;
  if (polarization === "H") return Math.PI / 2;
  return polarization.slantDeg * RAD_PER_DEG;
}

/**
 * Writes the element-frame field components [F_theta, F_phi] (amplitude, sqrt of linear power) for a
 * direction into `out` at `offset`, per 38.901 model 2. Returns `out`.
 */
export function fieldComponents(
  pattern: ElementPattern,
  slantRad: number,
  azimuthRad: number,
  elevationRad: number,
  out: Float64Array = new Float64Array(2),
  offset = 0,
): Float64Array {
  const amplitude = Math.sqrt(pattern.powerGain(azimuthRad, elevationRad));
  out[offset] = amplitude * Math.cos(slantRad);
  out[offset + 1] = amplitude * Math.sin(slantRad);
  return out;
}
