/** The CSI-RS port channel of a dual-polarised panel from traced paths, and per-UE path anchoring. */
import { describe, expect, it } from "vitest";
import { typeIReport } from "../../sim/ran/csi.js";
import { csiPanelOf, portChannels, subbandOffsets, UePaths } from "../../sim/ran/csi-channel.js";
import { CqiTable } from "../../sim/ran/link.js";
import type { CellSpec } from "../../twin/antenna/cell-spec.js";
import { solvePaths } from "../../twin/paths/path-solver.js";
import { TracingScene } from "../../twin/paths/tracing-scene.js";
import { quadScene } from "../twin/paths/support.js";

const F = 3.5e9;
const SPEC: CellSpec = {
  id: "c",
  position: [0, 0, 25],
  bearingDeg: 90,
  downtiltDeg: 6,
  powerDbm: 43,
  array: { rows: 4, cols: 4 },
  codebook: { kind: "ssb", count: 4, azimuthSpanDeg: 90 },
};
const panel = csiPanelOf(SPEC);
const open = new TracingScene(quadScene([]));
const pathsTo = (x: number, y: number) => solvePaths(open, [0, 0, 25], [[x, y, 1.5]], { frequencyHz: F })[0].paths;

describe("port channels", () => {
  it("are 2 rx x 2 N1 ports per subband, N1 the panel's columns", () => {
    const h = portChannels(panel, pathsTo(150, 30), subbandOffsets(40e6, 4));
    expect(panel.ports).toEqual({ n1: 4, n2: 1, o1: 4, o2: 1, maxRank: 2 });
    expect(h).toHaveLength(4);
    for (const k of h) expect(k).toHaveLength(2 * 2 * 8);
  });

  it("let a rank-1 Type I precoder reach the channel's strongest eigenmode within 1.5 dB in line of sight, steered towards the UE", () => {
    const i11s: number[] = [];
    for (const y of [-80, 0, 80]) {
      const subbands = portChannels(panel, pathsTo(150, y), subbandOffsets(40e6, 4));
      const snr = 1e12;
      const report = typeIReport({ ...panel.ports, maxRank: 1 }, { rx: 2, ports: 8, subbands, snr }, new CqiTable(2));
      // the strongest eigenvalue of H H^H (2 x 2), the best any unit precoder can do; flat channel
      const h = subbands[0];
      const dot = (r: number, s2: number) => {
        let re = 0;
        let im = 0;
        for (let p = 0; p < 8; p++) {
          const [ar, ai, br, bi] = [
            h[2 * (r * 8 + p)],
            h[2 * (r * 8 + p) + 1],
            h[2 * (s2 * 8 + p)],
            h[2 * (s2 * 8 + p) + 1],
          ];
          re += ar * br + ai * bi;
          im += ai * br - ar * bi;
        }
        return [re, im];
      };
      const [a0] = dot(0, 0);
      const [d0] = dot(1, 1);
      const [br, bi] = dot(0, 1);
      const lambda = (a0 + d0) / 2 + Math.sqrt(((a0 - d0) / 2) ** 2 + br * br + bi * bi);
      const bound = 10 * Math.log10(snr * lambda);
      expect(report.layerSinrDb[0]).toBeGreaterThan(bound - 1.5);
      expect(report.layerSinrDb[0]).toBeLessThanOrEqual(bound + 1e-6);
      i11s.push(report.pmi.i11);
    }
    // three directions, three beams (left, boresight, right), boresight the first
    expect(new Set(i11s).size).toBe(3);
    expect(i11s[1]).toBe(0);
  });

  it("carries two streams in line of sight over the two polarisations when the SNR allows", () => {
    const subbands = portChannels(panel, pathsTo(150, 20), subbandOffsets(40e6, 4));
    const frob = subbands[0].reduce((s, x) => s + x * x, 0);
    const at = (sinrDb: number) =>
      typeIReport(panel.ports, { rx: 2, ports: 8, subbands, snr: 10 ** (sinrDb / 10) / frob }, new CqiTable(2)).ri;
    expect(at(30)).toBe(2);
    expect(at(-10)).toBe(1);
  });
});

describe("UePaths", () => {
  it("traces a UE again only after it moved retraceM or changed cell", () => {
    const ue = new UePaths(quadScene([]), [{ ...SPEC }], {
      frequencyHz: F,
      maxDepth: 1,
      diffraction: false,
      heightM: 1.5,
      retraceM: 1,
    });
    const a = ue.pathsOf([{ u: 7, cell: 0, x: 100, y: 0 }]).get(7);
    expect(a!.length).toBeGreaterThan(0);
    expect(ue.pathsOf([{ u: 7, cell: 0, x: 100.5, y: 0.5 }]).get(7)).toBe(a);
    const moved = ue.pathsOf([{ u: 7, cell: 0, x: 102, y: 0 }]).get(7);
    expect(moved).not.toBe(a);
    expect(moved![0].lengthM).not.toBe(a![0].lengthM);
  });
});
