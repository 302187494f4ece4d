/** The WebAssembly MLP for single positions: what decode gives, and the committed kernel is its source's. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat, generatedModule, WASM_SOURCES } from "../../scripts/gen-wasm.js";
import { seededRandom } from "../../twin/scene/index.js";
import { decode, encodeInput, initialParams, NetworkLayout, type NetworkSpec } from "../../twin/surrogate/network.js";
import { SimdDecoder } from "../../twin/surrogate/simd-decoder.js";
import { SMALL_NETWORK } from "../support/small-network.js";

// widths that are not multiples of the kernel's block of 16 outputs, and a last layer of three blocks
const SPEC: NetworkSpec = { ...SMALL_NETWORK, hidden: [24, 40], outputs: 37 };

describe("the single-position decoder (WebAssembly SIMD)", () => {
  it("gives what decode gives, in float32, whole or only the first outputs", () => {
    const layout = new NetworkLayout(SPEC);
    const p = initialParams(layout, 4);
    const r = seededRandom(6);
    for (let i = 0; i < layout.gridSize; i++) p[i] = r.uniform(-1, 1);
    const query = new SimdDecoder(layout, p);
    const input = new Float64Array(layout.inputs);
    const acts = layout.layers.map((l) => new Float64Array(l.outputs));
    let zeros = 0;
    let largest = 0;
    for (let n = 0; n < 200; n++) {
      encodeInput(
        layout,
        p,
        r.uniform(-5, 45),
        r.uniform(-5, 35),
        [r.int(0, 1), r.uniform(-1, 1), r.uniform(0, 2)],
        input,
      );
      const want = Float64Array.from(decode(layout, p, input, acts));
      zeros += acts[0].filter((v) => v === 0).length + acts[1].filter((v) => v === 0).length;
      const got = query.decode(input);
      expect(got.length).toBe(SPEC.outputs);
      for (let k = 0; k < SPEC.outputs; k++) {
        expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-5 * (1 + Math.abs(want[k])));
        largest = Math.max(largest, Math.abs(want[k]));
      }
      // the first 17 outputs: a cut inside the second block
      query.decode(input.map(() => 0)); // leave other numbers behind, so stale outputs cannot pass
      const cut = query.decode(input, 17);
      for (let k = 0; k < 17; k++) expect(Math.abs(cut[k] - want[k])).toBeLessThan(1e-5 * (1 + Math.abs(want[k])));
    }
    expect(zeros).toBeGreaterThan(1000); // the skipped zero inputs were exercised
    expect(largest).toBeGreaterThan(0.1); // not a network that outputs nothing
  });

  it("keeps instances apart, and grows its memory for a network larger than a page", () => {
    const wide: NetworkSpec = { ...SPEC, hidden: [512, 64], outputs: 21 }; // about 200 kB of weights
    const nets = [SPEC, wide].map((spec, k) => {
      const layout = new NetworkLayout(spec);
      const p = initialParams(layout, 10 + k);
      return {
        layout,
        p,
        query: new SimdDecoder(layout, p),
        acts: layout.layers.map((l) => new Float64Array(l.outputs)),
      };
    });
    const r = seededRandom(3);
    for (let n = 0; n < 20; n++) {
      for (const { layout, p, query, acts } of nets) {
        const input = Float64Array.from({ length: layout.inputs }, () => r.uniform(-1, 1));
        const want = decode(layout, p, input, acts);
        const got = query.decode(input);
        for (let k = 0; k < want.length; k++)
          expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-5 * (1 + Math.abs(want[k])));
      }
    }
  });

  it("refuses an input of the wrong length and a negative output count", () => {
    const layout = new NetworkLayout(SPEC);
    const query = new SimdDecoder(layout, initialParams(layout, 1));
    expect(() => query.decode(new Float64Array(layout.inputs - 1))).toThrow(/takes \d+ inputs, not \d+/);
    expect(() => query.decode(new Float64Array(layout.inputs), -17)).toThrow(/lastOutputs -17 is not a count/);
  });

  it("propagates a NaN input rather than skipping it", () => {
    const layout = new NetworkLayout(SPEC);
    const query = new SimdDecoder(layout, initialParams(layout, 1));
    const input = new Float64Array(layout.inputs).fill(0.5);
    input[3] = Number.NaN;
    expect(Array.from(query.decode(input)).every(Number.isNaN)).toBe(true);
  });

  it("runs the kernel compiled from its committed source (npm run gen:wasm)", async () => {
    for (const { wat, out } of WASM_SOURCES) {
      expect(readFileSync(out, "utf8"), `${out} is stale: run npm run gen:wasm`).toBe(
        generatedModule(wat, await compileWat(wat)),
      );
    }
  });
});
