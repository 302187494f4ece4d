import { describe, expect, it } from "vitest";
import { fresnelReflection, fresnelTransmission, slabReflectionTransmission } from "../../../twin/em/fresnel.js";
import { ITU_MATERIALS, type ItuMaterialName, radioProperties } from "../../../twin/em/materials.js";
import { abs, type Complex, div, expj, mul, scale, solveLinear, sqrtPrincipal, sub } from "./reference.js";

const F = 3.5e9;
const K = (2 * Math.PI * F) / 299792458;
const out = new Float64Array(8);
const pair = (o: number): Complex => [out[o], out[o + 1]];
const close = (a: Complex, b: Complex, tol: number) => expect(abs(sub(a, b))).toBeLessThan(tol);

/** eta of every ITU material at `frequencyHz` where P.2040 defines it, plus lossless test media. */
function media(frequencyHz: number): Complex[] {
  const itu = [...ITU_MATERIALS.keys()]
    .filter((name) => {
      const [lo, hi] = ITU_MATERIALS.get(name)!.rangeGhz;
      return frequencyHz / 1e9 >= lo && frequencyHz / 1e9 <= hi;
    })
    .map((name) => radioProperties(name as ItuMaterialName, frequencyHz).eta as Complex);
  return [...itu, [4, 0], [81, -0]];
}
const COSINES = [1, 0.9, 0.7, 0.5, 0.3, 0.1, 0.01];

/**
 * Independent route to the coefficients: the boundary conditions solved as a linear system, for a layer of
 * thickness d in air (d = Infinity: a half-space). The field u is E_y (TE) or H_y (TM); u and w du/dz are
 * continuous, w = 1 (TE) or 1/eta (TM). Returns r, and t referred to the straight-through ray (slab) or the
 * amplitude of u just inside the half-space.
 */
function boundaryValueSolution(cos: number, eta: Complex, d: number, polarisation: "TE" | "TM"): [Complex, Complex] {
  const q = sqrtPrincipal([eta[0] - (1 - cos * cos), eta[1]]);
  const p2 = polarisation === "TE" ? q : div(q, eta);
  if (d === Number.POSITIVE_INFINITY) {
    // 1 + r = a; cos (1 - r) = p2 a
    const a = div([2 * cos, 0], [cos + p2[0], p2[1]]);
    return [sub(a, [1, 0]), a];
  }
  // unknowns r, a, b, t' with u = exp(-jk cos z) + r exp(jk cos z) | a exp(-jkqz) + b exp(jkq(z-d)) |
  // t' exp(-jk cos (z-d)); b is referred to the far face so that no exponential overflows in a metal layer
  const phase = mul(expj(-K * d * q[0]), [Math.exp(K * d * q[1]), 0]); // exp(-j k q d)
  const zero: Complex = [0, 0];
  const matrix: Complex[][] = [
    [[-1, 0], [1, 0], phase, zero],
    [[cos, 0], p2, scale(mul(p2, phase), -1), zero],
    [zero, phase, [1, 0], [-1, 0]],
    [zero, mul(p2, phase), scale(p2, -1), [-cos, 0]],
  ];
  const [r, , , tPrime] = solveLinear(matrix, [[1, 0], [cos, 0], zero, zero]);
  return [r, mul(tPrime, expj(K * d * cos))];
}

describe("fresnelReflection", () => {
  it("at normal incidence gives (1 - sqrt eta) / (1 + sqrt eta) for TE and its negative for TM", () => {
    for (const eta of media(F)) {
      const root = sqrtPrincipal(eta);
      const expected = div([1 - root[0], -root[1]], [1 + root[0], root[1]]);
      fresnelReflection(1, eta[0], eta[1], out);
      close(pair(0), expected, 1e-12);
      close(pair(2), scale(expected, -1), 1e-12);
    }
  });

  it("tends to -1 in both polarisations at grazing incidence (vacuum excepted: it reflects nothing)", () => {
    fresnelReflection(0, 1, 0, out);
    expect([...out.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    for (const eta of media(F).filter((e) => e[0] !== 1 || e[1] !== 0)) {
      fresnelReflection(0, eta[0], eta[1], out);
      close(pair(0), [-1, 0], 1e-12);
      close(pair(2), [-1, 0], 1e-12);
    }
  });

  it("vanishes for TM at the Brewster angle of a lossless medium", () => {
    for (const eta of [2.5, 4, 81]) {
      const brewster = Math.atan(Math.sqrt(eta));
      fresnelReflection(Math.cos(brewster), eta, 0, out);
      expect(abs(pair(2))).toBeLessThan(1e-14);
      expect(abs(pair(0))).toBeGreaterThan(0.2);
    }
  });

  it("keeps |r| <= 1 for every P.2040 material, 1 to 10 GHz, every angle", () => {
    for (const f of [1e9, 2.4e9, 3.5e9, 6e9, 10e9]) {
      for (const eta of media(f)) {
        for (let cos = 0; cos <= 1; cos += 1 / 64) {
          fresnelReflection(cos, eta[0], eta[1], out);
          expect(abs(pair(0))).toBeLessThanOrEqual(1 + 1e-15);
          expect(abs(pair(2))).toBeLessThanOrEqual(1 + 1e-15);
        }
      }
    }
  });

  it("reflects almost everything from P.2040 metal at 3.5 GHz: r_TE ~ -1, r_TM ~ +1", () => {
    const [re, im] = radioProperties("metal", F).eta;
    for (const cos of [1, 0.5, 0.1, 0.01]) {
      fresnelReflection(cos, re, im, out);
      close(pair(0), [-1, 0], 3e-4);
      // the TM coefficient dips only at very grazing incidence (0.980 at cos theta = 0.01)
      close(pair(2), [1, 0], cos >= 0.1 ? 5e-3 : 3e-2);
    }
  });

  it("agrees with the boundary-value solution (H-field reflection for TM) at oblique, lossy incidence", () => {
    for (const eta of media(F)) {
      for (const cos of COSINES) {
        fresnelReflection(cos, eta[0], eta[1], out);
        close(pair(0), boundaryValueSolution(cos, eta, Number.POSITIVE_INFINITY, "TE")[0], 1e-12);
        close(pair(2), boundaryValueSolution(cos, eta, Number.POSITIVE_INFINITY, "TM")[0], 1e-12);
      }
    }
  });

  it("uses only |cos theta| and writes at an offset", () => {
    const a = fresnelReflection(0.3, 5, -0.4);
    const b = fresnelReflection(-0.3, 5, -0.4, new Float64Array(6), 2);
    expect([...b.subarray(2)]).toEqual([...a]);
  });
});

describe("fresnelTransmission", () => {
  it("conserves power in lossless media: |r|^2 + (q / cos) |t|^2 = 1", () => {
    for (const eta of [1.5, 4, 81]) {
      for (const cos of COSINES) {
        const q = Math.sqrt(eta - (1 - cos * cos));
        const r = fresnelReflection(cos, eta, 0);
        const t = fresnelTransmission(cos, eta, 0, out);
        for (const p of [0, 2]) {
          const power = r[p] ** 2 + r[p + 1] ** 2 + (q / cos) * (t[p] ** 2 + t[p + 1] ** 2);
          expect(power).toBeCloseTo(1, 13);
        }
      }
    }
  });

  it("agrees with the boundary-value solution (t_TM = H amplitude / sqrt eta)", () => {
    for (const eta of media(F)) {
      for (const cos of COSINES) {
        fresnelTransmission(cos, eta[0], eta[1], out);
        close(pair(0), boundaryValueSolution(cos, eta, Number.POSITIVE_INFINITY, "TE")[1], 1e-12);
        const hInside = boundaryValueSolution(cos, eta, Number.POSITIVE_INFINITY, "TM")[1];
        close(pair(2), div(hInside, sqrtPrincipal(eta)), 1e-12);
      }
    }
  });
});

describe("slabReflectionTransmission", () => {
  it("agrees with the boundary-value solution of a layer for every material, angle and several thicknesses", () => {
    for (const eta of media(F)) {
      for (const cos of COSINES) {
        for (const d of [0.003, 0.05, 0.2]) {
          slabReflectionTransmission(cos, eta[0], eta[1], d, K, out);
          const te = boundaryValueSolution(cos, eta, d, "TE");
          const tm = boundaryValueSolution(cos, eta, d, "TM");
          close(pair(0), te[0], 1e-9);
          close(pair(2), tm[0], 1e-9);
          close(pair(4), te[1], 1e-9);
          close(pair(6), tm[1], 1e-9);
        }
      }
    }
  });

  it("conserves power in a lossless slab: |r|^2 + |t|^2 = 1", () => {
    for (const cos of COSINES) {
      for (const d of [0.01, 0.1, 0.37]) {
        slabReflectionTransmission(cos, 6.31, 0, d, K, out);
        for (const p of [0, 1]) {
          expect(abs(pair(2 * p)) ** 2 + abs(pair(4 + 2 * p)) ** 2).toBeCloseTo(1, 13);
        }
      }
    }
  });

  it("is transparent at zero thickness and at half a wavelength inside, and a half-space when thick and lossy", () => {
    slabReflectionTransmission(0.6, 5.24, -0.3, 0, K, out);
    expect([...out]).toEqual([0, 0, 0, 0, 1, 0, 1, 0]);
    const eta = 4;
    const halfWave = Math.PI / (K * Math.sqrt(eta));
    slabReflectionTransmission(1, eta, 0, halfWave, K, out);
    expect(abs(pair(0))).toBeLessThan(1e-12);
    expect(abs(pair(4))).toBeCloseTo(1, 12);
    const concrete = radioProperties("concrete", F).eta;
    const halfSpace = fresnelReflection(0.7, concrete[0], concrete[1]);
    slabReflectionTransmission(0.7, concrete[0], concrete[1], 5, K, out);
    close(pair(0), [halfSpace[0], halfSpace[1]], 1e-9);
    close(pair(2), [halfSpace[2], halfSpace[3]], 1e-9);
    expect(abs(pair(4))).toBeLessThan(1e-9);
  });
});
