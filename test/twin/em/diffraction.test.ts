import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  distanceParameter,
  luebbersFaceReflections,
  PERFECT_CONDUCTOR_FACES,
  spreadingFactor,
  transitionFunction,
  wedgeDiffraction,
  wedgeDiffractionBound,
} from "../../../twin/em/diffraction.js";
import { fresnelReflection } from "../../../twin/em/fresnel.js";
import { radioProperties } from "../../../twin/em/materials.js";
import {
  abs,
  type Complex,
  complementaryFresnelScaled,
  expj,
  halfPlaneExact,
  mul,
  ratioDb,
  scale,
  sub,
  wedgeEigenSeries,
} from "./reference.js";
import { utdTotalField } from "./utd-field.js";

const DEG = Math.PI / 180;
const F = 3.5e9;
const K = (2 * Math.PI * F) / 299792458;
const out = new Float64Array(8);
const pair = (o: number): Complex => [out[o], out[o + 1]];

describe("transitionFunction", () => {
  it("matches its definition 2j sqrt(X) exp(jX) int_sqrt(X)^inf exp(-j t^2) dt to 1e-12 from X = 1e-8 to 1e4", () => {
    for (let e = -8; e <= 4; e += 0.25) {
      const x = 10 ** e;
      const expected = mul([0, 2 * Math.sqrt(x)], complementaryFresnelScaled(Math.sqrt(x)));
      transitionFunction(x, out);
      expect(abs(sub(pair(0), expected)), `F(${x})`).toBeLessThan(1e-12);
    }
  });

  it("agrees with the values tabulated by McNamara et al. (1990) to 1e-7", () => {
    const table: [number, Complex][] = [
      [0.3, [0.57171324, 0.27299155]],
      [1, [0.80952548, 0.23219939]],
      [2.3, [0.92400385, 0.15765107]],
      [5.5, [0.97968559, 0.08278728]],
    ];
    for (const [x, value] of table)
      expect(abs(sub(transitionFunction(x, out) as unknown as Complex, value))).toBeLessThan(1e-7);
  });

  it("follows K&P's small and large argument forms", () => {
    // F ~ (sqrt(pi X) - 2X exp(j pi/4)) exp(j (pi/4 + X)) for X -> 0; F ~ 1 + j/(2X) - 3/(4X^2) for X -> infinity
    const small = 1e-10;
    transitionFunction(small, out);
    const leading = sub([Math.sqrt(Math.PI * small), 0], scale(expj(Math.PI / 4), 2 * small));
    expect(abs(sub(pair(0), mul(leading, expj(Math.PI / 4 + small))))).toBeLessThan(1e-14);
    const large = 1e3;
    transitionFunction(large, out);
    expect(abs(sub(pair(0), [1 - 3 / (4 * large * large), 1 / (2 * large)]))).toBeLessThan(1e-8);
    expect([...transitionFunction(Number.POSITIVE_INFINITY, out).subarray(0, 2)]).toEqual([1, 0]);
  });
});

describe("wedgeDiffraction against exact solutions (perfect conductor, plane wave, beta0 = 90 deg)", () => {
  // phi on a grid that avoids landing exactly on a boundary, where GO and UTD must agree on the side
  const phis = (n: number, step: number) =>
    Array.from({ length: Math.floor((n * 180 - step / 2) / step) }, (_, i) => (i + 0.5) * step);

  it("half-plane: GO + UTD equals Sommerfeld's solution (exact for a plane wave; measured 7e-15)", () => {
    for (const polarisation of ["soft", "hard"] as const) {
      for (const kRho of [0.5, 10, 50]) {
        for (const phiPrime of [10, 45, 90, 150]) {
          for (const phi of phis(2, 3)) {
            const utd = utdTotalField(2, kRho, phiPrime * DEG, phi * DEG, polarisation, PERFECT_CONDUCTOR_FACES);
            const exact = halfPlaneExact(kRho, phiPrime * DEG, phi * DEG, polarisation);
            expect(abs(sub(utd, exact))).toBeLessThan(1e-12);
          }
        }
      }
    }
  });

  // measured over this grid: max 0.22 dB at k rho = 5 (n = 1.25, hard, phi' = 100, phi = 199.5, |u| = 0.14),
  // 0.056 dB at k rho = 20; max |u_utd - u_exact| 0.008 and 0.002
  it("wedges n = 1.25, 1.5, 1.8: GO + UTD near the eigenfunction series (|u| > 0.1: 0.5 dB at k rho 5, 0.1 at 20)", () => {
    for (const n of [1.25, 1.5, 1.8]) {
      for (const kRho of [5, 20]) {
        for (const polarisation of ["soft", "hard"] as const) {
          for (const phiPrime of [30, 100]) {
            for (const phi of phis(n, 3)) {
              const exact = wedgeEigenSeries(n, kRho, phiPrime * DEG, phi * DEG, polarisation);
              const utd = utdTotalField(n, kRho, phiPrime * DEG, phi * DEG, polarisation, PERFECT_CONDUCTOR_FACES);
              const where = `n ${n} k rho ${kRho} ${polarisation} phi' ${phiPrime} phi ${phi}`;
              expect(abs(sub(utd, exact)), where).toBeLessThan(0.01);
              if (abs(exact) > 0.1) expect(Math.abs(ratioDb(utd, exact)), where).toBeLessThan(kRho < 10 ? 0.5 : 0.1);
            }
          }
        }
      }
    }
  });

  it("the eigenfunction reference itself reproduces Sommerfeld's half-plane to 1e-12", () => {
    for (const phi of [5, 100, 200, 300, 355]) {
      for (const polarisation of ["soft", "hard"] as const) {
        const series = wedgeEigenSeries(2, 10, 50 * DEG, phi * DEG, polarisation);
        expect(abs(sub(series, halfPlaneExact(10, 50 * DEG, phi * DEG, polarisation)))).toBeLessThan(1e-12);
      }
    }
  });
});

describe("wedgeDiffraction: continuity, reciprocity, limits", () => {
  const concrete = radioProperties("concrete", F).eta;

  it("keeps GO + UTD continuous across shadow and reflection boundaries (PEC and Luebbers concrete faces)", () => {
    const n = 1.5;
    const phiPrime = 50 * DEG;
    const faces = new Float64Array(8);
    for (const boundary of [Math.PI + phiPrime, Math.PI - phiPrime, (2 * n - 1) * Math.PI - phiPrime]) {
      for (const polarisation of ["soft", "hard"] as const) {
        for (const lossy of [false, true]) {
          const field = (phi: number) => {
            if (lossy)
              luebbersFaceReflections(
                n,
                phiPrime,
                phi,
                Math.PI / 2,
                concrete[0],
                concrete[1],
                concrete[0],
                concrete[1],
                faces,
              );
            return utdTotalField(n, 7, phiPrime, phi, polarisation, lossy ? faces : PERFECT_CONDUCTOR_FACES);
          };
          const below = field(boundary - 1e-9);
          const above = field(boundary + 1e-9);
          const on = field(boundary);
          expect(abs(sub(below, above))).toBeLessThan(1e-6);
          expect(abs(sub(on, above))).toBeLessThan(1e-6);
        }
      }
    }
  });

  it("is reciprocal for a perfect conductor: swapping source and observer leaves the path transfer unchanged", () => {
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    for (const n of [1.2, 1.5, 2]) {
      for (const [phiPrime, phi] of [
        [0.3, 4.0],
        [1.1, 2.9],
        [2.0, 0.2],
        [0.7, 3.3],
      ]) {
        if (phi > n * Math.PI || phiPrime > n * Math.PI) continue;
        for (const beta0 of [Math.PI / 2, 1.1]) {
          const [s1, s2] = [3.7, 41];
          wedgeDiffraction(n, phiPrime, phi, beta0, distanceParameter(s1, s2, beta0), K, PERFECT_CONDUCTOR_FACES, a);
          wedgeDiffraction(n, phi, phiPrime, beta0, distanceParameter(s2, s1, beta0), K, PERFECT_CONDUCTOR_FACES, b);
          // spherical source: u = exp(-jk s') / s' * D * A(s', s) * exp(-jk s)
          const forward = spreadingFactor(s1, s2) / s1;
          const backward = spreadingFactor(s2, s1) / s2;
          expect(forward).toBeCloseTo(backward, 15);
          for (const p of [0, 2]) {
            expect(Math.abs(a[p] - b[p]) + Math.abs(a[p + 1] - b[p + 1])).toBeLessThan(
              1e-14 * Math.hypot(a[p], a[p + 1]),
            );
          }
        }
      }
    }
  });

  it("vanishes for a flat perfect conductor (n = 1) away from the boundaries", () => {
    for (const [phiPrime, phi] of [
      [0.4, 2.2],
      [1.2, 0.3],
    ]) {
      wedgeDiffraction(1, phiPrime, phi, Math.PI / 2, 10, K, PERFECT_CONDUCTOR_FACES, out);
      expect(Math.hypot(out[0], out[1], out[2], out[3])).toBeLessThan(1e-15);
    }
  });

  it("with P.2040 metal faces (Luebbers) stays within 0.05 dB of the perfect conductor off grazing", () => {
    const metal = radioProperties("metal", F).eta;
    const pec = new Float64Array(4);
    const faces = new Float64Array(8);
    for (const [phiPrime, phi] of [
      [0.5, 4.0],
      [1.0, 2.0],
      [2.0, 3.5],
    ]) {
      luebbersFaceReflections(1.6, phiPrime, phi, Math.PI / 2, metal[0], metal[1], metal[0], metal[1], faces);
      wedgeDiffraction(1.6, phiPrime, phi, Math.PI / 2, 5, K, faces, out);
      wedgeDiffraction(1.6, phiPrime, phi, Math.PI / 2, 5, K, PERFECT_CONDUCTOR_FACES, pec);
      for (const p of [0, 2]) expect(Math.abs(ratioDb(pair(p), [pec[p], pec[p + 1]]))).toBeLessThan(0.05);
    }
  });

  it("takes each face's coefficient at the true angle of incidence of the 3D ray on that face", () => {
    const n = 1.5;
    const faces = new Float64Array(8);
    const expected = new Float64Array(4);
    for (const beta0 of [Math.PI / 2, Math.PI / 3]) {
      const [phiPrime, phi] = [0.6, 3.4];
      luebbersFaceReflections(n, phiPrime, phi, beta0, concrete[0], concrete[1], 2, -0.1, faces);
      // face 0 is the x axis with normal +y; the incident ray travels towards the edge from direction phi'
      const incident = [-Math.sin(beta0) * Math.cos(phiPrime), -Math.sin(beta0) * Math.sin(phiPrime), Math.cos(beta0)];
      fresnelReflection(Math.abs(incident[1]), concrete[0], concrete[1], expected);
      expect([...faces.subarray(0, 4)]).toEqual([...expected]);
      // face n has normal (sin n pi, -cos n pi) pointing into the exterior; the diffracted ray leaves towards phi
      const diffracted = [Math.sin(beta0) * Math.cos(phi), Math.sin(beta0) * Math.sin(phi), Math.cos(beta0)];
      const cosOnFaceN = Math.abs(diffracted[0] * Math.sin(n * Math.PI) - diffracted[1] * Math.cos(n * Math.PI));
      fresnelReflection(cosOnFaceN, 2, -0.1, expected);
      for (let i = 0; i < 4; i++) expect(faces[4 + i]).toBeCloseTo(expected[i], 14);
    }
  });

  it("writes Ds and Dh at an offset; Ds of a PEC wedge vanishes at grazing incidence", () => {
    const buffer = new Float64Array(6);
    wedgeDiffraction(1.5, 0, 2, Math.PI / 2, 5, K, PERFECT_CONDUCTOR_FACES, buffer, 2);
    expect(Math.hypot(buffer[2], buffer[3])).toBeLessThan(1e-15);
    expect(Math.hypot(buffer[4], buffer[5])).toBeGreaterThan(0.01);
    expect([buffer[0], buffer[1]]).toEqual([0, 0]);
  });
});

describe("distanceParameter and spreadingFactor", () => {
  it("give K&P's spherical and plane-wave forms", () => {
    expect(distanceParameter(3, 6, Math.PI / 2)).toBeCloseTo(2, 14);
    expect(distanceParameter(Number.POSITIVE_INFINITY, 6, Math.PI / 6)).toBeCloseTo(1.5, 14);
    expect(spreadingFactor(3, 6)).toBeCloseTo(Math.sqrt(3 / 54), 15);
    expect(spreadingFactor(Number.POSITIVE_INFINITY, 4)).toBe(0.5);
    // a far source tends to the plane wave
    expect(spreadingFactor(1e12, 4)).toBeCloseTo(0.5, 10);
  });
});

describe("wedgeDiffractionBound", () => {
  it("bounds the transition function by min(sqrt(pi X), 1)", () => {
    for (let e = -8; e <= 6; e += 0.001) {
      const x = 10 ** e;
      const f = transitionFunction(x);
      expect(Math.hypot(f[0], f[1])).toBeLessThanOrEqual(Math.min(Math.sqrt(Math.PI * x), 1) * (1 + 1e-12));
    }
  });

  it("bounds |Ds| and |Dh| for any wedge, angles and faces reflecting no more than they receive", () => {
    const unitDisc = fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }))
      .map(([r, a]) => [r * Math.cos(a), r * Math.sin(a)]);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: Math.PI / 2, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.array(unitDisc, { minLength: 4, maxLength: 4 }),
        (n, a, b, beta0, L, faces) => {
          const phiPrime = a * n * Math.PI;
          const phi = b * n * Math.PI;
          const k = (2 * Math.PI) / 0.0857;
          const d = wedgeDiffraction(n, phiPrime, phi, beta0, L, k, faces.flat());
          const bound = wedgeDiffractionBound(n, phiPrime, phi, beta0, L, k);
          expect(Math.max(Math.hypot(d[0], d[1]), Math.hypot(d[2], d[3]))).toBeLessThanOrEqual(bound * (1 + 1e-9));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
