/**
 * GeoJSON building footprints to a scene: a FeatureCollection of Polygon / MultiPolygon features,
 * each extruded into a prism (walls as quads, roof triangulated with holes), plus a ground plane.
 *
 * Heights, from each feature's properties: `height` in metres (a number, or a string such as "12" or
 * "12 m" as OpenStreetMap writes it), else `building:levels` x METRES_PER_LEVEL; `min_height` lifts the
 * base (a bridge, an overhang), and such a prism gets a bottom face. Materials: `material` (or
 * `building:material`) when it is an ITU-R P.2040 name, else concrete. Coordinates are projected into
 * the local frame of `local-frame.ts` around `options.origin` (default: the centre of the footprints'
 * longitude/latitude bounding box), which is recorded in the scene's metadata.
 */
import { type ItuMaterialName, isItuMaterialName } from "../em/materials.js";
import { SceneError, type SceneErrorCode } from "./errors.js";
import { baseName } from "./file-names.js";
import { type GeoPoint, localProjection } from "./local-frame.js";
import type { Scene } from "./scene.js";
import { SceneBuilder } from "./scene-builder.js";
import { ituNameFromLegacyId, sceneMaterial } from "./scene-materials.js";
import { pushPrism, pushRectangle, ringArea2 } from "./shapes.js";
import { TriangleBuffer } from "./triangle-buffer.js";

/** Storey height used for `building:levels` (a common planning figure for floor-to-floor height). */
export const METRES_PER_LEVEL = 3;
/** How far the ground plane reaches beyond the footprints' bounding box. */
export const DEFAULT_GROUND_MARGIN_M = 50;
export const DEFAULT_BUILDING_MATERIAL: ItuMaterialName = "concrete";
export const GROUND_MATERIAL: ItuMaterialName = "medium_dry_ground";

export interface GeoJsonImportOptions {
  /** Origin of the local frame; default: the centre of the footprints' bounding box. */
  readonly origin?: GeoPoint;
  /** Ground plane margin around the footprints (default DEFAULT_GROUND_MARGIN_M); */
  readonly groundMarginM?: number;
  /** Add the ground plane (default true). */
  readonly ground?: boolean;
  /** Scene name (default: the file name without extension). */
  readonly name?: string;
}

type Position = readonly [number, number];
/** One polygon: rings of lon/lat positions without the closing one; the first ring is the outline. */
type GeoPolygon = readonly (readonly Position[])[];

interface Footprint {
  readonly name: string;
  readonly label: string;
  readonly polygons: readonly GeoPolygon[];
  readonly baseM: number;
  readonly topM: number;
  readonly material: ItuMaterialName;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** "12", "12.5 m", 12 -> metres; undefined when absent; NaN when present but not a length. */
function metres(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*m?\s*$/i.test(value)) {
    return Number.parseFloat(value);
  }
  return Number.NaN;
}

class GeoJsonReader {
  constructor(private readonly fileName: string) {}

  fail(element: string, reason: string, code: SceneErrorCode = "TWIN_SCENE_INVALID"): never {
    throw new SceneError(code, this.fileName, element, reason);
  }

  features(root: unknown): Footprint[] {
    if (!isObject(root) || root.type !== "FeatureCollection") this.fail("root", "not a GeoJSON FeatureCollection");
    if (!Array.isArray(root.features)) this.fail("features", "'features' is not an array");
    if (root.features.length === 0) this.fail("features", "the collection has no features");
    return root.features.map((f, i) => this.feature(f, i));
  }

  private feature(feature: unknown, index: number): Footprint {
    if (!isObject(feature)) return this.fail(`features[${index}]`, "not an object");
    const properties = isObject(feature.properties) ? feature.properties : {};
    const id = feature.id ?? properties.id ?? properties["@id"];
    const idText = typeof id === "string" || typeof id === "number" ? String(id) : undefined;
    const label = `features[${index}]${idText === undefined ? "" : ` (id '${idText}')`}`;
    if (feature.type !== "Feature") this.fail(label, `type is '${String(feature.type)}', not 'Feature'`);
    const geometry = feature.geometry;
    if (!isObject(geometry)) return this.fail(label, "no geometry");
    const coordinates = geometry.coordinates;
    let polygons: GeoPolygon[];
    if (geometry.type === "Polygon") polygons = [this.polygon(coordinates, `${label}.geometry.coordinates`)];
    else if (geometry.type === "MultiPolygon") {
      if (!Array.isArray(coordinates) || coordinates.length === 0) {
        return this.fail(`${label}.geometry.coordinates`, "not a non-empty array of polygons");
      }
      polygons = coordinates.map((p, k) => this.polygon(p, `${label}.geometry.coordinates[${k}]`));
    } else {
      return this.fail(
        label,
        `geometry type '${String(geometry.type)}' is not a footprint (Polygon, MultiPolygon)`,
        "TWIN_SCENE_UNSUPPORTED",
      );
    }
    const { baseM, topM } = this.heights(properties, label);
    const name = typeof properties.name === "string" ? properties.name : (idText ?? `building-${index}`);
    return { name, label, polygons, baseM, topM, material: this.material(properties) };
  }

  private polygon(rings: unknown, path: string): GeoPolygon {
    if (!Array.isArray(rings) || rings.length === 0) this.fail(path, "not a non-empty array of rings");
    return rings.map((ring, r) => this.ring(ring, `${path}[${r}]`));
  }

  private ring(ring: unknown, path: string): Position[] {
    if (!Array.isArray(ring) || ring.length < 4) this.fail(path, "a ring needs at least 4 positions (closed)");
    const positions = ring.map((p, k) => this.position(p, `${path}[${k}]`));
    const [first, last] = [positions[0], positions[positions.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1])
      this.fail(path, "the ring is not closed (first and last positions differ)");
    return positions.slice(0, -1);
  }

  private position(p: unknown, path: string): Position {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      p.length > 3 ||
      !p.every((v) => typeof v === "number" && Number.isFinite(v))
    ) {
      return this.fail(
        path,
        "a position is [longitude, latitude] or [longitude, latitude, altitude] in finite numbers",
      );
    }
    const [longitude, latitude] = p as number[];
    if (longitude < -180 || longitude > 180) this.fail(path, `longitude ${longitude} is outside [-180, 180]`);
    if (latitude < -90 || latitude > 90) this.fail(path, `latitude ${latitude} is outside [-90, 90]`);
    return [longitude, latitude];
  }

  /** A positive number property (a length, or a count of levels); undefined when absent. */
  private positive(properties: Record<string, unknown>, key: string, label: string): number | undefined {
    const value = metres(properties[key]);
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      this.fail(`${label}.properties.${key}`, `${JSON.stringify(properties[key])} is not a positive number`);
    }
    return value;
  }

  private heights(properties: Record<string, unknown>, label: string): { baseM: number; topM: number } {
    const height = this.positive(properties, "height", label);
    const levels = height === undefined ? this.positive(properties, "building:levels", label) : undefined;
    const topM = height ?? (levels === undefined ? undefined : levels * METRES_PER_LEVEL);
    if (topM === undefined) return this.fail(label, "no height: give 'height' (m) or 'building:levels'");
    const baseM = metres(properties.min_height) ?? 0;
    if (!(baseM >= 0) || baseM >= topM) {
      this.fail(
        `${label}.properties.min_height`,
        `min_height ${JSON.stringify(properties.min_height)} is not in [0, ${topM}) m`,
      );
    }
    return { baseM, topM };
  }

  private material(properties: Record<string, unknown>): ItuMaterialName {
    for (const key of ["material", "building:material"]) {
      const value = properties[key];
      if (typeof value !== "string") continue;
      if (isItuMaterialName(value)) return value;
      const legacy = ituNameFromLegacyId(value);
      if (legacy) return legacy;
    }
    return DEFAULT_BUILDING_MATERIAL;
  }
}

function boundingBoxCentre(footprints: readonly Footprint[]): GeoPoint {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of footprints) {
    for (const polygon of f.polygons) {
      for (const [lon, lat] of polygon[0]) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  return { latitude: (minLat + maxLat) / 2, longitude: (minLon + maxLon) / 2 };
}

/** Parses (if given text) and imports a GeoJSON FeatureCollection. `fileName` names the file in errors. */
export function importGeoJson(input: string | unknown, fileName: string, options: GeoJsonImportOptions = {}): Scene {
  const reader = new GeoJsonReader(fileName);
  let root = input;
  if (typeof input === "string") {
    try {
      root = JSON.parse(input);
    } catch (e) {
      throw new SceneError("TWIN_SCENE_PARSE", fileName, "root", (e as Error).message, undefined, { cause: e });
    }
  }
  const footprints = reader.features(root);
  const origin = options.origin ?? boundingBoxCentre(footprints);
  if (!(Math.abs(origin.latitude) <= 90) || !(Math.abs(origin.longitude) <= 180)) {
    throw new RangeError(`origin ${JSON.stringify(origin)} is not a WGS84 longitude/latitude`);
  }
  const project = localProjection(origin);
  const builder = new SceneBuilder();
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of footprints) {
    const out = new TriangleBuffer();
    f.polygons.forEach((polygon, p) => {
      const rings = polygon.map((ring) => ring.flatMap(([lon, lat]) => project(lon, lat)));
      if (Math.abs(ringArea2(rings[0])) < 1e-6) reader.fail(`${f.label}.geometry`, `polygon ${p} has no area`);
      for (let k = 0; k < rings[0].length; k += 2) {
        minX = Math.min(minX, rings[0][k]);
        maxX = Math.max(maxX, rings[0][k]);
        minY = Math.min(minY, rings[0][k + 1]);
        maxY = Math.max(maxY, rings[0][k + 1]);
      }
      pushPrism(out, rings, f.baseM, f.topM, { bottom: f.baseM > 0 });
    });
    builder.addObject(f.name, sceneMaterial(f.material), out.view());
  }
  if (options.ground !== false) {
    const marginM = options.groundMarginM ?? DEFAULT_GROUND_MARGIN_M;
    if (!(marginM >= 0)) throw new RangeError(`groundMarginM ${marginM} is not a length`);
    const ground = new TriangleBuffer(2);
    pushRectangle(ground, [minX - marginM, minY - marginM], [maxX + marginM, maxY + marginM], 0);
    builder.addObject("ground", sceneMaterial(GROUND_MATERIAL), ground.view());
  }
  return builder.build({ name: options.name ?? baseName(fileName), origin, source: fileName });
}
