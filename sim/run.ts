/**
 * Running the network in time: as fast as it goes (`max`, yielding to the event loop now and then so
 * transports and timers keep working), or paced to a multiple of real time.
 */
import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import type { Network } from "./ran/network.js";
import { buildReport, type E2Report, type SimReport } from "./report.js";

/** "max", or simulated seconds per wall-clock second (1 = real time). */
export type Speed = "max" | number;

export interface RunOptions {
  readonly durationS: number;
  readonly speed: Speed;
  /** Called after every step (e.g. the E2 agent's report timers). */
  readonly onStep?: (net: Network) => void;
  /** When true after a step, the event loop gets a turn before the next (e.g. a RIC's answer is due). */
  readonly mustYield?: () => boolean;
  /** Progress: simulated seconds done. Called about 10 times a second of wall time. */
  readonly onProgress?: (simulatedS: number) => void;
  readonly signal?: AbortSignal;
  /** The E2 side's figures for the report, given the run's wall time (s). */
  readonly e2?: (wallS: number) => E2Report;
}

/** At full speed, hand the event loop a turn this often (ms of wall time). */
const YIELD_EVERY_MS = 20;

export async function runNetwork(net: Network, options: RunOptions): Promise<SimReport> {
  const from = net.counters.snapshot();
  const truthFrom = { ...net.truth };
  const steps = Math.round(options.durationS / net.dtS);
  const started = performance.now();
  let lastYield = started;
  let lastProgress = started;
  let done = 0;
  for (; done < steps && !options.signal?.aborted; done++) {
    net.step();
    options.onStep?.(net);
    const now = performance.now();
    if (now - lastProgress >= 100) {
      options.onProgress?.((done + 1) * net.dtS);
      lastProgress = now;
    }
    if (options.speed === "max") {
      if (now - lastYield >= YIELD_EVERY_MS || options.mustYield?.()) {
        await setImmediate();
        lastYield = performance.now();
      }
    } else {
      // ahead of the clock: wait until wall time catches up with simulated time
      const dueMs = ((done + 1) * net.dtS * 1000) / options.speed;
      const aheadMs = dueMs - (now - started);
      if (aheadMs > 1) await sleep(aheadMs);
      else if (now - lastYield >= YIELD_EVERY_MS || options.mustYield?.()) await setImmediate();
      lastYield = performance.now();
    }
  }
  options.onProgress?.(done * net.dtS);
  const wallS = (performance.now() - started) / 1000;
  return buildReport(net, { from, truthFrom, wallS, steps: done }, options.e2?.(wallS));
}

/** Parses `realtime`, `max`, or `Nx` (e.g. `10x`, `0.5x`). */
export function parseSpeed(text: string): Speed | undefined {
  if (text === "max") return "max";
  if (text === "realtime") return 1;
  const m = /^(\d+(?:\.\d+)?)x$/.exec(text);
  if (!m || !(Number(m[1]) > 0)) return undefined;
  return Number(m[1]);
}

/** Parses a duration: `90`, `90s`, `500ms`, `2m`, `1h`. Seconds, or undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) return undefined;
  const scale = { ms: 1e-3, s: 1, m: 60, h: 3600 }[(m[2] ?? "s") as "ms" | "s" | "m" | "h"];
  const s = Number(m[1]) * scale;
  return s > 0 ? s : undefined;
}
