/**
 * The twin's fast answer: a trained surrogate of the ray tracer (model-file.ts) predicting every
 * (cell, beam) gain at UE positions, with the best beam of each cell, the best cell, and the line of
 * sight to each site (ray cast in the twin's own scene: the network's geometry features, geometry.ts). Batches go through
 * onnxruntime; a single position is answered in plain TypeScript, which beats the binding's per-call
 * overhead.
 */
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { buildBvh } from "../bvh/index.js";
import { RayCaster } from "../paths/ray-caster.js";
import { type Scene, sceneHash } from "../scene/index.js";
import { GeometryFeatures } from "./geometry.js";
import { readSurrogate, SurrogateFileError, type SurrogateModel } from "./model-file.js";
import { decode, encodeInput, NetworkLayout } from "./network.js";

export interface Prediction {
  /** Per cell (the model's outputs order) and beam, dB. */
  readonly gainsDb: Float32Array;
  /** Per cell: its best beam. */
  readonly bestBeam: Int16Array;
  /** The cell with the strongest beam (gain + its transmit power). */
  readonly bestCell: number;
  /** Per site: 1 when in sight (the twin's scene), else 0. */
  readonly los: Uint8Array;
}

export class Surrogate {
  readonly layout: NetworkLayout;
  private readonly input: Float64Array;
  private readonly acts: Float64Array[];
  private readonly losScratch: Uint8Array;
  private readonly geometry: GeometryFeatures;
  private readonly features: Float64Array;
  private readonly offsets: number[];

  private constructor(
    readonly model: SurrogateModel,
    caster: RayCaster,
    private readonly session: ort.InferenceSession,
  ) {
    this.geometry = new GeometryFeatures(caster, model.spec.sites);
    if (this.geometry.count !== model.spec.geometry) {
      throw new RangeError(
        `the model expects ${model.spec.geometry} geometry features, this twin computes ${this.geometry.count}`,
      );
    }
    this.features = new Float64Array(this.geometry.count);
    this.layout = new NetworkLayout(model.spec);
    this.input = new Float64Array(this.layout.inputs);
    this.acts = this.layout.layers.map((l) => new Float64Array(l.outputs));
    this.losScratch = new Uint8Array(model.spec.sites.length);
    let at = 0;
    this.offsets = model.outputs.map((o) => {
      const start = at;
      at += o.beams;
      return start;
    });
  }

  /** Loads a surrogate file; `scene` is the twin's (nominal) scene it was trained on, for line of sight. */
  static async load(file: string, scene: Scene): Promise<Surrogate> {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new SurrogateFileError(
        file,
        `${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message} (twinric twin train makes one)`,
      );
    }
    return Surrogate.fromModel(readSurrogate(bytes, file), scene);
  }

  static async fromModel(model: SurrogateModel, scene: Scene): Promise<Surrogate> {
    // the geometry features and line of sight come from this scene: it must be the one it learnt
    if (model.sceneHash !== undefined && model.sceneHash !== sceneHash(scene)) {
      throw new SurrogateFileError(
        `the model of ${model.scenario}`,
        `it was trained on another scene than '${scene.metadata.name}' (give the scenario it was trained for)`,
      );
    }
    const session = await ort.InferenceSession.create(model.onnx, { intraOpNumThreads: 1 });
    return new Surrogate(model, new RayCaster(buildBvh(scene.triangles)), session);
  }

  get cells(): readonly { readonly point: string; readonly beams: number }[] {
    return this.model.outputs;
  }

  /** Line of sight from each site to (x, y, z), into `out`. */
  lineOfSight(
    x: number,
    y: number,
    z: number,
    out: Uint8Array = new Uint8Array(this.model.spec.sites.length),
  ): Uint8Array {
    this.geometry.compute(x, y, z, this.features, 0, out);
    return out;
  }

  /** The gains at one position (plain TypeScript), into `out` (one number per output). */
  gainsAt(
    x: number,
    y: number,
    z: number,
    out: Float32Array = new Float32Array(this.model.spec.outputs),
  ): Float32Array {
    const { spec } = this.model;
    this.geometry.compute(x, y, z, this.features, 0, this.losScratch);
    encodeInput(this.layout, this.model.params, x, y, this.features, this.input);
    const h = decode(this.layout, this.model.params, this.input, this.acts);
    for (let k = 0; k < spec.outputs; k++) out[k] = spec.outputMean + spec.outputStd * h[k];
    return out;
  }

  /** One position, fully answered (plain TypeScript). */
  predictOne(x: number, y: number, z: number): Prediction {
    const gainsDb = this.gainsAt(x, y, z);
    return this.summarise(gainsDb, this.losScratch.slice());
  }

  /** Many positions (x, y, z each) in one onnxruntime call: the gains, per position, every output. */
  async gainsBatch(xyz: Float32Array, los?: Uint8Array): Promise<Float32Array> {
    const n = xyz.length / 3;
    if (!Number.isInteger(n)) throw new RangeError(`positions hold ${xyz.length} numbers: not x, y, z triples`);
    const K = this.geometry.count;
    const S = this.model.spec.sites.length;
    const geometry = new Float32Array(n * K);
    for (let i = 0; i < n; i++) {
      this.geometry.compute(
        xyz[3 * i],
        xyz[3 * i + 1],
        xyz[3 * i + 2],
        geometry,
        i * K,
        los?.subarray(i * S, (i + 1) * S),
      );
    }
    const out = await this.session.run({
      position: new ort.Tensor("float32", xyz, [n, 3]),
      geometry: new ort.Tensor("float32", geometry, [n, K]),
    });
    return out.gains_db.data as Float32Array;
  }

  /** Many positions, fully answered. */
  async predict(positions: readonly (readonly [number, number, number])[]): Promise<Prediction[]> {
    const S = this.model.spec.sites.length;
    const los = new Uint8Array(positions.length * S);
    const gains = await this.gainsBatch(Float32Array.from(positions.flat()), los);
    const G = this.model.spec.outputs;
    return positions.map((_, i) => this.summarise(gains.slice(i * G, (i + 1) * G), los.slice(i * S, (i + 1) * S)));
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private summarise(gainsDb: Float32Array, los: Uint8Array): Prediction {
    const bestBeam = new Int16Array(this.model.outputs.length);
    let bestCell = 0;
    let bestGain = Number.NEGATIVE_INFINITY;
    this.model.outputs.forEach((o, c) => {
      let b = 0;
      for (let k = 1; k < o.beams; k++) if (gainsDb[this.offsets[c] + k] > gainsDb[this.offsets[c] + b]) b = k;
      bestBeam[c] = b;
      // received power decides: gain + the cell's transmit power
      const received = gainsDb[this.offsets[c] + b] + (o.powerDbm ?? 0);
      if (received > bestGain) {
        bestGain = received;
        bestCell = c;
      }
    });
    return { gainsDb, bestBeam, bestCell, los };
  }
}
