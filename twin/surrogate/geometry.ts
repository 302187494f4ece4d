/**
 * What the surrogate knows of a position besides where it is: geometry read from the twin's scene
 * by a few ray casts, which carries into places the network never saw trained (held-out blocks, a
 * new street) where learned grid features cannot. Per site: line of sight, distance, and how far the
 * first obstruction lies towards the site (right behind a wall, or deep in a canyon); around the
 * position: the distance to the nearest wall in eight horizontal directions (street width and
 * orientation, openness). Computed in TypeScript for training and queries alike.
 */
import { ColumnGrid, LevelGrid } from "../bvh/index.js";
import type { RayCaster } from "../paths/ray-caster.js";

/** Horizontal directions of the local scan. */
export const SCAN_DIRECTIONS = 8;
/** The scan's reach: walls farther away read as open, metres. */
export const SCAN_RANGE_M = 40;
/** Features per site: line of sight, log-distance, obstruction distance, shadow angle. */
export const SITE_FEATURES = 4;
/** Where the roof probe starts, metres above z = 0 (above any building). */
const PROBE_TOP_M = 1000;
/** How far past the obstructing wall the roof probe looks down, metres. */
const PROBE_INSIDE_M = 0.5;

export const geometryFeatureCount = (sites: number): number => SITE_FEATURES * sites + SCAN_DIRECTIONS;

/** Heights whose horizontal scans go through a LevelGrid (built on first use); others through the BVH. */
const MAX_LEVEL_GRIDS = 4;

const SCAN = Array.from({ length: SCAN_DIRECTIONS }, (_, k) => {
  const a = (2 * Math.PI * k) / SCAN_DIRECTIONS;
  return [Math.cos(a), Math.sin(a), 0] as [number, number, number];
});

export class GeometryFeatures {
  readonly count: number;
  private readonly from: [number, number, number] = [0, 0, 0];
  private readonly dir: [number, number, number] = [0, 0, 0];
  private readonly levels: LevelGrid[] = [];
  private readonly columns: ColumnGrid;

  constructor(
    private readonly caster: RayCaster,
    readonly sites: readonly (readonly [number, number, number])[],
  ) {
    this.count = geometryFeatureCount(sites.length);
    this.columns = new ColumnGrid(caster.bvh);
  }

  /** The features of (x, y, z) into `out` at `at`; the line of sight per site into `los` at `losAt` when given. */
  compute(
    x: number,
    y: number,
    z: number,
    out: Float32Array | Float64Array,
    at = 0,
    los?: Uint8Array,
    losAt = 0,
  ): void {
    const from = this.from;
    from[0] = x;
    from[1] = y;
    from[2] = z;
    let o = at;
    for (let s = 0; s < this.sites.length; s++) {
      const [sx, sy, sz] = this.sites[s];
      const dx = sx - x;
      const dy = sy - y;
      const dz = sz - z;
      const d = Math.hypot(dx, dy, dz);
      // one cast answers both the line of sight and the obstruction: the first surface between the
      // position and the site, the ends trimmed by the BVH's epsilon as RayCaster.visible trims them
      // (the same window, up to rounding at its ends: visible's t runs along the unnormalised segment)
      let hit = -1;
      if (d > 0) {
        this.dir[0] = dx / d;
        this.dir[1] = dy / d;
        this.dir[2] = dz / d;
        hit = this.caster.firstHitDistance(from, this.dir, d - this.caster.bvh.epsilon);
      }
      const inSight = d > 0 && hit < 0;
      if (los) los[losAt + s] = inSight ? 1 : 0;
      out[o++] = inSight ? 1 : 0;
      out[o++] = Math.log10(Math.max(d, 1)) - 2;
      let obstruction = 0;
      let shadow = 0;
      if (hit >= 0) {
        obstruction = Math.log10(1 + hit) / 2;
        // the obstacle's top: looking down just past the wall it was hit on
        const h = Math.hypot(dx, dy);
        const along = (hit * h) / d;
        const ux = h > 0 ? dx / h : 0;
        const uy = h > 0 ? dy / h : 0;
        const px = x + ux * (along + PROBE_INSIDE_M);
        const py = y + uy * (along + PROBE_INSIDE_M);
        const roof = this.columns.firstHitDistance(px, py, PROBE_TOP_M, false, PROBE_TOP_M);
        if (roof >= 0) {
          const top = PROBE_TOP_M - roof;
          shadow = Math.atan2(top - z, Math.max(along, 0.1)) - Math.atan2(dz, Math.max(h, 0.1));
        }
      }
      out[o++] = obstruction;
      out[o++] = shadow;
    }
    const level = this.levelAt(z);
    for (const dir of SCAN) {
      const hit = level
        ? level.firstHitDistance(x, y, dir[0], dir[1], SCAN_RANGE_M)
        : this.caster.firstHitDistance(from, dir, SCAN_RANGE_M);
      out[o++] = (hit >= 0 ? hit : SCAN_RANGE_M) / SCAN_RANGE_M;
    }
  }

  /**
   * Builds the plan grid of height z now rather than at the first position there (1-3 ms, once per
   * height; the first MAX_LEVEL_GRIDS heights get one, later ones scan through the BVH instead).
   */
  prepare(z: number): void {
    this.levelAt(z);
    // batched queries carry positions as float32: ready that height too
    if (Math.fround(z) !== z) this.levelAt(Math.fround(z));
  }

  /** The heights that have a plan grid. */
  get gridHeights(): number[] {
    return this.levels.map((level) => level.z);
  }

  /**
   * The level grid of height z: the ones already built, a new one while there is room (a few ms, once
   * per height), else none.
   */
  private levelAt(z: number): LevelGrid | undefined {
    for (const level of this.levels) if (level.z === z) return level;
    if (this.levels.length === MAX_LEVEL_GRIDS || !Number.isFinite(z)) return undefined;
    const level = new LevelGrid(this.caster.bvh, z);
    this.levels.push(level);
    return level;
  }
}
