/** Route tables pushed by an rtmgr over the control port, answered as librmr answers; seed files. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FLAG_CALL } from "../../../ric/rmr/frame.js";
import {
  loadSeedRoutes,
  RMRRM_TABLE_DATA,
  RMRRM_TABLE_STATE,
  serveRouteTables,
  tableStatePayload,
} from "../../../ric/rmr/route-control.js";
import { RouteTables } from "../../../ric/rmr/routes.js";
import { RmrTransport } from "../../../ric/rmr/transport.js";

const open: RmrTransport[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});
const start = async () => {
  const t = await RmrTransport.start({
    name: "127.0.0.1",
    port: 0,
    host: "127.0.0.1",
    routes: new RouteTables({ names: [] }),
  });
  open.push(t);
  return t;
};

describe("route control", () => {
  it("formats table states as librmr does", () => {
    expect(new TextDecoder().decode(tableStatePayload("OK <id-missing>"))).toBe("OK <id-missing> \n\0");
    expect(new TextDecoder().decode(tableStatePayload("ERR t7 missing table records: expected 2 got 1"))).toBe(
      "ERR t7 missing table records: expected 2 got 1\n\0",
    );
  });

  it("applies a table rtmgr pushes as a call of mtype 20 and answers OK with mtype 22", async () => {
    const routes = new RouteTables({ names: [] });
    const control = await start();
    serveRouteTables(control, routes);
    const rtmgr = await start();
    const table = "newrt|start\nmse|12010|-1|submgr:4560\nnewrt|end\n";
    const reply = await rtmgr.call(
      `127.0.0.1:${control.port}`,
      { mtype: RMRRM_TABLE_DATA, payload: new TextEncoder().encode(table) },
      2000,
    );
    expect(reply.mtype).toBe(RMRRM_TABLE_STATE);
    expect(reply.flags & FLAG_CALL).toBe(0);
    expect(new TextDecoder().decode(reply.payload)).toBe("OK <id-missing> \n\0");
    expect(routes.endpoints(12010, -1)).toEqual(["submgr:4560"]);
  });

  it("reads a seed file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rmr-seed-"));
    try {
      const file = join(dir, "seed.rt");
      writeFileSync(file, "newrt|start|seed\nrte|12050|xapp:4560\nnewrt|end|1\n");
      const routes = new RouteTables({ names: [] });
      expect(await loadSeedRoutes(routes, file)).toEqual(["OK seed"]);
      expect(routes.endpoints(12050, 9)).toEqual(["xapp:4560"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
