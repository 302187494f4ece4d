/**
 * Runs radio-map tasks on worker threads (one task per thread at a time), or in this thread when one
 * thread is asked for. This and `worker.ts` are the twin's only uses of node:worker_threads: the map
 * is the one computation big enough to need both cores.
 */
import { Worker } from "node:worker_threads";
import { type Context, type ContextInit, createContext, runTask, type Task, type TaskResult } from "./tasks.js";

export interface TaskRunner {
  readonly threads: number;
  /** Runs the tasks, at most one per thread at a time; `progress` gets the units done as they happen. */
  run(tasks: readonly Task[], progress: (units: number) => void): Promise<TaskResult[]>;
  close(): Promise<void>;
}

export function createRunner(init: ContextInit, threads: number): TaskRunner {
  return threads <= 1 ? new InlineRunner(createContext(init)) : new WorkerRunner(init, threads);
}

class InlineRunner implements TaskRunner {
  readonly threads = 1;
  constructor(private readonly ctx: Context) {}
  async run(tasks: readonly Task[], progress: (units: number) => void): Promise<TaskResult[]> {
    return tasks.map((t) => runTask(this.ctx, t, progress));
  }
  async close(): Promise<void> {}
}

/**
 * A worker running the script next to this module: the built .js, or under tsx / vitest (running the
 * .ts sources) a bootstrap that registers tsx's loader in the worker first.
 */
function startWorker(workerData: ContextInit): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./worker.js", import.meta.url), { workerData });
  const script = new URL("./worker.ts", import.meta.url).href;
  // (execArgv --import does not reach a worker's loader in Node 20; tsx's register() does)
  const api = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

class WorkerRunner implements TaskRunner {
  private readonly workers: Worker[];

  constructor(
    init: ContextInit,
    readonly threads: number,
  ) {
    this.workers = Array.from({ length: threads }, () => startWorker(init));
  }

  async run(tasks: readonly Task[], progress: (units: number) => void): Promise<TaskResult[]> {
    const results: TaskResult[] = new Array(tasks.length);
    let next = 0;
    const drive = (worker: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const onExit = (code: number) => reject(new Error(`radio-map worker stopped (exit code ${code})`));
        const start = () => {
          if (next >= tasks.length) {
            worker.off("message", onMessage);
            worker.off("error", reject);
            worker.off("exit", onExit);
            resolve();
            return;
          }
          const index = next++;
          current = index;
          // (copied, not transferred: tasks may share arrays, such as the visibility of every cell)
          worker.postMessage(tasks[index]);
        };
        let current = -1;
        const onMessage = (m: { progress?: number; result?: TaskResult; error?: string }) => {
          if (m.progress !== undefined) progress(m.progress);
          else if (m.error !== undefined) reject(new Error(m.error));
          else {
            results[current] = m.result!;
            start();
          }
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.once("exit", onExit);
        start();
      });
    await Promise.all(this.workers.map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
