/**
 * The surrogate's dataset: positions (kinds, outdoors, held-out blocks, determinism) and the tracer's
 * answers at them (against the radio map's exact evaluation at the same points; the same with one
 * thread or two; resumed from the chunks a stopped run left).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type DatasetSource, generateDataset } from "../../models/dataset/dataset.js";
import { heldOut, POSITION_KINDS, samplePositions } from "../../models/dataset/positions.js";
import type { CellSpec } from "../../twin/antenna/index.js";
import { solveRadioMap } from "../../twin/radio-map/index.js";
import { boxScene } from "../support/box-scene.js";

// two blocks with a 10 m street between them, on a 120 m square of ground
const SCENE = boxScene(
  [
    { x0: -40, y0: -30, x1: -5, y1: 30, heightM: 20 },
    { x0: 5, y0: -30, x1: 40, y1: 30, heightM: 20 },
  ],
  60,
);
const CELL: CellSpec = {
  id: "c1",
  position: [0, -55, 25],
  bearingDeg: 0,
  downtiltDeg: 5,
  powerDbm: 40,
  array: { rows: 2, cols: 4 },
  codebook: { kind: "ssb", count: 4, azimuthSpanDeg: 90 },
};
const SOURCE: DatasetSource = {
  name: "boxes",
  scene: SCENE,
  points: [CELL],
  frequencyHz: 3.5e9,
  maxDepth: 1,
  diffraction: true,
  heightM: 1.5,
  floorDb: [-140],
};
const POSITIONS = { gridM: 4, random: 60, canyon: 30, edge: 30, blockM: 20, testFraction: 0.25, seed: 3 };

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("dataset positions", () => {
  const p = samplePositions(SCENE, { ...POSITIONS, heightM: 1.5 });
  const inside = (x: number, y: number) => Math.abs(y) < 30 && (Math.abs(x) > 5 ? Math.abs(x) < 40 : false);

  it("are all outdoors, at the UE height, each kind as asked", () => {
    const counts = POSITION_KINDS.map((_, k) => p.kind.filter((v) => v === k).length);
    expect(counts.slice(1)).toEqual([60, 30, 30]);
    expect(counts[0]).toBeGreaterThan(400); // the 4 m grid outside the blocks
    for (let i = 0; i < p.count; i++) {
      expect(inside(p.xyz[3 * i], p.xyz[3 * i + 1])).toBe(false);
      expect(p.xyz[3 * i + 2]).toBe(1.5);
    }
    // canyon positions lie in the street between the blocks (buildings on both sides within 15 m)
    for (let i = 0; i < p.count; i++) {
      if (POSITION_KINDS[p.kind[i]] === "canyon") {
        expect(Math.abs(p.xyz[3 * i])).toBeLessThan(5);
        expect(Math.abs(p.xyz[3 * i + 1])).toBeLessThan(30);
      }
    }
  });

  it("hold out whole blocks, about the share asked, the same for the same seed", () => {
    const again = samplePositions(SCENE, { ...POSITIONS, heightM: 1.5 });
    expect(again.xyz).toEqual(p.xyz);
    expect(again.test).toEqual(p.test);
    for (let i = 0; i < p.count; i++)
      expect(p.test[i]).toBe(heldOut(p.xyz[3 * i], p.xyz[3 * i + 1], POSITIONS) ? 1 : 0);
    const share = p.test.reduce((a, b) => a + b, 0) / p.count;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.5);
    // another seed holds out other blocks (the grid positions, the same in both, tell)
    const other = samplePositions(SCENE, { ...POSITIONS, seed: 4, heightM: 1.5 });
    const grid = (s: typeof p) => Array.from(s.test.subarray(0, s.kind.indexOf(1)));
    expect(grid(other)).toHaveLength(grid(p).length);
    expect(grid(other)).not.toEqual(grid(p));
  });

  it("say clearly when a kind cannot be found, and refuse bad options", () => {
    const open = boxScene([], 50);
    expect(() => samplePositions(open, { ...POSITIONS, heightM: 1.5 })).toThrow(/found only 0 of 30 canyon positions/);
    expect(() => samplePositions(SCENE, { ...POSITIONS, blockM: 0, heightM: 1.5 })).toThrow(/blockM 0 is not positive/);
    expect(() => samplePositions(SCENE, { ...POSITIONS, testFraction: 1, heightM: 1.5 })).toThrow(/testFraction/);
  });
});

describe("dataset generation", () => {
  it("agrees with the radio map's evaluation at the same points, with one thread or two", async () => {
    const one = await generateDataset(SOURCE, { positions: POSITIONS, dir: null, threads: 1, chunk: 64 });
    const two = await generateDataset(SOURCE, { positions: POSITIONS, dir: null, threads: 2, chunk: 64 });
    expect(two.gainsDb).toEqual(one.gainsDb);
    expect(two.paths).toEqual(one.paths);
    expect(two.los).toEqual(one.los);
    // the radio map over the same grid: its cell centres are the grid positions
    const map = await solveRadioMap(SCENE, [CELL], {
      frequencyHz: 3.5e9,
      resM: 4,
      maxDepth: 1,
      rays: 200_000,
      threads: 1,
    });
    const g = map.meta.grid;
    const diffs: number[] = [];
    for (let i = 0; i < one.meta.count; i++) {
      if (one.kind[i] !== 0) continue;
      const col = Math.floor((one.xyz[3 * i] - g.x0) / g.resM);
      const row = Math.floor((one.xyz[3 * i + 1] - g.y0) / g.resM);
      for (let b = 0; b < 4; b++) {
        const m = map.beamGains(0, b)[row * g.width + col];
        const mine = one.gainsDb[i * 4 + b];
        if (m > 0 && mine > -140) diffs.push(Math.abs(10 * Math.log10(m) - mine));
      }
    }
    diffs.sort((a, b) => a - b);
    expect(diffs.length).toBeGreaterThan(1000);
    expect(diffs[Math.floor(diffs.length / 2)]).toBeLessThan(0.1);
    expect(diffs[Math.floor(0.9 * diffs.length)]).toBeLessThan(1);
    // line of sight where the tracer found the direct path, and paths ranked strongest first
    expect(one.los.some((v) => v === 1) && one.los.some((v) => v === 0)).toBe(true);
    let ranked = 0;
    for (let i = 0; i < one.meta.count; i++) {
      const a = one.paths[i * 12 + 3];
      const b = one.paths[i * 12 + 7];
      if (Number.isFinite(b)) {
        expect(a).toBeGreaterThanOrEqual(b);
        ranked++;
      }
    }
    expect(ranked).toBeGreaterThan(10); // positions with a second path were checked
  }, 120_000);

  it("resumes from the chunks a stopped run left, tracing only what is missing", async () => {
    const root = mkdtempSync(join(tmpdir(), "twinric-dataset-"));
    dirs.push(root);
    const full = await generateDataset(SOURCE, { positions: POSITIONS, dir: root, threads: 1, chunk: 64 });
    const [folder] = readdirSync(root);
    const files = readdirSync(join(root, folder));
    expect(files).toContain("dataset.bin");
    const chunks = files.filter((f) => f.startsWith("chunk-")).sort();
    expect(chunks.length).toBe(Math.ceil(full.meta.count / 64));
    // as if stopped: the dataset not yet assembled, the last two chunks not yet traced
    for (const f of ["dataset.bin", ...chunks.slice(-2)]) rmSync(join(root, folder, f));
    const seen: number[] = [];
    const resumed = await generateDataset(SOURCE, {
      positions: POSITIONS,
      dir: root,
      threads: 1,
      chunk: 64,
      onProgress: (done) => seen.push(done),
    });
    expect(seen[0]).toBe(64 * (chunks.length - 2)); // what was on disk counts as done at once
    expect(resumed.gainsDb).toEqual(full.gainsDb);
    // and a third run only loads the assembled dataset, with the caller's floors
    const loaded = await generateDataset(
      { ...SOURCE, floorDb: [-120] },
      { positions: POSITIONS, dir: root, threads: 1, chunk: 64 },
    );
    expect(loaded.paths).toEqual(full.paths);
    expect(loaded.meta.floorDb).toEqual([-120]);
    // a run resumed with another chunk size starts its own chunks: the same answers
    rmSync(join(root, folder, "dataset.bin"));
    const other = await generateDataset(SOURCE, { positions: POSITIONS, dir: root, threads: 1, chunk: 32 });
    expect(other.gainsDb).toEqual(full.gainsDb);
  }, 120_000);
});
