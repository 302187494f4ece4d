import { describe, expect, it } from "vitest";
import {
  DEFAULT_GROUND_MARGIN_M,
  importGeoJson,
  isSceneError,
  localProjection,
  objectBounds,
  type Scene,
} from "../../../twin/scene/index.js";
import { signedVolume, surfaceArea, thrown } from "./support.js";

const ORIGIN = { latitude: 48.8738, longitude: 2.295 }; // place de l'Etoile
const A = 6378137;
const E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
const RAD = Math.PI / 180;
/** Degrees of latitude and longitude per metre at the origin (WGS84 radii of curvature). */
const sinPhi = Math.sin(ORIGIN.latitude * RAD);
const DEG_PER_M_LAT = 1 / (((A * (1 - E2)) / (1 - E2 * sinPhi ** 2) ** 1.5) * RAD);
const DEG_PER_M_LON = 1 / ((A / Math.sqrt(1 - E2 * sinPhi ** 2)) * Math.cos(ORIGIN.latitude * RAD) * RAD);

/** A closed lon/lat ring of the rectangle [x0, x1] x [y0, y1] metres around the origin, counter-clockwise. */
function ring(x0: number, y0: number, x1: number, y1: number, clockwise = false): number[][] {
  const p = (x: number, y: number) => [ORIGIN.longitude + x * DEG_PER_M_LON, ORIGIN.latitude + y * DEG_PER_M_LAT];
  const ccw = [p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1)];
  const r = clockwise ? ccw.reverse() : ccw;
  return [...r, r[0]];
}

const feature = (geometry: object, properties: object, id?: string) => ({
  type: "Feature",
  ...(id ? { id } : {}),
  geometry,
  properties,
});
const collection = (...features: object[]) => ({ type: "FeatureCollection", features });
const polygon = (...rings: number[][][]) => ({ type: "Polygon", coordinates: rings });

const building = (s: Scene, name: string) => {
  const i = s.objects.findIndex((o) => o.name === name);
  const o = s.objects[i];
  return {
    index: i,
    object: o,
    triangles: s.triangles.subarray(o.firstTriangle * 9, (o.firstTriangle + o.triangleCount) * 9),
  };
};
const up = (n: number[]) => n[2] > 1e-9 * Math.hypot(...n);
const down = (n: number[]) => n[2] < -1e-9 * Math.hypot(...n);
const side = (n: number[]) => !up(n) && !down(n);

describe("importGeoJson extrudes footprints", () => {
  it("a 20 m square of height 10: volume, areas, bounds, outward normals, ground", () => {
    const s = importGeoJson(
      collection(feature(polygon(ring(-10, -10, 10, 10)), { height: 10 }, "sq")),
      "city.geojson",
      { origin: ORIGIN },
    );
    expect(s.objects.map((o) => [o.name, s.materials[o.material].itu])).toEqual([
      ["sq", "concrete"],
      ["ground", "medium_dry_ground"],
    ]);
    const { triangles, index } = building(s, "sq");
    expect(signedVolume(triangles)).toBeCloseTo(4000, 2);
    expect(surfaceArea(triangles, up)).toBeCloseTo(400, 3);
    expect(surfaceArea(triangles, side)).toBeCloseTo(800, 3);
    expect(surfaceArea(triangles, down)).toBe(0); // on the ground: no bottom face
    const b = objectBounds(s, index)!;
    for (let k = 0; k < 2; k++) {
      expect(b.min[k]).toBeCloseTo(-10, 4);
      expect(b.max[k]).toBeCloseTo(10, 4);
    }
    expect([b.min[2], b.max[2]]).toEqual([0, 10]);
    const g = objectBounds(
      s,
      s.objects.findIndex((o) => o.name === "ground"),
    )!;
    expect(g.min[0]).toBeCloseTo(-10 - DEFAULT_GROUND_MARGIN_M, 4);
    expect(g.max[1]).toBeCloseTo(10 + DEFAULT_GROUND_MARGIN_M, 4);
    expect([g.min[2], g.max[2]]).toEqual([0, 0]);
    expect(surfaceArea(s.triangles.subarray(s.objects[1].firstTriangle * 9), up)).toBeCloseTo(120 * 120, 1);
    expect(s.metadata).toEqual({ name: "city", origin: ORIGIN, source: "city.geojson" });
  });

  it("a square with a square hole (either ring orientation)", () => {
    for (const clockwiseHole of [true, false]) {
      const s = importGeoJson(
        collection(
          feature(polygon(ring(-10, -10, 10, 10), ring(-5, -5, 5, 5, clockwiseHole)), { height: 10 }, "court"),
        ),
        "court.geojson",
        { origin: ORIGIN, ground: false },
      );
      expect(s.objects.length).toBe(1);
      const { triangles } = building(s, "court");
      expect(signedVolume(triangles)).toBeCloseTo(3000, 2);
      expect(surfaceArea(triangles, up)).toBeCloseTo(300, 3);
      expect(surfaceArea(triangles, side)).toBeCloseTo(1200, 3);
    }
  });

  it("levels, min_height (with a bottom face), string heights, MultiPolygon, materials, default origin", () => {
    const s = importGeoJson(
      collection(
        feature(polygon(ring(0, 0, 10, 10)), { "building:levels": 4, material: "glass" }, "levels"),
        feature(polygon(ring(20, 0, 30, 10)), { height: "10 m", min_height: 3, material: "itu_brick" }, "bridge"),
        feature(
          { type: "MultiPolygon", coordinates: [[ring(40, 0, 50, 10)], [ring(60, 0, 70, 10)]] },
          { height: 5, material: "steel", name: "twins" },
        ),
      ),
      "mixed.geojson",
      { groundMarginM: 0 },
    );
    expect(s.objects.map((o) => [o.name, s.materials[o.material].itu])).toEqual([
      ["levels", "glass"],
      ["bridge", "brick"],
      ["twins", "concrete"],
      ["ground", "medium_dry_ground"],
    ]);
    expect(signedVolume(building(s, "levels").triangles)).toBeCloseTo(1200, 2);
    const bridge = building(s, "bridge").triangles;
    expect(signedVolume(bridge)).toBeCloseTo(700, 2);
    expect(surfaceArea(bridge, down)).toBeCloseTo(100, 3);
    expect(signedVolume(building(s, "twins").triangles)).toBeCloseTo(1000, 2);
    // the default origin is the centre of the bounding box: the ground (margin 0) is symmetric about it
    const g = objectBounds(s, 3)!;
    expect(g.min[0] + g.max[0]).toBeCloseTo(0, 3);
    expect(g.min[1] + g.max[1]).toBeCloseTo(0, 3);
    expect(s.metadata.origin?.latitude).toBeCloseTo(ORIGIN.latitude + 5 * DEG_PER_M_LAT, 9);
  });
});

describe("localProjection", () => {
  it("is metric: 0.01 degrees of longitude on the equator, 0.01 degrees of latitude at 45 N", () => {
    const [east] = localProjection({ latitude: 0, longitude: 10 })(10.01, 0);
    expect(east).toBeCloseTo(A * Math.sin(0.01 * RAD), 6);
    // meridian arc over 0.01 degrees at 45 N, by the meridional radius at the middle latitude (error ~1e-9)
    const mid = 45.005 * RAD;
    const arc = ((A * (1 - E2)) / (1 - E2 * Math.sin(mid) ** 2) ** 1.5) * 0.01 * RAD;
    const [, north] = localProjection({ latitude: 45, longitude: 0 })(0, 45.01);
    expect(Math.abs(north - arc)).toBeLessThan(1e-3);
  });
});

describe("importGeoJson rejects broken input, naming the file and the feature", () => {
  const square = ring(0, 0, 10, 10);
  const one = (geometry: object, properties: object = { height: 10 }, id = "a") =>
    JSON.stringify(collection(feature(geometry, properties, id)));
  const cases: { name: string; text: string; code: string; element: string; reason: RegExp }[] = [
    {
      name: "not JSON",
      text: "{ type: FeatureCollection",
      code: "TWIN_SCENE_PARSE",
      element: "root",
      reason: /JSON|property/,
    },
    {
      name: "not a FeatureCollection",
      text: JSON.stringify(feature(polygon(square), { height: 1 })),
      code: "TWIN_SCENE_INVALID",
      element: "root",
      reason: /FeatureCollection/,
    },
    {
      name: "features not an array",
      text: `{"type":"FeatureCollection","features":{}}`,
      code: "TWIN_SCENE_INVALID",
      element: "features",
      reason: /array/,
    },
    {
      name: "no features",
      text: `{"type":"FeatureCollection","features":[]}`,
      code: "TWIN_SCENE_INVALID",
      element: "features",
      reason: /no features/,
    },
    {
      name: "missing height",
      text: JSON.stringify(
        collection(feature(polygon(square), { height: 3 }, "a"), feature(polygon(square), { name: "x" }, "b")),
      ),
      code: "TWIN_SCENE_INVALID",
      element: "features[1] (id 'b')",
      reason: /no height/,
    },
    {
      name: "ring not closed",
      text: one(polygon(square.slice(0, -1).concat([square[1]]))),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry.coordinates[0]",
      reason: /not closed/,
    },
    {
      name: "ring too short",
      text: one(polygon([square[0], square[1], square[0]])),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry.coordinates[0]",
      reason: /at least 4/,
    },
    {
      name: "latitude out of range",
      text: one(polygon([square[0], square[1], [2.3, 95], square[0]])),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry.coordinates[0][2]",
      reason: /latitude 95/,
    },
    {
      name: "longitude out of range",
      text: one(polygon([square[0], [181, 48], square[2], square[0]])),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry.coordinates[0][1]",
      reason: /longitude 181/,
    },
    {
      name: "position not numbers",
      text: one(polygon([square[0], ["2.3", "48.8"] as unknown as number[], square[2], square[0]])),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry.coordinates[0][1]",
      reason: /finite numbers/,
    },
    {
      name: "not a footprint",
      text: one({ type: "Point", coordinates: square[0] }),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "features[0] (id 'a')",
      reason: /Point/,
    },
    {
      name: "no geometry",
      text: JSON.stringify(collection({ type: "Feature", geometry: null, properties: { height: 1 } })),
      code: "TWIN_SCENE_INVALID",
      element: "features[0]",
      reason: /no geometry/,
    },
    {
      name: "height not a length",
      text: one(polygon(square), { height: "tall" }),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').properties.height",
      reason: /tall/,
    },
    {
      name: "levels negative",
      text: one(polygon(square), { "building:levels": -2 }),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').properties.building:levels",
      reason: /-2/,
    },
    {
      name: "min_height above height",
      text: one(polygon(square), { height: 10, min_height: 12 }),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').properties.min_height",
      reason: /min_height 12/,
    },
    {
      name: "empty MultiPolygon",
      text: one({ type: "MultiPolygon", coordinates: [] }),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry.coordinates",
      reason: /polygons/,
    },
    {
      name: "zero-area footprint",
      text: one(polygon([square[0], square[1], square[0], square[0]])),
      code: "TWIN_SCENE_INVALID",
      element: "features[0] (id 'a').geometry",
      reason: /no area/,
    },
  ];
  it.each(cases)("$name", ({ text, code, element, reason }) => {
    const e = thrown(() => importGeoJson(text, "data/city.geojson"));
    expect(isSceneError(e), String(e)).toBe(true);
    if (!isSceneError(e)) return;
    expect([e.code, e.file, e.element]).toEqual([code, "data/city.geojson", element]);
    expect(e.reason).toMatch(reason);
  });
});
