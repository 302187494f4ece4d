/** A pool's worker thread: imports its job module, builds the context from `init`, then runs the tasks it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import type { Job } from "./pool.js";

const { job: jobUrl, init } = workerData as { job: string; init: unknown };
const job = (await import(jobUrl)) as Job<unknown, unknown, unknown, unknown>;
const ctx = job.createContext(init);
const port = parentPort!;
port.on("message", (task: unknown) => {
  try {
    const result = job.runTask(ctx, task, (units) => port.postMessage({ progress: units }));
    // (arrays in shared memory go back shared, the others moved)
    const transfer = Object.values(result ?? {})
      .filter((v): v is Float32Array => ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer)
      .map((v) => v.buffer as ArrayBuffer);
    port.postMessage({ result }, transfer);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
