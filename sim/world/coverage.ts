/**
 * The true world's propagation, precomputed: one radio map per transmit point (a cell's panel or a
 * repeater) on the TRUE scene, by the twin's ray tracer, kept in a cache folder keyed by everything
 * that decides it (scene, antenna, solver settings), so a scenario is traced once per machine.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CellSpec } from "../../twin/antenna/cell-spec.js";
import { decodeRadioMap, encodeRadioMap, type RadioMap, solveRadioMap } from "../../twin/radio-map/index.js";
import { type Scene, sceneBounds, sceneHash } from "../../twin/scene/index.js";
import type { Carrier, Propagation } from "../scenario/resolve.js";

/**
 * Bumped whenever the tracer's results change for the same inputs, so cached maps of an older tracer
 * are not reused. 2: open cells found by crossing parity (roofed halls are evaluated inside).
 */
const TRACER_VERSION = 2;

export interface CoverageRequest {
  readonly scene: Scene;
  readonly points: readonly CellSpec[];
  readonly carrier: Carrier;
  readonly propagation: Propagation;
  /** Cache folder; null: no cache. */
  readonly cacheDir: string | null;
  readonly threads?: number;
  /** Progress: what is being done (`radio map 2/9 B1: discovery`) and the fraction of it done. */
  readonly onProgress?: (what: string, fraction: number) => void;
}

/** `$TWINRIC_CACHE`, else `$XDG_CACHE_HOME/twinric`, else `~/.cache/twinric`. */
export function defaultCacheDir(): string {
  const env = process.env;
  return env.TWINRIC_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "twinric");
}

/** The map area of a point: the scene, or the square of `rangeM` around it within the scene. */
function areaOf(scene: Scene, point: CellSpec, rangeM: number | undefined) {
  const b = sceneBounds(scene);
  if (!b) throw new RangeError("the scene is empty");
  if (rangeM === undefined) return { x0: b.min[0], y0: b.min[1], x1: b.max[0], y1: b.max[1] };
  const [x, y] = point.position;
  return {
    x0: Math.max(b.min[0], x - rangeM),
    y0: Math.max(b.min[1], y - rangeM),
    x1: Math.min(b.max[0], x + rangeM),
    y1: Math.min(b.max[1], y + rangeM),
  };
}

/** One radio map per point, from the cache when there, traced (and cached) otherwise. */
export async function solveCoverage(request: CoverageRequest): Promise<RadioMap[]> {
  const { scene, carrier, propagation: p, cacheDir } = request;
  const hash = sceneHash(scene);
  const maps: RadioMap[] = [];
  for (const [k, point] of request.points.entries()) {
    const area = areaOf(scene, point, p.rangeM);
    const settings = {
      frequencyHz: carrier.frequencyHz,
      heightM: p.heightM,
      resM: p.resM,
      area,
      maxDepth: p.maxDepth,
      diffraction: p.diffraction,
      rays: p.rays,
      bandwidthHz: carrier.bandwidthHz,
      subcarrierSpacingHz: carrier.subcarrierSpacingHz,
      noiseFigureDb: carrier.ueNoiseFigureDb,
    };
    const key = createHash("sha256")
      .update(JSON.stringify([TRACER_VERSION, hash, point, settings]))
      .digest("hex")
      .slice(0, 24);
    const file = cacheDir === null ? null : join(cacheDir, `radio-map-${point.id}-${key}.bin`);
    const report = (phase: string, f: number) =>
      request.onProgress?.(`radio map ${k + 1}/${request.points.length} ${point.id}: ${phase}`, f);
    if (file && existsSync(file)) {
      report("cached", 1);
      maps.push(decodeRadioMap(readFileSync(file), file));
      continue;
    }
    const map = await solveRadioMap(scene, [point], {
      ...settings,
      threads: request.threads,
      onProgress: (phase, f) => report(phase.replace(/ .*$/, ""), f),
    });
    if (file) {
      mkdirSync(cacheDir!, { recursive: true });
      // written aside, then renamed: a run stopped halfway never leaves half a map in the cache
      writeFileSync(`${file}.part`, encodeRadioMap(map));
      renameSync(`${file}.part`, file);
    }
    maps.push(map);
  }
  return maps;
}
