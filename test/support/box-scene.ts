/**
 * Scenes of axis-aligned boxes standing on a ground plane, as a loader would return them (one object per
 * box, materials named): for footprint tests and example pictures. The triangles come from
 * `triangle-scenes.ts`.
 */
import type { Scene } from "../../twin/scene/scene.js";
import { SceneBuilder } from "../../twin/scene/scene-builder.js";
import { sceneMaterial } from "../../twin/scene/scene-materials.js";
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
  const builder = new SceneBuilder();
  builder.addObject("ground", sceneMaterial("medium_dry_ground", 1), ground);
  boxes.forEach((b, k) => {
    const triangles: number[] = [];
    box(triangles, [b.x0, b.y0, 0], [b.x1 - b.x0, b.y1 - b.y0, b.heightM]);
    builder.addObject(`box-${k}`, sceneMaterial("concrete", 0.3), triangles);
  });
  return builder.build({ name: "boxes", source: "test/support/box-scene.ts" });
}
