/**
 * Every Sionna RT scene in ../shared/scenes/sionna loads: objects, triangles (the sum of the PLY files'
 * fan-triangulated faces) and materials. Skipped, saying why, when the shared scenes are absent.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSionnaScene, loadScene, parseSionnaXml, sceneBounds } from "../../../twin/scene/index.js";
import { haveSionnaScenes, SIONNA_SCENES_DIR } from "./support.js";

if (!haveSionnaScenes) console.warn(`skipping the Sionna scene tests: ${SIONNA_SCENES_DIR} is missing`);

const EXPECTED: Record<string, { objects: number; triangles: number; materials: string[] }> = {
  box: { objects: 1, triangles: 12, materials: ["metal/1"] },
  box_one_screen: { objects: 2, triangles: 14, materials: ["glass/0.01", "metal/1"] },
  box_two_screens: { objects: 3, triangles: 16, materials: ["glass/0.01", "metal/1"] },
  double_reflector: { objects: 2, triangles: 4, materials: ["metal/0.1"] },
  etoile: { objects: 563, triangles: 13058, materials: ["concrete/0.1", "marble/0.1", "metal/0.1", "wood/0.1"] },
  floor_wall: { objects: 2, triangles: 4, materials: ["brick/0.1", "concrete/0.1"] },
  munich: {
    objects: 2367,
    triangles: 38938,
    materials: ["brick/0.1", "concrete/0.1", "marble/0.1", "metal/0.1", "wood/0.1"],
  },
  simple_reflector: { objects: 1, triangles: 2, materials: ["metal/0.01"] },
  simple_street_canyon: {
    objects: 7,
    triangles: 74,
    materials: ["brick/0.1", "concrete/0.1", "glass/0.1", "marble/0.1", "wood/0.1"],
  },
  simple_wedge: { objects: 1, triangles: 4, materials: ["concrete/0.1"] },
  triple_reflector: { objects: 3, triangles: 6, materials: ["metal/0.1"] },
};

describe.skipIf(!haveSionnaScenes)("the shared Sionna scenes", () => {
  const dirs = haveSionnaScenes ? readdirSync(SIONNA_SCENES_DIR).filter((d) => d !== "LICENSE") : [];

  it("are all in the table", () => {
    expect(dirs.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s loads", async (name, expected) => {
    const t0 = performance.now();
    const scene = await loadScene(join(SIONNA_SCENES_DIR, name, `${name}.xml`));
    const ms = performance.now() - t0;
    if (name === "etoile" || name === "munich")
      console.log(`${name}: ${scene.triangles.length / 9} triangles loaded in ${ms.toFixed(0)} ms`);
    expect(scene.objects.length).toBe(expected.objects);
    expect(scene.triangles.length / 9).toBe(expected.triangles);
    expect(scene.materials.map((m) => `${m.itu}/${m.thicknessM}`).sort()).toEqual(expected.materials);
    expect(scene.triangleObject.length).toBe(expected.triangles);
    expect(scene.triangles.every(Number.isFinite)).toBe(true);
    expect(scene.metadata.name).toBe(name);
    // every object is named after its shape id, without the mesh- prefix
    expect(scene.objects.every((o) => o.name.length > 0 && !o.name.startsWith("mesh-"))).toBe(true);
  });

  it("names objects and materials as the XML does (floor_wall, legacy mat-itu_ ids)", async () => {
    const scene = await loadScene(join(SIONNA_SCENES_DIR, "floor_wall", "floor_wall.xml"));
    expect(scene.objects.map((o) => [o.name, scene.materials[o.material].itu])).toEqual([
      ["floor", "concrete"],
      ["wall", "brick"],
    ]);
  });

  it("keeps munich's ground at z = 0 and its buildings within 100 m", async () => {
    const bounds = sceneBounds(await loadScene(join(SIONNA_SCENES_DIR, "munich", "munich.xml")));
    expect(bounds?.min[2]).toBe(0);
    expect(bounds?.max[2]).toBeLessThan(100);
  });

  it.each(["etoile", "munich"])("%s: parse time without the disk", (name) => {
    const xmlPath = join(SIONNA_SCENES_DIR, name, `${name}.xml`);
    const description = parseSionnaXml(readFileSync(xmlPath, "utf8"), xmlPath);
    const meshes = new Map(description.shapes.map((s) => [s.meshPath, readFileSync(s.meshPath)]));
    const t0 = performance.now();
    const scene = buildSionnaScene(description, meshes);
    console.log(
      `${name}: ${description.shapes.length} meshes parsed in ${(performance.now() - t0).toFixed(0)} ms (files already read)`,
    );
    expect(scene.objects.length).toBe(EXPECTED[name].objects);
  });
});
