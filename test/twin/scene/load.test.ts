import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  detectSceneFormat,
  factoryHall,
  isSceneError,
  loadScene,
  mergeScenes,
  saveScene,
  sceneBounds,
  urbanDistrict,
} from "../../../twin/scene/index.js";
import { meshSpec, writePly } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "twinric-scenes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const square = [
  [2.29, 48.87],
  [2.2901, 48.87],
  [2.2901, 48.8701],
  [2.29, 48.8701],
  [2.29, 48.87],
];
const geojson = JSON.stringify({
  type: "FeatureCollection",
  features: [
    { type: "Feature", id: "b1", properties: { height: 12 }, geometry: { type: "Polygon", coordinates: [square] } },
  ],
});

mkdirSync(join(dir, "meshes"));
file(
  "meshes/floor.ply",
  writePly(
    meshSpec(
      "ascii",
      [
        [-5, -5, 0],
        [5, -5, 0],
        [5, 5, 0],
        [-5, 5, 0],
      ],
      [[0, 1, 2, 3]],
    ),
  ),
);
file(
  "meshes/wall.ply",
  writePly(
    meshSpec(
      "binary_big_endian",
      [
        [0, -5, 0],
        [0, 5, 0],
        [0, 5, 3],
        [0, -5, 3],
      ],
      [
        [0, 1, 2],
        [0, 2, 3],
      ],
      "double",
    ),
  ),
);
const xml = `<scene version="2.1.0">
  <bsdf type="itu-radio-material" id="concrete"><string name="type" value="concrete"/><float name="thickness" value="0.2"/></bsdf>
  <bsdf type="twosided" id="mat-itu_brick"><bsdf type="diffuse"/></bsdf>
  <shape type="ply" id="mesh-floor"><string name="filename" value="meshes/floor.ply"/><ref id="concrete" name="bsdf"/></shape>
  <shape type="ply" id="mesh-wall"><string name="filename" value="meshes/wall.ply"/><ref id="mat-itu_brick" name="bsdf"/></shape>
</scene>`;

describe("loadScene", () => {
  it("loads a Sionna XML scene with ascii and binary meshes beside it", async () => {
    const s = await loadScene(file("room.xml", xml));
    expect(
      s.objects.map((o) => [o.name, s.materials[o.material].itu, s.materials[o.material].thicknessM, o.triangleCount]),
    ).toEqual([
      ["floor", "concrete", 0.2, 2],
      ["wall", "brick", 0.1, 2],
    ]);
    expect(sceneBounds(s)).toEqual({ min: [-5, -5, 0], max: [5, 5, 3] });
    expect(s.metadata.name).toBe("room");
  });

  it("dispatches on extension and, without one, on content", async () => {
    const hall = factoryHall();
    const cases: [string, string | Uint8Array, string][] = [
      ["city.geojson", geojson, "b1"],
      ["city.json", geojson, "b1"],
      ["city-no-extension", geojson, "b1"],
      ["hall.json", saveScene(hall), "floor"],
      ["hall-no-extension", saveScene(hall), "floor"],
      ["room-no-extension", xml, "floor"],
      [
        "lone.ply",
        writePly(
          meshSpec(
            "binary_little_endian",
            [
              [0, 0, 0],
              [1, 0, 0],
              [0, 1, 0],
            ],
            [[0, 1, 2]],
          ),
        ),
        "lone",
      ],
    ];
    for (const [name, content, firstObject] of cases) {
      const s = await loadScene(file(name, content));
      expect(s.objects[0].name, name).toBe(firstObject);
    }
    const fromFile = await loadScene(file("again.json", saveScene(hall)));
    expect(Array.from(fromFile.triangles)).toEqual(Array.from(hall.triangles));
  });

  it("passes GeoJSON options through", async () => {
    const s = await loadScene(file("opts.geojson", geojson), { geojson: { ground: false, name: "block" } });
    expect(s.objects.map((o) => o.name)).toEqual(["b1"]);
    expect(s.metadata.name).toBe("block");
  });

  it("names the file when it cannot read or recognise it", async () => {
    const missing = join(dir, "nowhere.xml");
    await expect(loadScene(missing)).rejects.toMatchObject({ code: "TWIN_SCENE_IO", file: missing, element: "root" });
    const unknown = file("notes.txt", "just some notes");
    await expect(loadScene(unknown)).rejects.toMatchObject({ code: "TWIN_SCENE_UNSUPPORTED", file: unknown });
    const otherJson = file("other.json", `{"type": "Topology"}`);
    await expect(loadScene(otherJson)).rejects.toMatchObject({ code: "TWIN_SCENE_UNSUPPORTED", file: otherJson });
  });

  it("names the XML file and the shape when a mesh file is missing", async () => {
    const path = file("broken.xml", xml.replace("meshes/wall.ply", "meshes/gone.ply"));
    const e = await loadScene(path).catch((x: unknown) => x);
    expect(isSceneError(e) && [e.code, e.file, e.element]).toEqual(["TWIN_SCENE_IO", path, "shape 'mesh-wall'"]);
  });

  it("detectSceneFormat", () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(detectSceneFormat("a.XML", bytes(""))).toBe("sionna");
    expect(detectSceneFormat("a", bytes("  <scene/>"))).toBe("sionna");
    expect(detectSceneFormat("a", bytes("ply\nformat ascii 1.0"))).toBe("ply");
    expect(detectSceneFormat("a.json", bytes(`{"format":"twinric-scene"}`))).toBe("twinric");
  });
});

describe("mergeScenes", () => {
  it("concatenates objects, sharing materials", () => {
    const a = factoryHall({ machines: 1, shelvingRows: 0 });
    const b = urbanDistrict({ blocksX: 1, blocksY: 1, stadium: null });
    const m = mergeScenes([a, b], { name: "both" });
    expect(m.objects.length).toBe(a.objects.length + b.objects.length);
    expect(m.triangles.length).toBe(a.triangles.length + b.triangles.length);
    expect(m.objects.at(-1)?.name).toBe("ground");
    expect(m.metadata.name).toBe("both");
    expect(new Set(m.materials.map((x) => `${x.itu}/${x.thicknessM}`)).size).toBe(m.materials.length);
  });

  it("refuses scenes in different frames", () => {
    const at = (latitude: number) => ({
      ...factoryHall(),
      metadata: { name: "x", origin: { latitude, longitude: 0 } },
    });
    expect(() => mergeScenes([at(1), at(2)])).toThrow(/different origins/);
  });
});
