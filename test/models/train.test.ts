/** Training the surrogate: the same seed gives the same network bit for bit, and the error falls. */
import { describe, expect, it } from "vitest";
import { type DatasetSource, generateDataset } from "../../models/dataset/dataset.js";
import { trainSurrogate } from "../../models/surrogate/train.js";
import { boxScene } from "../support/box-scene.js";

const SCENE = boxScene([{ x0: -15, y0: -10, x1: 15, y1: 10, heightM: 18 }], 50);
const SOURCE: DatasetSource = {
  name: "one-block",
  scene: SCENE,
  points: [
    {
      id: "c1",
      position: [0, -40, 25],
      bearingDeg: 0,
      downtiltDeg: 5,
      powerDbm: 40,
      array: { rows: 2, cols: 4 },
      codebook: { kind: "ssb", count: 4, azimuthSpanDeg: 90 },
    },
  ],
  frequencyHz: 3.5e9,
  maxDepth: 1,
  diffraction: true,
  heightM: 1.5,
  floorDb: [-140],
};
const OPTIONS = { levelsM: [20, 5], features: 2, hidden: [16], epochs: 4, batch: 32 };

describe("surrogate training", () => {
  it("is deterministic for a seed and thread count, differs with another seed, and lowers the error", async () => {
    const d = await generateDataset(SOURCE, {
      positions: { gridM: 5, random: 100, canyon: 0, edge: 40 },
      dir: null,
      threads: 1,
    });
    const a = await trainSurrogate(d, SCENE, { ...OPTIONS, seed: 1, threads: 2 });
    const b = await trainSurrogate(d, SCENE, { ...OPTIONS, seed: 1, threads: 2 });
    const c = await trainSurrogate(d, SCENE, { ...OPTIONS, seed: 2, threads: 2 });
    // one thread: the same gradient summed in another order, within rounding
    const one = await trainSurrogate(d, SCENE, { ...OPTIONS, seed: 1, threads: 1 });
    expect(b.params).toEqual(a.params);
    expect(c.params).not.toEqual(a.params);
    const drift = Math.max(...one.params.map((v, k) => Math.abs(v - a.params[k])));
    expect(drift).toBeLessThan(1e-3);
    const rmse = a.history.map((h) => h.trainRmseDb);
    expect(rmse[3]).toBeLessThan(rmse[0]);
    expect(a.spec.outputs).toBe(4);
    expect(a.spec.geometry).toBe(4 + 8);
  }, 60_000);
});
