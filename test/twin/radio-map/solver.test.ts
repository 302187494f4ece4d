/**
 * The radio-map solver: free space against Friis, agreement with the point-to-point path solver, the
 * same map from one thread or two, buildings left out, convergence in the discovery rays, and the map
 * file round trip.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { beamGains, polarizedField } from "../../../twin/antenna/cell.js";
import type { CellSpec } from "../../../twin/antenna/cell-spec.js";
import { cellFromSpec } from "../../../twin/antenna/cell-spec.js";
import { solvePaths } from "../../../twin/paths/path-solver.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { fromAzEl, type Vec3 } from "../../../twin/paths/vec.js";
import { decodeRadioMap, encodeRadioMap, MapFileError } from "../../../twin/radio-map/map-file.js";
import { solveRadioMap } from "../../../twin/radio-map/radio-map-solver.js";
import { loadScene } from "../../../twin/scene/index.js";
import { box, floor, quadScene, wallX } from "../paths/support.js";

const F = 3.5e9;
const LAMBDA = 299792458 / F;
const CANYON = new URL(
  "../../../../shared/scenes/sionna/simple_street_canyon/simple_street_canyon.xml",
  import.meta.url,
).pathname;

const isoCell: CellSpec = {
  id: "iso",
  position: [0, 0, 10],
  azimuthDeg: 0,
  powerDbm: 30,
  array: { rows: 1, cols: 1, pattern: "iso" },
  codebook: { kind: "beams", directionsDeg: [[0, 0]] },
};

const sectorCell: CellSpec = {
  id: "sector",
  position: [-30, 0, 20],
  bearingDeg: 90,
  downtiltDeg: 5,
  powerDbm: 43,
  array: { rows: 4, cols: 8 },
  codebook: { kind: "ssb", count: 8, azimuthSpanDeg: 120 },
};

describe("radio map solver", () => {
  it("equals Friis in free space within 0.05 dB", async () => {
    const map = await solveRadioMap(quadScene([]), [isoCell], {
      frequencyHz: F,
      area: { x0: -50, y0: -40, x1: 50, y1: 40 },
      resM: 5,
      threads: 1,
      rays: 1000,
    });
    const g = map.beamGains(0, 0);
    const { grid } = map.meta;
    let worst = 0;
    for (let k = 0; k < g.length; k++) {
      const i = k % grid.width;
      const j = Math.floor(k / grid.width);
      const d = Math.hypot(grid.x0 + (i + 0.5) * grid.resM, grid.y0 + (j + 0.5) * grid.resM, 1.5 - 10);
      worst = Math.max(worst, Math.abs(10 * Math.log10(g[k]) - 20 * Math.log10(LAMBDA / (4 * Math.PI * d))));
    }
    expect(worst).toBeLessThan(0.05);
  });

  it("leaves building interiors out (NaN) and lights the shadow behind a screen only through diffraction", async () => {
    const scene = quadScene([
      floor(200, "medium_dry_ground"),
      wallX(10, [-20, 20], [0, 25], "concrete", "screen"),
      ...box([-15, -25, 0], [-5, -15, 20], "concrete"),
    ]);
    const options = { frequencyHz: F, area: { x0: -20, y0: -30, x1: 60, y1: 30 }, resM: 2, threads: 1, rays: 50_000 };
    const cell = { ...isoCell, position: [0, 0, 10] as [number, number, number] };
    const withD = await solveRadioMap(scene, [cell], options);
    const without = await solveRadioMap(scene, [cell], { ...options, diffraction: false });
    const { grid } = withD.meta;
    const at = (x: number, y: number) =>
      Math.floor((y - grid.y0) / grid.resM) * grid.width + Math.floor((x - grid.x0) / grid.resM);
    expect(Number.isNaN(withD.beamGains(0, 0)[at(-10, -20)])).toBe(true);
    const shadow = at(45, 0);
    expect(without.beamGains(0, 0)[shadow]).toBe(0);
    expect(withD.beamGains(0, 0)[shadow]).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(CANYON))(
    "agrees with the path solver at every sampled point (street canyon, order 2)",
    async () => {
      const scene = await loadScene(CANYON);
      const map = await solveRadioMap(scene, [sectorCell], {
        frequencyHz: F,
        maxDepth: 2,
        resM: 2,
        threads: 2,
        rays: 400_000,
      });
      const ts = new TracingScene(scene);
      const cell = cellFromSpec(sectorCell);
      const { grid } = map.meta;
      const beams = new Float64Array(8);
      const field = new Float64Array(2);
      let compared = 0;
      let worst = 0;
      for (let k = 7; k < grid.width * grid.height; k += 97) {
        const got = map.beamGains(0, 3)[k];
        if (Number.isNaN(got)) continue;
        const i = k % grid.width;
        const j = Math.floor(k / grid.width);
        const rx: Vec3 = [grid.x0 + (i + 0.5) * grid.resM, grid.y0 + (j + 0.5) * grid.resM, 1.5];
        const [paths] = solvePaths(ts, sectorCell.position, [rx], { frequencyHz: F, maxDepth: 2 });
        let want = 0;
        for (const p of paths.paths) {
          const dir = Float64Array.from(fromAzEl(p.aod[0], p.aod[1]));
          beamGains(cell, dir, beams);
          polarizedField(cell, dir, field);
          const t = p.transfer;
          const re = t[0] * field[0] + t[2] * field[1];
          const im = t[1] * field[0] + t[3] * field[1];
          want += (beams[3] * (re * re + im * im)) / (field[0] ** 2 + field[1] ** 2);
        }
        if (want === 0) {
          expect(got).toBe(0);
          continue;
        }
        compared++;
        worst = Math.max(worst, Math.abs(10 * Math.log10(got / want)));
      }
      console.log(`map vs path solver: ${compared} points, worst ${worst.toFixed(3)} dB`);
      expect(compared).toBeGreaterThan(30);
      // the map skips lit-region diffraction 30 dB under the line of sight; discovery may miss a weak path
      expect(worst).toBeLessThan(0.5);
    },
  );

  it.skipIf(!existsSync(CANYON))(
    "gives the same map from one thread or two, and converges as the rays double",
    async () => {
      const scene = await loadScene(CANYON);
      const options = { frequencyHz: F, maxDepth: 3, resM: 2 };
      const one = await solveRadioMap(scene, [sectorCell], { ...options, threads: 1, rays: 200_000 });
      const two = await solveRadioMap(scene, [sectorCell], { ...options, threads: 2, rays: 200_000 });
      for (let i = 0; i < one.gains.length; i += 13) {
        if (Number.isNaN(one.gains[i])) expect(Number.isNaN(two.gains[i])).toBe(true);
        // float32 sums taken in another order: equal to a few units in the 7th digit
        else expect(Math.abs(two.gains[i] - one.gains[i])).toBeLessThanOrEqual(1e-5 * one.gains[i]);
      }
      const doubled = await solveRadioMap(scene, [sectorCell], { ...options, threads: 2, rays: 400_000 });
      const a = one.serving().rsrpDbm;
      const b = doubled.serving().rsrpDbm;
      let sum = 0;
      let n = 0;
      for (let k = 0; k < a.length; k++) {
        if (Number.isFinite(a[k]) && Number.isFinite(b[k])) {
          sum += (a[k] - b[k]) ** 2;
          n++;
        }
      }
      const rmse = Math.sqrt(sum / n);
      console.log(`street canyon, 200k vs 400k rays: RSRP RMSE ${rmse.toFixed(3)} dB over ${n} cells`);
      expect(rmse).toBeLessThan(0.5);
    },
  );

  it("writes and reads the map file, and rejects damaged files naming the part", async () => {
    const map = await solveRadioMap(quadScene([]), [isoCell], {
      frequencyHz: F,
      area: { x0: 0, y0: 0, x1: 20, y1: 10 },
      resM: 2,
      threads: 1,
      rays: 100,
    });
    const bytes = encodeRadioMap(map);
    const back = decodeRadioMap(bytes, "m.bin");
    expect(back.meta).toEqual(JSON.parse(JSON.stringify(map.meta)));
    expect(Array.from(back.gains)).toEqual(Array.from(map.gains));
    expect(() => decodeRadioMap(bytes.subarray(0, 5), "m.bin")).toThrow(/too short/);
    const wrong = bytes.slice();
    wrong[0] = 0x41;
    expect(() => decodeRadioMap(wrong, "m.bin")).toThrow(/not TWRMAP01/);
    expect(() => decodeRadioMap(bytes.subarray(0, bytes.length - 4), "m.bin")).toThrow(MapFileError);
    expect(() => decodeRadioMap(bytes.subarray(0, bytes.length - 4), "m.bin")).toThrow(/expected 50 gains/);
    const badHeader = bytes.slice();
    badHeader[12] = 0x7b + 1;
    expect(() => decodeRadioMap(badHeader, "m.bin")).toThrow(/header .* is not JSON/);
  });
});
