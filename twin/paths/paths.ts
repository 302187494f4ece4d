/**
 * The result of path solving between one transmitter and one receiver: each path with its interactions,
 * delay, angles and polarised transfer matrix, and the derived gains. Angles are radians inside the twin
 * (azimuth from +x counter-clockwise, elevation from the horizon); `pathsToJson` gives degrees.
 */
import type { Vec3 } from "./vec.js";

export type PathType = "los" | "reflection" | "diffraction";

export interface Interaction {
  readonly type: "reflection" | "diffraction";
  readonly point: Vec3;
  /** Scene object names (two for an edge between objects). */
  readonly objects: readonly string[];
  /** ITU material names, one per object. */
  readonly materials: readonly string[];
}

export interface Path {
  readonly type: PathType;
  readonly interactions: readonly Interaction[];
  readonly lengthM: number;
  readonly delayS: number;
  /** Direction of departure at the transmitter: [azimuth, elevation], radians. */
  readonly aod: readonly [number, number];
  /** Direction of arrival at the receiver (from the receiver towards the incoming wave), radians. */
  readonly aoa: readonly [number, number];
  /** 2x2 complex transfer matrix, 8 numbers (see fields.ts): tx (theta, phi) -> rx (theta, phi). */
  readonly transfer: Float64Array;
}

export interface Paths {
  readonly frequencyHz: number;
  readonly tx: Vec3;
  readonly rx: Vec3;
  readonly paths: readonly Path[];
  /** Notes worth a user's attention (materials used outside their P.2040 range, ...). */
  readonly warnings: readonly string[];
}

/**
 * Power gain of a path between two isotropic antennas of the same polarisation: vertical (theta, the
 * default) or horizontal (phi).
 */
export function pathGain(p: Path, polarization: "V" | "H" = "V"): number {
  const i = polarization === "V" ? 0 : 6;
  return p.transfer[i] ** 2 + p.transfer[i + 1] ** 2;
}

export const toDb = (x: number): number => 10 * Math.log10(x);

/** Total path gain: the power sum of the paths (the local average over small-scale fading). */
export function totalGain(paths: Paths, polarization: "V" | "H" = "V"): number {
  let sum = 0;
  for (const p of paths.paths) sum += pathGain(p, polarization);
  return sum;
}

/** Total gain with the paths added in phase at the carrier (one frequency, one point in space). */
export function coherentGain(paths: Paths, polarization: "V" | "H" = "V"): number {
  const i = polarization === "V" ? 0 : 6;
  let re = 0;
  let im = 0;
  for (const p of paths.paths) {
    re += p.transfer[i];
    im += p.transfer[i + 1];
  }
  return re * re + im * im;
}

const deg = (rad: number) => (rad * 180) / Math.PI;
const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The CLI's JSON: gains in dB, delays in seconds, angles in degrees, points in metres. */
export function pathsToJson(result: Paths) {
  return {
    frequencyHz: result.frequencyHz,
    tx: result.tx,
    rx: result.rx,
    pathGainDb: round(toDb(totalGain(result)), 3),
    coherentGainDb: round(toDb(coherentGain(result)), 3),
    paths: result.paths.map((p) => ({
      type: p.type,
      gainDb: round(toDb(pathGain(p)), 3),
      // the complex path coefficient between vertically polarised isotropic antennas (carrier phase included)
      amplitude: [p.transfer[0], p.transfer[1]],
      delayS: p.delayS,
      lengthM: round(p.lengthM, 4),
      aod: [round(deg(p.aod[0]), 3), round(deg(p.aod[1]), 3)],
      aoa: [round(deg(p.aoa[0]), 3), round(deg(p.aoa[1]), 3)],
      interactions: p.interactions.map((x) => ({
        type: x.type,
        point: x.point.map((c) => round(c, 4)),
        objects: x.objects,
        materials: x.materials,
      })),
    })),
    ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
  };
}
