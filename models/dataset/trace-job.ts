/**
 * The tracer's answers at dataset positions, as a pool job (../../twin/parallel/pool.ts): every path
 * from each transmit point to each position (the twin's path solver: line of sight, reflections,
 * diffraction), reduced to what the surrogate learns: per point and beam the received power gain
 * (dB), the line-of-sight flag, and the strongest paths' departure angles, delays and powers.
 */
import { type Cell, type CellSpec, cellFromSpec, pathBeamPowers } from "../../twin/antenna/index.js";
import { type BvhBuffers, bvhFromShared } from "../../twin/bvh/index.js";
import { fromAzEl, pathsTo, prepareTransmitter, TracingScene, type Transmitter } from "../../twin/paths/index.js";
import { NO_PATH_DB } from "../../twin/radio-map/index.js";
import type { Scene } from "../../twin/scene/index.js";
import { PATH_FIELDS } from "../../twin/surrogate/network.js";

/** Strongest paths kept per transmit point and position. */
export const DOMINANT_PATHS = 3;
// numbers per kept path: departure azimuth and elevation (rad), delay (ns), power (dB, strongest beam)
export { PATH_FIELDS };

export interface TraceInit {
  readonly scene: Scene;
  readonly bvh: BvhBuffers;
  readonly points: readonly CellSpec[];
  readonly frequencyHz: number;
  readonly maxDepth: number;
  readonly diffraction: boolean;
}

export interface TraceContext {
  readonly cells: readonly Cell[];
  /** The prepared transmitter of each point (points at one position share one). */
  readonly transmitters: readonly Transmitter[];
  /** Offset of each point's beams in a position's gains. */
  readonly offsets: readonly number[];
  readonly gainsPerPosition: number;
}

export interface TraceTask {
  /** x, y, z per position. */
  readonly xyz: Float64Array;
}

export interface TraceResult {
  /** Per position, per point and beam: dB (NO_PATH_DB without a path). */
  readonly gainsDb: Float32Array;
  /** Per position and point: 1 when the line of sight is clear. */
  readonly los: Uint8Array;
  /** Per position, point, kept path: PATH_FIELDS numbers (NaN when fewer paths). */
  readonly paths: Float32Array;
}

export function createContext(init: TraceInit): TraceContext {
  const ts = new TracingScene(init.scene, bvhFromShared(init.bvh));
  const cells = init.points.map(cellFromSpec);
  const byPosition = new Map<string, Transmitter>();
  const transmitters = init.points.map((p) => {
    const key = p.position.join(",");
    let t = byPosition.get(key);
    if (!t) {
      t = prepareTransmitter(ts, p.position, {
        frequencyHz: init.frequencyHz,
        maxDepth: init.maxDepth,
        diffraction: init.diffraction,
      });
      byPosition.set(key, t);
    }
    return t;
  });
  const offsets: number[] = [];
  let at = 0;
  for (const c of cells) {
    offsets.push(at);
    at += c.codebook.beamCount;
  }
  return { cells, transmitters, offsets, gainsPerPosition: at };
}

export function runTask(ctx: TraceContext, task: TraceTask, progress: (units: number) => void): TraceResult {
  const n = task.xyz.length / 3;
  const P = ctx.cells.length;
  const gainsDb = new Float32Array(n * ctx.gainsPerPosition);
  const los = new Uint8Array(n * P);
  const paths = new Float32Array(n * P * DOMINANT_PATHS * PATH_FIELDS).fill(Number.NaN);
  const maxBeams = Math.max(...ctx.cells.map((c) => c.codebook.beamCount));
  const powers = new Float64Array(maxBeams);
  const sum = new Float64Array(maxBeams);
  const ranked: { power: number; az: number; el: number; delayNs: number }[] = [];
  for (let i = 0; i < n; i++) {
    const rx: [number, number, number] = [task.xyz[3 * i], task.xyz[3 * i + 1], task.xyz[3 * i + 2]];
    let lastTx: Transmitter | null = null;
    let found: ReturnType<typeof pathsTo> = [];
    for (let p = 0; p < P; p++) {
      const cell = ctx.cells[p];
      const beams = cell.codebook.beamCount;
      // sectors of one site share their transmitter: trace once per position
      if (ctx.transmitters[p] !== lastTx) {
        lastTx = ctx.transmitters[p];
        found = pathsTo(lastTx, rx);
      }
      sum.fill(0);
      ranked.length = 0;
      for (const path of found) {
        if (path.type === "los") los[i * P + p] = 1;
        pathBeamPowers(cell, fromAzEl(path.aod[0], path.aod[1]), path.transfer, powers);
        let best = 0;
        for (let b = 0; b < beams; b++) {
          sum[b] += powers[b];
          if (powers[b] > best) best = powers[b];
        }
        if (best > 0) ranked.push({ power: best, az: path.aod[0], el: path.aod[1], delayNs: path.delayS * 1e9 });
      }
      const g = i * ctx.gainsPerPosition + ctx.offsets[p];
      for (let b = 0; b < beams; b++) gainsDb[g + b] = sum[b] > 0 ? 10 * Math.log10(sum[b]) : NO_PATH_DB;
      ranked.sort((a, b) => b.power - a.power);
      for (let k = 0; k < Math.min(DOMINANT_PATHS, ranked.length); k++) {
        const at = ((i * P + p) * DOMINANT_PATHS + k) * PATH_FIELDS;
        const r = ranked[k];
        paths[at] = r.az;
        paths[at + 1] = r.el;
        paths[at + 2] = r.delayNs;
        paths[at + 3] = 10 * Math.log10(r.power);
      }
    }
    if ((i & 63) === 63) progress(64);
  }
  progress(n & 63);
  return { gainsDb, los, paths };
}
