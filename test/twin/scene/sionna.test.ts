import { describe, expect, it } from "vitest";
import { importSionnaScene, isSceneError, parseSionnaXml } from "../../../twin/scene/index.js";
import { meshSpec, thrown, writePly } from "./support.js";

const quad = writePly(
  meshSpec(
    "binary_little_endian",
    [
      [0, 0, 0],
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 0],
    ],
    [[0, 1, 2, 3]],
  ),
);
const meshes = (path: string): Uint8Array => {
  if (!path.startsWith("scenes/test/meshes/")) throw new Error(`unexpected mesh path ${path}`);
  return quad;
};
const FILE = "scenes/test/test.xml";
const scene = (body: string) => `<?xml version="1.0"?>\n<scene version="2.1.0">\n${body}\n</scene>\n`;
const shape = (id: string, inner: string, type = "ply") =>
  `<shape type="${type}" id="${id}"><string name="filename" value="meshes/${id}.ply"/>${inner}</shape>`;
const ituBsdf = (id: string, itu: string, thickness?: string) =>
  `<bsdf type="itu-radio-material" id="${id}"><string name="type" value="${itu}"/>${thickness === undefined ? "" : `<float name="thickness" value="${thickness}"/>`}</bsdf>`;

describe("importSionnaScene", () => {
  it("reads itu-radio-material bsdfs, refs, nested bsdfs and legacy material ids", () => {
    const xml = scene(
      [
        `<default name="wall_thickness" value="0.25"/>`,
        `<integrator type="path"><integer name="max_depth" value="12"/></integrator>`,
        ituBsdf("walls", "brick", "$wall_thickness"),
        `<bsdf type="twosided" id="mat-itu_glass"><bsdf type="diffuse"><rgb value="0.2 0.5 0.8" name="reflectance"/></bsdf></bsdf>`,
        `<bsdf type="diffuse" id="itu_wood.001"/>`,
        `<bsdf type="principled" id="mat-unused-and-unknown"/>`,
        shape("mesh-wall", `<boolean name="face_normals" value="true"/><ref id="walls" name="bsdf"/>`),
        shape("mesh-window", `<ref name="bsdf" id="mat-itu_glass"/>`),
        shape("mesh-door", `<ref id="itu_wood.001"/>`),
        shape("mesh-floor", ituBsdf("inline", "medium_dry_ground")),
        `<shape type="ply"><string name="filename" value="meshes/anonymous.ply"/><boolean name="flip_normals" value="true"/><ref id="walls"/></shape>`,
      ].join("\n"),
    );
    const s = importSionnaScene(xml, FILE, meshes);
    expect(
      s.objects.map((o) => [o.name, s.materials[o.material].itu, s.materials[o.material].thicknessM, o.triangleCount]),
    ).toEqual([
      ["wall", "brick", 0.25, 2],
      ["window", "glass", 0.1, 2],
      ["door", "wood", 0.1, 2],
      ["floor", "medium_dry_ground", 0.1, 2],
      ["anonymous", "brick", 0.25, 2],
    ]);
    expect(s.materials.length).toBe(4); // the two brick objects share one material
    expect(s.metadata).toEqual({ name: "test", source: FILE });
    // flip_normals reverses the winding: the quad faced +z, the flipped one faces -z
    const normalZ = (t: number) => {
      const v = s.triangles.subarray(t * 9, t * 9 + 9);
      return (v[3] - v[0]) * (v[7] - v[1]) - (v[4] - v[1]) * (v[6] - v[0]);
    };
    expect(normalZ(0)).toBeGreaterThan(0);
    expect(normalZ(8)).toBeLessThan(0);
  });

  it("resolves mesh paths against the XML's folder", () => {
    const d = parseSionnaXml(
      scene(`${ituBsdf("m", "metal")}${shape("mesh-a", `<ref id="m"/>`)}`),
      "/data/city/city.xml",
    );
    expect(d.shapes[0].meshPath).toBe("/data/city/meshes/mesh-a.ply");
  });
});

describe("importSionnaScene rejects what it cannot represent, naming the XML file and the element", () => {
  const ok = ituBsdf("m", "concrete");
  const cases: { name: string; xml: string; code: string; element: string; reason: RegExp; line?: number }[] = [
    {
      name: "malformed XML",
      xml: `<scene>\n<shape type="ply" id="a">\n</scene>`,
      code: "TWIN_SCENE_PARSE",
      element: "xml",
      reason: /shape/,
      line: 3,
    },
    { name: "root is not a scene", xml: `<world/>`, code: "TWIN_SCENE_INVALID", element: "xml", reason: /<scene>/ },
    {
      name: "transform on a shape",
      xml: scene(
        ok + shape("mesh-a", `<ref id="m"/><transform name="to_world"><translate value="1 0 0"/></transform>`),
      ),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "shape 'mesh-a'",
      reason: /transforms/,
    },
    {
      name: "another shape type",
      xml: scene(ok + shape("mesh-a", `<ref id="m"/>`, "obj")),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "shape 'mesh-a'",
      reason: /'obj'/,
    },
    {
      name: "unknown ITU material",
      xml: scene(ituBsdf("m", "unobtainium") + shape("mesh-a", `<ref id="m"/>`)),
      code: "TWIN_SCENE_INVALID",
      element: "bsdf 'm'",
      reason: /unobtainium/,
    },
    {
      name: "legacy id naming no ITU material",
      xml: scene(`<bsdf type="diffuse" id="mat-Default"/>${shape("mesh-a", `<ref id="mat-Default"/>`)}`),
      code: "TWIN_SCENE_INVALID",
      element: "bsdf 'mat-Default'",
      reason: /unknown material/,
    },
    {
      name: "custom radio material",
      xml: scene(
        `<bsdf type="radio-material" id="m"><float name="conductivity" value="1"/></bsdf>${shape("mesh-a", `<ref id="m"/>`)}`,
      ),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "bsdf 'm'",
      reason: /custom radio materials/,
    },
    {
      name: "reference to a missing bsdf",
      xml: scene(shape("mesh-a", `<ref id="nowhere"/>`)),
      code: "TWIN_SCENE_INVALID",
      element: "shape 'mesh-a'",
      reason: /nowhere/,
    },
    {
      name: "shape without material",
      xml: scene(shape("mesh-a", "")),
      code: "TWIN_SCENE_INVALID",
      element: "shape 'mesh-a'",
      reason: /no bsdf/,
    },
    {
      name: "shape without filename",
      xml: scene(`${ok}<shape type="ply" id="mesh-a"><ref id="m"/></shape>`),
      code: "TWIN_SCENE_INVALID",
      element: "shape 'mesh-a'",
      reason: /filename/,
    },
    {
      name: "two materials",
      xml: scene(ok + shape("mesh-a", `<ref id="m"/>${ituBsdf("n", "glass")}`)),
      code: "TWIN_SCENE_INVALID",
      element: "shape 'mesh-a'",
      reason: /more than one/,
    },
    {
      name: "negative thickness",
      xml: scene(ituBsdf("m", "glass", "-1") + shape("mesh-a", `<ref id="m"/>`)),
      code: "TWIN_SCENE_INVALID",
      element: "bsdf 'm'",
      reason: /thickness/,
    },
    {
      name: "missing ITU type",
      xml: scene(`<bsdf type="itu-radio-material" id="m"/>${shape("mesh-a", `<ref id="m"/>`)}`),
      code: "TWIN_SCENE_INVALID",
      element: "bsdf 'm'",
      reason: /type/,
    },
    {
      name: "diffuse scattering",
      xml: scene(
        `<bsdf type="itu-radio-material" id="m"><string name="type" value="glass"/><float name="scattering_coefficient" value="0.3"/></bsdf>${shape("mesh-a", `<ref id="m"/>`)}`,
      ),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "bsdf 'm'",
      reason: /scattering_coefficient/,
    },
    {
      name: "unknown top-level element",
      xml: scene(`<shapegroup id="g"/>`),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "shapegroup 'g'",
      reason: /shapegroup/,
    },
    {
      name: "undefined $variable",
      xml: scene(ituBsdf("m", "glass", "$t") + shape("mesh-a", `<ref id="m"/>`)),
      code: "TWIN_SCENE_INVALID",
      element: "bsdf 'm'",
      reason: /\$t/,
    },
    {
      name: "duplicate bsdf id",
      xml: scene(ok + ok),
      code: "TWIN_SCENE_INVALID",
      element: "bsdf 'm'",
      reason: /second/,
    },
  ];
  it.each(cases)("$name", ({ xml, code, element, reason, line }) => {
    const e = thrown(() => importSionnaScene(xml, FILE, meshes));
    expect(isSceneError(e), String(e)).toBe(true);
    if (!isSceneError(e)) return;
    expect(e.code).toBe(code);
    expect(e.file).toBe(FILE);
    expect(e.element).toBe(element);
    expect(e.reason).toMatch(reason);
    if (line !== undefined) expect(e.offset).toEqual({ unit: "line", value: line });
    expect(e.message.startsWith(`cannot load ${FILE}: ${element}`)).toBe(true);
  });

  it("a broken mesh names the PLY file", () => {
    const broken = (path: string) =>
      path.endsWith("bad.ply") ? new TextEncoder().encode("ply\nformat ascii 2.0\n") : quad;
    const e = thrown(() =>
      importSionnaScene(scene(ituBsdf("m", "metal") + shape("bad", `<ref id="m"/>`)), FILE, broken),
    );
    expect(isSceneError(e) && [e.file, e.element, e.offset?.value]).toEqual([
      "scenes/test/meshes/bad.ply",
      "header",
      2,
    ]);
  });
});
