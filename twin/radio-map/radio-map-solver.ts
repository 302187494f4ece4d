/**
 * Radio maps by discovery and exact evaluation (see discovery.ts): per cell, rays find which specular
 * sequences and wedges reach which grid cells, then each (sequence, cell) pair is solved exactly by the
 * path solver and reduced to per-beam power. Work is spread over worker threads: discovery by ray
 * index, line of sight by grid cell, evaluation by pair.
 */
import { availableParallelism } from "node:os";
import type { CellSpec } from "../antenna/cell-spec.js";
import { buildBvh, bvhBuffers } from "../bvh/index.js";
import { createPool } from "../parallel/pool.js";
import { sceneBounds } from "../scene/bounds.js";
import type { Scene } from "../scene/scene.js";
import { buildingMask, type MapGrid } from "./footprint.js";
import { MAX_GRID_CELLS } from "./marks.js";
import { RadioMap } from "./radio-map.js";
import {
  type Context,
  type ContextInit,
  type DiscoverResult,
  type EvaluateResult,
  mergeSequences,
  type SolverSettings,
  type Task,
  type TaskResult,
} from "./tasks.js";

/** At most this many rounds of continuations (each usually finds a fraction of the one before). */
const CONTINUATION_ROUNDS = 4;

export interface RadioMapOptions {
  readonly frequencyHz: number;
  /** Map plane height above z = 0, metres (default 1.5). */
  readonly heightM?: number;
  /** Grid resolution, metres (default 1). */
  readonly resM?: number;
  /** Map area (default: the scene's horizontal extent). */
  readonly area?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  readonly maxDepth?: number;
  readonly diffraction?: boolean;
  /**
   * Discovery rays per cell (default 1,000,000): the specular ray grid (the nearest of its sizes, see
   * `RayGrid`: 786,432 for 1,000,000), before the rays refinement adds where neighbours end differently; diffraction discovery scales with it (Keller-cone rays and edge
   * samples each by the square root), so doubling it doubles every kind.
   */
  readonly rays?: number;
  /** Override: spacing of the edge samples of diffraction discovery, metres (1 at 1,000,000 rays). */
  readonly edgeSpacingM?: number;
  /** Override: rays around Keller's cone per edge sample (90 at 1,000,000 rays). */
  readonly coneRays?: number;
  readonly bandwidthHz?: number;
  readonly subcarrierSpacingHz?: number;
  readonly noiseFigureDb?: number;
  /** Worker threads (default: the machine's cores; 1 runs in this thread). */
  readonly threads?: number;
  /** Progress: phase name and fraction done of that phase (0..1). */
  readonly onProgress?: (phase: string, fraction: number) => void;
}

export const RADIO_MAP_DEFAULTS = {
  heightM: 1.5,
  resM: 1,
  maxDepth: 3,
  diffraction: true,
  rays: 1_000_000,
  bandwidthHz: 20e6,
  subcarrierSpacingHz: 30e3,
  noiseFigureDb: 7,
} as const;

export function mapGrid(scene: Scene, resM: number, area?: RadioMapOptions["area"]): MapGrid {
  if (!(resM > 0)) throw new RangeError(`map resolution ${resM} m is not positive`);
  const b =
    area ??
    (() => {
      const s = sceneBounds(scene);
      if (!s) throw new RangeError("the scene is empty: give the map area");
      return { x0: s.min[0], y0: s.min[1], x1: s.max[0], y1: s.max[1] };
    })();
  const width = Math.ceil((b.x1 - b.x0) / resM);
  const height = Math.ceil((b.y1 - b.y0) / resM);
  if (!(width > 0 && height > 0)) throw new RangeError(`map area ${JSON.stringify(b)} is empty`);
  if (width * height > MAX_GRID_CELLS) {
    throw new RangeError(
      `a ${width} x ${height} grid exceeds ${MAX_GRID_CELLS} cells: coarsen --res or shrink the area`,
    );
  }
  return { x0: b.x0, y0: b.y0, resM, width, height };
}

export async function solveRadioMap(
  scene: Scene,
  cells: readonly CellSpec[],
  options: RadioMapOptions,
): Promise<RadioMap> {
  const o = { ...RADIO_MAP_DEFAULTS, ...options };
  const density = Math.sqrt(o.rays / RADIO_MAP_DEFAULTS.rays);
  const edgeSpacingM = options.edgeSpacingM ?? 1 / density;
  const coneRays = options.coneRays ?? Math.max(8, Math.round(90 * density));
  if (!(o.frequencyHz > 0)) throw new RangeError(`frequency ${o.frequencyHz} Hz is not positive`);
  if (!Number.isInteger(o.maxDepth) || o.maxDepth < 0)
    throw new RangeError(`maxDepth ${o.maxDepth} is not a whole number >= 0`);
  if (!Number.isInteger(o.rays) || o.rays < 1) throw new RangeError(`rays ${o.rays} is not a positive whole number`);
  if (cells.length === 0) throw new RangeError("a radio map needs at least one cell");
  const grid = mapGrid(scene, o.resM, o.area);
  const settings: SolverSettings = {
    frequencyHz: o.frequencyHz,
    heightM: o.heightM,
    maxDepth: o.maxDepth,
    diffraction: o.diffraction,
    rays: o.rays,
    edgeSpacingM,
    coneRays,
  };
  const skip = buildingMask(scene, grid, o.heightM);
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), 64));
  const runner = await createPool<ContextInit, Context, Task, TaskResult>(
    "radio-map",
    new URL("./tasks.js", import.meta.url),
    { scene, bvh: bvhBuffers(buildBvh(scene.triangles)), cells, grid, skip, settings },
    threads,
  );
  const parts = runner.threads;
  const n = grid.width * grid.height;
  const blocks: Float32Array[] = [];
  const report = (phase: string, total: number) => {
    let done = 0;
    o.onProgress?.(phase, 0);
    return (units: number) => {
      done += units;
      o.onProgress?.(phase, Math.min(1, done / total));
    };
  };
  try {
    for (let c = 0; c < cells.length; c++) {
      const label = cells.length > 1 ? ` ${cells[c].id}` : "";
      const part = (kind: "discover" | "los", count = parts) =>
        Array.from({ length: count }, (_, p): Task => ({ kind, cell: c, part: p, parts: count }));
      // (discovery's cost varies across the sky and the wedges: smaller shares keep both threads busy)
      const discovered = (await runner.run(
        part("discover", parts === 1 ? 1 : 3 * parts),
        report(`discovery${label}`, o.diffraction ? 2 * o.rays : o.rays),
      )) as DiscoverResult[];
      const los = (await runner.run(part("los"), report(`line of sight${label}`, n))) as EvaluateResult[];
      const visible = new Uint8Array(n);
      for (const r of los) for (let k = 0; k < n; k++) visible[k] |= r.visible![k];
      // each task takes every shares-th sequence and wedge with all their cells (regions grow across
      // cells, so a region must stay in one task) and merges what discovery found itself, in parallel;
      // several tasks per thread, as regions' costs differ widely
      const shares = parts === 1 ? 1 : 4 * parts;
      const evaluate = async (phase: string, units: number, task: (part: number) => Task, count = shares) =>
        (await runner.run(
          Array.from({ length: count }, (_, p) => task(p)),
          report(`${phase}${label}`, units),
        )) as EvaluateResult[];
      const sum = new Float32Array(los[0].gains.length);
      const addUp = (results: readonly EvaluateResult[]) => {
        for (const r of results) for (let i = 0; i < sum.length; i++) sum[i] += r.gains[i];
      };
      addUp(los);
      const reflections = (found: readonly DiscoverResult[], phase: string, count: number) =>
        evaluate(
          phase,
          found.reduce((s, d) => s + d.specularKeys.length, 0),
          (p) => ({ kind: "specular", cell: c, discovered: found, part: p, parts: count }),
          count,
        );
      let evaluated = await reflections(discovered, "reflections", shares);
      addUp(evaluated);
      // regions going on over the next surface where evaluated ones ended, each evaluated once, until
      // none is new
      const known = new Set(mergeSequences(discovered).sequences.map((s) => s.join(",")));
      for (let round = 0; round < CONTINUATION_ROUNDS; round++) {
        const proposed = mergeSequences(
          evaluated.map((e) => e.continued!),
          undefined,
          known,
        );
        if (proposed.specularKeys.length === 0) break;
        for (const s of proposed.sequences) known.add(s.join(","));
        // (small rounds: one task per thread)
        evaluated = await reflections([{ ...proposed, wedgeKeys: new Float64Array(0) }], "continuations", parts);
        addUp(evaluated);
      }
      if (o.diffraction) {
        // last, against each cell's strongest beam so far (DIFFRACTION_FLOOR)
        const strongest = new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT));
        for (let b = 0; b < sum.length / n; b++) {
          for (let k = 0; k < n; k++) strongest[k] = Math.max(strongest[k], sum[b * n + k]);
        }
        addUp(
          await evaluate(
            "diffraction",
            discovered.reduce((s, d) => s + d.wedgeKeys.length, 0),
            (p) => ({
              kind: "diffraction",
              cell: c,
              discovered,
              part: p,
              parts: shares,
              losVisible: visible,
              strongest,
            }),
          ),
        );
      }
      // inside buildings: not evaluated
      const beams = sum.length / n;
      for (let b = 0; b < beams; b++) for (let k = 0; k < n; k++) if (skip[k]) sum[b * n + k] = Number.NaN;
      blocks.push(sum);
    }
  } finally {
    await runner.close();
  }
  const gains = new Float32Array(blocks.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    gains.set(b, at);
    at += b.length;
  }
  return new RadioMap(
    {
      grid,
      heightM: o.heightM,
      frequencyHz: o.frequencyHz,
      bandwidthHz: o.bandwidthHz,
      subcarrierSpacingHz: o.subcarrierSpacingHz,
      noiseFigureDb: o.noiseFigureDb,
      cells: cells.map((c, i) => ({
        id: c.id,
        position: c.position,
        powerDbm: c.powerDbm,
        beams: blocks[i].length / n,
      })),
      solver: {
        maxDepth: o.maxDepth,
        diffraction: o.diffraction,
        rays: o.rays,
        edgeSpacingM: o.edgeSpacingM,
        coneRays: o.coneRays,
      },
    },
    gains,
  );
}
