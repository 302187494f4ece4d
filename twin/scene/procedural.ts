/**
 * Seeded generators for the bundled scenarios: an urban district with a stadium, and a factory hall.
 * The same options give the same scene, triangle for triangle (mulberry32, see `random.ts`); another
 * seed gives another city. Both are centred on the origin of their frame (x east, y north, z up, m)
 * and have no geographic origin. Options are validated (RangeError naming the option).
 */
import type { ItuMaterialName } from "../em/materials.js";
import { type Random, seededRandom } from "./random.js";
import type { Scene } from "./scene.js";
import { SceneBuilder } from "./scene-builder.js";
import { sceneMaterial } from "./scene-materials.js";
import { pushBox, pushRectangle } from "./shapes.js";
import { TriangleBuffer } from "./triangle-buffer.js";

type Rect = { readonly min: readonly [number, number]; readonly max: readonly [number, number] };

const overlaps = (a: Rect, b: Rect): boolean =>
  a.min[0] < b.max[0] && b.min[0] < a.max[0] && a.min[1] < b.max[1] && b.min[1] < a.max[1];

function requirePositive(options: object, names: readonly string[]): void {
  for (const name of names) {
    const v = (options as Record<string, unknown>)[name];
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v))
      throw new RangeError(`${name} ${String(v)} is not a positive number`);
  }
}

function requireCounts(options: object, names: readonly string[]): void {
  for (const name of names) {
    const v = (options as Record<string, unknown>)[name];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`${name} ${String(v)} is not a count`);
  }
}

/** One box object (metal machine, building...) added to the builder. */
function addBox(
  builder: SceneBuilder,
  name: string,
  itu: ItuMaterialName,
  rect: Rect,
  bottomM: number,
  topM: number,
): void {
  const out = new TriangleBuffer(12);
  pushBox(out, [rect.min[0], rect.min[1], bottomM], [rect.max[0], rect.max[1], topM], { bottom: bottomM > 0 });
  builder.addObject(name, sceneMaterial(itu), out.view());
}

function addGround(builder: SceneBuilder, name: string, itu: ItuMaterialName, rect: Rect): void {
  const out = new TriangleBuffer(2);
  pushRectangle(out, rect.min, rect.max, 0);
  builder.addObject(name, sceneMaterial(itu), out.view());
}

// ---------------------------------------------------------------------------------------------------
// Urban district

export interface StadiumOptions {
  /** Centre of the stadium's footprint in the district frame (m). */
  readonly centre: readonly [number, number];
  /** Footprint kept free of buildings (m, x by y): the pitch, its run-off and the stands. */
  readonly sizeM: readonly [number, number];
}

export interface UrbanDistrictOptions {
  /** City blocks along x and y. */
  readonly blocksX: number;
  readonly blocksY: number;
  /** Side of a square block (m). */
  readonly blockM: number;
  /** Street width between blocks (m); also the ground's margin around the district. */
  readonly streetM: number;
  /** Building heights are uniform in [minHeightM, maxHeightM]. */
  readonly minHeightM: number;
  readonly maxHeightM: number;
  /** The stadium's open area, or null for none. */
  readonly stadium: StadiumOptions | null;
  readonly seed: number;
}

/**
 * A 6 x 6 grid of 80 m blocks with 20 m streets (a 580 m square district), mid-rise buildings of
 * 12-45 m, and a stadium in the middle whose 170 x 130 m footprint replaces the four central blocks.
 */
export const URBAN_DISTRICT_DEFAULTS: UrbanDistrictOptions = {
  blocksX: 6,
  blocksY: 6,
  blockM: 80,
  streetM: 20,
  minHeightM: 12,
  maxHeightM: 45,
  stadium: { centre: [0, 0], sizeM: [170, 130] },
  seed: 1,
};

/** A football pitch (FIFA's recommended 105 x 68 m), its long side along the stadium's long side. */
export const PITCH_M: readonly [number, number] = [105, 68];
/** Run-off between the touchlines and the first row of the stands. */
const STAND_GAP_M = 5;
/** Stands: three tiers rising outward (a raked stand in steps), at most this deep. */
const STAND_TIER_HEIGHTS_M = [3, 6, 9] as const;
const MAX_STAND_DEPTH_M = 24;
/** Building facades, weighted by how often they are drawn. */
const FACADE_MATERIALS: readonly ItuMaterialName[] = ["concrete", "concrete", "brick", "glass"];
const MIN_BUILDING_SIDE_M = 6;

export function stadiumRect(stadium: StadiumOptions): Rect {
  const [cx, cy] = stadium.centre;
  const [sx, sy] = stadium.sizeM;
  return { min: [cx - sx / 2, cy - sy / 2], max: [cx + sx / 2, cy + sy / 2] };
}

/** Stand tiers on the four sides of the pitch; the side stands run the full length, corners included. */
function addStadium(builder: SceneBuilder, stadium: StadiumOptions): void {
  const [cx, cy] = stadium.centre;
  const alongX = stadium.sizeM[0] >= stadium.sizeM[1];
  const pitch = alongX ? PITCH_M : ([PITCH_M[1], PITCH_M[0]] as const);
  const depth = [0, 1].map((k) => Math.min(MAX_STAND_DEPTH_M, (stadium.sizeM[k] - pitch[k]) / 2 - STAND_GAP_M));
  if (depth[0] < 3 || depth[1] < 3) {
    throw new RangeError(
      `stadium sizeM ${JSON.stringify(stadium.sizeM)} leaves no room for stands around a ${pitch[0]} x ${pitch[1]} m pitch`,
    );
  }
  const inner = [pitch[0] / 2 + STAND_GAP_M, pitch[1] / 2 + STAND_GAP_M];
  const tiers = STAND_TIER_HEIGHTS_M.length;
  const out = new TriangleBuffer(12 * 4 * tiers);
  STAND_TIER_HEIGHTS_M.forEach((heightM, t) => {
    const [ax, bx] = [inner[0] + (t * depth[0]) / tiers, inner[0] + ((t + 1) * depth[0]) / tiers];
    const [ay, by] = [inner[1] + (t * depth[1]) / tiers, inner[1] + ((t + 1) * depth[1]) / tiers];
    const outerX = inner[0] + depth[0];
    for (const s of [-1, 1]) {
      // stands along the x sides (north and south), then along the y ends (east and west)
      pushBox(
        out,
        [cx - outerX, cy + Math.min(s * ay, s * by), 0],
        [cx + outerX, cy + Math.max(s * ay, s * by), heightM],
        { bottom: false },
      );
      pushBox(
        out,
        [cx + Math.min(s * ax, s * bx), cy - inner[1], 0],
        [cx + Math.max(s * ax, s * bx), cy + inner[1], heightM],
        { bottom: false },
      );
    }
  });
  builder.addObject("stadium-stands", sceneMaterial("concrete"), out.view());
}

interface PlannedBuilding {
  readonly rect: Rect;
  readonly heightM: number;
  readonly itu: ItuMaterialName;
}

/** The buildings of one block: 1-2 x 1-2 lots, one building per lot set back from its edges. */
function blockBuildings(rng: Random, block: Rect, o: UrbanDistrictOptions): PlannedBuilding[] {
  const lotsX = rng.int(1, 2);
  const lotsY = rng.int(1, 2);
  const cuts = (lots: number, lo: number, hi: number): number[] =>
    lots === 1 ? [lo, hi] : [lo, lo + (hi - lo) * rng.uniform(0.35, 0.65), hi];
  const xs = cuts(lotsX, block.min[0], block.max[0]);
  const ys = cuts(lotsY, block.min[1], block.max[1]);
  const buildings: PlannedBuilding[] = [];
  for (let i = 0; i < lotsX; i++) {
    for (let j = 0; j < lotsY; j++) {
      const setbackM = rng.uniform(1.5, 4);
      const heightM = rng.uniform(o.minHeightM, o.maxHeightM);
      const itu = rng.pick(FACADE_MATERIALS);
      const rect: Rect = {
        min: [xs[i] + setbackM, ys[j] + setbackM],
        max: [xs[i + 1] - setbackM, ys[j + 1] - setbackM],
      };
      if (rect.max[0] - rect.min[0] >= MIN_BUILDING_SIDE_M && rect.max[1] - rect.min[1] >= MIN_BUILDING_SIDE_M) {
        buildings.push({ rect, heightM, itu });
      }
    }
  }
  return buildings;
}

/**
 * A grid of city blocks with a few box buildings each (named `building-<i>-<j>-<k>`), streets between
 * them, an optional stadium (`stadium-stands`; the pitch is the open ground) with no building inside
 * its footprint, and a medium-dry-ground plane (`ground`). Random draws do not depend on the stadium,
 * so moving it leaves the rest of the city as it was.
 */
export function urbanDistrict(options: Partial<UrbanDistrictOptions> = {}): Scene {
  const o: UrbanDistrictOptions = { ...URBAN_DISTRICT_DEFAULTS, ...options };
  requireCounts(o, ["blocksX", "blocksY"]);
  requirePositive(o, ["blockM", "streetM", "minHeightM", "maxHeightM"]);
  if (o.maxHeightM < o.minHeightM)
    throw new RangeError(`maxHeightM ${o.maxHeightM} is below minHeightM ${o.minHeightM}`);
  const rng = seededRandom(o.seed);
  const pitchM = o.blockM + o.streetM;
  const half = [(o.blocksX * pitchM - o.streetM) / 2, (o.blocksY * pitchM - o.streetM) / 2];
  const stadium = o.stadium ? stadiumRect(o.stadium) : undefined;
  const builder = new SceneBuilder();
  for (let i = 0; i < o.blocksX; i++) {
    for (let j = 0; j < o.blocksY; j++) {
      const min: [number, number] = [-half[0] + i * pitchM, -half[1] + j * pitchM];
      const block: Rect = { min, max: [min[0] + o.blockM, min[1] + o.blockM] };
      blockBuildings(rng, block, o).forEach((b, k) => {
        if (stadium && overlaps(b.rect, stadium)) return;
        addBox(builder, `building-${i}-${j}-${k}`, b.itu, b.rect, 0, b.heightM);
      });
    }
  }
  if (o.stadium) addStadium(builder, o.stadium);
  const extent: Rect = {
    min: [Math.min(-half[0], stadium?.min[0] ?? 0) - o.streetM, Math.min(-half[1], stadium?.min[1] ?? 0) - o.streetM],
    max: [Math.max(half[0], stadium?.max[0] ?? 0) + o.streetM, Math.max(half[1], stadium?.max[1] ?? 0) + o.streetM],
  };
  addGround(builder, "ground", "medium_dry_ground", extent);
  return builder.build({ name: "urban-district", source: `procedural:urbanDistrict ${JSON.stringify(o)}` });
}

// ---------------------------------------------------------------------------------------------------
// Factory hall

export interface FactoryHallOptions {
  /** Interior size (m): length along x, width along y, clear height to the roof. */
  readonly lengthM: number;
  readonly widthM: number;
  readonly heightM: number;
  /** Number of machines (metal boxes) in the production area. */
  readonly machines: number;
  /** Rows of pallet racking (metal uprights and shelves, wooden goods) in the storage area. */
  readonly shelvingRows: number;
  readonly shelvingHeightM: number;
  readonly wallThicknessM: number;
  readonly seed: number;
}

/**
 * A 60 x 30 x 10 m hall: concrete floor and walls (0.3 m), metal roof, 4 rows of 6 m racking at the
 * west end and 12 machines in the production area east of it.
 */
export const FACTORY_HALL_DEFAULTS: FactoryHallOptions = {
  lengthM: 60,
  widthM: 30,
  heightM: 10,
  machines: 12,
  shelvingRows: 4,
  shelvingHeightM: 6,
  wallThicknessM: 0.3,
  seed: 1,
};

const ROOF_THICKNESS_M = 0.15;
/** Racking: depth across the row, aisle between rows, bay length, shelf pitch (typical pallet racking). */
const RACK_DEPTH_M = 1.2;
const RACK_AISLE_M = 3;
const RACK_BAY_M = 2.7;
const RACK_LEVEL_M = 1.5;
const RACK_MEMBER_M = 0.1;
const SHELF_THICKNESS_M = 0.05;
/** Share of rack positions holding a pallet of goods. */
const RACK_FILL = 0.7;
/** Clearance kept free along the walls and between areas (m). */
const CLEARANCE_M = 2.5;
/** Machines are placed one per cell of this size, so they never overlap. */
const MACHINE_CELL_M = 7;

function addRackRow(
  builder: SceneBuilder,
  rng: Random,
  row: number,
  x0: number,
  y0: number,
  y1: number,
  heightM: number,
): void {
  const frame = new TriangleBuffer();
  const goods = new TriangleBuffer();
  const bays = Math.max(1, Math.round((y1 - y0) / RACK_BAY_M));
  const bayM = (y1 - y0) / bays;
  const levels = Math.max(1, Math.floor(heightM / RACK_LEVEL_M));
  const x1 = x0 + RACK_DEPTH_M;
  for (let b = 0; b <= bays; b++) {
    const y = Math.min(y0 + b * bayM, y1 - RACK_MEMBER_M);
    for (const x of [x0, x1 - RACK_MEMBER_M])
      pushBox(frame, [x, y, 0], [x + RACK_MEMBER_M, y + RACK_MEMBER_M, heightM], { bottom: false });
  }
  for (let l = 0; l < levels; l++) {
    const shelfTopM = l * RACK_LEVEL_M + (l > 0 ? SHELF_THICKNESS_M : 0);
    if (l > 0) pushBox(frame, [x0, y0, l * RACK_LEVEL_M], [x1, y1, shelfTopM]);
    for (let b = 0; b < bays; b++) {
      const full = rng.next() < RACK_FILL;
      const loadM = RACK_LEVEL_M * rng.uniform(0.5, 0.85);
      if (!full) continue;
      const ya = y0 + b * bayM + 0.15;
      pushBox(goods, [x0 + 0.05, ya, shelfTopM], [x1 - 0.05, ya + bayM - 0.3, shelfTopM + loadM], { bottom: l > 0 });
    }
  }
  builder.addObject(`rack-${row}`, sceneMaterial("metal"), frame.view());
  builder.addObject(`rack-${row}-goods`, sceneMaterial("wood"), goods.view());
}

/**
 * An indoor hall: `floor` (concrete), `wall-north|south|east|west` (concrete), `roof` (metal), rows of
 * racking `rack-<k>` with their goods `rack-<k>-goods` in the west part, and `machine-<k>` (metal
 * boxes) spread over the rest, one per 7 m cell so they never overlap.
 */
export function factoryHall(options: Partial<FactoryHallOptions> = {}): Scene {
  const o: FactoryHallOptions = { ...FACTORY_HALL_DEFAULTS, ...options };
  requirePositive(o, ["lengthM", "widthM", "heightM", "shelvingHeightM", "wallThicknessM"]);
  requireCounts(o, ["machines", "shelvingRows"]);
  if (o.shelvingHeightM > o.heightM - 1)
    throw new RangeError(`shelvingHeightM ${o.shelvingHeightM} leaves less than 1 m below the roof`);
  const rng = seededRandom(o.seed);
  const [hx, hy, t] = [o.lengthM / 2, o.widthM / 2, o.wallThicknessM];
  const builder = new SceneBuilder();
  addGround(builder, "floor", "concrete", { min: [-hx - t, -hy - t], max: [hx + t, hy + t] });
  addBox(builder, "wall-south", "concrete", { min: [-hx - t, -hy - t], max: [hx + t, -hy] }, 0, o.heightM);
  addBox(builder, "wall-north", "concrete", { min: [-hx - t, hy], max: [hx + t, hy + t] }, 0, o.heightM);
  addBox(builder, "wall-west", "concrete", { min: [-hx - t, -hy], max: [-hx, hy] }, 0, o.heightM);
  addBox(builder, "wall-east", "concrete", { min: [hx, -hy], max: [hx + t, hy] }, 0, o.heightM);
  const roof = new TriangleBuffer(12);
  pushBox(roof, [-hx - t, -hy - t, o.heightM], [hx + t, hy + t, o.heightM + ROOF_THICKNESS_M]);
  builder.addObject("roof", sceneMaterial("metal"), roof.view());

  const storageEndX = -hx + CLEARANCE_M + o.shelvingRows * (RACK_DEPTH_M + RACK_AISLE_M);
  if (o.shelvingRows > 0 && storageEndX > 0)
    throw new RangeError(`${o.shelvingRows} shelving rows take more than half the hall's length`);
  for (let r = 0; r < o.shelvingRows; r++) {
    const x0 = -hx + CLEARANCE_M + r * (RACK_DEPTH_M + RACK_AISLE_M);
    addRackRow(builder, rng, r, x0, -hy + CLEARANCE_M, hy - CLEARANCE_M, o.shelvingHeightM);
  }

  const zone: Rect = {
    min: [(o.shelvingRows > 0 ? storageEndX : -hx) + CLEARANCE_M, -hy + CLEARANCE_M],
    max: [hx - CLEARANCE_M, hy - CLEARANCE_M],
  };
  const cellsX = Math.floor((zone.max[0] - zone.min[0]) / MACHINE_CELL_M);
  const cellsY = Math.floor((zone.max[1] - zone.min[1]) / MACHINE_CELL_M);
  if (o.machines > cellsX * cellsY) {
    throw new RangeError(
      `${o.machines} machines do not fit: the production area holds ${Math.max(0, cellsX * cellsY)}`,
    );
  }
  const cells = Array.from({ length: cellsX * cellsY }, (_, k) => k);
  for (let k = cells.length - 1; k > 0; k--) {
    const m = rng.int(0, k);
    [cells[k], cells[m]] = [cells[m], cells[k]];
  }
  for (let m = 0; m < o.machines; m++) {
    const [ci, cj] = [cells[m] % cellsX, Math.floor(cells[m] / cellsX)];
    const sx = rng.uniform(1.5, MACHINE_CELL_M - 2);
    const sy = rng.uniform(1.5, Math.min(4, MACHINE_CELL_M - 2));
    const heightM = rng.uniform(1.5, Math.min(4, o.heightM - 1));
    const x = zone.min[0] + ci * MACHINE_CELL_M + rng.uniform(1, MACHINE_CELL_M - 1 - sx);
    const y = zone.min[1] + cj * MACHINE_CELL_M + rng.uniform(1, MACHINE_CELL_M - 1 - sy);
    addBox(builder, `machine-${m}`, "metal", { min: [x, y], max: [x + sx, y + sy] }, 0, heightM);
  }
  return builder.build({ name: "factory-hall", source: `procedural:factoryHall ${JSON.stringify(o)}` });
}
