/**
 * Candidate sequences of reflecting planes from a transmitter, for the image method. Small scenes are
 * enumerated exhaustively (every sequence of distinct consecutive planes, so no path can be missed);
 * larger ones by shooting and bouncing rays (SBR) from the transmitter over the sphere and keeping each
 * distinct sequence of planes the rays hit. The candidates depend on the transmitter only,
 * so one set serves every receiver.
 */
import type { Planes } from "./planes.js";
import type { RayCaster } from "./ray-caster.js";
import { SequenceTable, shootAndBounce } from "./sbr.js";
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
  return { sequences: discover(planes, caster, tx, options), method: "sbr" };
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

function discover(planes: Planes, caster: RayCaster, tx: Vec3, options: CandidateOptions): number[][] {
  const table = new SequenceTable(planes.count);
  shootAndBounce(caster.bvh, planes, tx, table, { maxDepth: options.maxDepth, rays: options.rays });
  return [...table.sequences].sort((a, b) => a.length - b.length);
}
