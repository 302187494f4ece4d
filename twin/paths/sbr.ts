/**
 * Shooting and bouncing rays (SBR): rays from a transmitter over a Fibonacci sphere, reflected
 * specularly at each surface, their plane sequences numbered as they are found. One walker serves the
 * path solver's candidate search and the radio map's discovery (which also looks at each segment).
 */
import { type Bvh, closestHit, createHit } from "../bvh/index.js";
import type { Planes } from "./planes.js";
import type { Vec3 } from "./vec.js";

/** Plane sequences numbered in order of discovery, reachable by prefix. */
export class SequenceTable {
  readonly sequences: number[][] = [];
  private readonly byKey = new Map<number, number>();

  constructor(private readonly planeCount: number) {}

  /** The code of `parent` (-1 for none) extended by `plane`. */
  extend(parent: number, plane: number): number {
    const key = (parent + 1) * this.planeCount + plane;
    let code = this.byKey.get(key);
    if (code === undefined) {
      code = this.sequences.length;
      this.byKey.set(key, code);
      this.sequences.push(parent < 0 ? [plane] : [...this.sequences[parent], plane]);
    }
    return code;
  }
}

/** The i-th of n directions spread evenly over the sphere (a Fibonacci lattice). */
function fibonacciDirection(i: number, n: number): Vec3 {
  const z = 1 - (2 * i + 1) / n;
  const r = Math.sqrt(Math.max(0, 1 - z * z));
  const phi = i * Math.PI * (3 - Math.sqrt(5));
  return [r * Math.cos(phi), r * Math.sin(phi), z];
}

/**
 * A reflected segment: the code of the plane sequence behind it, its origin and unit direction, its
 * length (Infinity when it leaves the scene) and the unfolded path length up to its origin.
 */
export type SegmentVisitor = (
  code: number,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  length: number,
  unfolded: number,
) => void;

export interface ShootOptions {
  readonly maxDepth: number;
  /** Rays over the whole sphere; this call shoots `first`, `first + stride`, ... of them. */
  readonly total: number;
  readonly first?: number;
  readonly stride?: number;
  /** Sees every segment after a reflection (the one after the last allowed reflection included). */
  readonly visit?: SegmentVisitor;
  /** Rays done since the last call, every 4096. */
  readonly onProgress?: (done: number) => void;
}

/** Shoots the rays, numbering every plane sequence they meet in `table`. */
export function shootAndBounce(bvh: Bvh, planes: Planes, tx: Vec3, table: SequenceTable, o: ShootOptions): void {
  const hit = createHit();
  const { visit, onProgress } = o;
  let done = 0;
  for (let i = o.first ?? 0; i < o.total; i += o.stride ?? 1) {
    const d = fibonacciDirection(i, o.total);
    let [dx, dy, dz] = d;
    let [ox, oy, oz] = tx;
    let unfolded = 0;
    let code = -1;
    // the segment after the last reflection is traced only for a visitor
    const segments = visit ? o.maxDepth + 1 : o.maxDepth;
    for (let depth = 0; depth < segments; depth++) {
      const tMin = depth === 0 ? 0 : bvh.epsilon;
      const found = closestHit(bvh, ox, oy, oz, dx, dy, dz, tMin, Number.POSITIVE_INFINITY, hit);
      if (visit && depth > 0) visit(code, ox, oy, oz, dx, dy, dz, found ? hit.t : Number.POSITIVE_INFINITY, unfolded);
      if (!found || depth === o.maxDepth) break;
      const p = planes.planeOf[hit.triangle];
      if (p < 0) break;
      code = table.extend(code, p);
      unfolded += hit.t;
      ox += dx * hit.t;
      oy += dy * hit.t;
      oz += dz * hit.t;
      const nx = planes.normals[p * 3];
      const ny = planes.normals[p * 3 + 1];
      const nz = planes.normals[p * 3 + 2];
      const c = 2 * (dx * nx + dy * ny + dz * nz);
      dx -= c * nx;
      dy -= c * ny;
      dz -= c * nz;
    }
    if (onProgress && ++done % 4096 === 0) onProgress(4096);
  }
}
