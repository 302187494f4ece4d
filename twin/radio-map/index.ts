/**
 * Radio maps: solved by discovery and exact evaluation over worker threads, derived quantities (RSRP,
 * best beam, best cell, SINR), the binary map file, and pictures.
 */

export { buildingMask, cellCentre, type MapGrid } from "./footprint.js";
export { decodeRadioMap, encodeRadioMap, MapFileError } from "./map-file.js";
export {
  NO_PATH_DB,
  noisePerSubcarrierDbm,
  perSubcarrierDbm,
  RadioMap,
  type RadioMapCell,
  type RadioMapMeta,
} from "./radio-map.js";
export { mapGrid, RADIO_MAP_DEFAULTS, type RadioMapOptions, solveRadioMap } from "./radio-map-solver.js";
export { type CategoricalOptions, type HeatmapOptions, renderCategorical, renderHeatmap } from "./render.js";
