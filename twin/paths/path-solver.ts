/**
 * Paths from a transmitter to receivers: line of sight, specular reflections up to `maxDepth` (image
 * method on candidate plane sequences, ground included as any other surface), and first-order edge
 * diffraction (UTD). Stateless: everything it builds lives for one call, and the candidates found for
 * the transmitter serve all receivers of that call.
 */
import { SPEED_OF_LIGHT } from "../em/materials.js";
import { type CandidateOptions, DEFAULT_CANDIDATE_OPTIONS, findCandidates } from "./candidates.js";
import {
  diffraction,
  diffractionGainBound,
  type Eta,
  type Interaction2x2,
  quickDiffractionGainBound,
  reflection,
  transferMatrix,
  utdCoefficients,
} from "./fields.js";
import { BLOCKED, type OffSurface, type SpecularPath, traceSpecular } from "./image-method.js";
import type { Interaction, Path, Paths } from "./paths.js";
import { planeNormal } from "./planes.js";
import type { TracingScene } from "./tracing-scene.js";
import { azEl, distance, normalize, scale, sub, type Vec3 } from "./vec.js";
import type { Wedge } from "./wedges.js";

export interface PathSolverOptions {
  readonly frequencyHz: number;
  /** Highest reflection order (default 3). */
  readonly maxDepth?: number;
  readonly los?: boolean;
  readonly reflection?: boolean;
  readonly diffraction?: boolean;
  /** Candidate search (rays shot from the transmitter when the scene is too big to enumerate). */
  readonly candidates?: Partial<CandidateOptions>;
}

export function solvePaths(
  ts: TracingScene,
  tx: Vec3,
  receivers: readonly Vec3[],
  options: PathSolverOptions,
): Paths[] {
  const transmitter = prepareTransmitter(ts, tx, options);
  return receivers.map((rx) => ({
    frequencyHz: transmitter.link.frequencyHz,
    tx,
    rx,
    paths: pathsTo(transmitter, rx),
    warnings: transmitter.link.warnings,
  }));
}

/** A transmitter ready for any number of receivers: its link and its candidate plane sequences. */
export interface Transmitter {
  readonly link: Link;
  readonly sequences: readonly (readonly number[])[];
  readonly options: PathSolverOptions;
}

/**
 * Does the per-transmitter work once (the candidate search shoots rays from it): keep the result to
 * find paths to receivers that come one at a time, such as moving UEs.
 */
export function prepareTransmitter(ts: TracingScene, tx: Vec3, options: PathSolverOptions): Transmitter {
  const maxDepth = options.maxDepth ?? 3;
  if (!Number.isInteger(maxDepth) || maxDepth < 0)
    throw new RangeError(`maxDepth ${maxDepth} is not a whole number >= 0`);
  const link = createLink(ts, tx, options.frequencyHz);
  const sequences =
    options.reflection !== false && maxDepth > 0
      ? findCandidates(ts.planes, ts.caster, tx, { ...DEFAULT_CANDIDATE_OPTIONS, ...options.candidates, maxDepth })
          .sequences
      : [];
  return { link, sequences, options };
}

/** Every path from a prepared transmitter to `rx`. */
export function pathsTo(t: Transmitter, rx: Vec3): Path[] {
  const { link, options } = t;
  const paths: Path[] = [];
  const losVisible = hasLineOfSight(link, rx);
  if (options.los !== false && losVisible) paths.push(lineOfSightPath(link, rx));
  for (const seq of t.sequences) {
    const p = specularPath(link, rx, seq);
    if (p) paths.push(p);
  }
  if (options.diffraction !== false) {
    for (const w of link.ts.wedges) {
      const p = diffractedPath(link, rx, w, losVisible);
      if (p) paths.push(p);
    }
  }
  return paths;
}

/** What every path from one transmitter at one frequency shares. */
export interface Link {
  readonly ts: TracingScene;
  readonly tx: Vec3;
  readonly frequencyHz: number;
  readonly wavenumber: number;
  readonly wavelength: number;
  readonly etas: Eta[];
  readonly warnings: string[];
}

export function createLink(ts: TracingScene, tx: Vec3, frequencyHz: number): Link {
  if (!(frequencyHz > 0) || !Number.isFinite(frequencyHz))
    throw new RangeError(`frequency ${frequencyHz} Hz is not a positive number`);
  const wavelength = SPEED_OF_LIGHT / frequencyHz;
  return { ts, tx, frequencyHz, wavenumber: (2 * Math.PI) / wavelength, wavelength, ...ts.permittivities(frequencyHz) };
}

export const hasLineOfSight = (link: Link, rx: Vec3): boolean =>
  distance(link.tx, rx) > 0 && link.ts.caster.visible(link.tx, rx);

/** The path reflecting on plane sequence `planes`, if it exists. */
export function specularPath(link: Link, rx: Vec3, planes: readonly number[]): Path | null {
  const found = traceSpecularPath(link, rx, planes);
  return found === BLOCKED ? null : found;
}

/**
 * The path reflecting on plane sequence `planes`; BLOCKED where only an obstacle stops it (with
 * `geometryOnly`: wherever its geometry holds); else null.
 */
export function traceSpecularPath(
  link: Link,
  rx: Vec3,
  planes: readonly number[],
  geometryOnly = false,
  offSurface?: OffSurface,
): Path | typeof BLOCKED | null {
  const found = traceSpecular(link.ts.planes, planes, link.tx, rx, link.ts.caster, geometryOnly, offSurface);
  return found === null || found === BLOCKED ? found : specular(link, rx, planes, found);
}

function makePath(
  link: Link,
  rx: Vec3,
  type: Path["type"],
  via: Vec3[],
  interactions: Interaction[],
  physics: readonly Interaction2x2[],
  /** Free-space spreading up to the first interaction that spreads otherwise (all the way when none does). */
  freeSpaceM: number,
): Path {
  const corners = [link.tx, ...via, rx];
  const lengthM = polylineLength(corners);
  const departure = normalize(sub(corners[1], link.tx));
  const arrival = normalize(sub(rx, corners[corners.length - 2]));
  return {
    type,
    interactions,
    lengthM,
    delayS: lengthM / SPEED_OF_LIGHT,
    aod: azEl(departure),
    aoa: azEl(scale(arrival, -1)),
    transfer: rayTransfer(link, departure, arrival, physics, freeSpaceM),
  };
}

/** A ray's 2x2 transfer matrix (`transferMatrix`), with free-space spreading and phase over `freeSpaceM`. */
export function rayTransfer(
  link: Link,
  departure: Vec3,
  arrival: Vec3,
  physics: readonly Interaction2x2[],
  freeSpaceM: number,
): Float64Array {
  // lambda / (4 pi d) exp(-j k d)
  const amplitude = link.wavelength / (4 * Math.PI * freeSpaceM);
  const phase = -link.wavenumber * freeSpaceM;
  return transferMatrix(departure, arrival, physics, amplitude * Math.cos(phase), amplitude * Math.sin(phase));
}

function polylineLength(corners: readonly Vec3[]): number {
  let sum = 0;
  for (let i = 1; i < corners.length; i++) sum += distance(corners[i - 1], corners[i]);
  return sum;
}

export function lineOfSightPath(link: Link, rx: Vec3): Path {
  return makePath(link, rx, "los", [], [], [], distance(link.tx, rx));
}

function specular(link: Link, rx: Vec3, planes: readonly number[], { points, triangles }: SpecularPath): Path {
  const { ts } = link;
  const interactions: Interaction[] = points.map((point, i) => ({
    type: "reflection",
    point,
    objects: [ts.objectName(triangles[i])],
    materials: [ts.materialName(triangles[i])],
  }));
  const lengthM = polylineLength([link.tx, ...points, rx]);
  let k = normalize(sub(points[0], link.tx));
  const physics = points.map((_, i) => {
    const r = reflection(k, planeNormal(ts.planes, planes[i]), link.etas[ts.materialIndex(triangles[i])]);
    k = r.k;
    return r.interaction;
  });
  // planar reflectors keep the spherical wave's spreading: 1 / total length
  return makePath(link, rx, "reflection", points, interactions, physics, lengthM);
}

/** Angle of vector (vx, vy, vz) about the wedge's edge, from face 0 through the exterior, in [0, 2 pi). */
function angleAround(w: Wedge, vx: number, vy: number, vz: number): number {
  // (the component along the edge drops out of both projections: face0 and side are normal to it)
  const f = w.face0;
  const e = w.direction;
  const x = vx * f[0] + vy * f[1] + vz * f[2];
  const y = vx * (e[1] * f[2] - e[2] * f[1]) + vy * (e[2] * f[0] - e[0] * f[2]) + vz * (e[0] * f[1] - e[1] * f[0]);
  const a = Math.atan2(y, x);
  return a < 0 ? a + 2 * Math.PI : a;
}

/** Points closer than this to an edge's line, or this far inside the solid (radians), do not diffract. */
const ON_EDGE_M = 1e-9;
const ANGLE_SLACK = 1e-9;

/**
 * Within this angle (radians) of the incident shadow boundary the diffracted ray is evaluated just on
 * the side the line-of-sight test chose, so that the line of sight (present or not) and the UTD term,
 * which jumps there by half the incident field, always add up to the continuous total.
 */
const SHADOW_BOUNDARY_RAD = 1e-7;

/** What a radio map changes in diffracted-path solving, for speed. */
export interface DiffractionShortcuts {
  /** Drop a path before its rays are cast unless this says it may matter (`gainBound`: an upper bound
   * of its power gain between isotropic antennas; asked with a loose bound first, then a tight one). */
  worthIt?: (departure: Vec3, gainBound: number) => boolean;
  /** Whether the transmitter sees the edge point `s` metres along the wedge (default: a ray to it). */
  sourceSees?: (s: number) => boolean;
}

/** A diffracted ray without the path's description: what a radio map needs of it. */
export interface DiffractedRay {
  /** The edge point. */
  readonly point: Vec3;
  /** Unit directions tx -> edge point and edge point -> rx. */
  readonly departure: Vec3;
  readonly arrival: Vec3;
  readonly sourceDistanceM: number;
  readonly physics: Interaction2x2;
}

/** The path diffracted by wedge `w`, if it exists (`losVisible`: whether tx sees rx, see below). */
export function diffractedPath(
  link: Link,
  rx: Vec3,
  w: Wedge,
  losVisible: boolean,
  shortcuts: DiffractionShortcuts = {},
): Path | null {
  const ray = diffractedRay(link, rx, w, losVisible, shortcuts);
  if (!ray) return null;
  const { ts } = link;
  const interaction: Interaction = {
    type: "diffraction",
    point: ray.point,
    objects: [...new Set([ts.objectName(w.triangle0), ts.objectName(w.triangle1)])],
    materials: [...new Set([ts.materialName(w.triangle0), ts.materialName(w.triangle1)])],
  };
  // free space up to the edge; the UTD coefficient carries the rest
  return makePath(link, rx, "diffraction", [ray.point], [interaction], [ray.physics], ray.sourceDistanceM);
}

/** The ray of `diffractedPath`. */
export function diffractedRay(
  link: Link,
  rx: Vec3,
  w: Wedge,
  losVisible: boolean,
  { worthIt, sourceSees }: DiffractionShortcuts = {},
): DiffractedRay | null {
  const { tx, ts } = link;
  // the edge point of the shortest tx-edge-rx route (Keller's law of equal angles to the edge); scalar
  // arithmetic: this part runs for every pair a radio map discovers
  const [ox, oy, oz] = w.origin;
  const [ex, ey, ez] = w.direction;
  const ax = tx[0] - ox;
  const ay = tx[1] - oy;
  const az = tx[2] - oz;
  const bx = rx[0] - ox;
  const by = rx[1] - oy;
  const bz = rx[2] - oz;
  const sa = ax * ex + ay * ey + az * ez;
  const sb = bx * ex + by * ey + bz * ez;
  const ra = Math.sqrt((ax - sa * ex) ** 2 + (ay - sa * ey) ** 2 + (az - sa * ez) ** 2);
  const rb = Math.sqrt((bx - sb * ex) ** 2 + (by - sb * ey) ** 2 + (bz - sb * ez) ** 2);
  if (ra < ON_EDGE_M || rb < ON_EDGE_M) return null;
  const s = (sa * rb + sb * ra) / (ra + rb);
  if (!(s > 0 && s < w.length)) return null;
  const q: Vec3 = [ox + ex * s, oy + ey * s, oz + ez * s];
  const phiPrime = angleAround(w, tx[0] - q[0], tx[1] - q[1], tx[2] - q[2]);
  let phi = angleAround(w, rx[0] - q[0], rx[1] - q[1], rx[2] - q[2]);
  if (Math.abs(Math.abs(phi - phiPrime) - Math.PI) < SHADOW_BOUNDARY_RAD) {
    // the shadow side is where |phi - phi'| exceeds pi
    const outward = Math.sign(phi - phiPrime) * (losVisible ? -1 : 1);
    phi = phiPrime + Math.sign(phi - phiPrime) * Math.PI + outward * SHADOW_BOUNDARY_RAD;
  }
  const exterior = w.n * Math.PI + ANGLE_SLACK;
  if (phiPrime > exterior || phi > exterior) return null;
  const sourceDistanceM = distance(tx, q);
  const observerDistanceM = distance(q, rx);
  const kIn = normalize(sub(q, tx));
  const geometry = {
    edge: w.direction,
    n: w.n,
    phiPrime: Math.min(phiPrime, w.n * Math.PI),
    phi: Math.min(phi, w.n * Math.PI),
    sourceDistanceM,
    observerDistanceM,
    eta0: link.etas[ts.materialIndex(w.triangle0)],
    etaN: link.etas[ts.materialIndex(w.triangle1)],
  };
  // (a cheap bound first: most paths a map skips fail it)
  if (worthIt && !worthIt(kIn, quickDiffractionGainBound(kIn, geometry, link.wavenumber))) return null;
  const utd = utdCoefficients(kIn, geometry, link.wavenumber);
  if (worthIt && !worthIt(kIn, diffractionGainBound(utd, geometry, link.wavenumber))) return null;
  // (the edge point lies on both faces: they must not block its own rays)
  const { caster } = ts;
  const seen = sourceSees ? sourceSees(s) : caster.visible(tx, q, w.triangle0, w.triangle1);
  if (!seen || !caster.visible(q, rx, w.triangle0, w.triangle1)) return null;
  const kOut = normalize(sub(rx, q));
  const physics = diffraction(kIn, kOut, geometry, link.wavenumber, utd);
  return { point: q, departure: kIn, arrival: kOut, sourceDistanceM, physics };
}
