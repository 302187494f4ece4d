/**
 * The route manager's side of RMR (../shared/facts/oran-sc-platform.md §1.7-1.8): rtmgr pushes tables
 * to an app's control port (4561) as calls of mtype 20 (RMRRM_TABLE_DATA); the app applies them and
 * answers each table's end by return to sender with mtype 22 (RMRRM_TABLE_STATE), "OK <id> " or
 * "ERR <id> <reason>", newline and NUL terminated as librmr writes them. In request mode the app asks
 * instead: mtype 21 (RMRRM_REQ_TABLE) from the control port to rtmgr, every few seconds until a table
 * came; rtmgr then pushes to the request's src. A seed file (RMR_SEED_RT) holds the same records.
 */
import { readFile } from "node:fs/promises";
import { MTYPES } from "./mtypes.js";
import type { RouteTables } from "./routes.js";
import type { RmrTransport } from "./transport.js";

export const { RMRRM_TABLE_DATA, RMRRM_REQ_TABLE, RMRRM_TABLE_STATE } = MTYPES;

/** The payload of a table-state answer: "%s %s %s\n" and its NUL, as librmr formats it. */
export function tableStatePayload(answer: string): Uint8Array {
  const [state, id, ...reason] = answer.split(" ");
  return new TextEncoder().encode(`${state} ${id} ${reason.join(" ")}\n\0`);
}

/** Applies every table rtmgr sends to `control` (the app's control-port transport) and answers it. */
export function serveRouteTables(control: RmrTransport, routes: RouteTables): void {
  control.onMessage((m, from) => {
    if (m.mtype !== RMRRM_TABLE_DATA) return;
    // a table may come split over several messages; each message ends with a whole record
    for (const answer of routes.apply(new TextDecoder().decode(m.payload))) {
      void control.rts(m, from, { mtype: RMRRM_TABLE_STATE, payload: tableStatePayload(answer) }).catch(() => {});
    }
  });
}

/** Reads a seed route file (RMR_SEED_RT) into the tables; the answers say whether its tables took. */
export async function loadSeedRoutes(routes: RouteTables, path: string): Promise<string[]> {
  return routes.apply(await readFile(path, "utf8"));
}

/** librmr's default period between table requests (RMR_RTREQ_FREQ, seconds). */
export const DEFAULT_TABLE_REQUEST_PERIOD_S = 5;

/**
 * The payload of a table request: "<name>:<data port> ts=<unix seconds>\n" and its NUL. `dataSrc` is the
 * app's data endpoint (the control port is in the header's src, where rtmgr answers).
 */
export function tableRequestPayload(dataSrc: string, nowMs = Date.now()): Uint8Array {
  if (!/^\S+:\d+$/.test(dataSrc)) throw new RangeError(`a route table request names name:port, got '${dataSrc}'`);
  return new TextEncoder().encode(`${dataSrc} ts=${Math.floor(nowMs / 1000)}\n\0`);
}

/**
 * Asks rtmgr (`rtmgr`, "host:port") for a table from `control` until `routes` has one, as librmr does
 * in request mode. Returns the way to stop asking; failed sends are retried at the next period.
 */
export function requestRouteTables(
  control: RmrTransport,
  routes: RouteTables,
  rtmgr: string,
  dataSrc: string,
  periodS = DEFAULT_TABLE_REQUEST_PERIOD_S,
): () => void {
  if (!(periodS > 0)) throw new RangeError(`a route table request period is > 0 s, got ${periodS}`);
  tableRequestPayload(dataSrc); // a bad name throws here, not later in a timer
  const ask = () => {
    if (routes.ready) return stop();
    control.sendTo(rtmgr, { mtype: RMRRM_REQ_TABLE, payload: tableRequestPayload(dataSrc) }).catch(() => {});
  };
  const timer = setInterval(ask, periodS * 1000);
  const stop = () => clearInterval(timer);
  ask();
  return stop;
}
