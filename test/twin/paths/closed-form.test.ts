/**
 * The path solver against closed-form physics: Friis in free space, one reflector and the two-ray ground
 * model with Fresnel coefficients (computed here independently of twin/em), path delays and the law of
 * reflection, and reciprocity.
 */
import { describe, expect, it } from "vitest";
import { radioProperties } from "../../../twin/em/materials.js";
import { solvePaths } from "../../../twin/paths/path-solver.js";
import { coherentGain, type Paths, pathGain, toDb, totalGain } from "../../../twin/paths/paths.js";
import { TracingScene } from "../../../twin/paths/tracing-scene.js";
import { distance, dot, normalize, sub, type Vec3 } from "../../../twin/paths/vec.js";
import { box, type C, cAbs2, cAdd, cDiv, cMul, cSqrt, cSub, floor, quadScene, wallX, wave } from "./support.js";

const C0 = 299792458;
const F = 3.5e9;
const K = (2 * Math.PI * F) / C0;
const LAMBDA = C0 / F;

/** P.2040 reflection coefficients from the angle of incidence's cosine, written out here. */
function fresnel(cos: number, eta: C): { te: C; tm: C } {
  const q = cSqrt(cSub(eta, [1 - cos * cos, 0]));
  const te = cDiv(cSub([cos, 0], q), cAdd([cos, 0], q));
  const etaCos = cMul(eta, [cos, 0]);
  const tm = cDiv(cSub(etaCos, q), cAdd(etaCos, q));
  return { te, tm };
}

const solveOne = (
  ts: TracingScene,
  tx: Vec3,
  rx: Vec3,
  options: Partial<Parameters<typeof solvePaths>[3]> = {},
): Paths => solvePaths(ts, tx, [rx], { frequencyHz: F, ...options })[0];

describe("free space", () => {
  const ts = new TracingScene(quadScene([]));
  it("matches Friis within 0.05 dB and the delay is d / c", () => {
    for (const [tx, rx] of [
      [
        [0, 0, 10],
        [100, 50, 1.5],
      ],
      [
        [5, -3, 30],
        [-400, 250, 2],
      ],
      [
        [0, 0, 0],
        [0, 0, 1],
      ],
    ] as [Vec3, Vec3][]) {
      const result = solveOne(ts, tx, rx);
      expect(result.paths).toHaveLength(1);
      const d = distance(tx, rx);
      const friis = 20 * Math.log10(LAMBDA / (4 * Math.PI * d));
      expect(Math.abs(toDb(totalGain(result)) - friis)).toBeLessThan(0.05);
      expect(result.paths[0].delayS).toBeCloseTo(d / C0, 15);
      // both polarisations see free space alike
      expect(toDb(totalGain(result, "H"))).toBeCloseTo(friis, 6);
    }
  });
});

describe("one reflector", () => {
  const material = "concrete";
  const eta = radioProperties(material, F).eta as C;
  const ts = new TracingScene(quadScene([wallX(20, [-500, 500], [-500, 500], material)]));

  it("gives the Fresnel-weighted image path for both polarisations (within 0.1 dB), at angles of reflection equal to incidence", () => {
    for (const [tx, rx] of [
      [
        [0, 0, 5],
        [0, 30, 5],
      ],
      [
        [2, -10, 5],
        [10, 40, 5],
      ],
      [
        [15, 0, 5],
        [15, 3, 5],
      ],
    ] as [Vec3, Vec3][]) {
      const result = solveOne(ts, tx, rx);
      const reflected = result.paths.filter((p) => p.type === "reflection");
      expect(reflected).toHaveLength(1);
      const p = reflected[0];
      const image: Vec3 = [40 - tx[0], tx[1], tx[2]];
      const L = distance(image, rx);
      expect(p.lengthM).toBeCloseTo(L, 9);
      expect(p.delayS).toBeCloseTo(L / C0, 15);
      const point = p.interactions[0].point;
      expect(point[0]).toBeCloseTo(20, 9);
      // law of reflection at the point
      const n: Vec3 = [1, 0, 0];
      const cosIn = Math.abs(dot(normalize(sub(point, tx)), n));
      const cosOut = Math.abs(dot(normalize(sub(rx, point)), n));
      expect(cosIn).toBeCloseTo(cosOut, 12);
      // tx and rx at one height: the plane of incidence is horizontal, so V is TE and H is TM
      const { te, tm } = fresnel(cosIn, eta);
      const free = (LAMBDA / (4 * Math.PI * L)) ** 2;
      expect(Math.abs(toDb(pathGain(p, "V")) - toDb(cAbs2(te) * free))).toBeLessThan(0.1);
      expect(Math.abs(toDb(pathGain(p, "H")) - toDb(cAbs2(tm) * free))).toBeLessThan(0.1);
    }
  });

  it("finds no reflection when tx and rx are on opposite sides or the point falls off the wall", () => {
    expect(solveOne(ts, [0, 0, 5], [40, 10, 5]).paths.filter((p) => p.type === "reflection")).toHaveLength(0);
    const small = new TracingScene(quadScene([wallX(20, [-1, 1], [0, 10], material)]));
    expect(solveOne(small, [0, 0, 5], [0, 60, 5]).paths.filter((p) => p.type === "reflection")).toHaveLength(0);
  });
});

describe("two-ray ground model", () => {
  for (const material of ["medium_dry_ground", "concrete", "metal"] as const) {
    it(`matches the closed form over ${material} within 0.1 dB (coherent, V and H)`, () => {
      const eta = radioProperties(material, F, true).eta as C;
      const ts = new TracingScene(quadScene([floor(5000, material)]));
      const h1 = 25;
      const h2 = 1.5;
      let worst = 0;
      for (let d = 10; d <= 2000; d *= 1.17) {
        const result = solveOne(ts, [0, 0, h1], [d, 0, h2], { diffraction: false });
        expect(result.paths.map((p) => p.type).sort()).toEqual(["los", "reflection"]);
        const d1 = Math.hypot(d, h1 - h2);
        const d2 = Math.hypot(d, h1 + h2);
        const cosIncidence = (h1 + h2) / d2; // from the ground's normal
        const { te, tm } = fresnel(cosIncidence, eta);
        const scale = LAMBDA / (4 * Math.PI);
        // V: the field lies in the (vertical) plane of incidence, TM; H: perpendicular to it, TE
        const v = cAdd(wave(K, d1, scale), cMul(tm, wave(K, d2, scale)));
        const h = cAdd(wave(K, d1, scale), cMul(te, wave(K, d2, scale)));
        worst = Math.max(worst, Math.abs(toDb(coherentGain(result, "V")) - toDb(cAbs2(v))));
        worst = Math.max(worst, Math.abs(toDb(coherentGain(result, "H")) - toDb(cAbs2(h))));
      }
      expect(worst).toBeLessThan(0.1);
    });
  }
});

describe("reciprocity", () => {
  it("swapping tx and rx changes no path gain, delay or path count", () => {
    const scene = quadScene([
      floor(300, "medium_dry_ground"),
      ...box([10, -10, 0], [30, 10, 20], "concrete"),
      wallX(-15, [-50, 50], [0, 15], "glass"),
    ]);
    const ts = new TracingScene(scene);
    const a: Vec3 = [0, -30, 12];
    const b: Vec3 = [50, 25, 1.5];
    const forward = solveOne(ts, a, b, { maxDepth: 2 });
    const backward = solveOne(ts, b, a, { maxDepth: 2 });
    expect(forward.paths.length).toBeGreaterThan(3);
    const key = (r: Paths) =>
      r.paths
        .map((p) =>
          [
            p.type,
            p.delayS.toExponential(9),
            toDb(pathGain(p, "V")).toFixed(6),
            toDb(pathGain(p, "H")).toFixed(6),
          ].join(" "),
        )
        .sort();
    expect(key(backward)).toEqual(key(forward));
    expect(toDb(totalGain(backward))).toBeCloseTo(toDb(totalGain(forward)), 9);
  });
});
