/** Route tables asked for (request mode): mtype 21 with librmr's payload, until a table has come. */
import { afterEach, describe, expect, it } from "vitest";
import type { RmrMessage } from "../../../ric/rmr/frame.js";
import {
  RMRRM_REQ_TABLE,
  RMRRM_TABLE_DATA,
  RMRRM_TABLE_STATE,
  requestRouteTables,
  serveRouteTables,
  tableRequestPayload,
} from "../../../ric/rmr/route-control.js";
import { RouteTables } from "../../../ric/rmr/routes.js";
import { RmrTransport } from "../../../ric/rmr/transport.js";

const open: RmrTransport[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const t of open.splice(0)) await t.close();
});
const start = async (routes = new RouteTables({ names: [] })) => {
  const t = await RmrTransport.start({ name: "127.0.0.1", port: 0, host: "127.0.0.1", routes });
  open.push(t);
  return t;
};

describe("route table requests", () => {
  it("name the data endpoint and the time in seconds, newline and NUL terminated", () => {
    const bytes = tableRequestPayload("service-ricxapp-beam-rmr.ricxapp:4560", 1_700_000_000_999);
    expect(new TextDecoder().decode(bytes)).toBe("service-ricxapp-beam-rmr.ricxapp:4560 ts=1700000000\n\0");
    expect(bytes.at(-1)).toBe(0);
    expect(() => tableRequestPayload("beam")).toThrow("a route table request names name:port, got 'beam'");
  });

  it("go from the control port to rtmgr until its table has been applied", async () => {
    const routes = new RouteTables({ names: [] });
    const control = await start();
    serveRouteTables(control, routes);
    const rtmgr = await start();
    const requests: RmrMessage[] = [];
    const pushed = new Promise<RmrMessage>((resolve) =>
      rtmgr.onMessage((m) => {
        if (m.mtype !== RMRRM_REQ_TABLE) return;
        requests.push(m);
        // rtmgr answers a request by pushing a table to the request's src, as a call
        const table = new TextEncoder().encode("newrt|start\nmse|12010|-1|submgr:4560\nnewrt|end\n");
        if (requests.length === 2) resolve(rtmgr.call(m.src, { mtype: RMRRM_TABLE_DATA, payload: table }, 2000));
      }),
    );
    stops.push(requestRouteTables(control, routes, `127.0.0.1:${rtmgr.port}`, "beam:4560", 0.05));
    const state = await pushed;
    expect(state.mtype).toBe(RMRRM_TABLE_STATE);
    expect(routes.ready).toBe(true);
    expect(requests[0].src).toBe(control.src);
    expect(new TextDecoder().decode(requests[0].payload)).toMatch(/^beam:4560 ts=\d+\n\0$/);
    const asked = requests.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(requests.length).toBe(asked); // a table came: no more asking
  });
});
