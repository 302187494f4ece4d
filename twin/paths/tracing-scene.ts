/**
 * A scene made ready for path solving: its BVH, its planes and (on first use) its wedges. Building these
 * costs far more than solving one link, so a `TracingScene` is made once and handed to every solver call.
 */
import { type Bvh, buildBvh } from "../bvh/index.js";
import { type ItuMaterialName, isItuMaterialName, ITU_MATERIALS, radioProperties } from "../em/materials.js";
import type { Scene } from "../scene/scene.js";
import type { Eta } from "./fields.js";
import { findPlanes, type Planes } from "./planes.js";
import { RayCaster } from "./ray-caster.js";
import { findWedges, type Wedge } from "./wedges.js";

export class TracingScene {
  readonly bvh: Bvh;
  readonly planes: Planes;
  readonly caster: RayCaster;
  private wedgeList: Wedge[] | undefined;

  /** `bvh`: one built for this scene already (e.g. shared from another thread); built here otherwise. */
  constructor(
    readonly scene: Scene,
    bvh?: Bvh,
  ) {
    for (const m of scene.materials) {
      if (!isItuMaterialName(m.itu)) {
        throw new RangeError(`scene '${scene.metadata.name}': material '${m.itu}' is not an ITU-R P.2040 material`);
      }
    }
    this.bvh = bvh ?? buildBvh(scene.triangles);
    this.planes = findPlanes(scene);
    this.caster = new RayCaster(this.bvh);
  }

  get wedges(): readonly Wedge[] {
    this.wedgeList ??= findWedges(this.scene);
    return this.wedgeList;
  }

  objectName(triangle: number): string {
    return this.scene.objects[this.scene.triangleObject[triangle]].name;
  }

  materialIndex(triangle: number): number {
    return this.scene.objects[this.scene.triangleObject[triangle]].material;
  }

  materialName(triangle: number): string {
    return this.scene.materials[this.materialIndex(triangle)].itu;
  }

  /**
   * Each material's complex relative permittivity at `frequencyHz`, and a warning for each material used
   * outside the frequency range of its P.2040 fit (its power law is extrapolated there).
   */
  permittivities(frequencyHz: number): { etas: Eta[]; warnings: string[] } {
    const warnings: string[] = [];
    const etas = this.scene.materials.map((m) => {
      const name = m.itu as ItuMaterialName;
      const [lo, hi] = ITU_MATERIALS.get(name)!.rangeGhz;
      const ghz = frequencyHz / 1e9;
      if (ghz < lo || ghz > hi)
        warnings.push(`material '${name}' is extrapolated: ITU-R P.2040 fits it for ${lo}-${hi} GHz`);
      return radioProperties(name, frequencyHz, true).eta;
    });
    return { etas, warnings };
  }
}
