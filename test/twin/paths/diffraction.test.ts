/**
 * Edge diffraction through the whole path solver: a thin absorbing screen against the ITU-R P.526
 * knife-edge loss J(nu) (Fresnel integrals computed here by numerical integration, independently of
 * twin/em), and the continuity of the total field across a wedge's shadow boundary.
 */
import { describe, expect, it } from "vitest";
import { solvePaths } from "../../../twin/paths/path-solver.js";
import { coherentGain, toDb } from "../../../twin/paths/paths.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { distance, type Vec3 } from "../../../twin/paths/vec.js";
import { box, floor, quadScene, wallX } from "./support.js";

const C0 = 299792458;
const F = 3.5e9;
const LAMBDA = C0 / F;

/** C(v), S(v) by Simpson's rule on cos / sin(pi t^2 / 2). */
function fresnelCS(v: number): [number, number] {
  const n = 20000;
  const h = v / n;
  let c = 0;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const t = i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    c += w * Math.cos((Math.PI * t * t) / 2);
    s += w * Math.sin((Math.PI * t * t) / 2);
  }
  return [(c * h) / 3, (s * h) / 3];
}

/** P.526 eq. (12): knife-edge loss in dB. */
function knifeEdgeLossDb(v: number): number {
  const [c, s] = fresnelCS(v);
  return -20 * Math.log10(Math.hypot(1 - c - s, c - s) / 2);
}

describe("knife edge", () => {
  // a wide, deep screen of an absorbing material (vacuum: no reflection from its faces), top edge at z = 10
  const ts = new TracingScene(quadScene([wallX(0, [-3000, 3000], [-3000, 10], "vacuum", "screen")]));
  const d1 = 100;
  const d2 = 150;

  it("gives P.526's J(nu) within 0.5 dB for nu in [-1, 3]", () => {
    const rows: string[] = [];
    let worst = 0;
    for (let v = -1; v <= 3.0001; v += 0.25) {
      // edge clearance h above the tx-rx line for this nu
      const h = v / Math.sqrt((2 * (d1 + d2)) / (LAMBDA * d1 * d2));
      const tx: Vec3 = [-d1, 0, 10 - h];
      const rx: Vec3 = [d2, 0, 10 - h];
      const result = solvePaths(ts, tx, [rx], { frequencyHz: F, maxDepth: 0 })[0];
      const free = 20 * Math.log10(LAMBDA / (4 * Math.PI * distance(tx, rx)));
      const got = toDb(coherentGain(result));
      const want = free - knifeEdgeLossDb(v);
      rows.push(`nu ${v.toFixed(2)}: twin ${(got - free).toFixed(2)} dB, P.526 ${(want - free).toFixed(2)} dB`);
      worst = Math.max(worst, Math.abs(got - want));
    }
    console.log(`knife edge vs P.526 (worst ${worst.toFixed(3)} dB):\n  ${rows.join("\n  ")}`);
    expect(worst).toBeLessThan(0.5);
  });
});

describe("wedge", () => {
  it("keeps the total field continuous across the shadow boundary of a building corner", () => {
    // a metal block; the receiver walks past its corner from line of sight into the shadow
    const ts = new TracingScene(quadScene(box([0, 0, 0], [20, 20, 30], "metal", "block")));
    const tx: Vec3 = [-40, -30, 10];
    // the shadow boundary of the corner (0, 20) seen from tx runs along direction (40, 50)
    const boundary = (t: number): Vec3 => [-40 + 40 * t, -30 + 50 * t, 10];
    let previous = Number.NaN;
    let largestStep = 0;
    let sawLos = false;
    let sawShadow = false;
    for (let u = -1.5; u <= 1.5; u += 0.05) {
      // points across the boundary at t = 2 (20 m beyond the corner), offset sideways by u metres
      const base = boundary(2);
      const rx: Vec3 = [base[0] - 0.78 * u, base[1] + 0.62 * u, 10];
      const r = solvePaths(ts, tx, [rx], { frequencyHz: F, maxDepth: 0 })[0];
      const hasLos = r.paths.some((p) => p.type === "los");
      sawLos ||= hasLos;
      sawShadow ||= !hasLos;
      const g = toDb(coherentGain(r));
      if (!Number.isNaN(previous)) largestStep = Math.max(largestStep, Math.abs(g - previous));
      previous = g;
    }
    expect(sawLos && sawShadow).toBe(true);
    // without diffraction the step at the boundary would be ~6 dB or more; 5 cm steps move the total by little
    expect(largestStep).toBeLessThan(1);
  });
});

it("diffraction over a rooftop is found", () => {
  const ts = new TracingScene(
    quadScene([floor(500, "medium_dry_ground"), ...box([-10, -50, 0], [10, 50, 20], "concrete")]),
  );
  // tx above the roof: only the far roof edge sees both ends (first order)
  const r = solvePaths(ts, [-60, 0, 30], [[60, 0, 1.5]], { frequencyHz: F, maxDepth: 1 })[0];
  expect(r.paths.some((p) => p.type === "los")).toBe(false);
  const overRoof = r.paths.filter((p) => p.type === "diffraction" && p.interactions[0].point[2] === 20);
  expect(overRoof).toHaveLength(1);
  expect(overRoof[0].interactions[0].point).toEqual([10, 0, 20]);
  expect(overRoof[0].interactions[0].objects).toContain("box-top");
});
