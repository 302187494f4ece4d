/**
 * Work spread over worker threads, one task per thread at a time, or run in this thread when one
 * thread is asked for. A job is a module exporting `createContext(init)` (built once per thread: a
 * scene, its BVH...) and `runTask(context, task, progress)`; the same module runs inline or in the
 * workers. This and `worker.ts` are the twin's only uses of node:worker_threads (radio maps, dataset
 * generation and training are the computations big enough to need every core).
 */
import { Worker } from "node:worker_threads";

export interface Job<Init, Ctx, T, R> {
  createContext(init: Init): Ctx;
  runTask(ctx: Ctx, task: T, progress: (units: number) => void): R;
}

export interface TaskRunner<T, R> {
  readonly threads: number;
  /**
   * Runs the tasks, at most one per thread at a time; `progress` gets the units done as they happen,
   * `done` each result as it comes (to save it at once). One run at a time per runner.
   */
  run(tasks: readonly T[], progress?: (units: number) => void, done?: (index: number, result: R) => void): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * A runner for the job in module `jobUrl` (import.meta.url-relative, written as the built `.js`: under
 * tsx or vitest the `.ts` next to it is used). `what` names the job in errors.
 */
export async function createPool<Init, Ctx, T, R>(
  what: string,
  jobUrl: URL,
  init: Init,
  threads: number,
): Promise<TaskRunner<T, R>> {
  const url = sourceUrl(jobUrl);
  if (threads <= 1) {
    const job = (await import(url.href)) as Job<Init, Ctx, T, R>;
    return new InlineRunner(job, job.createContext(init));
  }
  return new WorkerRunner<T, R>(what, url, init, threads);
}

/** The module itself when running built code, its `.ts` source when running the sources. */
function sourceUrl(jobUrl: URL): URL {
  if (import.meta.url.endsWith(".ts") && jobUrl.href.endsWith(".js"))
    return new URL(jobUrl.href.replace(/\.js$/, ".ts"));
  return jobUrl;
}

class InlineRunner<Ctx, T, R> implements TaskRunner<T, R> {
  readonly threads = 1;
  constructor(
    private readonly job: Job<unknown, Ctx, T, R>,
    private readonly ctx: Ctx,
  ) {}
  async run(
    tasks: readonly T[],
    progress: (units: number) => void = () => {},
    done?: (index: number, result: R) => void,
  ): Promise<R[]> {
    return tasks.map((t, i) => {
      const r = this.job.runTask(this.ctx, t, progress);
      done?.(i, r);
      return r;
    });
  }
  async close(): Promise<void> {}
}

/**
 * A worker running worker.ts next to this module with the job's URL: the built .js, or under tsx /
 * vitest (running the .ts sources) a bootstrap that registers tsx's loader in the worker first.
 */
function startWorker(job: URL, init: unknown): Worker {
  const workerData = { job: job.href, init };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./worker.js", import.meta.url), { workerData });
  const script = new URL("./worker.ts", import.meta.url).href;
  // (execArgv --import does not reach a worker's loader in Node 20; tsx's register() does)
  const api = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

class WorkerRunner<T, R> implements TaskRunner<T, R> {
  private readonly workers: Worker[];

  constructor(
    private readonly what: string,
    job: URL,
    init: unknown,
    readonly threads: number,
  ) {
    this.workers = Array.from({ length: threads }, () => startWorker(job, init));
  }

  private running = false;

  async run(
    tasks: readonly T[],
    progress: (units: number) => void = () => {},
    done?: (index: number, result: R) => void,
  ): Promise<R[]> {
    // two runs at once would share the workers' message streams and mix their results
    if (this.running) throw new Error(`${this.what}: one run at a time`);
    this.running = true;
    try {
      return await this.runAll(tasks, progress, done);
    } finally {
      this.running = false;
    }
  }

  private async runAll(
    tasks: readonly T[],
    progress: (units: number) => void,
    done: ((index: number, result: R) => void) | undefined,
  ): Promise<R[]> {
    const results: R[] = new Array(tasks.length);
    let next = 0;
    // the first failure stops every thread from taking new tasks; the run ends when all have stopped,
    // so no task of this run is still out when the next run begins
    let failure: Error | undefined;
    const drive = (worker: Worker): Promise<void> =>
      new Promise((resolve) => {
        const finish = (e?: Error) => {
          worker.off("message", onMessage);
          worker.off("error", finish);
          worker.off("exit", onExit);
          if (e && !failure) failure = e;
          resolve();
        };
        const onExit = (code: number) => finish(new Error(`${this.what} worker stopped (exit code ${code})`));
        const start = () => {
          if (failure || next >= tasks.length) return finish();
          const index = next++;
          current = index;
          // (copied, not transferred: tasks may share arrays, such as the visibility of every cell)
          worker.postMessage(tasks[index]);
        };
        let current = -1;
        const onMessage = (m: { progress?: number; result?: R; error?: string }) => {
          if (m.progress !== undefined) progress(m.progress);
          else if (m.error !== undefined) finish(new Error(m.error));
          else {
            results[current] = m.result as R;
            done?.(current, m.result as R);
            start();
          }
        };
        worker.on("message", onMessage);
        worker.once("error", finish);
        worker.once("exit", onExit);
        start();
      });
    await Promise.all(this.workers.map(drive));
    if (failure) throw failure;
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
