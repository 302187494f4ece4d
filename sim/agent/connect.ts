/**
 * Keeps an E2 node connected to a RIC, as a gNB does: dial, set up, and when the link drops (or the
 * RIC is not there yet) dial again after a back-off that grows from 1 s to 30 s.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { E2Link } from "../../ric/transports/link.js";
import type { E2Agent } from "./agent.js";

export interface Redialer {
  /** Stops dialling and closes the link. */
  close(): void;
}

export function keepConnected(
  agent: E2Agent,
  dial: () => Promise<E2Link>,
  log: (event: string, detail: string) => void = () => {},
  backoffMs: readonly [number, number] = [1000, 30_000],
): Redialer {
  const stop = new AbortController();
  (async () => {
    let wait = backoffMs[0];
    while (!stop.signal.aborted) {
      try {
        const link = await dial();
        if (stop.signal.aborted) {
          link.close();
          return;
        }
        log("connected", link.peer);
        const startedMs = performance.now();
        const error = await agent.connect(link);
        if (stop.signal.aborted) return;
        log("disconnected", error?.message ?? "closed by the RIC");
        if (performance.now() - startedMs > backoffMs[1]) wait = backoffMs[0]; // it had been up a while
      } catch (e) {
        log("unreachable", (e as Error).message);
      }
      await sleep(wait, undefined, { signal: stop.signal }).catch(() => {});
      wait = Math.min(wait * 2, backoffMs[1]);
    }
  })();
  return {
    close() {
      stop.abort();
      agent.close();
    },
  };
}
