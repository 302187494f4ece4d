/**
 * A scene made ready for path solving: its BVH, its planes and (on first use) its wedges. Building these
 * costs far more than solving one link, so a `TracingScene` is made once and handed to every solver call.
 */
import { type Bvh, buildBvh } from "../bvh/index.js";
import { ITU_MATERIALS, type ItuMaterialName, isItuMaterialName, radioProperties } from "../em/materials.js";
import type { Scene } from "../scene/scene.js";
import type { Eta } from "./fields.js";
import { findPlanes, type Planes } from "./planes.js";
import { RayCaster } from "./ray-caster.js";
import { findWedges, type Wedge } from "./wedges.js";

/**
 * Edges shorter than this do not diffract. The UTD treats an edge as infinite: an edge shorter than
 * its first Fresnel zone (about sqrt(lambda L): 2 m at 3.5 GHz and 50 m) is no such edge, yet would
 * diffract at full strength over the thin fan of receivers whose diffraction point falls on it. Meshes
 * hold many such edges (facade details: a quarter of etoile's, 40 % of munich's are under 1 m).
 */
export const MIN_WEDGE_LENGTH_M = 1;

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

  /**
   * The wedges that diffract: at least `MIN_WEDGE_LENGTH_M` long, and not a seam (a free edge where the
   * same flat surface goes on in other triangles: facades made of several meshes, T-junctions).
   */
  get wedges(): readonly Wedge[] {
    this.wedgeList ??= findWedges(this.scene).filter((w) => w.length >= MIN_WEDGE_LENGTH_M && !this.isSeam(w));
    return this.wedgeList;
  }

  /** Whether the surface of a free edge's triangle continues past the edge's middle. */
  private isSeam(w: Wedge): boolean {
    if (w.n !== 2) return false;
    const plane = this.planes.planeOf[w.triangle0];
    if (plane < 0) return false;
    const step = Math.max(1e-3, 1e3 * this.bvh.epsilon);
    const n = [this.planes.normals[plane * 3], this.planes.normals[plane * 3 + 1], this.planes.normals[plane * 3 + 2]];
    // just past the middle of the edge, away from its triangle, looked at along the normal
    const p = [0, 1, 2].map((i) => w.origin[i] + (w.direction[i] * w.length) / 2 - w.face0[i] * step + n[i] * step);
    const hit = this.caster.firstHit(p as [number, number, number], [-n[0], -n[1], -n[2]], 2 * step);
    return hit !== null && this.planes.planeOf[hit.triangle] === plane;
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
