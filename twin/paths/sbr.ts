/**
 * Shooting and bouncing rays (SBR): rays from a transmitter on a (z, azimuth) grid over the sphere,
 * reflected specularly at each surface, their plane sequences numbered as they are found. Where two
 * neighbouring grid rays end on different plane sequences, a few more rays are shot between them:
 * that is where the thin slivers of ray space lie (sequences reaching past a building's corner, or one
 * plane more than their neighbours) that evenly spaced rays hit only by chance. One walker serves the
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

/**
 * Directions over the sphere in rows of equal z step and columns of equal azimuth step, so each stands
 * for the same solid angle. The grids come in sizes 3 * 2^L (L = 0, 1, ...), doubling the columns and
 * the rows in turn, with rows starting at the zenith and columns at azimuth 0: each grid holds every
 * ray of the smaller ones, so more rays never lose what fewer found. `rays` picks the size nearest to
 * it (in ratio): 1,000,000 gives 786,432 (512 x 1,536), 2,000,000 gives 1,572,864.
 */
export class RayGrid {
  readonly rows: number;
  readonly cols: number;

  constructor(rays: number) {
    const level = Math.max(0, Math.round(Math.log2(rays / 3)));
    this.rows = 2 ** Math.floor(level / 2);
    this.cols = 3 * 2 ** Math.ceil(level / 2);
  }

  get size(): number {
    return this.rows * this.cols;
  }

  /** Angular radius of a grid ray's tube: its share 4 pi / (rows cols) of the sphere as a disc. */
  get spread(): number {
    return 2 / Math.sqrt(this.size);
  }

  /** The unit direction at (fractional) `row` and `col`, into `out`. */
  direction(row: number, col: number, out: Float64Array): Float64Array {
    const z = 1 - (2 * row) / this.rows;
    const r = Math.sqrt(Math.max(0, 1 - z * z));
    const phi = (2 * Math.PI * col) / this.cols;
    out[0] = r * Math.cos(phi);
    out[1] = r * Math.sin(phi);
    out[2] = z;
    return out;
  }
}

/**
 * A reflected segment: the code of the plane sequence behind it, its origin and unit direction, its
 * length (Infinity when it leaves the scene), the unfolded path length up to its origin, and the angular
 * radius of the ray's tube (its footprint at unfolded distance L is about L * spread across).
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
  spread: number,
) => void;

export interface ShootOptions {
  readonly maxDepth: number;
  /** Rays of the grid over the whole sphere, before refinement. */
  readonly rays: number;
  /** Rays shot between two neighbouring grid rays whose plane sequences differ (default 3). */
  readonly refine?: number;
  /**
   * This call's share of the grid: blocks of rows `part`, `part + parts`, ... (default all). The shares
   * of `parts` calls together find and visit what one call alone does (each also traces the row after
   * each of its blocks, unvisited).
   */
  readonly part?: number;
  readonly parts?: number;
  /** Sees every segment after a reflection (the one after the last allowed reflection included). */
  readonly visit?: SegmentVisitor;
  /** Rays done since the last call, every 4096. */
  readonly onProgress?: (done: number) => void;
}

export const DEFAULT_REFINE = 3;

/** Shoots the rays, numbering every plane sequence they meet in `table`; returns how many it traced. */
export function shootAndBounce(bvh: Bvh, planes: Planes, tx: Vec3, table: SequenceTable, o: ShootOptions): number {
  const grid = new RayGrid(o.rays);
  const { rows, cols } = grid;
  const refine = o.refine ?? DEFAULT_REFINE;
  const part = o.part ?? 0;
  const parts = o.parts ?? 1;
  const hit = createHit();
  const dir = new Float64Array(3);
  const { visit, onProgress } = o;
  // the segment after the last reflection is traced only for a visitor
  const segments = visit ? o.maxDepth + 1 : o.maxDepth;
  let shot = 0;

  /** Traces one ray; returns the code of the whole plane sequence it met (-1 for none). */
  const trace = (row: number, col: number, spread: number, visiting: boolean): number => {
    grid.direction(row, col, dir);
    let dx = dir[0];
    let dy = dir[1];
    let dz = dir[2];
    let [ox, oy, oz] = tx;
    let unfolded = 0;
    let code = -1;
    for (let depth = 0; depth < segments; depth++) {
      const tMin = depth === 0 ? 0 : bvh.epsilon;
      const found = closestHit(bvh, ox, oy, oz, dx, dy, dz, tMin, Number.POSITIVE_INFINITY, hit);
      if (visiting && depth > 0)
        visit!(code, ox, oy, oz, dx, dy, dz, found ? hit.t : Number.POSITIVE_INFINITY, unfolded, spread);
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
    if (++shot % 4096 === 0) onProgress?.(4096);
    return code;
  };
  const spread = grid.spread;
  const traceRow = (row: number, into: Int32Array, visiting: boolean) => {
    for (let c = 0; c < cols; c++) into[c] = trace(row, c, spread, visiting && visit !== undefined);
  };
  const fine = spread / (refine + 1);
  const between = (r0: number, c0: number, r1: number, c1: number) => {
    for (let k = 1; k <= refine; k++) {
      const f = k / (refine + 1);
      trace(r0 + (r1 - r0) * f, c0 + (c1 - c0) * f, fine, visit !== undefined);
    }
  };

  // blocks of rows spread the work evenly however it varies with elevation; each block also traces the
  // row after it (without visiting: its owner does) to refine across the block's last boundary
  const blockRows = parts === 1 ? rows : Math.ceil(rows / (parts * 8));
  let here = new Int32Array(cols);
  let next = new Int32Array(cols);
  for (let block = part; block * blockRows < rows; block += parts) {
    const first = block * blockRows;
    const end = Math.min(rows, first + blockRows);
    traceRow(first, here, true);
    for (let r = first; r < end; r++) {
      for (let c = 0; c < cols; c++) if (cols > 1 && here[c] !== here[(c + 1) % cols]) between(r, c, r, c + 1);
      if (r + 1 === rows) break;
      traceRow(r + 1, next, r + 1 < end);
      for (let c = 0; c < cols; c++) if (here[c] !== next[c]) between(r, c, r + 1, c);
      [here, next] = [next, here];
    }
  }
  if (onProgress && shot % 4096 !== 0) onProgress(shot % 4096);
  return shot;
}
