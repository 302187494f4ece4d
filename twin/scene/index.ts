/**
 * The twin's scene: triangle meshes with ITU materials in a local metric frame, their importers
 * (Sionna RT XML + PLY, GeoJSON footprints, the twin's own scene.json), seeded generators for the
 * bundled scenarios, and the loader that picks the importer.
 */
export { type Bounds, objectBounds, sceneBounds, trianglesBounds } from "./bounds.js";
export { isSceneError, SCENE_ERROR_CODES, SceneError, type SceneErrorCode, type SceneErrorOffset } from "./errors.js";
export {
  DEFAULT_BUILDING_MATERIAL,
  DEFAULT_GROUND_MARGIN_M,
  type GeoJsonImportOptions,
  GROUND_MATERIAL,
  importGeoJson,
  METRES_PER_LEVEL,
} from "./geojson.js";
export { sceneHash } from "./hash.js";
export { detectSceneFormat, type LoadSceneOptions, loadScene, loadSionnaScene, type SceneFormat } from "./load.js";
export { type GeoPoint, localProjection } from "./local-frame.js";
export { mergeScenes } from "./merge.js";
export { type PlyMesh, parsePly } from "./ply.js";
export {
  FACTORY_HALL_DEFAULTS,
  type FactoryHallOptions,
  factoryHall,
  PITCH_M,
  type StadiumOptions,
  stadiumRect,
  URBAN_DISTRICT_DEFAULTS,
  type UrbanDistrictOptions,
  urbanDistrict,
} from "./procedural.js";
export { type Random, seededRandom } from "./random.js";
export {
  materialOf,
  type Scene,
  type SceneMaterial,
  type SceneMetadata,
  type SceneObject,
  triangleCount,
} from "./scene.js";
export { SceneBuilder } from "./scene-builder.js";
export { parseSceneFile, SCENE_FILE_FORMAT, SCENE_FILE_VERSION, saveScene } from "./scene-file.js";
export { DEFAULT_THICKNESS_M, ituNameFromLegacyId, sceneMaterial } from "./scene-materials.js";
export { pushBox, pushPrism, pushRectangle, pushStandingBox } from "./shapes.js";
export {
  buildSionnaScene,
  importSionnaScene,
  parseSionnaXml,
  type SionnaSceneDescription,
  type SionnaShape,
} from "./sionna.js";
export { TriangleBuffer, type Vec3 } from "./triangle-buffer.js";
