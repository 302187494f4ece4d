/**
 * The true world of a scenario, ready to simulate: both scenes, the radio field of every cell (traced
 * on the true scene, with the true antennas and shadowing), and the lattices UEs move on.
 */
import type { RadioMap } from "../../twin/radio-map/index.js";
import { type Scene, sceneBounds } from "../../twin/scene/index.js";
import { type Lattice, sceneLattice } from "../mobility/lattice.js";
import type { Scenario } from "../scenario/resolve.js";
import { defaultCacheDir, solveCoverage } from "./coverage.js";
import { RadioField } from "./field.js";
import { nominalScene, trueScene } from "./scene.js";

export interface World {
  readonly scenario: Scenario;
  /** What the twin knows. */
  readonly nominal: Scene;
  /** What the simulator computes on. */
  readonly actual: Scene;
  readonly maps: readonly RadioMap[];
  readonly field: RadioField;
  readonly walk: Lattice;
  roads(clearanceM: number): Lattice;
}

export interface WorldOptions {
  /** Radio-map cache folder (default: `defaultCacheDir()`); null for none. */
  readonly cacheDir?: string | null;
  readonly threads?: number;
  readonly onProgress?: (what: string, fraction: number) => void;
}

/** UE lattice spacing: fine enough for factory aisles, coarse enough for a city (m). */
function latticeSpacing(scene: Scene): number {
  const b = sceneBounds(scene)!;
  const extent = Math.max(b.max[0] - b.min[0], b.max[1] - b.min[1]);
  return Math.min(5, Math.max(1, extent / 250));
}

export async function buildWorld(scenario: Scenario, options: WorldOptions = {}): Promise<World> {
  const nominal = await nominalScene(scenario.scene);
  const actual = trueScene(nominal, scenario.reality);
  const points = scenario.cells.flatMap((c) => c.points.map((p) => p.actual));
  const maps = await solveCoverage({
    scene: actual,
    points,
    carrier: scenario.carrier,
    propagation: scenario.propagation,
    cacheDir: options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir,
    threads: options.threads,
    onProgress: options.onProgress,
  });
  let next = 0;
  const cells = scenario.cells.map((c) => ({ points: c.points.map(() => next++) }));
  const field = new RadioField(maps, cells, {
    bandwidthHz: scenario.carrier.bandwidthHz,
    subcarrierSpacingHz: scenario.carrier.subcarrierSpacingHz,
    powersDbm: points.map((p) => p.powerDbm),
    shadowing: scenario.reality.shadowing,
    seed: scenario.seed,
  });
  const walk = sceneLattice(actual, latticeSpacing(actual), Math.min(1, scenario.propagation.heightM));
  const roads = new Map<number, Lattice>();
  return {
    scenario,
    nominal,
    actual,
    maps,
    field,
    walk,
    roads(clearanceM) {
      let r = roads.get(clearanceM);
      if (!r) roads.set(clearanceM, (r = walk.withClearance(clearanceM)));
      return r;
    },
  };
}
