/**
 * Several scenes in one frame as one scene (a GeoJSON district plus a procedural stadium, a hall plus
 * its machines). The scenes must share their frame: a geographic origin, when two of them have one,
 * must be the same, since moving meshes between frames is not merging.
 */
import type { Scene, SceneMetadata } from "./scene.js";
import { SceneBuilder } from "./scene-builder.js";

export function mergeScenes(scenes: readonly Scene[], metadata?: Partial<SceneMetadata>): Scene {
  if (scenes.length === 0) throw new RangeError("nothing to merge");
  const origins = scenes.flatMap((s) => (s.metadata.origin ? [s.metadata.origin] : []));
  const origin = origins[0];
  for (const o of origins) {
    if (o.latitude !== origin.latitude || o.longitude !== origin.longitude) {
      throw new RangeError(
        `scenes with different origins (${JSON.stringify(origin)} vs ${JSON.stringify(o)}) are in different frames`,
      );
    }
  }
  const builder = new SceneBuilder();
  for (const scene of scenes) {
    for (const o of scene.objects) {
      const triangles = scene.triangles.subarray(o.firstTriangle * 9, (o.firstTriangle + o.triangleCount) * 9);
      builder.addObject(o.name, scene.materials[o.material], triangles);
    }
  }
  return builder.build({
    name: metadata?.name ?? scenes.map((s) => s.metadata.name).join("+"),
    ...((metadata?.origin ?? origin) ? { origin: metadata?.origin ?? origin } : {}),
    source: metadata?.source ?? scenes.map((s) => s.metadata.source ?? s.metadata.name).join(" + "),
  });
}
