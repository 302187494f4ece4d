/**
 * The surrogate network as an ONNX model, computing what network.ts computes: inputs `position`
 * [batch, 3] (x, y, z in the scene frame; z unused: the grids lie on the UE plane) and `geometry`
 * [batch, spec.geometry] (../../twin/surrogate/geometry.ts); outputs `gains_db` [batch, outputs] and, with a
 * path head, `paths` [batch, points x paths x 5] (cos and sin of the azimuth, elevation, delay, power;
 * network.ts PathHead). The grid levels are Gather reads of the feature tables with
 * bilinear weights; the MLP is Gemm and Relu. The parameters are initializers named `grid_<level>`,
 * `weight_<layer>`, `bias_<layer>`, and the network's spec is in the metadata (`spec`), so the file
 * alone rebuilds the network (../../twin/surrogate/model-file.ts).
 */

import type { SurrogateOutputs } from "../../twin/surrogate/model-file.js";
import {
  GRID_EDGE,
  NetworkLayout,
  type NetworkSpec,
  PATH_OUTPUT_FIELDS,
  pathOutputCount,
} from "../../twin/surrogate/network.js";
import { GraphBuilder } from "../onnx/graph-builder.js";

export interface ExportMeta {
  /** The scenario the network imitates the tracer of. */
  readonly scenario: string;
  readonly producerVersion: string;
  /** The hash of the scene it learnt (sceneHash): a load against another scene is refused. */
  readonly sceneHash?: string;
  /** Shown in the model's metadata: (point id, beams, power, noise floor) of each output block. */
  readonly outputs: readonly SurrogateOutputs[];
}

export function exportSurrogate(spec: NetworkSpec, params: Float32Array, meta: ExportMeta): Uint8Array {
  const layout = new NetworkLayout(spec);
  if (params.length !== layout.size)
    throw new RangeError(`${params.length} parameters, the network has ${layout.size}`);
  const g = new GraphBuilder();
  const F = spec.features;
  const position = g.input("position", ["batch", 3]);
  const geometry = g.input("geometry", ["batch", spec.geometry]);
  const column = (t: string, k: number) => g.node("Gather", [t, g.int64s([k], [1])], { axis: 1 });
  const x = column(position, 0);
  const y = column(position, 1);
  const scalar = (v: number) => g.floats([v], []);
  const one = scalar(1);
  const parts: string[] = [];
  for (const lv of layout.levels) {
    // grid coordinates, clamped as encodeInput clamps them
    const coord = (c: string, origin: number, n: number) =>
      g.node("Clip", [
        g.node("Div", [g.node("Sub", [c, scalar(origin)]), scalar(lv.resM)]),
        scalar(0),
        scalar(n - 1 - GRID_EDGE),
      ]);
    const u = coord(x, spec.area.x0, lv.cols);
    const v = coord(y, spec.area.y0, lv.rows);
    const i = g.node("Floor", [u]);
    const j = g.node("Floor", [v]);
    const fu = g.node("Sub", [u, i]);
    const fv = g.node("Sub", [v, j]);
    const gu = g.node("Sub", [one, fu]);
    const gv = g.node("Sub", [one, fv]);
    // row index j * cols + i, exact in float32 (grids stay far below 2^24 cells), as int64 [batch]
    const k00 = g.node("Add", [g.node("Mul", [j, scalar(lv.cols)]), i]);
    const index = (offset: number) =>
      g.node("Reshape", [
        g.node("Cast", [offset ? g.node("Add", [k00, scalar(offset)]) : k00], { to: 7 }),
        g.int64s([-1], [1]),
      ]);
    const table = g.floats(
      params.subarray(lv.at, lv.at + lv.cols * lv.rows * F),
      [lv.cols * lv.rows, F],
      `grid_${layout.levels.indexOf(lv)}`,
    );
    const corner = (offset: number, w: string) =>
      g.node("Mul", [g.node("Gather", [table, index(offset)], { axis: 0 }), w]);
    const a = g.node("Add", [corner(0, g.node("Mul", [gu, gv])), corner(1, g.node("Mul", [fu, gv]))]);
    const b = g.node("Add", [corner(lv.cols, g.node("Mul", [gu, fv])), corner(lv.cols + 1, g.node("Mul", [fu, fv]))]);
    parts.push(g.node("Add", [a, b]));
  }
  parts.push(geometry);
  let h = g.node("Concat", parts, { axis: 1 });
  const last = layout.layers.length - 1;
  layout.layers.forEach((l, k) => {
    const w = g.floats(params.subarray(l.w, l.w + l.outputs * l.inputs), [l.outputs, l.inputs], `weight_${k}`);
    const b = g.floats(params.subarray(l.b, l.b + l.outputs), [l.outputs], `bias_${k}`);
    h = g.node("Gemm", [h, w, b], { transB: 1 });
    if (k < last) h = g.node("Relu", [h]);
  });
  const G = spec.outputs;
  const Q = pathOutputCount(spec);
  const columns = (from: number, to: number) =>
    Q === 0 ? h : g.node("Slice", [h, g.int64s([from], [1]), g.int64s([to], [1]), g.int64s([1], [1])]);
  const gains = g.node("Add", [g.node("Mul", [columns(0, G), scalar(spec.outputStd)]), scalar(spec.outputMean)]);
  g.output(gains, "gains_db", ["batch", G]);
  if (spec.paths) {
    // each path field's own scale, repeated over the points and paths
    const per = (v: readonly number[]) =>
      g.floats(
        Array.from({ length: Q }, (_, q) => v[q % PATH_OUTPUT_FIELDS]),
        [Q],
      );
    const paths = g.node("Add", [g.node("Mul", [columns(G, G + Q), per(spec.paths.std)]), per(spec.paths.mean)]);
    g.output(paths, "paths", ["batch", Q]);
  }
  return g.toBytes({
    name: `twinric-surrogate-${meta.scenario}`,
    doc: `twinric surrogate of the ray tracer for scenario ${meta.scenario}: per (transmit point, beam) gain in dB at a UE position`,
    producerVersion: meta.producerVersion,
    props: {
      scenario: meta.scenario,
      ...(meta.sceneHash ? { sceneHash: meta.sceneHash } : {}),
      spec: JSON.stringify(spec),
      outputs: JSON.stringify(meta.outputs),
    },
  });
}
