/** The surrogate's evaluation: errors above the floor, LoS apart, nearest-rank p95, best-beam ranks. */
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../models/dataset/dataset.js";
import { errorStats, evaluate } from "../../models/surrogate/evaluate.js";

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
});
