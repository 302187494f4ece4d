/**
 * Axis rays faster than through the BVH, for the surrogate's geometry features: the BVH's triangles
 * binned by their footprint into a uniform grid over the plan.
 *
 * - `LevelGrid`: horizontal rays at one height. It holds the triangles that reach that height and walks
 *   the cells along the ray (a 2D DDA): a street point's ray meets a few cells of wall triangles, where
 *   the BVH descends from its root for each ray (0.46 against 0.19 µs a 40 m ray, urban-district).
 * - `ColumnGrid`: vertical rays. A vertical ray stays in one cell, so it tests that cell's triangles
 *   (every triangle that is not itself vertical) and nothing else.
 *
 * The hits are the BVH's: the same triangles (its packed copy) and the same test (`intersectTriangle`,
 * with the BVH's epsilon as the least distance), so the distances are identical numbers.
 */
import type { Bvh } from "./bvh.js";
import { TRIANGLE_STRIDE } from "./layout.js";
import { intersectTriangle } from "./triangle.js";

/**
 * Default cell size: the square root of the plan's area per kept triangle, within these bounds
 * (metres). Timed per 40 m horizontal ray with cells of 1 to 6 m: the open cities were fastest at 4-6 m
 * (urban-district, paris-etoile: 22 and 7 m by the rule), the dense factory hall at 1-1.5 m (1.5 m).
 */
const MIN_CELL_M = 1;
const MAX_CELL_M = 4;
/** Most cells a grid may have (a huge plan gets larger cells instead of unbounded memory). */
const MAX_CELLS = 1 << 20;

/** Triangles binned by footprint: per cell, the packed triangles whose (padded) footprint reaches it. */
class Footprints {
  readonly x0: number;
  readonly y0: number;
  readonly cell: number;
  readonly cols: number;
  readonly rows: number;
  /** Per cell, where its triangle list starts in `entries` (CSR, cols x rows + 1). */
  readonly starts: Int32Array;
  /** Packed triangle indices, cell after cell. */
  readonly entries: Int32Array;

  /** The triangles of `bvh` that `keep` accepts (given the packed triangles and the one's offset). */
  constructor(bvh: Bvh, keep: (triangles: Float64Array, at: number) => boolean, cellM?: number) {
    const t = bvh.triangles;
    // footprints padded past the hit test's barycentric tolerance and rounding
    const pad = bvh.epsilon;
    const boxes: number[] = [];
    const kept: number[] = [];
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < bvh.triangleCount; k++) {
      const p = k * TRIANGLE_STRIDE;
      if (!keep(t, p)) continue;
      const vx = t[p];
      const vy = t[p + 1];
      const xLo = Math.min(vx, vx + t[p + 3], vx + t[p + 6]) - pad;
      const yLo = Math.min(vy, vy + t[p + 4], vy + t[p + 7]) - pad;
      const xHi = Math.max(vx, vx + t[p + 3], vx + t[p + 6]) + pad;
      const yHi = Math.max(vy, vy + t[p + 4], vy + t[p + 7]) + pad;
      boxes.push(xLo, yLo, xHi, yHi);
      kept.push(k);
      x0 = Math.min(x0, xLo);
      y0 = Math.min(y0, yLo);
      x1 = Math.max(x1, xHi);
      y1 = Math.max(y1, yHi);
    }
    if (kept.length === 0) x0 = y0 = x1 = y1 = 0;
    const perTriangle = Math.sqrt(((x1 - x0) * (y1 - y0)) / Math.max(kept.length, 1));
    if (cellM !== undefined && !(cellM > 0 && Number.isFinite(cellM))) {
      throw new RangeError(`cell size ${cellM} is not a length > 0`);
    }
    let cell = cellM ?? Math.min(MAX_CELL_M, Math.max(MIN_CELL_M, perTriangle));
    while (Math.ceil((x1 - x0) / cell) * Math.ceil((y1 - y0) / cell) > MAX_CELLS) cell *= 2;
    this.x0 = x0;
    this.y0 = y0;
    this.cell = cell;
    this.cols = Math.max(1, Math.ceil((x1 - x0) / cell));
    this.rows = Math.max(1, Math.ceil((y1 - y0) / cell));
    // two passes over the footprints: count per cell, then fill
    const starts = new Int32Array(this.cols * this.rows + 1);
    const each = (b: number, visit: (c: number) => void) => {
      const [i0, i1] = [this.column(boxes[b]), this.column(boxes[b + 2])];
      const [j0, j1] = [this.row(boxes[b + 1]), this.row(boxes[b + 3])];
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) visit(j * this.cols + i);
    };
    kept.forEach((_, s) => each(4 * s, (c) => starts[c + 1]++));
    for (let c = 0; c < starts.length - 1; c++) starts[c + 1] += starts[c];
    const fill = starts.slice(0, -1);
    const entries = new Int32Array(starts[starts.length - 1]);
    kept.forEach((k, s) => each(4 * s, (c) => (entries[fill[c]++] = k)));
    this.starts = starts;
    this.entries = entries;
  }

  /** The column of x, clamped to the grid. */
  column(x: number): number {
    const i = Math.floor((x - this.x0) / this.cell);
    return !(i >= 0) ? 0 : i >= this.cols ? this.cols - 1 : i; // NaN clamps too
  }

  /** The row of y, clamped to the grid. */
  row(y: number): number {
    const j = Math.floor((y - this.y0) / this.cell);
    return !(j >= 0) ? 0 : j >= this.rows ? this.rows - 1 : j;
  }
}

/** Where a grid's cells lie: the corner (x0, y0), the cell size and the counts. */
export interface PlanCells {
  readonly x0: number;
  readonly y0: number;
  readonly cell: number;
  readonly cols: number;
  readonly rows: number;
}

const cellsOf = ({ x0, y0, cell, cols, rows }: Footprints): PlanCells => ({ x0, y0, cell, cols, rows });

/** Horizontal rays at one height. */
export class LevelGrid {
  private readonly grid: Footprints;

  get cells(): PlanCells {
    return cellsOf(this.grid);
  }

  /** The grid of the triangles of `bvh` that reach height `z`. */
  constructor(
    private readonly bvh: Bvh,
    readonly z: number,
    cellM?: number,
  ) {
    const pad = bvh.epsilon;
    this.grid = new Footprints(
      bvh,
      (t, p) => {
        // a horizontal triangle is parallel to every horizontal ray: never hit (det = 0 exactly)
        if (t[p + 5] === 0 && t[p + 8] === 0) return false;
        const v = t[p + 2];
        return Math.min(v, v + t[p + 5], v + t[p + 8]) <= z + pad && Math.max(v, v + t[p + 5], v + t[p + 8]) >= z - pad;
      },
      cellM,
    );
  }

  /**
   * The distance to the first surface along the horizontal unit direction (dx, dy) from (x, y, z) of
   * this grid, within `maxDistance`, or -1: what `RayCaster.firstHitDistance` answers for that ray.
   */
  firstHitDistance(x: number, y: number, dx: number, dy: number, maxDistance: number): number {
    const g = this.grid;
    const { cell, cols, rows, x0, y0 } = g;
    // where the ray is inside the grid's rectangle
    let tIn = 0;
    let tOut = maxDistance;
    if (dx !== 0) {
      const a = (x0 - x) / dx;
      const b = (x0 + cols * cell - x) / dx;
      tIn = Math.max(tIn, Math.min(a, b));
      tOut = Math.min(tOut, Math.max(a, b));
    } else if (!(x >= x0 && x <= x0 + cols * cell)) return -1;
    if (dy !== 0) {
      const a = (y0 - y) / dy;
      const b = (y0 + rows * cell - y) / dy;
      tIn = Math.max(tIn, Math.min(a, b));
      tOut = Math.min(tOut, Math.max(a, b));
    } else if (!(y >= y0 && y <= y0 + rows * cell)) return -1;
    // (written to fail on NaN: a NaN origin, direction or distance would walk no cell and never stop)
    if (!(tIn <= tOut)) return -1;
    let i = g.column(x + tIn * dx);
    let j = g.row(y + tIn * dy);
    const stepI = dx > 0 ? 1 : -1;
    const stepJ = dy > 0 ? 1 : -1;
    const deltaX = dx !== 0 ? cell / Math.abs(dx) : Number.POSITIVE_INFINITY;
    const deltaY = dy !== 0 ? cell / Math.abs(dy) : Number.POSITIVE_INFINITY;
    let nextX = dx !== 0 ? (x0 + (i + (dx > 0 ? 1 : 0)) * cell - x) / dx : Number.POSITIVE_INFINITY;
    let nextY = dy !== 0 ? (y0 + (j + (dy > 0 ? 1 : 0)) * cell - y) / dy : Number.POSITIVE_INFINITY;
    const { starts, entries } = g;
    const t = this.bvh.triangles;
    const tMin = this.bvh.epsilon;
    let best = maxDistance;
    for (;;) {
      const c = j * cols + i;
      for (let e = starts[c], end = starts[c + 1]; e < end; e++) {
        const hit = intersectTriangle(t, entries[e], x, y, this.z, dx, dy, 0, tMin, best);
        if (hit < best) best = hit;
      }
      // a hit inside this cell cannot be beaten by a later cell (a hit on its far edge: look one further)
      const exit = nextX < nextY ? nextX : nextY;
      if (best < exit || exit >= tOut) break;
      if (nextX < nextY) {
        i += stepI;
        nextX += deltaX;
        if (i < 0 || i >= cols) break;
      } else {
        j += stepJ;
        nextY += deltaY;
        if (j < 0 || j >= rows) break;
      }
    }
    return best < maxDistance ? best : -1;
  }
}

/** Vertical rays. */
export class ColumnGrid {
  private readonly grid: Footprints;

  get cells(): PlanCells {
    return cellsOf(this.grid);
  }

  constructor(
    private readonly bvh: Bvh,
    cellM?: number,
  ) {
    // a vertical triangle (a wall) is parallel to every vertical ray: never hit (det = e1x e2y - e1y e2x,
    // computed as the hit test computes it, is 0)
    this.grid = new Footprints(bvh, (t, p) => t[p + 3] * t[p + 7] - t[p + 4] * t[p + 6] !== 0, cellM);
  }

  /**
   * The distance to the first surface straight down (`up` false) or up from (x, y, z) within
   * `maxDistance`, or -1: what `RayCaster.firstHitDistance` answers for that ray.
   */
  firstHitDistance(x: number, y: number, z: number, up: boolean, maxDistance: number): number {
    const g = this.grid;
    if (!(x >= g.x0 && y >= g.y0 && x <= g.x0 + g.cols * g.cell && y <= g.y0 + g.rows * g.cell)) return -1;
    const c = g.row(y) * g.cols + g.column(x);
    const t = this.bvh.triangles;
    const tMin = this.bvh.epsilon;
    const dz = up ? 1 : -1;
    let best = maxDistance;
    for (let e = g.starts[c], end = g.starts[c + 1]; e < end; e++) {
      const hit = intersectTriangle(t, g.entries[e], x, y, z, 0, 0, dz, tMin, best);
      if (hit < best) best = hit;
    }
    return best < maxDistance ? best : -1;
  }
}
