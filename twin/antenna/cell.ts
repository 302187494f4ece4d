/**
 * A cell: one antenna panel at a site, with an array and an SSB beam codebook, oriented per TR 38.901 7.1.
 * Its orientation is `azimuthDeg` (boresight, math convention: from +x/east counter-clockwise, so 90 is
 * north); operators' compass bearings (`bearingDeg`, clockwise from north) are accepted when a cell is
 * created and converted once. The hot functions take a GLOBAL unit direction (departure direction from
 * the cell, any length is normalised) and write into caller-provided buffers.
 */

import type { PlanarArray } from "./array.js";
import { beamGainsTowards, type Codebook } from "./codebook.js";
import { azimuthOf, directionFromAngles, elevationOf, RAD_PER_DEG } from "./direction.js";
import { fieldComponents } from "./pattern.js";
import { panelRotation, rotateToGlobal, rotateToPanel } from "./rotation.js";

export type Vec3 = readonly [number, number, number];

export interface CellConfig {
  readonly id: string;
  /** Array centre in the local frame, metres. Give this, or `siteXY` + `heightM`. */
  readonly position?: Vec3;
  readonly siteXY?: readonly [number, number];
  /** Height of the array centre above z = 0, metres. */
  readonly heightM?: number;
  /** Boresight azimuth, degrees from +x (east) counter-clockwise. Give this or `bearingDeg`. */
  readonly azimuthDeg?: number;
  /** Boresight compass bearing, degrees clockwise from north. */
  readonly bearingDeg?: number;
  /** Mechanical downtilt, degrees; positive points the boresight below the horizon. Default 0. */
  readonly downtiltDeg?: number;
  /** Mechanical slant about the boresight (38.901 gamma), degrees. Default 0. */
  readonly slantDeg?: number;
  readonly powerDbm: number;
  readonly array: PlanarArray;
  readonly codebook: Codebook;
}

/** A created cell. `createCell({ ...cell, downtiltDeg: 6 })` makes a re-tilted copy. */
export interface Cell {
  readonly id: string;
  readonly position: Vec3;
  /** Boresight azimuth, math convention (from +x counter-clockwise), degrees in (-180, 180]. */
  readonly azimuthDeg: number;
  readonly downtiltDeg: number;
  readonly slantDeg: number;
  readonly powerDbm: number;
  readonly array: PlanarArray;
  readonly codebook: Codebook;
  /** 38.901 rotation R, panel -> global, row-major 3x3. */
  readonly panelToGlobal: Float64Array;
}

/** Degrees into (-180, 180]. */
const wrapDeg = (deg: number): number => {
  const wrapped = deg - 360 * Math.floor((deg + 180) / 360);
  return wrapped === -180 ? 180 : wrapped;
};

/** Compass bearing (clockwise from north) -> math azimuth (counter-clockwise from east), degrees. */
export const azimuthFromBearingDeg = (bearingDeg: number): number => wrapDeg(90 - bearingDeg);
/** Math azimuth -> compass bearing in [0, 360), degrees. */
export const bearingFromAzimuthDeg = (azimuthDeg: number): number => (((90 - azimuthDeg) % 360) + 360) % 360;

export function createCell(config: CellConfig): Cell {
  const fail = (reason: string): never => {
    throw new RangeError(`cannot create cell "${config.id}": ${reason}`);
  };
  const position = cellPosition(config, fail);
  if ((config.azimuthDeg === undefined) === (config.bearingDeg === undefined)) {
    fail("give exactly one of azimuthDeg (from east, counter-clockwise) and bearingDeg (from north, clockwise)");
  }
  const azimuthDeg =
    config.azimuthDeg !== undefined ? wrapDeg(config.azimuthDeg) : azimuthFromBearingDeg(config.bearingDeg!);
  const { downtiltDeg = 0, slantDeg = 0, powerDbm, array, codebook } = config;
  for (const [name, value] of Object.entries({ azimuthDeg, downtiltDeg, slantDeg, powerDbm })) {
    if (!Number.isFinite(value)) fail(`${name} must be a finite number, got ${value}`);
  }
  if (codebook.elementCount !== array.elementCount) {
    fail(`codebook has ${codebook.elementCount} elements per beam, the array ${array.elementCount}`);
  }
  const { factors } = codebook;
  if (factors !== null && (factors.rows !== array.rows || factors.cols !== array.cols)) {
    fail(`codebook is for ${factors.rows} x ${factors.cols} elements, the array is ${array.rows} x ${array.cols}`);
  }
  const panelToGlobal = panelRotation(azimuthDeg * RAD_PER_DEG, downtiltDeg * RAD_PER_DEG, slantDeg * RAD_PER_DEG);
  return { id: config.id, position, azimuthDeg, downtiltDeg, slantDeg, powerDbm, array, codebook, panelToGlobal };
}

function cellPosition(config: CellConfig, fail: (reason: string) => never): Vec3 {
  const { position, siteXY, heightM } = config;
  if (position !== undefined && (siteXY !== undefined || heightM !== undefined)) {
    fail("give position or siteXY + heightM, not both");
  }
  const xyz: Vec3 | undefined =
    position ?? (siteXY !== undefined && heightM !== undefined ? [siteXY[0], siteXY[1], heightM] : undefined);
  if (xyz === undefined) return fail("needs position, or siteXY and heightM");
  if (!xyz.every(Number.isFinite)) fail(`position must be finite metres, got [${xyz.join(", ")}]`);
  return [xyz[0], xyz[1], xyz[2]];
}

// the current direction in the panel frame: one buffer, filled and read within each synchronous call
const panelDirection = new Float64Array(3);

/** Rotates a global direction into the panel frame and normalises it, into `panelDirection`. */
function toPanelDirection(cell: Cell, direction: ArrayLike<number>, offset: number): Float64Array {
  const x = direction[offset];
  const y = direction[offset + 1];
  const z = direction[offset + 2];
  const inverseLength = 1 / Math.sqrt(x * x + y * y + z * z);
  return rotateToPanel(cell.panelToGlobal, x * inverseLength, y * inverseLength, z * inverseLength, panelDirection);
}

function elementGainTowards(cell: Cell, local: Float64Array): number {
  const x = local[0];
  const y = local[1];
  return cell.array.pattern.powerGain(azimuthOf(x, y), elevationOf(x, y, local[2]));
}

/**
 * Every beam's linear power gain (array gain x element gain) towards a global departure direction, into
 * `out` (codebook.beamCount numbers). The direction is read at `offset`, so a flat array of directions
 * needs no views. The radio map's hot path: allocates nothing.
 */
export function beamGains(cell: Cell, direction: ArrayLike<number>, out: Float64Array, offset = 0): Float64Array {
  const local = toPanelDirection(cell, direction, offset);
  const elementGain = elementGainTowards(cell, local);
  return beamGainsTowards(cell.array, cell.codebook, local[1], local[2], elementGain, out);
}

/**
 * The array's steering vector (unit-modulus phasors, phase reference the array centre) towards a global
 * direction, into `out` (2 numbers per element). With polarised paths, multiply by the projection of
 * `polarizedField` on the path's transfer matrix.
 */
export function cellSteeringVector(
  cell: Cell,
  direction: ArrayLike<number>,
  out: Float64Array,
  offset = 0,
): Float64Array {
  const local = toPanelDirection(cell, direction, offset);
  return cell.array.steeringVectorTowards(local[1], local[2], out);
}

/**
 * Per-element complex field amplitude towards a global direction, sqrt(element gain) x steering vector,
 * into `out` (2 numbers per element): what channel synthesis multiplies with each path's coefficient
 * to form H(f) per element (co-polarised; see `polarizedField` for the theta/phi split).
 */
export function elementResponse(cell: Cell, direction: ArrayLike<number>, out: Float64Array, offset = 0): Float64Array {
  const local = toPanelDirection(cell, direction, offset);
  const amplitude = Math.sqrt(elementGainTowards(cell, local));
  cell.array.steeringVectorTowards(local[1], local[2], out);
  for (let i = 0; i < 2 * cell.array.elementCount; i++) out[i] *= amplitude;
  return out;
}

// scratch for polarizedField: panel-frame field and the panel's theta unit vector in global coordinates
const panelField = new Float64Array(2);
const panelThetaGlobal = new Float64Array(3);

/**
 * The element field [F_theta, F_phi] in GLOBAL spherical components towards a global direction, into
 * `out`: the 38.901 model-2 panel-frame components rotated by the angle psi between the panel's and the
 * global theta unit vectors (38.901 eq. 7.1-11), which accounts for downtilt and slant. Same for every
 * element of the array. Real: model 2 has no phase. The direction is read at `offset`; `out` gets 2 numbers.
 */
export function polarizedField(cell: Cell, direction: ArrayLike<number>, out: Float64Array, offset = 0): Float64Array {
  const local = toPanelDirection(cell, direction, offset);
  const localAzimuth = azimuthOf(local[0], local[1]);
  const localElevation = elevationOf(local[0], local[1], local[2]);
  fieldComponents(cell.array.pattern, cell.array.slantRad, localAzimuth, localElevation, panelField);
  // theta-hat (direction of growing zenith angle) of the panel frame, carried into the global frame
  const sinEl = Math.sin(localElevation);
  rotateToGlobal(
    cell.panelToGlobal,
    sinEl * Math.cos(localAzimuth),
    sinEl * Math.sin(localAzimuth),
    -Math.cos(localElevation),
    panelThetaGlobal,
  );
  // angles do not depend on the vector's length, so the caller's direction serves as it is
  const azimuth = azimuthOf(direction[offset], direction[offset + 1]);
  const elevation = elevationOf(direction[offset], direction[offset + 1], direction[offset + 2]);
  const sinElG = Math.sin(elevation);
  // cos psi = theta-hat . theta-hat', sin psi = phi-hat . theta-hat'
  const cosPsi =
    sinElG * Math.cos(azimuth) * panelThetaGlobal[0] +
    sinElG * Math.sin(azimuth) * panelThetaGlobal[1] -
    Math.cos(elevation) * panelThetaGlobal[2];
  const sinPsi = -Math.sin(azimuth) * panelThetaGlobal[0] + Math.cos(azimuth) * panelThetaGlobal[1];
  const fTheta = panelField[0];
  const fPhi = panelField[1];
  out[0] = cosPsi * fTheta - sinPsi * fPhi;
  out[1] = sinPsi * fTheta + cosPsi * fPhi;
  return out;
}

// scratch for pathBeamPowers
const pathField = new Float64Array(2);

/**
 * Every beam's received power gain from one path, into `out` (codebook.beamCount numbers): the beam's
 * gain towards the path's departure direction `departure` (a global unit vector, read at `offset`)
 * times the path's power into a vertically polarised isotropic receiver, matched to the cell's
 * polarisation (`transfer`: the path's 2x2 complex transfer matrix, as Path.transfer). All zero when
 * the element radiates nothing that way. Allocates nothing.
 */
export function pathBeamPowers(
  cell: Cell,
  departure: ArrayLike<number>,
  transfer: Float64Array,
  out: Float64Array,
  offset = 0,
): Float64Array {
  polarizedField(cell, departure, pathField, offset);
  const fTheta = pathField[0];
  const fPhi = pathField[1];
  const norm = fTheta * fTheta + fPhi * fPhi;
  if (!(norm > 0)) return out.fill(0, 0, cell.codebook.beamCount);
  // the received theta component for the cell's (unit) polarisation: T[theta<-theta] f_theta + T[theta<-phi] f_phi
  const re = transfer[0] * fTheta + transfer[2] * fPhi;
  const im = transfer[1] * fTheta + transfer[3] * fPhi;
  const power = (re * re + im * im) / norm;
  beamGains(cell, departure, out, offset);
  for (let b = 0; b < cell.codebook.beamCount; b++) out[b] *= power;
  return out;
}

/** The boresight as a global unit vector. */
export function boresightOf(cell: Cell, out: Float64Array = new Float64Array(3)): Float64Array {
  return rotateToGlobal(cell.panelToGlobal, 1, 0, 0, out);
}

/** Where beam `beam` points, as a global unit vector (NaN where the codebook does not know). */
export function beamPointingOf(cell: Cell, beam: number, out: Float64Array = new Float64Array(3)): Float64Array {
  const d = directionFromAngles(cell.codebook.pointingAzimuthRad[beam], cell.codebook.pointingElevationRad[beam]);
  return rotateToGlobal(cell.panelToGlobal, d[0], d[1], d[2], out);
}
