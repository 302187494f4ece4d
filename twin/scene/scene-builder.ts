/**
 * Assembles a Scene object by object: materials are deduplicated by (ITU name, thickness), triangles
 * land in one buffer, and `build()` fills the per-triangle object index. Every importer and generator
 * goes through it, so all scenes come out with the same invariants (objects in order, contiguous,
 * covering every triangle).
 */
import type { Scene, SceneMaterial, SceneMetadata, SceneObject } from "./scene.js";
import { TriangleBuffer } from "./triangle-buffer.js";

export class SceneBuilder {
  private readonly materials: SceneMaterial[] = [];
  private readonly materialIndex = new Map<string, number>();
  private readonly objects: SceneObject[] = [];
  private readonly triangles = new TriangleBuffer(1024);

  /** The index of `material` in the scene, adding it on first use. */
  material(material: SceneMaterial): number {
    const key = `${material.itu}\u0000${material.thicknessM}`;
    let index = this.materialIndex.get(key);
    if (index === undefined) {
      index = this.materials.length;
      this.materials.push({ itu: material.itu, thicknessM: material.thicknessM });
      this.materialIndex.set(key, index);
    }
    return index;
  }

  /** Adds an object made of `triangles` (9 numbers each). */
  addObject(name: string, material: SceneMaterial, triangles: ArrayLike<number>): SceneObject {
    const object: SceneObject = {
      name,
      material: this.material(material),
      firstTriangle: this.triangles.triangleCount,
      triangleCount: triangles.length / 9,
    };
    this.triangles.append(triangles);
    this.objects.push(object);
    return object;
  }

  get objectCount(): number {
    return this.objects.length;
  }

  build(metadata: SceneMetadata): Scene {
    const triangles = this.triangles.toFloat64Array();
    const triangleObject = new Uint32Array(triangles.length / 9);
    this.objects.forEach((o, i) => triangleObject.fill(i, o.firstTriangle, o.firstTriangle + o.triangleCount));
    return { metadata, materials: [...this.materials], objects: [...this.objects], triangles, triangleObject };
  }
}
