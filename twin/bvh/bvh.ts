/**
 * The packed BVH as the queries read it, and its transfer form for worker threads: the buffers are
 * SharedArrayBuffers (unless built with `shared: false`), so `bvhBuffers` → `postMessage` →
 * `bvhFromShared` gives a worker views on the same memory, no copy.
 */
import { NODE_BYTES, NODE_WORDS } from "./layout.js";

export interface Bvh {
  /** Float32 view of the node buffer (children's boxes), `NODE_WORDS` per node; see layout.ts. */
  readonly boxes: Float32Array;
  /** Int32 view of the same buffer (children's refs and counts). */
  readonly links: Int32Array;
  /** Packed triangles in leaf order: v0, e1, e2 (9 numbers each). */
  readonly triangles: Float64Array;
  /** Packed triangle -> original triangle id (index into the scene's triangles). */
  readonly triangleIds: Uint32Array;
  readonly nodeCount: number;
  /** Triangles in the BVH: the scene's, less the degenerate ones. */
  readonly triangleCount: number;
  /** Triangles the BVH was built from (degenerate ones included). */
  readonly sourceTriangleCount: number;
  readonly leafCount: number;
  /** Inner nodes on the longest root-to-leaf path (the traversal stack never holds more). */
  readonly depth: number;
  /** Box of all (non-degenerate) triangles: min x y z, max x y z; empty (+inf..-inf) for no triangles. */
  readonly bounds: readonly number[];
  /**
   * Distance (scene units, metres) below which two points count as one: ~1e-6 of the scene's size
   * (its extent or its largest coordinate). `occluded` trims it off both ends of a segment; use it as
   * tMin (divided by |d|) for rays leaving a surface.
   */
  readonly epsilon: number;
  /** Bytes in the three buffers. */
  readonly byteLength: number;
}

/** Everything a worker needs to rebuild the views; structured-clone friendly (postMessage). */
export interface BvhBuffers {
  readonly nodes: ArrayBufferLike;
  readonly triangles: ArrayBufferLike;
  readonly triangleIds: ArrayBufferLike;
  readonly sourceTriangleCount: number;
  readonly leafCount: number;
  readonly depth: number;
  readonly bounds: readonly number[];
  readonly epsilon: number;
}

/** The BVH's buffers and scalars, to post to a worker thread. */
export function bvhBuffers(bvh: Bvh): BvhBuffers {
  return {
    nodes: bvh.boxes.buffer,
    triangles: bvh.triangles.buffer,
    triangleIds: bvh.triangleIds.buffer,
    sourceTriangleCount: bvh.sourceTriangleCount,
    leafCount: bvh.leafCount,
    depth: bvh.depth,
    bounds: [...bvh.bounds],
    epsilon: bvh.epsilon,
  };
}

/** A BVH over buffers made by `buildBvh` (in this thread or another): views only, nothing copied. */
export function bvhFromShared(buffers: BvhBuffers): Bvh {
  const { nodes, triangles, triangleIds } = buffers;
  if (nodes.byteLength % NODE_BYTES !== 0 || nodes.byteLength === 0) {
    throw new RangeError(`BVH node buffer of ${nodes.byteLength} bytes is not a whole number of nodes`);
  }
  const packed = new Float64Array(triangles);
  const ids = new Uint32Array(triangleIds);
  if (packed.length !== ids.length * 9) {
    throw new RangeError(`BVH triangle buffer holds ${packed.length / 9} triangles, the id map ${ids.length}`);
  }
  const boxes = new Float32Array(nodes);
  return {
    boxes,
    links: new Int32Array(nodes),
    triangles: packed,
    triangleIds: ids,
    nodeCount: boxes.length / NODE_WORDS,
    triangleCount: ids.length,
    sourceTriangleCount: buffers.sourceTriangleCount,
    leafCount: buffers.leafCount,
    depth: buffers.depth,
    bounds: [...buffers.bounds],
    epsilon: buffers.epsilon,
    byteLength: nodes.byteLength + triangles.byteLength + triangleIds.byteLength,
  };
}
