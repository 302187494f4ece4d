/** Small hand-made scenes for path-solver tests: quads (two triangles each) of chosen materials. */
import type { ItuMaterialName } from "../../../twin/em/materials.js";
import type { Vec3 } from "../../../twin/paths/vec.js";
import type { Scene } from "../../../twin/scene/scene.js";
import { SceneBuilder } from "../../../twin/scene/scene-builder.js";
import { sceneMaterial } from "../../../twin/scene/scene-materials.js";

export interface Quad {
  readonly name: string;
  /** Corners in order around the quad. */
  readonly corners: readonly [Vec3, Vec3, Vec3, Vec3];
  readonly material: string;
}

export function quadScene(quads: readonly Quad[], name = "test"): Scene {
  const builder = new SceneBuilder();
  for (const q of quads) {
    const [a, b, c, d] = q.corners;
    builder.addObject(q.name, sceneMaterial(q.material as ItuMaterialName), [...a, ...b, ...c, ...a, ...c, ...d]);
  }
  return builder.build({ name });
}

/** A horizontal square of half-size `half` at height `z`. */
export const floor = (half: number, material: string, z = 0): Quad => ({
  name: "ground",
  corners: [
    [-half, -half, z],
    [half, -half, z],
    [half, half, z],
    [-half, half, z],
  ],
  material,
});

/** A vertical wall in the plane x = `x`, spanning y and z ranges. */
export const wallX = (x: number, y: [number, number], z: [number, number], material: string, name = "wall"): Quad => ({
  name,
  corners: [
    [x, y[0], z[0]],
    [x, y[1], z[0]],
    [x, y[1], z[1]],
    [x, y[0], z[1]],
  ],
  material,
});

/** A closed axis-aligned box (6 quads). */
export function box(min: Vec3, max: Vec3, material: string, name = "box"): Quad[] {
  const [x0, y0, z0] = min;
  const [x1, y1, z1] = max;
  const q = (corners: [Vec3, Vec3, Vec3, Vec3], side: string): Quad => ({ name: `${name}-${side}`, corners, material });
  return [
    q(
      [
        [x0, y0, z0],
        [x1, y0, z0],
        [x1, y1, z0],
        [x0, y1, z0],
      ],
      "bottom",
    ),
    q(
      [
        [x0, y0, z1],
        [x0, y1, z1],
        [x1, y1, z1],
        [x1, y0, z1],
      ],
      "top",
    ),
    q(
      [
        [x0, y0, z0],
        [x0, y1, z0],
        [x0, y1, z1],
        [x0, y0, z1],
      ],
      "west",
    ),
    q(
      [
        [x1, y0, z0],
        [x1, y0, z1],
        [x1, y1, z1],
        [x1, y1, z0],
      ],
      "east",
    ),
    q(
      [
        [x0, y0, z0],
        [x0, y0, z1],
        [x1, y0, z1],
        [x1, y0, z0],
      ],
      "south",
    ),
    q(
      [
        [x0, y1, z0],
        [x1, y1, z0],
        [x1, y1, z1],
        [x0, y1, z1],
      ],
      "north",
    ),
  ];
}

/** Complex helpers written independently of twin/em, for closed-form references. */
export type C = [number, number];
export const cAdd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
export const cSub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];
export const cMul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export const cDiv = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
export const cAbs2 = (a: C): number => a[0] * a[0] + a[1] * a[1];
/** Principal square root (Re >= 0). */
export function cSqrt(a: C): C {
  const r = Math.hypot(a[0], a[1]);
  const re = Math.sqrt((r + a[0]) / 2);
  const im = Math.sqrt(Math.max(0, (r - a[0]) / 2));
  return [re, a[1] < 0 ? -im : im];
}
/** exp(-j k d) / d * scale */
export const wave = (k: number, d: number, scale = 1): C => [
  (scale * Math.cos(k * d)) / d,
  (-scale * Math.sin(k * d)) / d,
];
