/**
 * Reading a surrogate's ONNX file back into the network it was exported from (the spec in the
 * metadata, the parameters from the named initializers), for the pure-TypeScript query path: one
 * file serves onnxruntime and this. Every part is checked; errors name the file and what is wrong.
 */
import { fromBinary } from "@bufbuild/protobuf";
import { ModelProtoSchema, TensorProto_DataType } from "../gen/onnx_pb.js";
import { NetworkLayout, type NetworkSpec, PATH_OUTPUT_FIELDS } from "./network.js";

export class SurrogateFileError extends Error {
  override name = "SurrogateFileError";
  constructor(file: string, reason: string) {
    super(`cannot load surrogate ${file}: ${reason}`);
  }
}

export interface SurrogateOutputs {
  /** The transmit point (cell) of each block of outputs, and its beam count. */
  readonly point: string;
  readonly beams: number;
  /** Its transmit power, dBm (the best cell compares gain + power; 0 when the file does not say). */
  readonly powerDbm?: number;
  /** The gain (dB) at which its received power meets the noise: predicted paths below it are not there. */
  readonly floorDb?: number;
}

/** Bounds on what a file may claim, so a corrupt one fails here, not in an allocation. */
const MAX_PATHS_PER_POINT = 16;
const MAX_PARAMETERS = 2 ** 28;

export interface SurrogateModel {
  readonly scenario: string;
  /** The hash of the scene it was trained on (twin/scene sceneHash), when the file says. */
  readonly sceneHash?: string;
  readonly spec: NetworkSpec;
  readonly params: Float32Array;
  readonly outputs: readonly SurrogateOutputs[];
  /** The file's bytes, for onnxruntime. */
  readonly onnx: Uint8Array;
}

export function readSurrogate(bytes: Uint8Array, file: string): SurrogateModel {
  const fail = (reason: string): never => {
    throw new SurrogateFileError(file, reason);
  };
  let model: ReturnType<typeof fromBinary<typeof ModelProtoSchema>>;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (e) {
    return fail(`not an ONNX model (${(e as Error).message})`);
  }
  const props = new Map(model.metadataProps.map((p) => [p.key, p.value]));
  const json = <T>(key: string): T => {
    const text = props.get(key);
    if (text === undefined) fail(`metadata '${key}' is missing: not a twinric surrogate`);
    try {
      return JSON.parse(text as string) as T;
    } catch (e) {
      return fail(`metadata '${key}' is not JSON: ${(e as Error).message}`);
    }
  };
  const spec = json<NetworkSpec>("spec");
  const outputs = json<SurrogateOutputs[]>("outputs");
  const whole = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  const a = spec?.area;
  if (!a || ![a.x0, a.y0, a.x1, a.y1].every(Number.isFinite) || !(a.x1 >= a.x0 && a.y1 >= a.y0))
    fail("metadata 'spec.area' is not an area");
  if (!Array.isArray(spec.levelsM) || !spec.levelsM.every((l) => l > 0 && Number.isFinite(l)))
    fail("metadata 'spec.levelsM' is not a list of sizes");
  if (![spec.features, spec.outputs].every(whole) || !(Number.isInteger(spec.geometry) && spec.geometry >= 0)) {
    fail("metadata 'spec' has no whole counts of features, geometry and outputs");
  }
  if (!Array.isArray(spec.hidden) || !spec.hidden.every(whole)) fail("metadata 'spec.hidden' is not a list of widths");
  if (
    !Array.isArray(spec.sites) ||
    !spec.sites.every((p) => Array.isArray(p) && p.length === 3 && p.every(Number.isFinite))
  ) {
    fail("metadata 'spec.sites' is not a list of positions");
  }
  if (!Array.isArray(outputs) || !outputs.every((o) => typeof o?.point === "string" && whole(o.beams))) {
    fail("metadata 'outputs' is not a list of {point, beams}");
  }
  if (!outputs.every((o) => o.powerDbm === undefined || Number.isFinite(o.powerDbm)))
    fail("metadata 'outputs' has a transmit power that is not a number");
  if (!outputs.every((o) => o.floorDb === undefined || Number.isFinite(o.floorDb)))
    fail("metadata 'outputs' has a noise floor that is not a number");
  if (outputs.reduce((s, o) => s + o.beams, 0) !== spec.outputs) {
    fail(`metadata 'outputs' lists ${outputs.reduce((s, o) => s + o.beams, 0)} beams, the network has ${spec.outputs}`);
  }
  const head = spec.paths;
  if (head !== undefined) {
    const scale = (v: unknown, positive: boolean) =>
      Array.isArray(v) && v.length === PATH_OUTPUT_FIELDS && v.every((x) => Number.isFinite(x) && (!positive || x > 0));
    if (
      typeof head !== "object" ||
      head === null ||
      !whole(head.perPoint) ||
      head.perPoint > MAX_PATHS_PER_POINT ||
      head.points !== outputs.length ||
      !scale(head.mean, false) ||
      !scale(head.std, true)
    ) {
      fail(`metadata 'spec.paths' is not a path head for ${outputs.length} points`);
    }
  }
  // the graph answers what the spec says: a path head has its own output
  const graphOutputs = new Set((model.graph?.output ?? []).map((o) => o.name));
  for (const name of ["gains_db", ...(head ? ["paths"] : [])]) {
    if (!graphOutputs.has(name)) fail(`the graph has no output '${name}'`);
  }
  let layout: NetworkLayout;
  try {
    layout = new NetworkLayout(spec);
  } catch (e) {
    return fail(`metadata 'spec' does not describe a network: ${(e as Error).message}`);
  }
  if (!Number.isInteger(layout.size) || layout.size <= 0 || layout.size > MAX_PARAMETERS)
    fail("metadata 'spec' does not describe a network");
  const tensors = new Map((model.graph?.initializer ?? []).map((t) => [t.name, t]));
  const params = new Float32Array(layout.size);
  const take = (name: string, at: number, count: number) => {
    const t = tensors.get(name);
    if (!t) return fail(`initializer '${name}' is missing`);
    if (t.dataType !== TensorProto_DataType.FLOAT || t.rawData.length !== 4 * count) {
      fail(`initializer '${name}' holds ${t.rawData.length} octets, the network needs ${count} floats`);
    }
    // (a copy: the raw data may be a view into a larger, unaligned buffer)
    params.set(new Float32Array(new Uint8Array(t.rawData).buffer), at);
  };
  layout.levels.forEach((lv, l) => take(`grid_${l}`, lv.at, lv.cols * lv.rows * spec.features));
  layout.layers.forEach((ly, k) => {
    take(`weight_${k}`, ly.w, ly.inputs * ly.outputs);
    take(`bias_${k}`, ly.b, ly.outputs);
  });
  return {
    scenario: props.get("scenario") ?? "",
    sceneHash: props.get("sceneHash"),
    spec,
    params,
    outputs,
    onnx: bytes,
  };
}
