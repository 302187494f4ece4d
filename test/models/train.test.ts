/** Training the surrogate: the same seed gives the same network bit for bit, and the error falls. */
import { describe, expect, it } from "vitest";
import { type DatasetSource, generateDataset } from "../../models/dataset/dataset.js";
import { BELOW_FLOOR_DB, pathTargets, trainSurrogate } from "../../models/surrogate/train.js";
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
    // the path head (two paths of the one cell) learns too
    expect(a.spec.paths).toMatchObject({ points: 1, perPoint: 2 });
    const pathRmse = a.history.map((h) => h.trainPathRmse);
    expect(pathRmse[0]).toBeGreaterThan(0);
    expect(pathRmse[3]).toBeLessThan(pathRmse[0]);
    const none = await trainSurrogate(d, SCENE, { ...OPTIONS, epochs: 1, pathsPerPoint: 0 });
    expect(none.spec.paths).toBeUndefined();
    expect(none.history[0].trainPathRmse).toBe(0);
    expect(a.spec.geometry).toBe(4 + 8);
  }, 60_000);

  it("learns each cell's strongest paths as cos and sin of the azimuth, elevation, delay and power, normalised", async () => {
    const d = await generateDataset(SOURCE, {
      positions: { gridM: 10, random: 20, canyon: 0, edge: 0 },
      dir: null,
      threads: 1,
    });
    const all = Array.from({ length: d.meta.count }, (_, i) => i);
    const { head, targets } = pathTargets(d, 2, all);
    expect(head).toMatchObject({ points: 1, perPoint: 2 });
    expect(() => pathTargets(d, 4, all)).toThrow(/keeps 3 paths per point, not 4/);
    const floor = SOURCE.floorDb[0] - BELOW_FLOOR_DB;
    let present = 0;
    let absent = 0;
    for (let i = 0; i < d.meta.count; i++) {
      for (let k = 0; k < 2; k++) {
        const src = (i * 3 + k) * 4;
        const t = Array.from(
          targets.subarray((i * 2 + k) * 5, (i * 2 + k) * 5 + 5),
          (v, f) => head.mean[f] + head.std[f] * v,
        );
        if (d.paths[src + 3] > floor) {
          present++;
          expect(t[0]).toBeCloseTo(Math.cos(d.paths[src]), 4);
          expect(t[1]).toBeCloseTo(Math.sin(d.paths[src]), 4);
          expect(t[2]).toBeCloseTo(d.paths[src + 1], 4);
          expect(t[3]).toBeCloseTo(d.paths[src + 2], 1);
          expect(t[4]).toBeCloseTo(d.paths[src + 3], 2);
        } else {
          // no path: only its power is learnt, clamped below the floor
          absent++;
          expect(t.slice(0, 4).every(Number.isNaN)).toBe(true);
          expect(t[4]).toBeCloseTo(floor, 2);
        }
      }
    }
    expect(present).toBeGreaterThan(0);
    expect(absent).toBeGreaterThan(0);
  });
});
