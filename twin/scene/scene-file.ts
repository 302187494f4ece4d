/**
 * The twin's own scene file (`scene.json`): what an import or a generator produced, saved so that it
 * loads again bit for bit without the sources.
 *
 * {
 *   "format": "twinric-scene", "version": 1,
 *   "metadata": { "name": ..., "origin"?: { "latitude", "longitude" }, "source"?: ... },
 *   "materials": [ { "itu": "concrete", "thicknessM": 0.1 }, ... ],
 *   "objects": [ { "name", "material", "firstTriangle", "triangleCount" }, ... ],
 *   "triangles": { "encoding": "float64le-base64", "count": N, "data": "<base64 of N x 9 little-endian float64>" }
 * }
 *
 * Why a triangle soup of float64 rather than vertices + indices: it is the in-memory form, so the round
 * trip is exact by construction (no welding step choosing which vertices are "equal", no float32
 * rounding), and loading is one decode. Indexing would save roughly half the bytes of a typical
 * mesh; for scenes of 10^4-10^6 triangles (a few to a few hundred MB at most) that is not worth a
 * second representation. `triangleObject` is not stored: the objects' ranges define it.
 */
import { isItuMaterialName } from "../em/materials.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { SceneError, type SceneErrorCode } from "./errors.js";
import type { Scene, SceneMaterial, SceneMetadata, SceneObject } from "./scene.js";

export const SCENE_FILE_FORMAT = "twinric-scene";
export const SCENE_FILE_VERSION = 1;
export const TRIANGLE_ENCODING = "float64le-base64";

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of every 8-byte word in place (float64 endianness swap). */
function swapFloat64Bytes(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
}

function trianglesToBase64(triangles: Float64Array): string {
  const bytes = new Uint8Array(triangles.buffer, triangles.byteOffset, triangles.byteLength);
  if (hostIsLittleEndian) return encodeBase64(bytes);
  const copy = bytes.slice();
  swapFloat64Bytes(copy);
  return encodeBase64(copy);
}

/** The scene as `scene.json` text. */
export function saveScene(scene: Scene): string {
  const { name, origin, source } = scene.metadata;
  const metadata: Record<string, unknown> = { name };
  if (origin) metadata.origin = { latitude: origin.latitude, longitude: origin.longitude };
  if (source !== undefined) metadata.source = source;
  const file = {
    format: SCENE_FILE_FORMAT,
    version: SCENE_FILE_VERSION,
    metadata,
    materials: scene.materials.map((m) => ({ itu: m.itu, thicknessM: m.thicknessM })),
    objects: scene.objects.map((o) => ({
      name: o.name,
      material: o.material,
      firstTriangle: o.firstTriangle,
      triangleCount: o.triangleCount,
    })),
    triangles: {
      encoding: TRIANGLE_ENCODING,
      count: scene.triangles.length / 9,
      data: trianglesToBase64(scene.triangles),
    },
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

class SceneFileReader {
  constructor(private readonly fileName: string) {}

  fail(field: string, reason: string, code: SceneErrorCode = "TWIN_SCENE_INVALID"): never {
    throw new SceneError(code, this.fileName, field, reason);
  }

  object(v: unknown, field: string): Json {
    return isObject(v) ? v : this.fail(field, "not an object");
  }

  array(v: unknown, field: string): unknown[] {
    return Array.isArray(v) ? v : this.fail(field, "not an array");
  }

  string(v: unknown, field: string): string {
    return typeof v === "string" ? v : this.fail(field, "not a string");
  }

  count(v: unknown, field: string): number {
    return isCount(v) ? v : this.fail(field, "not a non-negative integer");
  }

  number(v: unknown, field: string, lo: number, hi: number): number {
    if (typeof v !== "number" || !(v >= lo && v <= hi)) this.fail(field, `not a number in [${lo}, ${hi}]`);
    return v;
  }

  metadata(v: unknown): SceneMetadata {
    const m = this.object(v, "metadata");
    const name = this.string(m.name, "metadata.name");
    let origin: SceneMetadata["origin"];
    if (m.origin !== undefined) {
      const o = this.object(m.origin, "metadata.origin");
      origin = {
        latitude: this.number(o.latitude, "metadata.origin.latitude", -90, 90),
        longitude: this.number(o.longitude, "metadata.origin.longitude", -180, 180),
      };
    }
    const source = m.source === undefined ? undefined : this.string(m.source, "metadata.source");
    return { name, ...(origin ? { origin } : {}), ...(source !== undefined ? { source } : {}) };
  }

  material(v: unknown, field: string): SceneMaterial {
    const m = this.object(v, field);
    const itu = this.string(m.itu, `${field}.itu`);
    if (!isItuMaterialName(itu)) this.fail(`${field}.itu`, `'${itu}' is not an ITU-R P.2040 material`);
    return { itu, thicknessM: this.number(m.thicknessM, `${field}.thicknessM`, 0, Number.MAX_VALUE) };
  }

  sceneObject(v: unknown, field: string, materialCount: number): SceneObject {
    const o = this.object(v, field);
    const material = this.count(o.material, `${field}.material`);
    if (material >= materialCount)
      this.fail(`${field}.material`, `${material} is not a material index (${materialCount} materials)`);
    return {
      name: this.string(o.name, `${field}.name`),
      material,
      firstTriangle: this.count(o.firstTriangle, `${field}.firstTriangle`),
      triangleCount: this.count(o.triangleCount, `${field}.triangleCount`),
    };
  }

  triangles(v: unknown): Float64Array {
    const t = this.object(v, "triangles");
    if (t.encoding !== TRIANGLE_ENCODING)
      this.fail("triangles.encoding", `not '${TRIANGLE_ENCODING}'`, "TWIN_SCENE_UNSUPPORTED");
    const count = this.count(t.count, "triangles.count");
    const data = this.string(t.data, "triangles.data");
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(data);
    } catch (e) {
      return this.fail("triangles.data", (e as Error).message, "TWIN_SCENE_PARSE");
    }
    if (bytes.length !== count * 72)
      this.fail("triangles.data", `${bytes.length} bytes, not ${count} triangles (${count * 72} bytes)`);
    if (!hostIsLittleEndian) swapFloat64Bytes(bytes);
    const triangles = new Float64Array(bytes.buffer, bytes.byteOffset, count * 9);
    const bad = triangles.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) this.fail(`triangles.data[${Math.floor(bad / 9)}]`, `coordinate ${bad % 9} is ${triangles[bad]}`);
    return triangles;
  }

  /** Objects must cover the triangles exactly once; they may do so in any order. */
  triangleObject(objects: readonly SceneObject[], triangleCount: number): Uint32Array {
    const owner = new Uint32Array(triangleCount);
    const order = objects
      .map((_, i) => i)
      .sort(
        (a, b) =>
          objects[a].firstTriangle - objects[b].firstTriangle || objects[a].triangleCount - objects[b].triangleCount,
      );
    let next = 0;
    for (const i of order) {
      const o = objects[i];
      if (o.firstTriangle !== next) {
        const reason =
          o.firstTriangle < next
            ? `overlaps triangles of another object`
            : `leaves triangles ${next}..${o.firstTriangle - 1} without an object`;
        this.fail(`objects[${i}].firstTriangle`, reason);
      }
      next = o.firstTriangle + o.triangleCount;
      if (next > triangleCount) this.fail(`objects[${i}].triangleCount`, `reaches past the ${triangleCount} triangles`);
      owner.fill(i, o.firstTriangle, next);
    }
    if (next !== triangleCount) this.fail("objects", `triangles ${next}..${triangleCount - 1} belong to no object`);
    return owner;
  }
}

/** Parses `scene.json` text. `fileName` names the file in errors, which name the offending field. */
export function parseSceneFile(text: string, fileName: string): Scene {
  const reader = new SceneFileReader(fileName);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new SceneError("TWIN_SCENE_PARSE", fileName, "root", (e as Error).message, undefined, { cause: e });
  }
  const file = reader.object(root, "root");
  if (file.format !== SCENE_FILE_FORMAT) reader.fail("format", `not '${SCENE_FILE_FORMAT}'`);
  if (file.version !== SCENE_FILE_VERSION) {
    reader.fail(
      "version",
      `version ${JSON.stringify(file.version)} is not ${SCENE_FILE_VERSION}`,
      "TWIN_SCENE_UNSUPPORTED",
    );
  }
  const metadata = reader.metadata(file.metadata);
  const materials = reader.array(file.materials, "materials").map((m, i) => reader.material(m, `materials[${i}]`));
  const objects = reader
    .array(file.objects, "objects")
    .map((o, i) => reader.sceneObject(o, `objects[${i}]`, materials.length));
  const triangles = reader.triangles(file.triangles);
  const triangleObject = reader.triangleObject(objects, triangles.length / 9);
  return { metadata, materials, objects, triangles, triangleObject };
}
