/**
 * Builds the packed BVH of a flat triangle array: per-triangle boxes and centroids in flat arrays,
 * binned-SAH splits that partition them (with the triangle ids) in place, depth first so node 0 is the
 * root and a left child follows its parent; then the nodes, the triangles in leaf order and the map back
 * to triangle ids are copied into exact-size SharedArrayBuffers for the radio-map workers.
 */
import { BinnedSahSplitter, emptyBox, growBox, halfArea, type SahCosts, type SplitItems } from "./binned-sah.js";
import type { Bvh } from "./bvh.js";
import {
  INNER,
  NODE_BYTES,
  NODE_WORDS,
  TRIANGLE_STRIDE,
  writeChild,
  writeEmptyChild,
  writeTriangle,
} from "./layout.js";
import { isDegenerateTriangle } from "./triangle.js";

export interface BuildBvhOptions {
  /** Leaves hold at most this many triangles (unless the depth limit forces more). Default 8. */
  readonly maxLeafTriangles?: number;
  /** SAH bins per axis. Default 16. */
  readonly bins?: number;
  /** Cost of a traversal step (two box tests) relative to one ray-triangle test. Default 2. */
  readonly traversalCost?: number;
  /** SharedArrayBuffers (default, when the runtime has them) or plain ArrayBuffers. */
  readonly shared?: boolean;
}

// Defaults from bench/bvh.ts on munich and the synthetic city: a node step (two box tests, the branch
// and the stack) costs about two triangle tests here (~50 vs ~25 ns), hence a traversal cost of 2; with
// it, leaves of up to 8 do the same work per ray as leaves of 4 at cost 1.2 (munich: 16.1 nodes +
// 5.5 tests vs 17.0 + 3.8) with a third fewer nodes. 8 or 32 bins: +10 % / -1 % nodes per ray.
export const DEFAULT_MAX_LEAF_TRIANGLES = 8;
export const DEFAULT_SAH_BINS = 16;
export const DEFAULT_TRAVERSAL_COST = 2;
/** Inner nodes on a root-to-leaf path; a deeper range becomes one (larger) leaf. */
export const MAX_BVH_DEPTH = 64;
/** `Bvh.epsilon` relative to the scene's size. */
const EPSILON_RELATIVE = 2 ** -20;
/** Boxes grow by this much of the scene's size, more than the barycentric tolerance and slab rounding. */
const BOX_PAD_RELATIVE = 2 ** -26;

/** Builds the BVH of `triangles` (9 numbers per triangle: x0 y0 z0 x1 y1 z1 x2 y2 z2). */
export function buildBvh(triangles: Float64Array, options: BuildBvhOptions = {}): Bvh {
  if (triangles.length % 9 !== 0) {
    throw new RangeError(`triangle array of length ${triangles.length} is not 9 numbers per triangle`);
  }
  const maxLeaf = options.maxLeafTriangles ?? DEFAULT_MAX_LEAF_TRIANGLES;
  if (!(maxLeaf >= 1)) throw new RangeError(`maxLeafTriangles must be >= 1, got ${maxLeaf}`);
  const traversal = options.traversalCost ?? DEFAULT_TRAVERSAL_COST;
  if (!(traversal >= 0)) throw new RangeError(`traversalCost must be >= 0, got ${traversal}`);
  const sourceCount = triangles.length / 9;
  const input = triangleBoxes(triangles, sourceCount);
  const scale = sceneScale(input.bounds);
  const builder = new TreeBuilder(
    input,
    new BinnedSahSplitter(options.bins ?? DEFAULT_SAH_BINS, { traversal, triangle: 1 } satisfies SahCosts),
    maxLeaf,
    scale * BOX_PAD_RELATIVE,
  );
  builder.buildRoot();
  return pack(triangles, input, builder, scale * EPSILON_RELATIVE, options.shared ?? true);
}

/** The non-degenerate triangles as the splitter partitions them, and the box of them all. */
interface TriangleBoxes extends SplitItems {
  readonly bounds: Float64Array;
}

function triangleBoxes(triangles: Float64Array, count: number): TriangleBoxes {
  const kept = new Uint32Array(count);
  let keptCount = 0;
  for (let t = 0; t < count; t++) if (!isDegenerateTriangle(triangles, t)) kept[keptCount++] = t;
  const ids = kept.subarray(0, keptCount);
  const boxes = new Float64Array(keptCount * 6);
  const centroids = new Float64Array(keptCount * 3);
  const bounds = new Float64Array(6);
  emptyBox(bounds, 0);
  for (let i = 0; i < keptCount; i++) {
    const v = ids[i] * 9;
    for (let axis = 0; axis < 3; axis++) {
      const a = triangles[v + axis];
      const b = triangles[v + 3 + axis];
      const c = triangles[v + 6 + axis];
      const min = a < b ? (a < c ? a : c) : b < c ? b : c;
      const max = a > b ? (a > c ? a : c) : b > c ? b : c;
      boxes[i * 6 + axis] = min;
      boxes[i * 6 + 3 + axis] = max;
      // the box centre rather than the vertex mean: what the SAH bins are meant to separate
      centroids[i * 3 + axis] = 0.5 * (min + max);
    }
    growBox(bounds, 0, boxes, i * 6);
  }
  return { ids, boxes, centroids, bounds };
}

/** The scene's size for relative tolerances: its extent or its largest coordinate, whichever is larger. */
function sceneScale(bounds: Float64Array): number {
  if (!(bounds[0] <= bounds[3])) return 0;
  let scale = 0;
  for (let axis = 0; axis < 3; axis++) {
    scale = Math.max(scale, Math.abs(bounds[axis]), Math.abs(bounds[3 + axis]), bounds[3 + axis] - bounds[axis]);
  }
  return scale;
}

/** Grows the node buffer while the splits recurse, tracking leaves and depth. */
class TreeBuilder {
  boxes: Float32Array;
  links: Int32Array;
  nodeCount = 0;
  leafCount = 0;
  depth = 0;
  /** Per depth: the two children's boxes the splitter wrote (12 numbers). */
  private readonly childBoxes: Float64Array[] = [];

  constructor(
    private readonly input: TriangleBoxes,
    private readonly splitter: BinnedSahSplitter,
    private readonly maxLeaf: number,
    private readonly pad: number,
  ) {
    const estimate = Math.max(1, Math.ceil((2 * input.ids.length) / maxLeaf));
    this.boxes = new Float32Array(estimate * NODE_WORDS);
    this.links = new Int32Array(this.boxes.buffer);
  }

  /** Node 0 holds the root's children; a root that is a leaf (or nothing) gets an empty sibling. */
  buildRoot(): void {
    const root = this.allocateNode();
    const count = this.input.ids.length;
    this.depth = 1;
    if (count === 0) {
      writeEmptyChild(this.boxes, this.links, root, false);
      writeEmptyChild(this.boxes, this.links, root, true);
      return;
    }
    const mid = this.split(0, count, this.input.bounds, 0, 0);
    if (mid < 0) {
      this.writeLeaf(root, false, 0, count, this.input.bounds, 0);
      writeEmptyChild(this.boxes, this.links, root, true);
      return;
    }
    const children = this.childBoxes[0];
    this.buildChild(root, false, 0, mid, children, 0, 1);
    this.buildChild(root, true, mid, count, children, 6, 1);
  }

  /** Builds the subtree of positions [start, end) (box at `box[boxOffset]`) as one child of `parent`. */
  private buildChild(
    parent: number,
    right: boolean,
    start: number,
    end: number,
    box: Float64Array,
    boxOffset: number,
    depth: number,
  ): void {
    const mid = depth < MAX_BVH_DEPTH ? this.split(start, end, box, boxOffset, depth) : -1;
    if (mid < 0) {
      this.writeLeaf(parent, right, start, end - start, box, boxOffset);
      return;
    }
    const node = this.allocateNode();
    writeChild(this.boxes, this.links, parent, right, box, boxOffset, this.pad, node, INNER);
    if (depth + 1 > this.depth) this.depth = depth + 1;
    const children = this.childBoxes[depth];
    this.buildChild(node, false, start, mid, children, 0, depth + 1);
    this.buildChild(node, true, mid, end, children, 6, depth + 1);
  }

  /** The split of a range (children's boxes into `childBoxes[depth]`), or -1 for a leaf. */
  private split(start: number, end: number, box: Float64Array, boxOffset: number, depth: number): number {
    if (end - start <= 1) return -1;
    while (this.childBoxes.length <= depth) this.childBoxes.push(new Float64Array(12));
    const mustSplit = end - start > this.maxLeaf;
    return this.splitter.split(this.input, start, end, halfArea(box, boxOffset), mustSplit, this.childBoxes[depth]);
  }

  private writeLeaf(parent: number, right: boolean, start: number, count: number, box: Float64Array, o: number) {
    writeChild(this.boxes, this.links, parent, right, box, o, this.pad, start, count);
    this.leafCount++;
  }

  private allocateNode(): number {
    if ((this.nodeCount + 1) * NODE_WORDS > this.boxes.length) {
      const grown = new Float32Array(this.boxes.length * 2);
      grown.set(this.boxes);
      this.boxes = grown;
      this.links = new Int32Array(grown.buffer);
    }
    return this.nodeCount++;
  }
}

function allocate(byteLength: number, shared: boolean): ArrayBufferLike {
  return shared && typeof SharedArrayBuffer === "function"
    ? new SharedArrayBuffer(byteLength)
    : new ArrayBuffer(byteLength);
}

/** Copies the nodes, the triangles in leaf order (v0, e1, e2) and the id map into exact-size buffers. */
function pack(source: Float64Array, input: TriangleBoxes, tree: TreeBuilder, epsilon: number, shared: boolean): Bvh {
  const { ids, bounds } = input;
  const nodeBuffer = allocate(tree.nodeCount * NODE_BYTES, shared);
  // bytes, not floats: the Int32 words share the buffer
  new Uint8Array(nodeBuffer).set(new Uint8Array(tree.boxes.buffer, 0, nodeBuffer.byteLength));
  const boxes = new Float32Array(nodeBuffer);
  const triangles = new Float64Array(allocate(ids.length * TRIANGLE_STRIDE * 8, shared));
  const triangleIds = new Uint32Array(allocate(ids.length * 4, shared));
  triangleIds.set(ids);
  for (let slot = 0; slot < ids.length; slot++) writeTriangle(triangles, slot, source, ids[slot]);
  return {
    boxes,
    links: new Int32Array(nodeBuffer),
    triangles,
    triangleIds,
    nodeCount: tree.nodeCount,
    triangleCount: ids.length,
    sourceTriangleCount: source.length / 9,
    leafCount: tree.leafCount,
    depth: tree.depth,
    bounds: [...bounds],
    epsilon,
    byteLength: nodeBuffer.byteLength + triangles.byteLength + triangleIds.byteLength,
  };
}
