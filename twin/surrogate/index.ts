/**
 * The twin's ray-trace surrogate: load a trained model (models/<scenario>/model.onnx) and ask it for
 * every (cell, beam) gain at UE positions, batched through onnxruntime or one position in TypeScript.
 */
export { GeometryFeatures, geometryFeatureCount, SCAN_DIRECTIONS, SCAN_RANGE_M, SITE_FEATURES } from "./geometry.js";
export { readSurrogate, SurrogateFileError, type SurrogateModel, type SurrogateOutputs } from "./model-file.js";
export { NetworkLayout, type NetworkSpec, PATH_FIELDS } from "./network.js";
export { LOS_SAMPLES, type Prediction, Surrogate, type SurrogateOptions } from "./surrogate.js";
