import { describe, expect, it } from "vitest";
import { CELL_COUNTERS, CellCounters, countersBetween } from "../../sim/ran/counters.js";

describe("CellCounters", () => {
  it("starts at zero for every counter and cell, and adds (1 by default)", () => {
    const c = new CellCounters(3);
    for (const k of CELL_COUNTERS) expect(Array.from(c.of(k))).toEqual([0, 0, 0]);
    c.add("handoverAttempts", 1);
    c.add("handoverAttempts", 1);
    c.add("dlBits", 2, 1.5e6);
    expect(Array.from(c.of("handoverAttempts"))).toEqual([0, 2, 0]);
    expect(Array.from(c.of("dlBits"))).toEqual([0, 0, 1.5e6]);
  });

  it("snapshots a copy that later additions do not change", () => {
    const c = new CellCounters(2);
    c.add("dlBits", 0, 100);
    const snap = c.snapshot();
    c.add("dlBits", 0, 50);
    c.add("rrcSetups", 1);
    expect(Array.from(snap.dlBits)).toEqual([100, 0]);
    expect(Array.from(snap.rrcSetups)).toEqual([0, 0]);
    expect(Array.from(c.of("dlBits"))).toEqual([150, 0]);
    expect(Object.keys(snap).sort()).toEqual([...CELL_COUNTERS].sort());
  });

  it("gives the growth between two snapshots, per counter and cell", () => {
    const c = new CellCounters(2);
    c.add("dlBits", 0, 1000);
    c.add("seconds", 0, 1);
    c.add("seconds", 1, 1);
    const before = c.snapshot();
    c.add("dlBits", 0, 250);
    c.add("dlBits", 1, 40);
    c.add("seconds", 0, 0.5);
    c.add("seconds", 1, 0.5);
    c.add("pingPongs", 1, 3);
    const after = c.snapshot();
    const d = countersBetween(before, after);
    expect(Array.from(d.dlBits)).toEqual([250, 40]);
    expect(Array.from(d.seconds)).toEqual([0.5, 0.5]);
    expect(Array.from(d.pingPongs)).toEqual([0, 3]);
    expect(Array.from(d.handoverFailures)).toEqual([0, 0]);
    for (const k of CELL_COUNTERS) expect(d[k]).toBeInstanceOf(Float64Array);
    // the inputs are untouched
    expect(Array.from(after.dlBits)).toEqual([1250, 40]);
    expect(Array.from(before.dlBits)).toEqual([1000, 0]);
  });
});
