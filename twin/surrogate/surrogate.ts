/**
 * The twin's fast answer: a trained surrogate of the ray tracer (model-file.ts) predicting every
 * (cell, beam) gain at UE positions, with the best beam of each cell, the best cell, and the line of
 * sight to each site (ray cast in the twin's own scene: the network's geometry features, geometry.ts). Batches go through
 * onnxruntime; a single position is answered in process (the MLP in WebAssembly SIMD), which beats the binding's per-call
 * overhead.
 */
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { buildBvh } from "../bvh/index.js";
import { RayCaster } from "../paths/ray-caster.js";
import { type Scene, sceneHash } from "../scene/index.js";
import { GeometryFeatures } from "./geometry.js";
import { readSurrogate, SurrogateFileError, type SurrogateModel } from "./model-file.js";
import { encodeInput, NetworkLayout, PATH_FIELDS, PATH_OUTPUT_FIELDS, type PathHead } from "./network.js";
import { SimdDecoder } from "./simd-decoder.js";

export interface Prediction {
  /** Per cell (the model's outputs order) and beam, dB. */
  readonly gainsDb: Float32Array;
  /** Per cell: its best beam. */
  readonly bestBeam: Int16Array;
  /** The cell with the strongest beam (gain + its transmit power). */
  readonly bestCell: number;
  /** Per site: 1 when in sight (the twin's scene), else 0. */
  readonly los: Uint8Array;
  /**
   * Per site: the chance that the UE sees it, given that it may stand up to the surrogate's
   * `losRadiusM` from the position (its positioning error): the share of the position and of the
   * reachable points of a ring of LOS_SAMPLES at that distance that see the site.
   */
  readonly losProbability: Float32Array;
  /**
   * Per cell, its `pathsPerCell` strongest paths, strongest first, PATH_FIELDS numbers each: departure
   * azimuth and elevation (rad, the scene frame), delay (ns) and power (dB: the path gain in the
   * cell's best beam for it). A path predicted below the cell's noise floor is not there: all its
   * numbers are NaN. Empty for a model without a path head.
   */
  readonly paths: Float32Array;
}

/** Points around a position sampled for the line-of-sight probability. */
export const LOS_SAMPLES = 8;

function losRadiusOf(options: SurrogateOptions): number {
  const r = options.losRadiusM ?? 2;
  if (!(r >= 0 && Number.isFinite(r))) throw new RangeError(`losRadiusM ${options.losRadiusM} is not a distance >= 0`);
  return r;
}

function checkedHeight(z: number): number {
  if (typeof z !== "number" || !Number.isFinite(z)) throw new RangeError(`UE height ${z} is not a number of metres`);
  return z;
}

const heightsOf = (options: SurrogateOptions): readonly number[] => (options.heightsM ?? []).map(checkedHeight);

export interface SurrogateOptions {
  /** The UE's position uncertainty for the line-of-sight probability, metres (default 2). */
  readonly losRadiusM?: number;
  /**
   * UE heights to get ready for at load (metres): the first query at a height builds that height's
   * plan grid of walls (1-3 ms), which a near-RT loop should not spend on its first UE. The first 4
   * heights queried or readied get a grid (a height not exact in float32 takes two: batches carry
   * float32 positions).
   */
  readonly heightsM?: readonly number[];
}

export class Surrogate {
  readonly layout: NetworkLayout;
  private readonly input: Float64Array;
  private readonly query: SimdDecoder;
  private readonly losScratch: Uint8Array;
  private readonly geometry: GeometryFeatures;
  private readonly features: Float64Array;
  /** Where each cell's beams start in a position's gains. */
  readonly offsets: readonly number[];
  /** Dominant paths per cell (0 without a path head). */
  readonly pathsPerCell: number;
  /** Each cell's noise floor (dB gain; -Infinity where the file does not say). */
  private readonly floors: number[];

  readonly losRadiusM: number;
  private readonly from: [number, number, number] = [0, 0, 0];
  private readonly centre: [number, number, number] = [0, 0, 0];
  private readonly ring = new Float64Array(3 * LOS_SAMPLES);

  private constructor(
    readonly model: SurrogateModel,
    private readonly caster: RayCaster,
    private readonly session: ort.InferenceSession,
    options: SurrogateOptions,
  ) {
    this.losRadiusM = losRadiusOf(options);
    this.geometry = new GeometryFeatures(caster, model.spec.sites);
    if (this.geometry.count !== model.spec.geometry) {
      throw new RangeError(
        `the model expects ${model.spec.geometry} geometry features, this twin computes ${this.geometry.count}`,
      );
    }
    this.features = new Float64Array(this.geometry.count);
    for (const z of heightsOf(options)) this.prepare(z);
    this.layout = new NetworkLayout(model.spec);
    this.input = new Float64Array(this.layout.inputs);
    this.query = new SimdDecoder(this.layout, model.params);
    this.losScratch = new Uint8Array(model.spec.sites.length);
    this.pathsPerCell = model.spec.paths?.perPoint ?? 0;
    this.floors = model.outputs.map((o) => o.floorDb ?? Number.NEGATIVE_INFINITY);
    let at = 0;
    this.offsets = model.outputs.map((o) => {
      const start = at;
      at += o.beams;
      return start;
    });
  }

  /** Loads a surrogate file; `scene` is the twin's (nominal) scene it was trained on, for line of sight. */
  static async load(file: string, scene: Scene, options: SurrogateOptions = {}): Promise<Surrogate> {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new SurrogateFileError(
        file,
        `${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message} (twinric twin train makes one)`,
      );
    }
    return Surrogate.fromModel(readSurrogate(bytes, file), scene, options);
  }

  static async fromModel(model: SurrogateModel, scene: Scene, options: SurrogateOptions = {}): Promise<Surrogate> {
    // refused before a session exists
    losRadiusOf(options);
    heightsOf(options);
    // the geometry features and line of sight come from this scene: it must be the one it learnt
    if (model.sceneHash !== undefined && model.sceneHash !== sceneHash(scene)) {
      throw new SurrogateFileError(
        `the model of ${model.scenario}`,
        `it was trained on another scene than '${scene.metadata.name}' (give the scenario it was trained for)`,
      );
    }
    const session = await ort.InferenceSession.create(model.onnx, { intraOpNumThreads: 1 });
    return new Surrogate(model, new RayCaster(buildBvh(scene.triangles)), session, options);
  }

  /** Gets ready for queries at UE height `z` now (SurrogateOptions.heightsM says why). */
  prepare(z: number): void {
    this.geometry.prepare(checkedHeight(z));
  }

  get cells(): readonly { readonly point: string; readonly beams: number }[] {
    return this.model.outputs;
  }

  /** The gains at one position (in process), into `out` (one number per output). */
  gainsAt(
    x: number,
    y: number,
    z: number,
    out: Float32Array = new Float32Array(this.model.spec.outputs),
  ): Float32Array {
    this.forward(x, y, z, out, this.model.spec.outputs);
    return out;
  }

  /** The network at one position: the gains into `out`; returns the last layer's first `outputs`. */
  private forward(x: number, y: number, z: number, out: Float32Array, outputs: number): Float32Array {
    const { spec } = this.model;
    this.geometry.compute(x, y, z, this.features, 0, this.losScratch);
    encodeInput(this.layout, this.model.params, x, y, this.features, this.input);
    const h = this.query.decode(this.input, outputs);
    for (let k = 0; k < spec.outputs; k++) out[k] = spec.outputMean + spec.outputStd * h[k];
    return h;
  }

  /** One position, fully answered (in process). */
  predictOne(x: number, y: number, z: number): Prediction {
    const { spec } = this.model;
    const gainsDb = new Float32Array(spec.outputs);
    const raw = this.forward(x, y, z, gainsDb, Number.POSITIVE_INFINITY).subarray(spec.outputs);
    return this.summarise(
      gainsDb,
      this.losScratch.slice(),
      this.losProbability(x, y, z, this.losScratch),
      spec.paths ? pathsFrom(raw, spec.paths, true, this.floors) : EMPTY,
    );
  }

  /** Many positions (x, y, z each) in one onnxruntime call: the gains, per position, every output. */
  async gainsBatch(xyz: Float32Array, los?: Uint8Array): Promise<Float32Array> {
    return (await this.runBatch(xyz, los)).gains;
  }

  /**
   * Many positions in one onnxruntime call: per position the gains (every output) and, with a path
   * head, each cell's paths (pathsPerCell x PATH_FIELDS numbers per cell; empty without).
   */
  async batch(xyz: Float32Array, los?: Uint8Array): Promise<{ gains: Float32Array; paths: Float32Array }> {
    const { gains, paths } = await this.runBatch(xyz, los);
    const head = this.model.spec.paths;
    return { gains, paths: head && paths ? pathsFrom(paths, head, false, this.floors) : EMPTY };
  }

  private async runBatch(xyz: Float32Array, los?: Uint8Array): Promise<{ gains: Float32Array; paths?: Float32Array }> {
    const n = xyz.length / 3;
    if (!Number.isInteger(n)) throw new RangeError(`positions hold ${xyz.length} numbers: not x, y, z triples`);
    const K = this.geometry.count;
    const S = this.model.spec.sites.length;
    const geometry = new Float32Array(n * K);
    for (let i = 0; i < n; i++) {
      this.geometry.compute(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], geometry, i * K, los, i * S);
    }
    const out = await this.session.run({
      position: new ort.Tensor("float32", xyz, [n, 3]),
      geometry: new ort.Tensor("float32", geometry, [n, K]),
    });
    return { gains: out.gains_db.data as Float32Array, paths: out.paths?.data as Float32Array | undefined };
  }

  /** Many positions, fully answered. */
  async predict(positions: readonly (readonly [number, number, number])[]): Promise<Prediction[]> {
    const S = this.model.spec.sites.length;
    const los = new Uint8Array(positions.length * S);
    const { gains, paths } = await this.batch(Float32Array.from(positions.flat()), los);
    const G = this.model.spec.outputs;
    const R = paths.length / Math.max(positions.length, 1);
    return positions.map(([x, y, z], i) => {
      const sight = los.slice(i * S, (i + 1) * S);
      return this.summarise(
        gains.slice(i * G, (i + 1) * G),
        sight,
        this.losProbability(x, y, z, sight),
        paths.slice(i * R, (i + 1) * R),
      );
    });
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  /**
   * Per site, the share of (x, y, z) and the points of a ring of LOS_SAMPLES at losRadiusM around it
   * that see the site; ring points the UE could not walk to in a straight line (inside a building,
   * behind a wall) do not count.
   */
  private losProbability(x: number, y: number, z: number, los: Uint8Array): Float32Array {
    const { sites } = this.model.spec;
    const out = new Float32Array(sites.length);
    const r = this.losRadiusM;
    const centre = this.centre;
    centre[0] = x;
    centre[1] = y;
    centre[2] = z;
    let reachable = 0;
    const ring = this.ring;
    if (r > 0) {
      for (let k = 0; k < LOS_SAMPLES; k++) {
        const a = (2 * Math.PI * k) / LOS_SAMPLES;
        this.from[0] = x + r * Math.cos(a);
        this.from[1] = y + r * Math.sin(a);
        this.from[2] = z;
        if (this.caster.visible(centre, this.from)) {
          ring[3 * reachable] = this.from[0];
          ring[3 * reachable + 1] = this.from[1];
          ring[3 * reachable + 2] = z;
          reachable++;
        }
      }
    }
    for (let s = 0; s < sites.length; s++) {
      let seen = los[s];
      for (let k = 0; k < reachable; k++) {
        this.from[0] = ring[3 * k];
        this.from[1] = ring[3 * k + 1];
        this.from[2] = ring[3 * k + 2];
        if (this.caster.visible(this.from, sites[s] as [number, number, number])) seen++;
      }
      out[s] = seen / (reachable + 1);
    }
    return out;
  }

  private summarise(
    gainsDb: Float32Array,
    los: Uint8Array,
    losProbability: Float32Array,
    paths: Float32Array,
  ): Prediction {
    const { outputs } = this.model;
    const bestBeam = new Int16Array(outputs.length);
    let bestCell = 0;
    let bestGain = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < outputs.length; c++) {
      const at = this.offsets[c];
      let b = 0;
      for (let k = 1; k < outputs[c].beams; k++) if (gainsDb[at + k] > gainsDb[at + b]) b = k;
      bestBeam[c] = b;
      // received power decides: gain + the cell's transmit power
      const received = gainsDb[at + b] + (outputs[c].powerDbm ?? 0);
      if (received > bestGain) {
        bestGain = received;
        bestCell = c;
      }
    }
    return { gainsDb, bestBeam, bestCell, los, losProbability, paths };
  }
}

const EMPTY = new Float32Array(0);

/**
 * The path head's outputs as paths (PATH_FIELDS numbers each); `normalised` when they come straight
 * from the network (the TypeScript path), not yet scaled (onnxruntime's output is). A path below its
 * cell's floor (`floors`, per cell) is not there: NaN.
 */
function pathsFrom(
  raw: ArrayLike<number>,
  head: PathHead,
  normalised: boolean,
  floors: readonly number[],
): Float32Array {
  const n = raw.length / PATH_OUTPUT_FIELDS;
  const out = new Float32Array(n * PATH_FIELDS);
  const F = PATH_OUTPUT_FIELDS;
  const field = new Float64Array(F);
  for (let k = 0; k < n; k++) {
    for (let f = 0; f < F; f++) field[f] = normalised ? head.mean[f] + head.std[f] * raw[k * F + f] : raw[k * F + f];
    const o = k * PATH_FIELDS;
    if (field[4] < floors[Math.floor(k / head.perPoint) % head.points]) {
      out.fill(Number.NaN, o, o + PATH_FIELDS);
      continue;
    }
    out[o] = Math.atan2(field[1], field[0]);
    out[o + 1] = field[2];
    out[o + 2] = field[3];
    out[o + 3] = field[4];
  }
  return out;
}
