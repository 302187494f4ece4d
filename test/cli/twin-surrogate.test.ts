/** `twinric twin query` with the committed urban-district surrogate, next to the tracer; and its errors. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support.js";

describe("twinric twin query", () => {
  it("answers each position per cell, with the tracer's answer beside, and line of sight to each site", async () => {
    const r = await runCli(["twin", "query", "--scenario", "urban-district", "--json", "0,150,1.5", "-95,130,1.5"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.cells).toHaveLength(9);
      expect(row.los).toHaveLength(3);
      expect(row.losProbability).toHaveLength(3);
      row.losProbability.forEach((p: number, k: number) => {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        if (p === 1) expect(row.los[k]).toBe(1); // every sample in sight, the position too
      });
      for (const c of row.cells) {
        expect(c.surrogate.beam).toBeGreaterThanOrEqual(0);
        expect(c.surrogate.beam).toBeLessThan(8);
        expect(Number.isFinite(c.surrogate.gainDb)).toBe(true);
      }
      expect(row.surrogateUs).toBeGreaterThan(0);
      expect(row.tracerMs).toBeGreaterThan(0);
    }
    // (0, 150) lies in the street 50 m south of the north site: in its sight, and the north cells strong
    expect(rows[0].los[0]).toBe(1);
    const north = rows[0].cells.filter((c: { cell: string }) => c.cell.startsWith("north"));
    const strongest = Math.max(...north.map((c: { tracer: { gainDb: number } }) => c.tracer.gainDb));
    const mine = Math.max(...north.map((c: { surrogate: { gainDb: number } }) => c.surrogate.gainDb));
    expect(Math.abs(mine - strongest)).toBeLessThan(10);
    // the strongest path of a cell in sight, beside the tracer's: the same side of the site
    const inSight = north.find(
      (c: { surrogate: { strongestPath: unknown } }) => c.surrogate.strongestPath !== null,
    ) as { surrogate: { strongestPath: { azimuthDeg: number } }; tracer: { strongestPath: { azimuthDeg: number } } };
    expect(inSight).toBeDefined();
    const turn = Math.abs(inSight.surrogate.strongestPath.azimuthDeg - inSight.tracer.strongestPath.azimuthDeg) % 360;
    expect(Math.min(turn, 360 - turn)).toBeLessThan(45);
  }, 60_000);

  it("refuses a malformed position or a missing model, in one line", async () => {
    const bad = await runCli(["twin", "query", "1,2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/position 1/);
    for (const radius of ["-1", "0x10", "1e1", "", "200"]) {
      const r = await runCli(["twin", "query", "--los-radius", radius, "1,2,3"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--los-radius must be a number 0\.\.100, got/);
    }
    const none = await runCli(["twin", "query", "--model", "/nonexistent/model.onnx", "1,2,3"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^twinric: cannot load surrogate \/nonexistent\/model\.onnx: no such file/);
    expect(none.stderr.trim().split("\n")).toHaveLength(1);
    // a model of another scenario
    const other = await runCli([
      "twin",
      "query",
      "--scenario",
      "factory",
      "--model",
      "models/urban-district/model.onnx",
      "1,2,1.5",
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/trained on another scene/);
  }, 60_000);
});
