/** A radio-map worker thread: builds its context from `workerData`, then runs the tasks it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { type ContextInit, createContext, runTask, type Task } from "./tasks.js";

const ctx = createContext(workerData as ContextInit);
const port = parentPort!;
port.on("message", (task: Task) => {
  try {
    const result = runTask(ctx, task, (units) => port.postMessage({ progress: units }));
    // (arrays in shared memory go back shared, the others moved)
    const transfer = Object.values(result)
      .filter((v): v is Float32Array => ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer)
      .map((v) => v.buffer as ArrayBuffer);
    port.postMessage({ result }, transfer);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
