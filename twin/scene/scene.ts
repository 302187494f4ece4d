/**
 * The twin's scene: triangle meshes with materials in a local metric frame (x east, y north, z up,
 * metres). Triangles sit in one flat Float64Array (9 numbers each: the three vertices) so the BVH, the
 * solvers and the radio-map workers read them without objects; each triangle knows its object, each
 * object its material.
 */

/** A material as the scene names it: an ITU-R P.2040 name (see `twin/em/materials.ts`) and a thickness. */
export interface SceneMaterial {
  /** ITU material name, e.g. "concrete" (Sionna's `itu_concrete`). */
  readonly itu: string;
  /** Slab thickness in metres (used for transmission; reflection treats the slab as a half-space). */
  readonly thicknessM: number;
}

/** A named mesh of the scene (a building, a wall, the ground). */
export interface SceneObject {
  readonly name: string;
  /** Index into `Scene.materials`. */
  readonly material: number;
  /** Its triangles: `firstTriangle` .. `firstTriangle + triangleCount - 1`. */
  readonly firstTriangle: number;
  readonly triangleCount: number;
}

export interface SceneMetadata {
  readonly name: string;
  /** Geographic origin of the local frame, when known (WGS84 degrees). */
  readonly origin?: { readonly latitude: number; readonly longitude: number };
  /** Where the scene came from (file path, generator and parameters). */
  readonly source?: string;
}

export interface Scene {
  readonly metadata: SceneMetadata;
  readonly materials: readonly SceneMaterial[];
  readonly objects: readonly SceneObject[];
  /** 9 numbers per triangle: x0 y0 z0 x1 y1 z1 x2 y2 z2. */
  readonly triangles: Float64Array;
  /** Per triangle: index into `objects`. */
  readonly triangleObject: Uint32Array;
}

export const triangleCount = (scene: Scene): number => scene.triangles.length / 9;

/** The material index of triangle `t`. */
export const materialOf = (scene: Scene, t: number): number => scene.objects[scene.triangleObject[t]].material;
