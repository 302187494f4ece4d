/**
 * Scene materials from names: the ITU-R P.2040 names of `twin/em/materials.ts`, and the way Sionna
 * scenes spell them in bsdf ids (`itu_concrete`, `mat-itu_concrete`, Blender's `mat-itu_concrete.001`).
 */
import { type ItuMaterialName, isItuMaterialName } from "../em/materials.js";
import type { SceneMaterial } from "./scene.js";

/** Slab thickness when a file gives none: Sionna RT's default (0.1 m), so its scenes load as it reads them. */
export const DEFAULT_THICKNESS_M = 0.1;

export function sceneMaterial(itu: ItuMaterialName, thicknessM = DEFAULT_THICKNESS_M): SceneMaterial {
  return { itu, thicknessM };
}

/**
 * The ITU name inside a legacy Sionna material id (`mat-itu_concrete`, `itu_concrete`, with an optional
 * Blender duplicate suffix `.001`), or undefined when the id names no ITU material.
 */
export function ituNameFromLegacyId(id: string): ItuMaterialName | undefined {
  const match = /^(?:mat-)?itu_(.+?)(?:\.\d{3})?$/.exec(id);
  if (!match) return undefined;
  return isItuMaterialName(match[1]) ? match[1] : undefined;
}
