/**
 * Where UEs can be: a square lattice over the true scene whose nodes are free at walking height
 * (not inside a building, machine or parked truck), joined to their 8 neighbours (no corner cutting),
 * reduced to its largest connected part. A road lattice keeps only nodes with clearance from any
 * obstacle, so vehicles drive mid-street. Distance fields (`distanceField`) give every node its
 * distance to a target, so any number of UEs find shortest routes to it by walking downhill.
 */
import type { MapGrid } from "../../twin/radio-map/index.js";
import { type Scene, sceneBounds } from "../../twin/scene/index.js";

/** Neighbour steps (di, dj) and their lengths in tenths of a lattice step (chamfer 10/14). */
const STEPS: readonly (readonly [number, number, number])[] = [
  [1, 0, 10],
  [-1, 0, 10],
  [0, 1, 10],
  [0, -1, 10],
  [1, 1, 14],
  [-1, 1, 14],
  [1, -1, 14],
  [-1, -1, 14],
];

export const UNREACHABLE = 0xffffffff;

export class Lattice {
  /** 1 where a UE may stand. */
  readonly free: Uint8Array;
  /** Free node indices (for drawing positions). */
  readonly nodes: Int32Array;

  constructor(
    readonly grid: MapGrid,
    free: Uint8Array,
  ) {
    this.free = largestComponent(grid, free);
    const nodes: number[] = [];
    for (let k = 0; k < this.free.length; k++) if (this.free[k]) nodes.push(k);
    if (nodes.length === 0) throw new RangeError("no free ground for UEs in the scene");
    this.nodes = Int32Array.from(nodes);
  }

  x(k: number): number {
    return this.grid.x0 + ((k % this.grid.width) + 0.5) * this.grid.resM;
  }

  y(k: number): number {
    return this.grid.y0 + (Math.floor(k / this.grid.width) + 0.5) * this.grid.resM;
  }

  /** The node nearest to (x, y), free or not (-1 off the lattice). */
  nodeAt(x: number, y: number): number {
    const i = Math.floor((x - this.grid.x0) / this.grid.resM);
    const j = Math.floor((y - this.grid.y0) / this.grid.resM);
    if (i < 0 || j < 0 || i >= this.grid.width || j >= this.grid.height) return -1;
    return j * this.grid.width + i;
  }

  /** The free node nearest to (x, y) (by a spiral search), or -1 if none within `maxSteps`. */
  nearestFree(x: number, y: number, maxSteps = 64): number {
    const { width, height, resM, x0, y0 } = this.grid;
    const ci = Math.floor((x - x0) / resM);
    const cj = Math.floor((y - y0) / resM);
    let best = -1;
    let bestD = Infinity;
    // ring by ring; a node found in ring r may still lose to one in a later ring up to r * sqrt(2) out
    for (let r = 0; r <= maxSteps && (best < 0 || r * r <= bestD); r++) {
      for (let j = cj - r; j <= cj + r; j++) {
        for (let i = ci - r; i <= ci + r; i++) {
          if (Math.max(Math.abs(i - ci), Math.abs(j - cj)) !== r) continue;
          if (i < 0 || j < 0 || i >= width || j >= height || !this.free[j * width + i]) continue;
          const d = (i - ci) ** 2 + (j - cj) ** 2;
          if (d < bestD) {
            bestD = d;
            best = j * width + i;
          }
        }
      }
    }
    return best;
  }

  /**
   * Calls `visit(neighbour, lengthTenths)` for each free neighbour of free node `k` that a UE can step
   * to (diagonals only when both sides are free).
   */
  forNeighbours(k: number, visit: (n: number, tenths: number) => void): void {
    const { width, height } = this.grid;
    const i = k % width;
    const j = (k - i) / width;
    for (const [di, dj, len] of STEPS) {
      const a = i + di;
      const b = j + dj;
      if (a < 0 || b < 0 || a >= width || b >= height) continue;
      const n = b * width + a;
      if (!this.free[n]) continue;
      if (di !== 0 && dj !== 0 && !(this.free[j * width + a] && this.free[b * width + i])) continue;
      visit(n, len);
    }
  }

  /** Distance (tenths of a step, chamfer) from every node to `target` (UNREACHABLE off the lattice). */
  distanceField(target: number): Uint32Array {
    const dist = new Uint32Array(this.free.length).fill(UNREACHABLE);
    if (!this.free[target]) throw new RangeError("the target is not on the lattice");
    // Dial's algorithm: buckets by distance, the ring of 15 covers the largest step
    const ring: number[][] = Array.from({ length: 15 }, () => []);
    dist[target] = 0;
    ring[0].push(target);
    let pending = 1;
    for (let d = 0; pending > 0; d++) {
      const bucket = ring[d % 15];
      while (bucket.length > 0) {
        const k = bucket.pop()!;
        pending--;
        if (dist[k] !== d) continue;
        this.forNeighbours(k, (n, len) => {
          if (d + len < dist[n]) {
            dist[n] = d + len;
            ring[(d + len) % 15].push(n);
            pending++;
          }
        });
      }
    }
    return dist;
  }

  /** A lattice of the nodes at least `clearanceM` from anything not free (roads for vehicles). */
  withClearance(clearanceM: number): Lattice {
    const { width, height, resM } = this.grid;
    const steps = Math.ceil(clearanceM / resM);
    // blocked cells grow by `steps` (a square neighbourhood); the scene's open edge does not
    const keep = Uint8Array.from(this.free);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        if (this.free[j * width + i]) continue;
        for (let b = Math.max(0, j - steps); b <= Math.min(height - 1, j + steps); b++) {
          for (let a = Math.max(0, i - steps); a <= Math.min(width - 1, i + steps); a++) keep[b * width + a] = 0;
        }
      }
    }
    return new Lattice(this.grid, keep);
  }
}

/**
 * The lattice of a scene: spacing `spacingM`, blocked where a surface crosses the plane `heightM`
 * (walls, machines, racking, parked trucks: the scene's cross-section at walking height, so roofed halls
 * work as well as streets). Building interiors, closed off by their walls, fall away with every part
 * but the largest.
 */
export function sceneLattice(scene: Scene, spacingM: number, heightM = 1): Lattice {
  const b = sceneBounds(scene);
  if (!b) throw new RangeError("the scene is empty");
  const grid: MapGrid = {
    x0: b.min[0],
    y0: b.min[1],
    resM: spacingM,
    width: Math.max(1, Math.floor((b.max[0] - b.min[0]) / spacingM)),
    height: Math.max(1, Math.floor((b.max[1] - b.min[1]) / spacingM)),
  };
  const free = new Uint8Array(grid.width * grid.height).fill(1);
  const t = scene.triangles;
  const mark = (x: number, y: number) => {
    const i = Math.floor((x - grid.x0) / spacingM);
    const j = Math.floor((y - grid.y0) / spacingM);
    if (i >= 0 && j >= 0 && i < grid.width && j < grid.height) free[j * grid.width + i] = 0;
  };
  const cut: number[] = [];
  for (let k = 0; k < t.length; k += 9) {
    // the segment where the triangle crosses z = heightM: from its edges that straddle the plane
    cut.length = 0;
    for (let e = 0; e < 3; e++) {
      const a = k + 3 * e;
      const c = k + 3 * ((e + 1) % 3);
      const za = t[a + 2] - heightM;
      const zc = t[c + 2] - heightM;
      if ((za < 0 && zc >= 0) || (za >= 0 && zc < 0)) {
        const f = za / (za - zc);
        cut.push(t[a] + f * (t[c] - t[a]), t[a + 1] + f * (t[c + 1] - t[a + 1]));
      }
    }
    if (cut.length < 4) continue;
    const len = Math.hypot(cut[2] - cut[0], cut[3] - cut[1]);
    // a quarter-step stride marks every node the segment passes over, so no diagonal slips through
    const steps = Math.max(1, Math.ceil((4 * len) / spacingM));
    for (let s = 0; s <= steps; s++)
      mark(cut[0] + ((cut[2] - cut[0]) * s) / steps, cut[1] + ((cut[3] - cut[1]) * s) / steps);
  }
  return new Lattice(grid, free);
}

/** Keeps the largest 8-connected part of `free` (an island inside a courtyard is no place to start). */
function largestComponent(grid: MapGrid, free: Uint8Array): Uint8Array {
  const { width, height } = grid;
  const label = new Int32Array(free.length).fill(-1);
  let bestLabel = -1;
  let bestSize = 0;
  const stack: number[] = [];
  let next = 0;
  for (let s = 0; s < free.length; s++) {
    if (!free[s] || label[s] >= 0) continue;
    const id = next++;
    let size = 0;
    label[s] = id;
    stack.push(s);
    while (stack.length > 0) {
      const k = stack.pop()!;
      size++;
      const i = k % width;
      const j = (k - i) / width;
      for (const [di, dj] of STEPS) {
        const a = i + di;
        const b = j + dj;
        if (a < 0 || b < 0 || a >= width || b >= height) continue;
        const n = b * width + a;
        if (!free[n] || label[n] >= 0) continue;
        if (di !== 0 && dj !== 0 && !(free[j * width + a] && free[b * width + i])) continue;
        label[n] = id;
        stack.push(n);
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = id;
    }
  }
  return Uint8Array.from(label, (l) => (l === bestLabel && l >= 0 ? 1 : 0));
}
