/** The surrogate's evaluation: errors above the floor, LoS apart, nearest-rank p95, best-beam ranks. */
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../models/dataset/dataset.js";
import { errorStats, evaluate, nearestTraining, roughnessFloor } from "../../models/surrogate/evaluate.js";

describe("surrogate evaluation", () => {
  it("gives RMSE, mean error and the nearest-rank 95th percentile", () => {
    const e = errorStats(Array.from({ length: 20 }, (_, i) => (i % 2 ? 1 : -1) * (i + 1)));
    expect(e.count).toBe(20);
    expect(e.meanErrorDb).toBeCloseTo(0.5, 10); // -1 +2 -3 ... +20 = 10, over 20
    expect(e.rmseDb).toBeCloseTo(Math.sqrt(2870 / 20), 10);
    expect(e.p95AbsErrorDb).toBe(19); // rank ceil(0.95 x 20) = 19 of 1..20
  });

  it("counts only gains above each cell's floor, apart by line of sight, and ranks the tracer's best beam", () => {
    // two positions, one cell of 4 beams, floor -100
    const d = {
      meta: { beams: [4], floorDb: [-100], count: 2 },
      gainsDb: Float32Array.of(-80, -90, -95, -130, -70, -75, -200, -99),
      los: Uint8Array.of(1, 0),
      kind: Uint8Array.of(0, 1),
    } as unknown as Dataset;
    const predicted = Float32Array.of(-82, -88, -95, -50, -76, -70, -150, -99);
    const e = evaluate(d, [0, 1], predicted, ["grid", "random"]);
    // above the floor: position 0 beams 0-2 (errors -2, 2, 0), position 1 beams 0, 1, 3 (errors -6, 5, 0)
    expect(e.all.count).toBe(6);
    expect(e.los.count).toBe(3);
    expect(e.nlos.count).toBe(3);
    expect(e.all.meanErrorDb).toBeCloseTo(-1 / 6, 5);
    // the tracer's best beams: position 0 beam 0, which the surrogate ranks second (beam 3 above it);
    // position 1 beam 0, ranked second too (beam 1 above it): top-1 none, top-3 both
    expect(e.bestBeam.count).toBe(2);
    expect(e.bestBeam.top1).toBe(0);
    expect(e.bestBeam.top3).toBe(1);
    expect(e.byKind.grid.count).toBe(3);
  });

  it("measures the strongest path's angle errors across the azimuth wrap, its delay and power errors, and misses", () => {
    const deg = Math.PI / 180;
    const nan = Number.NaN;
    const none = Array(4).fill(nan);
    // one cell of 2 beams, 3 kept paths of (azimuth, elevation, delay, power); five positions:
    // four with a strongest path, the last with none
    const truth = [
      [179 * deg, 10 * deg, 300, -80],
      [0, 0, 100, -90],
      [90 * deg, 5 * deg, 500, -85],
      [-90 * deg, 0, 700, -95],
    ];
    const d = {
      meta: { beams: [2], floorDb: [-100], count: 5, dominantPaths: 3, pathFields: 4 },
      gainsDb: Float32Array.of(-80, -85, -90, -95, -85, -88, -95, -99, -90, -95),
      los: Uint8Array.of(1, 1, 1, 0, 0),
      kind: Uint8Array.of(0, 0, 0, 0, 0),
      paths: Float32Array.from([...truth.flatMap((t) => [...t, ...none, ...none]), ...none, ...none, ...none]),
    } as unknown as Dataset;
    // predicted: 2 paths per cell; position 3 predicts none (NaN): a miss
    const predicted = Float32Array.from([
      ...[-179 * deg, 13 * deg, 290, -81, ...none],
      ...[10 * deg, 1 * deg, 140, -84, ...none],
      ...[70 * deg, 5 * deg, 500, -85, ...none],
      ...[...none, ...none],
      ...[...none, ...none],
    ]);
    const e = evaluate(d, [0, 1, 2, 3, 4], d.gainsDb, ["grid"], { predicted, perPoint: 2 });
    const sp = e.strongestPath!;
    expect(sp.count).toBe(3);
    expect(sp.missed).toBe(1);
    // azimuth errors 2, 10, 20 degrees: median 10, p90 (nearest rank 3 of 3) 20
    expect(sp.azimuthDeg.median).toBeCloseTo(10, 3);
    expect(sp.azimuthDeg.p90).toBeCloseTo(20, 3);
    expect(sp.elevationDeg.median).toBeCloseTo(1, 3);
    expect(sp.delayNs.p90).toBeCloseTo(40, 3);
    expect(sp.powerDb.median).toBeCloseTo(1, 3);
    expect(sp.powerDb.p90).toBeCloseTo(6, 3);
    expect(evaluate(d, [0], d.gainsDb, ["grid"]).strongestPath).toBeUndefined();
  });

  it("finds each held-out position's nearest training one within a radius, and scores its answer", () => {
    // positions 0 and 1 held out; training positions at 0.5 m from 0, and 3 m from 1
    const d = {
      meta: { beams: [1], floorDb: [-100], count: 4 },
      xyz: Float64Array.of(0, 0, 1.5, 10, 10, 1.5, 0.3, 0.4, 1.5, 13, 10, 1.5),
      test: Uint8Array.of(1, 1, 0, 0),
      gainsDb: Float32Array.of(-80, -90, -84, -70),
      los: Uint8Array.of(1, 1, 1, 1),
      kind: Uint8Array.of(0, 0, 0, 0),
    } as unknown as Dataset;
    expect(nearestTraining(d, [0, 1], [2, 3], 1)).toEqual({ held: [0], neighbour: [2] });
    expect(nearestTraining(d, [0, 1], [2, 3], 5)).toEqual({ held: [0, 1], neighbour: [2, 3] });
    const r = roughnessFloor(d, [0, 1], Float32Array.of(-81, -95), ["grid"], 1);
    expect(r.nearestTraining.all.count).toBe(1);
    expect(r.nearestTraining.all.meanErrorDb).toBeCloseTo(-4, 5);
    expect(r.surrogate.all.meanErrorDb).toBeCloseTo(-1, 5);
  });
});
