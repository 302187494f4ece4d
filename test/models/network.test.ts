/** The surrogate network's forward and backward passes: gradients against finite differences. */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../twin/scene/index.js";
import {
  backward,
  decode,
  encodeInput,
  initialParams,
  levelsWithin,
  NetworkLayout,
} from "../../twin/surrogate/network.js";
import { SMALL_NETWORK } from "../support/small-network.js";

const SPEC = SMALL_NETWORK;

const GEOMETRY = [1, 0.3, -0.2];

/** Half the squared error of the outputs against `target` at one position. */
function loss(layout: NetworkLayout, p: Float32Array, x: number, y: number, target: number[]): number {
  const input = new Float64Array(layout.inputs);
  const acts = layout.layers.map((l) => new Float64Array(l.outputs));
  encodeInput(layout, p, x, y, GEOMETRY, input);
  const out = decode(layout, p, input, acts);
  return target.reduce((s, t, k) => s + 0.5 * (out[k] - t) ** 2, 0);
}

describe("the surrogate network", () => {
  it("back-propagates the gradient finite differences measure, for MLP weights and grid features alike", () => {
    const layout = new NetworkLayout(SPEC);
    const p = initialParams(layout, 5);
    const r = seededRandom(9);
    for (let i = 0; i < layout.gridSize; i++) p[i] = r.uniform(-1, 1); // features that matter
    const [x, y] = [13.3, 7.9];
    const target = [0.5, -1, 2, 0];
    const input = new Float64Array(layout.inputs);
    const corners = new Float64Array(8 * layout.levels.length);
    const acts = layout.layers.map((l) => new Float64Array(l.outputs));
    encodeInput(layout, p, x, y, GEOMETRY, input, corners);
    const out = decode(layout, p, input, acts);
    const deltas = layout.layers.map((l) => new Float64Array(l.outputs));
    for (let k = 0; k < SPEC.outputs; k++) deltas[deltas.length - 1][k] = out[k] - target[k];
    const grad = new Float64Array(layout.size);
    backward(layout, p, input, acts, corners, deltas, new Float64Array(layout.inputs), grad);
    let checked = 0;
    let gridChecked = 0;
    for (let i = 0; i < layout.size; i++) {
      // float32 parameters: a step of 1e-3 keeps the difference well above their rounding
      const h = 1e-3;
      const keep = p[i];
      p[i] = keep + h;
      const up = loss(layout, p, x, y, target);
      p[i] = keep - h;
      const down = loss(layout, p, x, y, target);
      p[i] = keep;
      const numeric =
        (up - down) / (p.constructor === Float32Array ? Math.fround(keep + h) - Math.fround(keep - h) : 2 * h);
      if (grad[i] === 0 && Math.abs(numeric) < 1e-6) continue; // untouched corners, dead ReLUs
      expect(grad[i]).toBeCloseTo(numeric, 3);
      checked++;
      if (i < layout.gridSize) gridChecked++;
    }
    expect(checked).toBeGreaterThan(30);
    expect(gridChecked).toBe(2 * 4 * SPEC.features); // 4 corners on each of 2 levels
  });

  it("reads the grid bilinearly: at a corner, exactly that corner's features", () => {
    const layout = new NetworkLayout(SPEC);
    const p = initialParams(layout, 1);
    const lv = layout.levels[1]; // 5 m
    p[lv.at + (2 * lv.cols + 3) * 2] = 7; // corner (i 3, j 2), feature 0
    const input = new Float64Array(layout.inputs);
    encodeInput(layout, p, 15, 10, GEOMETRY, input);
    expect(input[SPEC.features]).toBeCloseTo(7, 5); // level 1's first feature
    encodeInput(layout, p, 17.5, 10, GEOMETRY, input); // half way to the next corner
    expect(input[SPEC.features]).toBeCloseTo(3.5, 4);
  });

  it("leaves out the finest grid levels, never the coarsest, when the tables would exceed their budget", () => {
    const area = { x0: 0, y0: 0, x1: 1000, y1: 500 };
    const params = (levels: number[]) => new NetworkLayout({ ...SPEC, area, levelsM: levels, features: 8 }).gridSize;
    const all = [64, 16, 4, 1];
    expect(levelsWithin(area, all, 8, params(all))).toEqual(all); // exactly fits
    expect(levelsWithin(area, all, 8, params(all) - 1)).toEqual([64, 16, 4]);
    expect(levelsWithin(area, all, 8, params([64, 16]))).toEqual([64, 16]);
    expect(levelsWithin(area, all, 8, 10)).toEqual([64]);
  });
});
