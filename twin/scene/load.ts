/**
 * Loading scenes from disk: the only file here (with the Sionna mesh reading it does) that uses
 * node:fs. It picks the importer from the extension, or from the content when the extension says
 * nothing: `.xml` Sionna RT / Mitsuba, `.geojson` GeoJSON, `.ply` one mesh, `.json` a twinric scene file
 * or a GeoJSON FeatureCollection (whichever the JSON is).
 */
import { readFile } from "node:fs";
import type { ItuMaterialName } from "../em/materials.js";
import { SceneError } from "./errors.js";
import { baseName } from "./file-names.js";
import { type GeoJsonImportOptions, importGeoJson } from "./geojson.js";
import { parsePly } from "./ply.js";
import type { Scene } from "./scene.js";
import { SceneBuilder } from "./scene-builder.js";
import { parseSceneFile, SCENE_FILE_FORMAT } from "./scene-file.js";
import { sceneMaterial } from "./scene-materials.js";
import { buildSionnaScene, parseSionnaXml } from "./sionna.js";

export type SceneFormat = "sionna" | "geojson" | "twinric" | "ply";

export interface LoadSceneOptions {
  /** Skip detection. */
  readonly format?: SceneFormat;
  /** For GeoJSON footprints. */
  readonly geojson?: GeoJsonImportOptions;
  /** The material of a bare PLY mesh (default concrete). */
  readonly plyMaterial?: ItuMaterialName;
}

/** How many mesh files a Sionna scene reads at once (Munich has ~2,400; the fd limit is often 1,024). */
const MESH_READ_CONCURRENCY = 64;

/** Reads a file; fs.readFile's callback form, about twice as fast as fs/promises' for many small files. */
function readBytes(path: string, file: string, element: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    readFile(path, (e, data) => {
      if (e) reject(new SceneError("TWIN_SCENE_IO", file, element, e.message, undefined, { cause: e }));
      else resolve(data);
    });
  });
}

const utf8 = new TextDecoder("utf-8");

/** The format of `fileName` with content `bytes`: by extension, else by the first character / JSON shape. */
export function detectSceneFormat(fileName: string, bytes: Uint8Array): SceneFormat {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === "xml") return "sionna";
  if (extension === "geojson") return "geojson";
  if (extension === "ply") return "ply";
  const head = utf8.decode(bytes.subarray(0, 4096)).trimStart();
  if (head.startsWith("ply")) return "ply";
  if (head.startsWith("<")) return "sionna";
  if (head.startsWith("{")) {
    // saveScene writes the format tag first; a FeatureCollection says so near the top too
    if (new RegExp(`^\\{\\s*"format"\\s*:\\s*"${SCENE_FILE_FORMAT}"`).test(head)) return "twinric";
    if (/"type"\s*:\s*"FeatureCollection"/.test(head)) return "geojson";
    let root: unknown;
    try {
      root = JSON.parse(utf8.decode(bytes));
    } catch (e) {
      throw new SceneError("TWIN_SCENE_PARSE", fileName, "root", (e as Error).message, undefined, { cause: e });
    }
    const r = root as { format?: unknown; type?: unknown };
    if (r?.format === SCENE_FILE_FORMAT) return "twinric";
    if (r?.type === "FeatureCollection") return "geojson";
  }
  throw new SceneError(
    "TWIN_SCENE_UNSUPPORTED",
    fileName,
    "root",
    "not a Sionna XML, GeoJSON, PLY or twinric scene file",
  );
}

/** Reads a Sionna RT / Mitsuba XML scene and the PLY meshes it names (paths relative to the XML). */
export async function loadSionnaScene(path: string): Promise<Scene> {
  const xml = utf8.decode(await readBytes(path, path, "root"));
  const description = parseSionnaXml(xml, path);
  const meshes = new Map<string, Uint8Array>();
  // one read per file, however many shapes share it
  const pending = [...new Map(description.shapes.map((s) => [s.meshPath, s])).values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const shape = pending[next++];
      meshes.set(shape.meshPath, await readBytes(shape.meshPath, path, shape.id ? `shape '${shape.id}'` : "shape"));
    }
  };
  await Promise.all(Array.from({ length: Math.min(MESH_READ_CONCURRENCY, pending.length) }, worker));
  return buildSionnaScene(description, meshes);
}

/** A bare PLY mesh as a one-object scene. */
function plyScene(bytes: Uint8Array, path: string, itu: ItuMaterialName): Scene {
  const builder = new SceneBuilder();
  builder.addObject(baseName(path), sceneMaterial(itu), parsePly(bytes, path).triangles);
  return builder.build({ name: baseName(path), source: path });
}

/** Loads a scene file of any format the twin imports; errors are SceneErrors naming file and element. */
export async function loadScene(path: string, options: LoadSceneOptions = {}): Promise<Scene> {
  const bytes = await readBytes(path, path, "root");
  const format = options.format ?? detectSceneFormat(path, bytes);
  switch (format) {
    case "sionna":
      return loadSionnaScene(path);
    case "geojson":
      return importGeoJson(utf8.decode(bytes), path, options.geojson);
    case "twinric":
      return parseSceneFile(utf8.decode(bytes), path);
    case "ply":
      return plyScene(bytes, path, options.plyMaterial ?? "concrete");
  }
}
