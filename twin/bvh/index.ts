/**
 * The twin's bounding volume hierarchy: `buildBvh` over a scene's flat triangle array, `closestHit` and
 * `occluded` ray queries (and `LevelGrid`, `ColumnGrid` for horizontal and vertical rays), and the buffers to share it with worker threads.
 */
export {
  type BuildBvhOptions,
  buildBvh,
  DEFAULT_MAX_LEAF_TRIANGLES,
  DEFAULT_SAH_BINS,
  MAX_BVH_DEPTH,
} from "./build.js";
export { type Bvh, type BvhBuffers, bvhBuffers, bvhFromShared } from "./bvh.js";
export { ColumnGrid, LevelGrid, type PlanCells } from "./plan-grid.js";
export {
  closestHit,
  countTraversal,
  createHit,
  occluded,
  type RayHit,
  type TraversalCounters,
  traversalCounters,
} from "./traverse.js";
export { BARYCENTRIC_TOLERANCE, isDegenerateTriangle } from "./triangle.js";
