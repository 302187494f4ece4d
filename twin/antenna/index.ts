/**
 * Antennas, arrays, beam codebooks and cells of the twin.
 *
 * Conventions, once for the whole module:
 * - Frames: the global frame is the scene's local metric frame (x east, y north, z up, metres). A cell's
 *   panel frame has the panel facing +x, columns along +y, rows along z (row 0 on top); element patterns
 *   use the same axes (elements face +x of the panel).
 * - Angles: azimuth from +x counter-clockwise in the xy-plane, elevation from the horizon (positive up),
 *   in any frame. Radians in the math; degrees only in config-facing fields, which say so (`azimuthDeg`,
 *   `downtiltDeg`, `bearingDeg`). A cell's `azimuthDeg` uses the same math convention (90 = north);
 *   `bearingDeg` (compass, clockwise from north) is accepted at creation.
 * - Orientation: TR 38.901 7.1, R = Rz(azimuth) Ry(downtilt) Rx(slant), positive downtilt points down.
 * - Gains: linear power over isotropic unless a name says dB/dBi; field amplitude = sqrt(power gain).
 * - Complex vectors and matrices: interleaved Float64Arrays (re, im). Steering vector exp(+j 2 pi p.d),
 *   p in wavelengths from the array centre; beam gain |w^H a|^2 x element gain, weights unit-norm.
 * - Directions passed to a cell always point AWAY from it (towards the other end of the path): for a
 *   departure that is the ray's direction; for an arrival at the cell, the reversed propagation direction.
 * - Hot paths (`beamGains`, `elementResponse`, `cellSteeringVector`, `polarizedField`,
 *   `beamGainsFromSteering`, `steeringVectorTowards`) write into caller buffers and allocate nothing.
 */

export { LinearArray, type LinearArrayOptions, PlanarArray, type PlanarArrayOptions } from "./array.js";
export {
  azimuthFromBearingDeg,
  beamGains,
  beamPointingOf,
  bearingFromAzimuthDeg,
  boresightOf,
  type Cell,
  type CellConfig,
  cellSteeringVector,
  createCell,
  elementResponse,
  pathBeamPowers,
  polarizedField,
  type Vec3,
} from "./cell.js";
export { type CellSpec, cellFromSpec } from "./cell-spec.js";
export {
  type BeamDirection,
  beamGain,
  beamGainsFromSteering,
  beamGainsTowards,
  type Codebook,
  type CodebookFactors,
  type CustomCodebook,
  customCodebook,
  type DftCodebook,
  dftCodebook,
  panelBeamGains,
  pointingDirectionsDeg,
  type SsbBeamsOptions,
  type SteeredCodebook,
  ssbBeams,
  steeredCodebook,
} from "./codebook.js";
export {
  anglesFromDirection,
  azimuthOf,
  DEG_PER_RAD,
  directionFromAngles,
  elevationOf,
  RAD_PER_DEG,
} from "./direction.js";
export {
  dbToLinear,
  type ElementPattern,
  type ElementPatternName,
  fieldComponents,
  gainDbi,
  ISOTROPIC_PATTERN,
  linearToDb,
  type Polarization,
  resolvePattern,
  slantRadOf,
  TR38901_PATTERN,
  type Tr38901PatternOptions,
  tr38901Pattern,
} from "./pattern.js";
export { panelRotation, rotateToGlobal, rotateToPanel } from "./rotation.js";
