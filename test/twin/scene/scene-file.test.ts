import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../../twin/scene/base64.js";
import {
  factoryHall,
  importGeoJson,
  isSceneError,
  parseSceneFile,
  type Scene,
  SceneBuilder,
  saveScene,
  sceneMaterial,
} from "../../../twin/scene/index.js";
import { thrown } from "./support.js";

const bitsOf = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

function expectSameScene(a: Scene, b: Scene): void {
  expect(b.metadata).toEqual(a.metadata);
  expect(b.materials).toEqual(a.materials);
  expect(b.objects).toEqual(a.objects);
  expect(bitsOf(b.triangles)).toEqual(bitsOf(a.triangles));
  expect(Array.from(b.triangleObject)).toEqual(Array.from(a.triangleObject));
}

/** A scene whose coordinates need all 64 bits: subnormals, -0, extremes, thirds. */
function awkwardScene(): Scene {
  const b = new SceneBuilder();
  b.addObject("empty", sceneMaterial("glass", 0.01), []);
  b.addObject("odd", sceneMaterial("metal"), [
    1 / 3,
    -0,
    5e-324,
    Number.MAX_VALUE,
    -Number.MIN_VALUE,
    0.1 + 0.2,
    1e300,
    -1e-300,
    Math.PI,
  ]);
  b.addObject("more", sceneMaterial("wood", 0.05), [0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 2, 2, 3, 2, 2, 2, 3, 2]);
  return b.build({ name: "awkward", origin: { latitude: -33.8568, longitude: 151.2153 }, source: "a test" });
}

describe("base64", () => {
  it("agrees with Node's Buffer for every length and byte value", () => {
    for (let n = 0; n < 300; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
    }
  });

  it("rejects what is not base64", () => {
    expect(() => decodeBase64("abc")).toThrow(/multiple of 4/);
    expect(() => decodeBase64("ab=c")).toThrow(/character 2/);
    expect(() => decodeBase64("abé=")).toThrow(/character 2/);
  });
});

describe("scene file round trip", () => {
  it("is bit-exact for awkward numbers and empty objects", () => {
    const scene = awkwardScene();
    expectSameScene(scene, parseSceneFile(saveScene(scene), "awkward.json"));
    expect(Object.is(parseSceneFile(saveScene(scene), "a.json").triangles[1], -0)).toBe(true);
  });

  it("is bit-exact for generated and imported scenes", () => {
    const hall = factoryHall({ seed: 3 });
    expectSameScene(hall, parseSceneFile(saveScene(hall), "hall.json"));
    const ring = [
      [2.29, 48.87],
      [2.2901, 48.87],
      [2.2901, 48.8701],
      [2.29, 48.87],
    ];
    const city = importGeoJson(
      {
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: { height: 7 }, geometry: { type: "Polygon", coordinates: [ring] } }],
      },
      "c.geojson",
    );
    expectSameScene(city, parseSceneFile(saveScene(city), "city.json"));
  });

  it("is JSON with a format tag and version first", () => {
    const json = JSON.parse(saveScene(awkwardScene()));
    expect(Object.keys(json).slice(0, 2)).toEqual(["format", "version"]);
    expect([json.format, json.version, json.triangles.encoding, json.triangles.count]).toEqual([
      "twinric-scene",
      1,
      "float64le-base64",
      3,
    ]);
  });
});

describe("parseSceneFile rejects broken files, naming the field", () => {
  const good = () => JSON.parse(saveScene(awkwardScene()));
  const edit = (f: (j: any) => void) => {
    const j = good();
    f(j);
    return JSON.stringify(j);
  };
  const nanData = () => {
    const t = new Float64Array(27);
    t[13] = Number.NaN;
    return encodeBase64(new Uint8Array(t.buffer));
  };
  const cases: { name: string; text: string; code: string; element: string }[] = [
    { name: "not JSON", text: "{", code: "TWIN_SCENE_PARSE", element: "root" },
    { name: "not an object", text: "[]", code: "TWIN_SCENE_INVALID", element: "root" },
    { name: "wrong format tag", text: edit((j) => (j.format = "gltf")), code: "TWIN_SCENE_INVALID", element: "format" },
    { name: "newer version", text: edit((j) => (j.version = 2)), code: "TWIN_SCENE_UNSUPPORTED", element: "version" },
    {
      name: "no name",
      text: edit((j) => delete j.metadata.name),
      code: "TWIN_SCENE_INVALID",
      element: "metadata.name",
    },
    {
      name: "latitude out of range",
      text: edit((j) => (j.metadata.origin.latitude = 91)),
      code: "TWIN_SCENE_INVALID",
      element: "metadata.origin.latitude",
    },
    {
      name: "unknown material",
      text: edit((j) => (j.materials[1].itu = "adamantium")),
      code: "TWIN_SCENE_INVALID",
      element: "materials[1].itu",
    },
    {
      name: "negative thickness",
      text: edit((j) => (j.materials[0].thicknessM = -1)),
      code: "TWIN_SCENE_INVALID",
      element: "materials[0].thicknessM",
    },
    {
      name: "material index out of range",
      text: edit((j) => (j.objects[2].material = 3)),
      code: "TWIN_SCENE_INVALID",
      element: "objects[2].material",
    },
    {
      name: "fractional count",
      text: edit((j) => (j.objects[1].triangleCount = 1.5)),
      code: "TWIN_SCENE_INVALID",
      element: "objects[1].triangleCount",
    },
    {
      name: "overlapping objects",
      text: edit((j) => (j.objects[2].firstTriangle = 0)),
      code: "TWIN_SCENE_INVALID",
      element: "objects[2].firstTriangle",
    },
    {
      name: "triangles without object",
      text: edit((j) => (j.objects[2].triangleCount = 1)),
      code: "TWIN_SCENE_INVALID",
      element: "objects",
    },
    {
      name: "object past the end",
      text: edit((j) => (j.objects[2].triangleCount = 5)),
      code: "TWIN_SCENE_INVALID",
      element: "objects[2].triangleCount",
    },
    {
      name: "unknown encoding",
      text: edit((j) => (j.triangles.encoding = "float32")),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "triangles.encoding",
    },
    {
      name: "bad base64",
      text: edit((j) => (j.triangles.data = `!${j.triangles.data.slice(1)}`)),
      code: "TWIN_SCENE_PARSE",
      element: "triangles.data",
    },
    {
      name: "count mismatch",
      text: edit((j) => (j.triangles.count = 4)),
      code: "TWIN_SCENE_INVALID",
      element: "triangles.data",
    },
    {
      name: "NaN coordinate",
      text: edit((j) => (j.triangles.data = nanData())),
      code: "TWIN_SCENE_INVALID",
      element: "triangles.data[1]",
    },
  ];
  it.each(cases)("$name", ({ text, code, element }) => {
    const e = thrown(() => parseSceneFile(text, "scenes/site.json"));
    expect(isSceneError(e), String(e)).toBe(true);
    if (!isSceneError(e)) return;
    expect([e.code, e.file, e.element]).toEqual([code, "scenes/site.json", element]);
  });
});
