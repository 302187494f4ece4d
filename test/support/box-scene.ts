/**
 * Scenes of axis-aligned boxes standing on a ground plane, as a loader would return them (one object per
 * box, materials named): for footprint tests and example pictures. The triangles come from
 * `triangle-scenes.ts`.
 */
import type { Scene, SceneObject } from "../../twin/scene/scene.js";
import { box, quad } from "./triangle-scenes.js";

/** A box standing on z = 0, from (x0, y0) to (x1, y1), `heightM` tall. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly heightM: number;
}

/** The boxes (concrete) on a square ground plane (medium dry ground) reaching `groundHalfM` around the origin. */
export function boxScene(boxes: readonly Box[], groundHalfM = 1000): Scene {
  const g = groundHalfM;
  const ground: number[] = [];
  quad(ground, [-g, -g, 0], [2 * g, 0, 0], [0, 2 * g, 0], 1);
  const meshes = [
    { name: "ground", material: 1, triangles: ground },
    ...boxes.map((b, k) => {
      const triangles: number[] = [];
      box(triangles, [b.x0, b.y0, 0], [b.x1 - b.x0, b.y1 - b.y0, b.heightM]);
      return { name: `box-${k}`, material: 0, triangles };
    }),
  ];
  const objects: SceneObject[] = [];
  const triangleObject: number[] = [];
  let firstTriangle = 0;
  meshes.forEach((mesh, k) => {
    const triangleCount = mesh.triangles.length / 9;
    objects.push({ name: mesh.name, material: mesh.material, firstTriangle, triangleCount });
    for (let t = 0; t < triangleCount; t++) triangleObject.push(k);
    firstTriangle += triangleCount;
  });
  return {
    metadata: { name: "boxes", source: "test/support/box-scene.ts" },
    materials: [
      { itu: "concrete", thicknessM: 0.3 },
      { itu: "medium_dry_ground", thicknessM: 1 },
    ],
    objects,
    triangles: Float64Array.from(meshes.flatMap((m) => m.triangles)),
    triangleObject: Uint32Array.from(triangleObject),
  };
}
