/**
 * Where the surrogate's training and test positions go, on the UE plane of a scene: a regular grid,
 * uniform random points, points in street canyons (buildings close on both sides) and points near
 * building edges (where shadows begin), all outdoors; and the held-out split by square blocks, so a
 * test position is never a training position's neighbour inside the same block. Pure: scene in,
 * positions out, the same for the same seed.
 */
import { buildingMask, type MapGrid } from "../../twin/radio-map/index.js";
import { type Scene, sceneBounds, seededRandom } from "../../twin/scene/index.js";

export const POSITION_KINDS = ["grid", "random", "canyon", "edge"] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export interface PositionOptions {
  /** UE plane height above z = 0, metres. */
  readonly heightM: number;
  /** Spacing of the grid positions, metres (0: none). */
  readonly gridM: number;
  readonly random: number;
  readonly canyon: number;
  readonly edge: number;
  /** Side of the split blocks, metres. */
  readonly blockM: number;
  /** Share of the blocks held out for testing. */
  readonly testFraction: number;
  readonly seed: number;
}

export const POSITION_DEFAULTS = {
  gridM: 4,
  random: 12_000,
  canyon: 6_000,
  edge: 6_000,
  blockM: 20,
  testFraction: 0.2,
  seed: 1,
} as const;

export interface Positions {
  /** x, y, z per position. */
  readonly xyz: Float64Array;
  /** Index into POSITION_KINDS. */
  readonly kind: Uint8Array;
  /** 1: held out (test), 0: training. */
  readonly test: Uint8Array;
  readonly count: number;
}

/** Resolution of the outdoor mask the sampler tests points against, metres. */
const MASK_RES_M = 0.5;
/** A canyon: buildings within this distance on both sides, along x or along y, metres. */
const CANYON_REACH_M = 15;
/** Near an edge: a building within this distance, metres. */
const EDGE_REACH_M = 3;

/** The outdoor mask of the scene's UE plane, for sampling (and for benches that sample as the datasets do). */
export class Outdoors {
  private readonly grid: MapGrid;
  private readonly inside: Uint8Array;

  constructor(scene: Scene, heightM: number) {
    const b = sceneBounds(scene);
    if (!b) throw new RangeError("the scene is empty");
    const width = Math.ceil((b.max[0] - b.min[0]) / MASK_RES_M);
    const height = Math.ceil((b.max[1] - b.min[1]) / MASK_RES_M);
    this.grid = { x0: b.min[0], y0: b.min[1], resM: MASK_RES_M, width, height };
    this.inside = buildingMask(scene, this.grid, heightM);
  }

  get area(): { x0: number; y0: number; x1: number; y1: number } {
    const g = this.grid;
    return { x0: g.x0, y0: g.y0, x1: g.x0 + g.width * g.resM, y1: g.y0 + g.height * g.resM };
  }

  /** Inside a building, or outside the scene's extent (`outside`: what to say there). */
  blocked(x: number, y: number, outside = true): boolean {
    const g = this.grid;
    const i = Math.floor((x - g.x0) / g.resM);
    const j = Math.floor((y - g.y0) / g.resM);
    if (i < 0 || j < 0 || i >= g.width || j >= g.height) return outside;
    return this.inside[j * g.width + i] === 1;
  }

  /** A building within `reach` metres going from (x, y) along (dx, dy) (the scene's edge is not one). */
  private hitAlong(x: number, y: number, dx: number, dy: number, reach: number): boolean {
    for (let s = MASK_RES_M; s <= reach; s += MASK_RES_M) if (this.blocked(x + s * dx, y + s * dy, false)) return true;
    return false;
  }

  canyon(x: number, y: number): boolean {
    const r = CANYON_REACH_M;
    return (
      (this.hitAlong(x, y, 1, 0, r) && this.hitAlong(x, y, -1, 0, r)) ||
      (this.hitAlong(x, y, 0, 1, r) && this.hitAlong(x, y, 0, -1, r))
    );
  }

  nearEdge(x: number, y: number): boolean {
    for (let a = 0; a < 8; a++) {
      const t = (a * Math.PI) / 4;
      if (this.hitAlong(x, y, Math.cos(t), Math.sin(t), EDGE_REACH_M)) return true;
    }
    return false;
  }
}

/** Whether the block holding (x, y) is held out: a hash of the block's indices and the seed. */
export function heldOut(x: number, y: number, o: Pick<PositionOptions, "blockM" | "testFraction" | "seed">): boolean {
  const i = Math.floor(x / o.blockM);
  const j = Math.floor(y / o.blockM);
  let h = (Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca77) ^ Math.imul(o.seed, 0xc2b2ae3d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296 < o.testFraction;
}

/** The positions of a dataset. Throws RangeError when a kind cannot be filled (a scene without streets). */
export function samplePositions(scene: Scene, options: PositionOptions): Positions {
  const o = options;
  for (const k of ["gridM", "random", "canyon", "edge"] as const) {
    if (!(o[k] >= 0)) throw new RangeError(`${k} ${o[k]} is not a number >= 0`);
  }
  if (!(o.blockM > 0)) throw new RangeError(`blockM ${o.blockM} is not positive`);
  if (!(o.testFraction > 0 && o.testFraction < 1))
    throw new RangeError(`testFraction ${o.testFraction} is not in (0, 1)`);
  const out = new Outdoors(scene, o.heightM);
  const { x0, y0, x1, y1 } = out.area;
  const xs: number[] = [];
  const kinds: number[] = [];
  const add = (x: number, y: number, kind: PositionKind) => {
    xs.push(x, y, o.heightM);
    kinds.push(POSITION_KINDS.indexOf(kind));
  };
  if (o.gridM > 0) {
    for (let y = y0 + o.gridM / 2; y < y1; y += o.gridM) {
      for (let x = x0 + o.gridM / 2; x < x1; x += o.gridM) if (!out.blocked(x, y)) add(x, y, "grid");
    }
  }
  const rng = seededRandom(o.seed);
  const draw = (kind: PositionKind, n: number, accept: (x: number, y: number) => boolean) => {
    // a kind that almost never accepts would loop for ever: give up after a bounded number of tries
    const maxTries = 1000 * n + 10_000;
    let got = 0;
    for (let tries = 0; got < n; tries++) {
      if (tries > maxTries) throw new RangeError(`found only ${got} of ${n} ${kind} positions in the scene`);
      const x = rng.uniform(x0, x1);
      const y = rng.uniform(y0, y1);
      if (out.blocked(x, y) || !accept(x, y)) continue;
      add(x, y, kind);
      got++;
    }
  };
  draw("random", o.random, () => true);
  draw("canyon", o.canyon, (x, y) => out.canyon(x, y));
  draw("edge", o.edge, (x, y) => out.nearEdge(x, y));
  const count = kinds.length;
  const test = new Uint8Array(count);
  for (let i = 0; i < count; i++) test[i] = heldOut(xs[3 * i], xs[3 * i + 1], o) ? 1 : 0;
  return { xyz: Float64Array.from(xs), kind: Uint8Array.from(kinds), test, count };
}
