/**
 * Evaluation: the exact paths (the path solver's own functions) for the discovered (sequence, cell)
 * pairs, reduced to per-beam power: the cell's beam gain towards the path's departure times the path's
 * power into a vertically polarised isotropic receiver, matched to the cell's polarisation.
 */
import { beamGains, type Cell, pathBeamPowers } from "../antenna/cell.js";
import { BLOCKED } from "../paths/image-method.js";
import {
  diffractedRay,
  hasLineOfSight,
  type Link,
  lineOfSightPath,
  rayTransfer,
  traceSpecularPath,
} from "../paths/path-solver.js";
import type { Path } from "../paths/paths.js";
import { fromAzEl, type Vec3 } from "../paths/vec.js";
import type { Continuations } from "./continuation.js";
import { EdgeSight } from "./edge-sight.js";
import type { MapGrid } from "./footprint.js";
import { cellOf, codeOf } from "./marks.js";

const gainTables = new WeakMap<Cell, BeamGainTable>();

/** Per-beam linear path gain of one cell over the grid: `gains[beam * cells + cell]`. */
export class BeamAccumulator {
  readonly gains: Float32Array;
  private readonly beamScratch: Float64Array;

  readonly beams: number;

  constructor(
    private readonly cell: Cell,
    private readonly cellCount: number,
  ) {
    this.beams = cell.codebook.beamCount;
    this.beamScratch = new Float64Array(cell.codebook.beamCount);
    this.gains = new Float32Array(cell.codebook.beamCount * cellCount);
  }

  /** The cell's tabulated beam gains (made on first use, then kept for every task of its thread). */
  get table(): BeamGainTable {
    let table = gainTables.get(this.cell);
    if (!table) gainTables.set(this.cell, (table = new BeamGainTable(this.cell)));
    return table;
  }

  add(path: Path, gridCell: number): void {
    this.addRay(fromAzEl(path.aod[0], path.aod[1]), path.transfer, gridCell);
  }

  /** A ray leaving along unit `departure` with 2x2 transfer matrix `transfer` (as `Path.transfer`). */
  addRay(departure: Vec3, transfer: Float64Array, gridCell: number): void {
    const beams = pathBeamPowers(this.cell, departure, transfer, this.beamScratch);
    for (let b = 0; b < beams.length; b++) this.gains[b * this.cellCount + gridCell] += beams[b];
  }
}

/**
 * A cell's beam gains tabulated over directions (1 degree steps in azimuth and elevation), each patch
 * holding the largest gain at its four corners, 1 dB up: a fast upper estimate for deciding which paths
 * to skip. (Accumulation uses the exact gains.)
 */
class BeamGainTable {
  private static readonly STEP = Math.PI / 180;
  private static readonly MARGIN = 10 ** 0.1;
  private readonly patches: Float32Array;
  private readonly beams: number;

  constructor(cell: Cell) {
    this.beams = cell.codebook.beamCount;
    const cols = 361;
    const rows = 181;
    const corners = new Float32Array(cols * rows * this.beams);
    const g = new Float64Array(this.beams);
    const d = new Float64Array(3);
    for (let j = 0; j < rows; j++) {
      const el = -Math.PI / 2 + j * BeamGainTable.STEP;
      for (let i = 0; i < cols; i++) {
        const az = -Math.PI + i * BeamGainTable.STEP;
        d[0] = Math.cos(el) * Math.cos(az);
        d[1] = Math.cos(el) * Math.sin(az);
        d[2] = Math.sin(el);
        beamGains(cell, d, g);
        corners.set(g, (j * cols + i) * this.beams);
      }
    }
    this.patches = new Float32Array(360 * 180 * this.beams);
    for (let j = 0; j < 180; j++) {
      for (let i = 0; i < 360; i++) {
        for (let b = 0; b < this.beams; b++) {
          const at = (r: number, c: number) => corners[(r * cols + c) * this.beams + b];
          const max = Math.max(at(j, i), at(j, i + 1), at(j + 1, i), at(j + 1, i + 1));
          this.patches[(j * 360 + i) * this.beams + b] = max * BeamGainTable.MARGIN;
        }
      }
    }
  }

  /** Offset into the table of the patch holding unit direction (x, y, z). */
  patchOf(x: number, y: number, z: number): number {
    const i = Math.min(359, Math.floor((Math.atan2(y, x) + Math.PI) / BeamGainTable.STEP));
    const j = Math.min(
      179,
      Math.max(0, Math.floor((Math.asin(Math.max(-1, Math.min(1, z))) + Math.PI / 2) / BeamGainTable.STEP)),
    );
    return (j * 360 + i) * this.beams;
  }

  gain(patch: number, beam: number): number {
    return this.patches[patch + beam];
  }
}

/** The receiver point of grid cell `k`. */
function cellPoint(grid: MapGrid, heightM: number, k: number): Vec3 {
  const i = k % grid.width;
  const j = (k - i) / grid.width;
  return [grid.x0 + (i + 0.5) * grid.resM, grid.y0 + (j + 0.5) * grid.resM, heightM];
}

/**
 * Line of sight for grid cells `first`, `first + stride`, ... (skipping `skip[k] = 1`): adds the LoS
 * paths and sets `visible[k]` (needed to place diffraction on the right side of shadow boundaries).
 */
export function evaluateLineOfSight(
  link: Link,
  grid: MapGrid,
  heightM: number,
  skip: Uint8Array,
  first: number,
  stride: number,
  visible: Uint8Array,
  acc: BeamAccumulator,
  onProgress?: (done: number) => void,
): void {
  const n = grid.width * grid.height;
  for (let k = first; k < n; k += stride) {
    if (onProgress && (k & 8191) === first) onProgress(8192);
    if (skip[k]) continue;
    const rx = cellPoint(grid, heightM, k);
    if (hasLineOfSight(link, rx)) {
      visible[k] = 1;
      acc.add(lineOfSightPath(link, rx), k);
    }
  }
}

/**
 * How far (in cells) evaluation grows a specular region from a cell it reached: 2, a 5 x 5
 * square. A region narrower than a cell, such as a path grazing past a corner, shows at cell centres as
 * dashed pieces a few cells apart, and reaching past the gaps joins them up; the rays then need seed
 * only one. (With continuations, reaching 3 changed etoile's 1 M vs 2 M convergence by 0.002 dB and
 * cost a fifth more specular evaluation.) Diffraction regions are wide (an edge lights a whole cone)
 * and grow to their 8 neighbours: reaching 3 cells out there changed the map's convergence by 0.01 dB
 * (etoile, BENCHMARKS.md).
 */
const SPECULAR_REACH = 2;
const WEDGE_REACH = 1;

/** What `floodEvaluate`'s `tryCell` says of a cell: the region stops there, or grows on from it. */
const STOP = 0;
const GROW = 1;
/**
 * Grows on into the cells up to LATTICE away whose row and column are multiples of LATTICE, and into
 * those `always` accepts: across an area where the region is known to be smooth and weak, a quarter of
 * the cells carry it on. A cell left out is evaluated still if a full growth reaches it.
 */
const SKIP_AHEAD = 2;
const LATTICE = 2;
type Growth = typeof STOP | typeof GROW | typeof SKIP_AHEAD;

/**
 * Runs `tryCell(code, cell)` over each code's marked cells and grows from every cell where it says the
 * region goes on into the cells up to `reach` away, until the region is closed: discovery's rays only
 * seed a region, so a region is evaluated whole however thin it is or however few rays landed in it (the
 * map then stops changing as the rays grow, once every region has a seed). Keys are sorted by code.
 */
function floodEvaluate(
  grid: MapGrid,
  keys: Float64Array,
  tryCell: (code: number, cell: number) => Growth,
  reach: number,
  onProgress?: (done: number) => void,
  always: (cell: number) => boolean = () => true,
): void {
  const { width, height } = grid;
  const stamp = new Int32Array(width * height).fill(-1);
  // (a stack of cells: each is stamped once per group, so it never holds more than the grid)
  const stack = new Int32Array(width * height);
  let top = 0;
  let group = 0;
  for (let i = 0; i < keys.length; ) {
    const code = codeOf(keys[i]);
    group++;
    for (; i < keys.length && codeOf(keys[i]) === code; i++) {
      const k = cellOf(keys[i]);
      if (stamp[k] !== group) {
        stamp[k] = group;
        stack[top++] = k;
      }
      if (onProgress && (i & 8191) === 8191) onProgress(8192);
    }
    while (top > 0) {
      const k = stack[--top];
      const growth = tryCell(code, k);
      if (growth === STOP) continue;
      const y = Math.floor(k / width);
      const x = k - y * width;
      const r = growth === GROW ? reach : LATTICE;
      const ny0 = Math.max(0, y - r);
      const ny1 = Math.min(height - 1, y + r);
      const nx0 = Math.max(0, x - r);
      const nx1 = Math.min(width - 1, x + r);
      for (let ny = ny0; ny <= ny1; ny++) {
        const row = ny * width;
        const onLattice = ny % LATTICE === 0;
        for (let n = row + nx0; n <= row + nx1; n++) {
          if (stamp[n] !== group && (growth === GROW || (onLattice && (n - row) % LATTICE === 0) || always(n))) {
            stamp[n] = group;
            stack[top++] = n;
          }
        }
      }
    }
  }
}

/**
 * Specular paths for sorted (sequence, cell) keys, each region grown from its seeds. A region grows
 * through every cell where its path's geometry holds (each reflection point on its surface), blocked or
 * inside a building: a region cut into pieces by obstacles (a street's reflection broken by kiosks, a
 * courtyard behind a block) then needs one seed, not one per piece (etoile, 1 M rays against a 4 M
 * map: through blocked cells 0.87 -> 0.85 dB RMSE, through buildings as well 0.80 -> 0.65 dB, BENCHMARKS.md).
 * With `continuations`, where a region ends at the edge of its surface it proposes the region going
 * on over the surface found there.
 */
export function evaluateSpecular(
  link: Link,
  grid: MapGrid,
  heightM: number,
  keys: Float64Array,
  sequences: readonly (readonly number[])[],
  skip: Uint8Array,
  acc: BeamAccumulator,
  onProgress?: (done: number) => void,
  continuations?: Continuations,
): number {
  let paths = 0;
  let code = 0;
  let cell = 0;
  let rx: Vec3 = [0, 0, 0];
  const offSurface = continuations
    ? (index: number, point: Vec3, from: Vec3) => continuations.propose(sequences[code], index, point, from, rx, cell)
    : undefined;
  floodEvaluate(
    grid,
    keys,
    (c, k) => {
      code = c;
      cell = k;
      rx = cellPoint(grid, heightM, k);
      // (inside a building the path's geometry only carries the region on)
      const p = traceSpecularPath(link, rx, sequences[c], skip[k] === 1, offSurface);
      if (p === null) return STOP;
      if (p !== BLOCKED) {
        acc.add(p, k);
        paths++;
      }
      return GROW;
    },
    SPECULAR_REACH,
    onProgress,
  );
  return paths;
}

/**
 * A diffracted path is skipped before its rays are cast when, in every beam, an upper bound of it stays
 * below this share (-30 dB) of the cell's strongest beam from line of sight and reflections; the region
 * grows on past it all the same. Most pairs discovery finds in open areas are such paths. Against
 * skipping nothing, etoile's map changes by 0.013 dB RMSE, no cell by 0.5 dB; the first version, which
 * also stopped the region at a skipped path, missed shadows beyond (468 cells off by over 0.5 dB, some
 * by 36 dB; BENCHMARKS.md).
 */
export const DIFFRACTION_FLOOR = 1e-3;

/**
 * Diffracted paths for sorted (wedge, cell) keys, each region grown from its seeds. `strongest[k]`:
 * cell k's strongest beam's power gain from line of sight and reflections (for DIFFRACTION_FLOOR).
 */
export function evaluateDiffraction(
  link: Link,
  grid: MapGrid,
  heightM: number,
  keys: Float64Array,
  skip: Uint8Array,
  losVisible: Uint8Array,
  strongest: Float32Array,
  acc: BeamAccumulator,
  onProgress?: (done: number) => void,
): number {
  if (keys.length === 0) return 0;
  const wedges = link.ts.wedges;
  const table = acc.table;
  const beamCount = acc.beams;
  let floor = 0;
  let weak = false;
  // (the path's beam gains from the table: an upper estimate)
  const worthIt = (departure: Vec3, bound: number) => {
    const patch = table.patchOf(departure[0], departure[1], departure[2]);
    for (let b = 0; b < beamCount; b++) if (bound * table.gain(patch, b) >= floor) return true;
    weak = true;
    return false;
  };
  const sight = new EdgeSight(link);
  let wedge = wedges[0];
  const sourceSees = (s: number) => sight.sees(wedge, s);
  let paths = 0;
  floodEvaluate(
    grid,
    keys,
    (code, k) => {
      if (skip[k]) return STOP;
      wedge = wedges[code];
      const rx = cellPoint(grid, heightM, k);
      floor = DIFFRACTION_FLOOR * strongest[k];
      weak = false;
      const ray = diffractedRay(link, rx, wedge, losVisible[k] === 1, {
        worthIt: floor > 0 ? worthIt : undefined,
        sourceSees,
      });
      // (a region goes on past the paths skipped as weak: beyond them may lie cells out of the
      // transmitter's sight where the same edge is the strongest path, such as a pocket behind a kiosk in
      // an open square, which discovery's rays seldom mark; across cells in sight, where the line of
      // sight dwarfs it, every other cell carries it on, and every cell out of sight)
      if (ray === null) return weak ? (losVisible[k] === 1 ? SKIP_AHEAD : GROW) : STOP;
      acc.addRay(ray.departure, rayTransfer(link, ray.departure, ray.arrival, [ray.physics], ray.sourceDistanceM), k);
      paths++;
      return GROW;
    },
    WEDGE_REACH,
    onProgress,
    (n) => losVisible[n] === 0,
  );
  return paths;
}
