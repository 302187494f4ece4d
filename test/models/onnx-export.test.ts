/** The surrogate exported to ONNX computes what the training-time forward pass computes (onnxruntime-node). */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { exportSurrogate } from "../../models/surrogate/onnx-export.js";
import { seededRandom } from "../../twin/scene/index.js";
import { decode, encodeInput, initialParams, NetworkLayout, type NetworkSpec } from "../../twin/surrogate/network.js";

const SPEC: NetworkSpec = {
  area: { x0: -100, y0: -80, x1: 120, y1: 90 },
  levelsM: [40, 10, 2.5],
  features: 3,
  sites: [
    [0, 50, 25],
    [-60, -40, 30],
  ],
  geometry: 5,
  hidden: [16, 12],
  outputs: 10,
  outputMean: -110,
  outputStd: 18,
};

/** Parameters with grid features as large as trained ones get (the initial ones are tiny). */
function params(layout: NetworkLayout, seed: number): Float32Array {
  const p = initialParams(layout, seed);
  const r = seededRandom(seed + 1);
  for (let i = 0; i < layout.gridSize; i++) p[i] = r.uniform(-1, 1);
  return p;
}

describe("the surrogate as ONNX", () => {
  it("gives the training-time forward pass's gains within 1e-4 dB, inside and outside the grid area", async () => {
    const layout = new NetworkLayout(SPEC);
    const p = params(layout, 7);
    const bytes = exportSurrogate(SPEC, p, {
      scenario: "test",
      producerVersion: "0",
      outputs: [{ point: "a", beams: 10 }],
    });
    const session = await ort.InferenceSession.create(bytes);
    const r = seededRandom(3);
    const n = 500;
    const xyz = new Float32Array(n * 3);
    const geometry = new Float32Array(n * 5);
    for (let i = 0; i < n; i++) {
      // some points beyond the area: clamped the same way
      xyz.set([r.uniform(-130, 150), r.uniform(-100, 110), r.uniform(0, 3)], 3 * i);
      geometry.set([r.int(0, 1), r.uniform(-1, 1), r.uniform(0, 2), r.int(0, 1), r.uniform(0, 1)], 5 * i);
    }
    const out = await session.run({
      position: new ort.Tensor("float32", xyz, [n, 3]),
      geometry: new ort.Tensor("float32", geometry, [n, 5]),
    });
    const gains = out.gains_db.data as Float32Array;
    expect(out.gains_db.dims).toEqual([n, SPEC.outputs]);
    const input = new Float64Array(layout.inputs);
    const acts = layout.layers.map((l) => new Float64Array(l.outputs));
    let worst = 0;
    for (let i = 0; i < n; i++) {
      encodeInput(layout, p, xyz[3 * i], xyz[3 * i + 1], geometry.subarray(5 * i, 5 * i + 5), input);
      const y = decode(layout, p, input, acts);
      for (let k = 0; k < SPEC.outputs; k++) {
        worst = Math.max(worst, Math.abs(SPEC.outputMean + SPEC.outputStd * y[k] - gains[i * SPEC.outputs + k]));
      }
    }
    expect(worst).toBeLessThan(1e-4);
    // and the outputs are not trivially equal: they spread over many dB
    const spread = Math.max(...gains) - Math.min(...gains);
    expect(spread).toBeGreaterThan(10);
    await session.release();
  });

  it("gives the path head's outputs, each field scaled back as the forward pass does", async () => {
    const spec: NetworkSpec = {
      ...SPEC,
      paths: { points: 2, perPoint: 3, mean: [0, 0.1, 0.2, 300, -100], std: [0.7, 0.6, 0.1, 200, 15] },
    };
    const layout = new NetworkLayout(spec);
    const p = params(layout, 9);
    const outputs = [
      { point: "a", beams: 6 },
      { point: "b", beams: 4 },
    ];
    const session = await ort.InferenceSession.create(
      exportSurrogate(spec, p, { scenario: "t", producerVersion: "0", outputs }),
    );
    const r = seededRandom(4);
    const n = 50;
    const xyz = new Float32Array(n * 3).map((_, k) => (k % 3 === 2 ? 1.5 : r.uniform(-90, 110)));
    const geometry = new Float32Array(n * 5).map(() => r.uniform(0, 1));
    const out = await session.run({
      position: new ort.Tensor("float32", xyz, [n, 3]),
      geometry: new ort.Tensor("float32", geometry, [n, 5]),
    });
    const Q = 2 * 3 * 5;
    expect(out.paths.dims).toEqual([n, Q]);
    expect(out.gains_db.dims).toEqual([n, 10]);
    const paths = out.paths.data as Float32Array;
    const input = new Float64Array(layout.inputs);
    const acts = layout.layers.map((l) => new Float64Array(l.outputs));
    for (let i = 0; i < n; i++) {
      encodeInput(layout, p, xyz[3 * i], xyz[3 * i + 1], geometry.subarray(5 * i, 5 * i + 5), input);
      const y = decode(layout, p, input, acts);
      for (let q = 0; q < Q; q++) {
        const want = spec.paths!.mean[q % 5] + spec.paths!.std[q % 5] * y[10 + q];
        expect(Math.abs(paths[i * Q + q] - want)).toBeLessThan(1e-3 * Math.max(1, Math.abs(want)));
      }
    }
    await session.release();
  });

  it("refuses parameters that do not fit the network", () => {
    expect(() =>
      exportSurrogate(SPEC, new Float32Array(3), { scenario: "t", producerVersion: "0", outputs: [] }),
    ).toThrow(/3 parameters, the network has \d+/);
  });
});
