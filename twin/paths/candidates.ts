/**
 * Candidate sequences of reflecting planes from a transmitter, for the image method. Small scenes are
 * enumerated exhaustively (every sequence of distinct consecutive planes, so no path can be missed);
 * larger ones by shooting and bouncing rays (SBR) from the transmitter over a Fibonacci sphere and
 * keeping each distinct sequence of planes the rays hit. The candidates depend on the transmitter only,
 * so one set serves every receiver.
 */
import type { Planes } from "./planes.js";
import type { RayCaster } from "./ray-caster.js";
import type { Vec3 } from "./vec.js";

export interface CandidateOptions {
  /** Longest sequence (reflection order). */
  readonly maxDepth: number;
  /** Rays shot when the scene is too big to enumerate. */
  readonly rays: number;
  /** Enumerate exhaustively while this many sequences or fewer would result. */
  readonly exhaustiveLimit: number;
}

export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = { maxDepth: 3, rays: 200_000, exhaustiveLimit: 100_000 };

export interface Candidates {
  /** Sequences of plane ids, shortest first. */
  readonly sequences: readonly (readonly number[])[];
  readonly method: "exhaustive" | "sbr";
}

export function findCandidates(planes: Planes, caster: RayCaster, tx: Vec3, options: CandidateOptions): Candidates {
  if (options.maxDepth <= 0) return { sequences: [], method: "exhaustive" };
  let total = 0;
  for (let k = 1, m = planes.count; k <= options.maxDepth; k++, m *= Math.max(planes.count - 1, 0)) total += m;
  if (total <= options.exhaustiveLimit)
    return { sequences: enumerate(planes.count, options.maxDepth), method: "exhaustive" };
  return { sequences: shootAndBounce(planes, caster, tx, options), method: "sbr" };
}

function enumerate(count: number, maxDepth: number): number[][] {
  const out: number[][] = [];
  let level: number[][] = [[]];
  for (let k = 1; k <= maxDepth; k++) {
    const next: number[][] = [];
    for (const s of level) for (let p = 0; p < count; p++) if (s[s.length - 1] !== p) next.push([...s, p]);
    out.push(...next);
    level = next;
  }
  return out;
}

/** The i-th of n directions spread evenly over the sphere (a Fibonacci lattice). */
export function fibonacciDirection(i: number, n: number): Vec3 {
  const z = 1 - (2 * i + 1) / n;
  const r = Math.sqrt(Math.max(0, 1 - z * z));
  const phi = i * Math.PI * (3 - Math.sqrt(5));
  return [r * Math.cos(phi), r * Math.sin(phi), z];
}

function shootAndBounce(planes: Planes, caster: RayCaster, tx: Vec3, options: CandidateOptions): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (let i = 0; i < options.rays; i++) {
    let dir = fibonacciDirection(i, options.rays);
    let from = tx;
    const seq: number[] = [];
    for (let depth = 0; depth < options.maxDepth; depth++) {
      const hit = caster.firstHit(from, dir);
      if (!hit) break;
      const plane = planes.planeOf[hit.triangle];
      if (plane < 0) break;
      seq.push(plane);
      const key = seq.join(",");
      if (!seen.has(key)) {
        seen.add(key);
        out.push([...seq]);
      }
      from = [from[0] + dir[0] * hit.distance, from[1] + dir[1] * hit.distance, from[2] + dir[2] * hit.distance];
      const nx = planes.normals[plane * 3];
      const ny = planes.normals[plane * 3 + 1];
      const nz = planes.normals[plane * 3 + 2];
      const c = 2 * (dir[0] * nx + dir[1] * ny + dir[2] * nz);
      dir = [dir[0] - c * nx, dir[1] - c * ny, dir[2] - c * nz];
    }
  }
  return out.sort((a, b) => a.length - b.length);
}
