/** A scene's fingerprint, for caches keyed by what a computation depends on. */
import { createHash } from "node:crypto";
import type { Scene } from "./scene.js";

/** A hash of the scene's geometry and materials. */
export function sceneHash(scene: Scene): string {
  const h = createHash("sha256");
  h.update(new Uint8Array(scene.triangles.buffer, scene.triangles.byteOffset, scene.triangles.byteLength));
  h.update(
    new Uint8Array(scene.triangleObject.buffer, scene.triangleObject.byteOffset, scene.triangleObject.byteLength),
  );
  h.update(JSON.stringify([scene.materials, scene.objects.map((o) => o.material)]));
  return h.digest("hex");
}
