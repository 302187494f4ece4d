/**
 * RMR health checks (../shared/facts/oran-sc-platform.md §2): the platform's probes send
 * RIC_HEALTH_CHECK_REQ (100) and expect RIC_HEALTH_CHECK_RESP (101) by return to sender, its payload
 * "OK\n" or "ERROR [<what>]\n" as the Python framework writes them (no NUL).
 */
import { MTYPES } from "./mtypes.js";
import type { RmrTransport } from "./transport.js";

export const { RIC_HEALTH_CHECK_REQ, RIC_HEALTH_CHECK_RESP } = MTYPES;

/** What is unhealthy ("SDL is unreachable"), or undefined when all is well. */
export type HealthCheck = () => string | undefined | Promise<string | undefined>;

const utf8 = new TextEncoder();

/** The answer's payload. */
export function healthCheckPayload(problem: string | undefined): Uint8Array {
  // a newline or bracket inside would break the one-line "ERROR [..]" form probes read
  return utf8.encode(
    problem === undefined
      ? "OK\n"
      : `ERROR [${problem
          .replace(/[\r\n\]]/g, " ")
          .replace(/\s+/g, " ")
          .trim()}]\n`,
  );
}

/**
 * Answers every health check arriving on `transport`. A check that throws counts as unhealthy with its
 * message; an answer that cannot be sent goes to `onError`.
 */
export function serveHealthChecks(
  transport: RmrTransport,
  check: HealthCheck = () => undefined,
  onError: (e: Error) => void = () => {},
): void {
  transport.onMessage((m, from) => {
    if (m.mtype !== RIC_HEALTH_CHECK_REQ) return;
    void (async () => {
      let problem: string | undefined;
      try {
        problem = await check();
      } catch (e) {
        problem = (e as Error).message || String(e);
      }
      await transport.rts(m, from, { mtype: RIC_HEALTH_CHECK_RESP, payload: healthCheckPayload(problem) });
    })().catch(onError);
  });
}
