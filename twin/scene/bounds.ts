/** Axis-aligned bounds of a scene, an object, or a range of triangles. */
import type { Scene } from "./scene.js";
import type { Vec3 } from "./triangle-buffer.js";

export interface Bounds {
  readonly min: Vec3;
  readonly max: Vec3;
}

/** Bounds of triangles `first` .. `first + count - 1`; undefined when there are none. */
export function trianglesBounds(triangles: Float64Array, first = 0, count = triangles.length / 9): Bounds | undefined {
  if (count <= 0) return undefined;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const end = (first + count) * 9;
  for (let i = first * 9; i < end; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = triangles[i + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  return { min: [min[0], min[1], min[2]], max: [max[0], max[1], max[2]] };
}

/** Bounds of the whole scene; undefined for a scene without triangles. */
export function sceneBounds(scene: Scene): Bounds | undefined {
  return trianglesBounds(scene.triangles);
}

/** Bounds of one object (by index); undefined when it has no triangles. */
export function objectBounds(scene: Scene, object: number): Bounds | undefined {
  const o = scene.objects[object];
  if (!o) throw new RangeError(`no object ${object} (the scene has ${scene.objects.length})`);
  return trianglesBounds(scene.triangles, o.firstTriangle, o.triangleCount);
}
