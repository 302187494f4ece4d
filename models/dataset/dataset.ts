/**
 * A surrogate's dataset: the tracer's answers (per transmit point and beam gain, line of sight,
 * dominant paths) at positions sampled over a scenario's nominal scene (positions.ts), traced in
 * chunks over worker threads (trace-job.ts). Each chunk is written to the dataset's folder as it
 * completes, so a stopped run resumes where it was; the folder is keyed by everything the answers
 * depend on.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type CellSpec, cellFromSpec } from "../../twin/antenna/index.js";
import { buildBvh, bvhBuffers } from "../../twin/bvh/index.js";
import { createPool } from "../../twin/parallel/pool.js";
import { type Scene, sceneHash } from "../../twin/scene/index.js";
import { decodeArrays, encodeArrays, type NamedArray } from "./arrays-file.js";
import { POSITION_DEFAULTS, type PositionOptions, samplePositions } from "./positions.js";
import {
  DOMINANT_PATHS,
  PATH_FIELDS,
  type TraceContext,
  type TraceInit,
  type TraceResult,
  type TraceTask,
} from "./trace-job.js";

/** Bumped when the dataset's contents change for the same inputs. */
const DATASET_VERSION = 1;

/** What the surrogate imitates: the tracer on a scenario's nominal scene and transmit points. */
export interface DatasetSource {
  /** The scenario's name. */
  readonly name: string;
  readonly scene: Scene;
  readonly points: readonly CellSpec[];
  readonly frequencyHz: number;
  readonly maxDepth: number;
  readonly diffraction: boolean;
  /** UE plane height, metres. */
  readonly heightM: number;
  /** Per point: the gain (dB) at which its received power per subcarrier meets the noise. */
  readonly floorDb: readonly number[];
}

export interface DatasetMeta {
  readonly version: number;
  readonly name: string;
  readonly frequencyHz: number;
  readonly maxDepth: number;
  readonly diffraction: boolean;
  readonly points: readonly CellSpec[];
  readonly beams: readonly number[];
  readonly floorDb: readonly number[];
  readonly positions: PositionOptions;
  readonly count: number;
  readonly dominantPaths: number;
  readonly pathFields: number;
  readonly key: string;
}

export interface Dataset {
  readonly meta: DatasetMeta;
  readonly xyz: Float64Array;
  readonly kind: Uint8Array;
  readonly test: Uint8Array;
  /** Per position, per point and beam, dB. */
  readonly gainsDb: Float32Array;
  /** Per position and point. */
  readonly los: Uint8Array;
  /** Per position, point, kept path: azimuth, elevation (rad), delay (ns), power (dB). */
  readonly paths: Float32Array;
}

export interface DatasetOptions {
  readonly positions?: Partial<Omit<PositionOptions, "heightM">>;
  /** Where the chunks and the dataset go (resumable); null: memory only. */
  readonly dir: string | null;
  readonly threads?: number;
  /** Positions per chunk (default 512). */
  readonly chunk?: number;
  /** Positions traced so far (including those found done on disk) of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The dataset's folder name under `root`: the scenario and a key of everything that decides it. */
export function datasetKey(source: DatasetSource, positions: PositionOptions): string {
  const what = JSON.stringify([
    DATASET_VERSION,
    sceneHash(source.scene),
    source.points,
    source.frequencyHz,
    source.maxDepth,
    source.diffraction,
    positions,
  ]);
  return `${source.name}-${createHash("sha256").update(what).digest("hex").slice(0, 16)}`;
}

/** What the trace job needs of a source (../dataset/trace-job.ts): the scene with its BVH, the points, the tracer's settings. */
export function traceInit(source: DatasetSource): TraceInit {
  return {
    scene: source.scene,
    bvh: bvhBuffers(buildBvh(source.scene.triangles)),
    points: source.points,
    frequencyHz: source.frequencyHz,
    maxDepth: source.maxDepth,
    diffraction: source.diffraction,
  };
}

export async function generateDataset(source: DatasetSource, options: DatasetOptions): Promise<Dataset> {
  const positions: PositionOptions = { ...POSITION_DEFAULTS, ...options.positions, heightM: source.heightM };
  const key = datasetKey(source, positions);
  const dir = options.dir === null ? null : join(options.dir, key);
  const whole = dir && join(dir, "dataset.bin");
  // the floors are the caller's (noise figure, bandwidth): not part of the traced answers
  if (whole && existsSync(whole)) {
    const d = loadDataset(whole);
    return { ...d, meta: { ...d.meta, floorDb: source.floorDb } };
  }

  const sampled = samplePositions(source.scene, positions);
  const n = sampled.count;
  const chunk = options.chunk ?? 512;
  const chunks = Math.ceil(n / chunk);
  // the chunk size in the name: a run resumed with another size starts its own chunks
  const chunkFile = (c: number) => dir && join(dir, `chunk-${chunk}-${String(c).padStart(5, "0")}.bin`);
  if (dir) mkdirSync(dir, { recursive: true });
  const results: (TraceResult | undefined)[] = new Array(chunks);
  let done = 0;
  const todo: number[] = [];
  for (let c = 0; c < chunks; c++) {
    const f = chunkFile(c);
    if (f && existsSync(f)) {
      const { arrays } = decodeArrays(readFileSync(f), f);
      const size = Math.min(chunk, n - c * chunk);
      if (arrays.los?.length !== size * source.points.length) {
        throw new Error(
          `${f}: holds ${arrays.los?.length} line-of-sight flags, ${size * source.points.length} expected; remove it`,
        );
      }
      results[c] = arrays as unknown as TraceResult;
      done += size;
    } else todo.push(c);
  }
  options.onProgress?.(done, n);
  if (todo.length) {
    const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), todo.length));
    const pool = await createPool<TraceInit, TraceContext, TraceTask, TraceResult>(
      "dataset",
      new URL("./trace-job.js", import.meta.url),
      traceInit(source),
      threads,
    );
    try {
      const tasks = todo.map((c) => ({ xyz: sampled.xyz.slice(3 * c * chunk, 3 * Math.min(n, (c + 1) * chunk)) }));
      await pool.run(
        tasks,
        (units) => {
          done += units;
          options.onProgress?.(done, n);
        },
        (k, r) => {
          // saved as soon as it is done: a stopped run keeps it
          const c = todo[k];
          results[c] = r;
          const f = chunkFile(c);
          if (f) writeAside(f, encodeArrays({ chunk: c }, r as unknown as Record<string, NamedArray>));
        },
      );
    } finally {
      await pool.close();
    }
  }
  const concat = <T extends NamedArray>(pick: (r: TraceResult) => T, make: (k: number) => T): T => {
    const parts = results.map((r) => pick(r!));
    const out = make(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p as never, at);
      at += p.length;
    }
    return out;
  };
  const dataset: Dataset = {
    meta: {
      version: DATASET_VERSION,
      name: source.name,
      frequencyHz: source.frequencyHz,
      maxDepth: source.maxDepth,
      diffraction: source.diffraction,
      points: source.points,
      beams: source.points.map((p) => cellFromSpec(p).codebook.beamCount),
      floorDb: source.floorDb,
      positions,
      count: n,
      dominantPaths: DOMINANT_PATHS,
      pathFields: PATH_FIELDS,
      key,
    },
    xyz: sampled.xyz,
    kind: sampled.kind,
    test: sampled.test,
    gainsDb: concat(
      (r) => r.gainsDb,
      (k) => new Float32Array(k),
    ),
    los: concat(
      (r) => r.los,
      (k) => new Uint8Array(k),
    ),
    paths: concat(
      (r) => r.paths,
      (k) => new Float32Array(k),
    ),
  };
  if (whole) writeAside(whole, encodeDataset(dataset));
  return dataset;
}

/** Written aside, then renamed: a run stopped halfway never leaves half a file. */
function writeAside(file: string, bytes: Uint8Array): void {
  writeFileSync(`${file}.part`, bytes);
  renameSync(`${file}.part`, file);
}

export function encodeDataset(d: Dataset): Uint8Array {
  const { meta, ...arrays } = d;
  return encodeArrays(meta, arrays);
}

export function loadDataset(file: string): Dataset {
  const { meta, arrays } = decodeArrays<DatasetMeta>(readFileSync(file), file);
  for (const name of ["xyz", "kind", "test", "gainsDb", "los", "paths"]) {
    if (!arrays[name]) throw new Error(`cannot load ${file}: no array '${name}'`);
  }
  return { meta, ...arrays } as unknown as Dataset;
}
