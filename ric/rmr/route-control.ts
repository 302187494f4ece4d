/**
 * The route manager's side of RMR (../shared/facts/oran-sc-platform.md §1.7-1.8): rtmgr pushes tables
 * to an app's control port (4561) as calls of mtype 20 (RMRRM_TABLE_DATA); the app applies them and
 * answers each table's end by return to sender with mtype 22 (RMRRM_TABLE_STATE), "OK <id> " or
 * "ERR <id> <reason>", newline and NUL terminated as librmr writes them. A seed file (RMR_SEED_RT)
 * holds the same records.
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
