import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { buildBvh, bvhBuffers, bvhFromShared, closestHit, createHit, occluded } from "../../../twin/bvh/index.js";
import { prng } from "../../support/fuzz.js";
import { boxCity } from "../../support/triangle-scenes.js";
import { randomDirection } from "./oracle.js";

/** A worker (plain JS, so it needs no TypeScript loader) that sums the shared buffers and echoes them. */
const WORKER = `
const { parentPort } = require("node:worker_threads");
parentPort.once("message", (buffers) => {
  const shared = [buffers.nodes, buffers.triangles, buffers.triangleIds].every((b) => b instanceof SharedArrayBuffer);
  const ids = new Uint32Array(buffers.triangleIds);
  let sum = 0;
  for (const id of ids) sum += id;
  // mark the memory so the main thread can see it is the same, not a copy
  new Int32Array(buffers.nodes)[15] = -12345;
  parentPort.postMessage({ shared, sum, echoed: buffers });
});
`;

function inWorker(message: unknown): Promise<{ shared: boolean; sum: number; echoed: any }> {
  const worker = new Worker(WORKER, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once("message", (reply) => {
      void worker.terminate();
      resolve(reply);
    });
    worker.once("error", reject);
    worker.postMessage(message);
  });
}

describe("sharing the BVH with worker threads", () => {
  const vertices = boxCity(1, { blocks: 5 });

  it("round-trips through bvhBuffers / bvhFromShared as views on the same memory", () => {
    const bvh = buildBvh(vertices);
    const copy = bvhFromShared(structuredClone(bvhBuffers(bvh)));
    expect(copy.nodeCount).toBe(bvh.nodeCount);
    expect(copy.triangleCount).toBe(bvh.triangleCount);
    expect(copy.depth).toBe(bvh.depth);
    expect(copy.leafCount).toBe(bvh.leafCount);
    expect(copy.bounds).toEqual(bvh.bounds);
    expect(copy.epsilon).toBe(bvh.epsilon);
    expect(copy.byteLength).toBe(bvh.byteLength);
    const random = prng(1);
    const a = createHit();
    const b = createHit();
    for (let r = 0; r < 500; r++) {
      const o: [number, number, number] = [250 * random(), 250 * random(), 30 * random()];
      const d = randomDirection(random);
      expect(closestHit(copy, ...o, ...d, 0, Infinity, a)).toBe(closestHit(bvh, ...o, ...d, 0, Infinity, b));
      expect(a).toEqual(b);
      const [dx, dy, dz] = d.map((c) => 50 * c);
      expect(occluded(copy, ...o, dx, dy, dz, 1)).toBe(occluded(bvh, ...o, dx, dy, dz, 1));
    }
  });

  it("posts to a worker without copying", async () => {
    const bvh = buildBvh(vertices);
    const reply = await inWorker(bvhBuffers(bvh));
    expect(reply.shared).toBe(true);
    expect(reply.sum).toBe([...bvh.triangleIds].reduce((s, id) => s + id, 0));
    // the worker's write is visible here, and the echoed buffers are the same memory again
    expect(bvh.links[15]).toBe(-12345);
    expect(bvhFromShared(reply.echoed).links[15]).toBe(-12345);
  });

  it("rejects buffers that do not fit together", () => {
    const buffers = bvhBuffers(buildBvh(vertices));
    expect(() => bvhFromShared({ ...buffers, nodes: new SharedArrayBuffer(100) })).toThrow(RangeError);
    expect(() => bvhFromShared({ ...buffers, nodes: new SharedArrayBuffer(0) })).toThrow(RangeError);
    expect(() => bvhFromShared({ ...buffers, triangleIds: new SharedArrayBuffer(4) })).toThrow(RangeError);
  });
});
