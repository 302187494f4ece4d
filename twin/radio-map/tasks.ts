/**
 * The radio-map solver's units of work, the same in the main thread and in worker threads: a context
 * made once per thread (scene, shared BVH, cells, grid), and tasks run against it. Results are typed
 * arrays, so they cross threads by transfer.
 */

import type { Cell } from "../antenna/cell.js";
import { type CellSpec, cellFromSpec } from "../antenna/cell-spec.js";
import { type BvhBuffers, bvhFromShared } from "../bvh/index.js";
import { createLink, type Link } from "../paths/path-solver.js";
import { DEFAULT_REFINE, SequenceTable } from "../paths/sbr.js";
import { TracingScene } from "../paths/tracing-scene.js";
import type { Scene } from "../scene/scene.js";
import { Continuations } from "./continuation.js";
import { type DiscoveryPlane, discoverDiffraction, discoverSpecular } from "./discovery.js";
import { BeamAccumulator, evaluateDiffraction, evaluateLineOfSight, evaluateSpecular } from "./evaluate.js";
import type { MapGrid } from "./footprint.js";
import { CellMarks, mergeMarks, renumberCodes } from "./marks.js";

export interface SolverSettings {
  readonly frequencyHz: number;
  readonly heightM: number;
  readonly maxDepth: number;
  readonly diffraction: boolean;
  readonly rays: number;
  readonly edgeSpacingM: number;
  readonly coneRays: number;
}

export interface ContextInit {
  readonly scene: Scene;
  readonly bvh: BvhBuffers;
  readonly cells: readonly CellSpec[];
  readonly grid: MapGrid;
  /** 1 where the map plane is inside a building: not evaluated. */
  readonly skip: Uint8Array;
  readonly settings: SolverSettings;
}

export interface Context {
  readonly ts: TracingScene;
  readonly cells: readonly Cell[];
  readonly links: readonly Link[];
  readonly plane: DiscoveryPlane;
  readonly skip: Uint8Array;
  readonly settings: SolverSettings;
}

export function createContext(init: ContextInit): Context {
  const ts = new TracingScene(init.scene, bvhFromShared(init.bvh));
  const cells = init.cells.map(cellFromSpec);
  return {
    ts,
    cells,
    links: cells.map((c) => createLink(ts, c.position, init.settings.frequencyHz)),
    plane: { grid: init.grid, heightM: init.settings.heightM },
    skip: init.skip,
    settings: init.settings,
  };
}

export type Task =
  | { readonly kind: "discover"; readonly cell: number; readonly part: number; readonly parts: number }
  | { readonly kind: "los"; readonly cell: number; readonly part: number; readonly parts: number }
  | (Share & { readonly kind: "specular" })
  | (Share & {
      readonly kind: "diffraction";
      readonly losVisible: Uint8Array;
      /** Per grid cell, the strongest beam's power gain from line of sight and reflections. */
      readonly strongest: Float32Array;
    });

/** An evaluation task's share of what discovery found: the codes with code % parts === part. */
interface Share {
  readonly cell: number;
  readonly discovered: readonly DiscoverResult[];
  readonly part: number;
  readonly parts: number;
}

/** Plane sequences and their (sequence, cell) seeds. */
export interface SpecularSeeds {
  readonly specularKeys: Float64Array;
  readonly sequences: number[][];
}

export interface DiscoverResult extends SpecularSeeds {
  readonly wedgeKeys: Float64Array;
}

export interface EvaluateResult {
  readonly gains: Float32Array;
  /** For `specular` tasks: the regions proposed where evaluated ones ended (continuation.ts). */
  readonly continued?: SpecularSeeds;
  /** For `los` tasks: 1 where the cell sees the transmitter. */
  readonly visible?: Uint8Array;
  readonly paths: number;
}

export type TaskResult = DiscoverResult | EvaluateResult;

/** `progress(units)`: work done since the last call, in the task's own units (rays, wedges, pairs, cells). */
export function runTask(ctx: Context, task: Task, progress: (units: number) => void): TaskResult {
  const { ts, plane, settings, skip } = ctx;
  const link = ctx.links[task.cell];
  const cellCount = plane.grid.width * plane.grid.height;
  switch (task.kind) {
    case "discover": {
      const marks = new CellMarks();
      const table = new SequenceTable(ts.planes.count);
      discoverSpecular(
        ts,
        link.tx,
        plane,
        settings.maxDepth,
        settings.rays,
        task.part,
        task.parts,
        marks,
        table,
        progress,
      );
      const wedgeMarks = new CellMarks();
      if (settings.diffraction) {
        const options = { edgeSpacingM: settings.edgeSpacingM, coneRays: settings.coneRays, refine: DEFAULT_REFINE };
        // (progress in the same units as the specular rays: the wedges share as many)
        const perWedge = settings.rays / Math.max(1, ts.wedges.length);
        discoverDiffraction(ts, link.tx, plane, options, task.part, task.parts, wedgeMarks, (n) =>
          progress(n * perWedge),
        );
      }
      return { specularKeys: marks.finish(), sequences: table.sequences, wedgeKeys: wedgeMarks.finish() };
    }
    case "los": {
      const acc = new BeamAccumulator(ctx.cells[task.cell], cellCount);
      const visible = new Uint8Array(cellCount);
      evaluateLineOfSight(link, plane.grid, plane.heightM, skip, task.part, task.parts, visible, acc, progress);
      return { gains: acc.gains, visible, paths: visible.reduce((s, v) => s + v, 0) };
    }
    case "specular": {
      const acc = new BeamAccumulator(ctx.cells[task.cell], cellCount);
      const { sequences, specularKeys } = mergeSequences(task.discovered, mine(task));
      const continuations = new Continuations(ts, link.tx, new Set(sequences.map((s) => s.join(","))));
      const { grid, heightM } = plane;
      const paths = evaluateSpecular(link, grid, heightM, specularKeys, sequences, skip, acc, progress, continuations);
      return { gains: acc.gains, paths, continued: continuations.finish() };
    }
    case "diffraction": {
      const acc = new BeamAccumulator(ctx.cells[task.cell], cellCount);
      const keep = mine(task);
      const wedgeCodes = ts.wedges.map((_, w) => (keep(w) ? w : -1));
      const wedgeKeys = mergeMarks(task.discovered.map((d) => renumberCodes(d.wedgeKeys, wedgeCodes)));
      const { grid, heightM } = plane;
      const paths = evaluateDiffraction(
        link,
        grid,
        heightM,
        wedgeKeys,
        skip,
        task.losVisible,
        task.strongest,
        acc,
        progress,
      );
      return { gains: acc.gains, paths };
    }
  }
}

const mine =
  ({ part, parts }: Share) =>
  (code: number) =>
    code % parts === part;

/**
 * One sequence table from the discovery parts' own numberings (the same in every thread: parts in
 * order, sequences in order), and their marks renumbered into it, keeping the codes `keep` accepts;
 * sequences in `known` (as `seq.join(",")`) are left out.
 */
export function mergeSequences(
  parts: readonly SpecularSeeds[],
  keep: (code: number) => boolean = () => true,
  known: ReadonlySet<string> = new Set(),
): { sequences: number[][]; specularKeys: Float64Array } {
  const ids = new Map<string, number>();
  const sequences: number[][] = [];
  const renumbered = parts.map((p) => {
    const local = p.sequences.map((seq) => {
      const key = seq.join(",");
      if (known.has(key)) return -1;
      let id = ids.get(key);
      if (id === undefined) {
        id = sequences.length;
        ids.set(key, id);
        sequences.push(seq);
      }
      return id;
    });
    return renumberCodes(
      p.specularKeys,
      local.map((id) => (id >= 0 && keep(id) ? id : -1)),
    );
  });
  return { sequences, specularKeys: mergeMarks(renumbered) };
}
