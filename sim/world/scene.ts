/**
 * The two scenes of a scenario: the nominal one (what the twin knows: the file or the generator) and
 * the true one the simulator computes on (the nominal scene plus the reality deltas: objects the twin
 * does not know and materials that differ).
 */
import { isItuMaterialName } from "../../twin/em/materials.js";
import {
  FACTORY_HALL_DEFAULTS,
  factoryHall,
  loadScene,
  pushStandingBox,
  type Scene,
  SceneBuilder,
  sceneMaterial,
  TriangleBuffer,
  URBAN_DISTRICT_DEFAULTS,
  urbanDistrict,
} from "../../twin/scene/index.js";
import type { Reality } from "../scenario/resolve.js";
import type { SceneSpec } from "../scenario/schema.js";

export class WorldError extends Error {
  override name = "WorldError";
}

export async function nominalScene(spec: SceneSpec): Promise<Scene> {
  if ("file" in spec) return loadScene(spec.file);
  const [defaults, generate] =
    spec.generator === "urban-district"
      ? [URBAN_DISTRICT_DEFAULTS, urbanDistrict as (o: object) => Scene]
      : [FACTORY_HALL_DEFAULTS, factoryHall as (o: object) => Scene];
  for (const key of Object.keys(spec.options ?? {})) {
    if (!(key in defaults)) {
      throw new WorldError(
        `scene.options.${key}: not an option of the ${spec.generator} generator (${Object.keys(defaults).join(", ")})`,
      );
    }
  }
  try {
    return generate(spec.options ?? {});
  } catch (e) {
    throw new WorldError(`scene.options: ${(e as Error).message}`);
  }
}

/** Object names matching a pattern with `*` wildcards. */
function matcher(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

function ituMaterial(name: string, where: string) {
  if (!isItuMaterialName(name)) throw new WorldError(`${where}: '${name}' is not an ITU-R P.2040 material name`);
  return sceneMaterial(name);
}

/** The nominal scene with the reality deltas applied; the nominal scene itself when there are none. */
export function trueScene(nominal: Scene, reality: Pick<Reality, "objects" | "materials">): Scene {
  if (reality.objects.length === 0 && reality.materials.length === 0) return nominal;
  const changed = new Map<number, ReturnType<typeof sceneMaterial>>();
  reality.materials.forEach((m, k) => {
    const where = `reality.materials[${k}]`;
    const material = ituMaterial(m.material, `${where}.material`);
    const re = matcher(m.objects);
    let hits = 0;
    nominal.objects.forEach((o, i) => {
      if (re.test(o.name)) {
        changed.set(i, material);
        hits++;
      }
    });
    if (hits === 0) throw new WorldError(`${where}.objects: '${m.objects}' matches no object of the scene`);
  });
  const builder = new SceneBuilder();
  nominal.objects.forEach((o, i) => {
    const triangles = nominal.triangles.subarray(o.firstTriangle * 9, (o.firstTriangle + o.triangleCount) * 9);
    builder.addObject(o.name, changed.get(i) ?? nominal.materials[o.material], triangles);
  });
  reality.objects.forEach((o, k) => {
    const where = `reality.objects[${k}]`;
    const material = ituMaterial(o.material ?? "metal", `${where}.material`);
    const box = new TriangleBuffer(12);
    pushStandingBox(box, o.centre, o.sizeM, ((o.yawDeg ?? 0) * Math.PI) / 180);
    builder.addObject(`reality-${o.id}`, material, box.toFloat64Array());
  });
  return builder.build({
    ...nominal.metadata,
    name: `${nominal.metadata.name} (true)`,
    source: `${nominal.metadata.source ?? nominal.metadata.name} + reality deltas`,
  });
}
