/**
 * Propagation paths: a scene made ready for tracing, the path solver (line of sight, specular
 * reflections, first-order UTD diffraction) and what its results give (gains, JSON).
 */
export { type CandidateOptions, DEFAULT_CANDIDATE_OPTIONS } from "./candidates.js";
export {
  createLink,
  diffractedPath,
  hasLineOfSight,
  type Link,
  lineOfSightPath,
  type PathSolverOptions,
  pathsTo,
  prepareTransmitter,
  solvePaths,
  specularPath,
  type Transmitter,
} from "./path-solver.js";
export {
  coherentGain,
  type Interaction,
  type Path,
  type Paths,
  type PathType,
  pathGain,
  pathsToJson,
  toDb,
  totalGain,
} from "./paths.js";
export { MIN_WEDGE_LENGTH_M, TracingScene } from "./tracing-scene.js";
export { azEl, fromAzEl, parseVec3, type Vec3 } from "./vec.js";
export type { Wedge } from "./wedges.js";
