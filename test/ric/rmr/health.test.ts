/** RMR health checks answered by return to sender, over real transports on loopback. */
import { afterEach, describe, expect, it } from "vitest";
import { FLAG_CALL, type RmrMessage, xidOf } from "../../../ric/rmr/frame.js";
import {
  healthCheckPayload,
  RIC_HEALTH_CHECK_REQ,
  RIC_HEALTH_CHECK_RESP,
  serveHealthChecks,
} from "../../../ric/rmr/health.js";
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
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("health check payloads", () => {
  it("are OK\\n, or ERROR [what]\\n on one line, with no NUL", () => {
    expect([...healthCheckPayload(undefined)]).toEqual([0x4f, 0x4b, 0x0a]);
    expect(text(healthCheckPayload("SDL is unreachable"))).toBe("ERROR [SDL is unreachable]\n");
    expect(text(healthCheckPayload("two\nlines] here"))).toBe("ERROR [two lines here]\n");
  });
});

describe("serveHealthChecks", () => {
  it("answers a probe's request with 101 by return to sender, keeping sub id and xid", async () => {
    const xapp = await start();
    serveHealthChecks(xapp);
    const probe = await start();
    const reply = new Promise<RmrMessage>((resolve) => probe.onMessage((m) => resolve(m)));
    await probe.sendTo(`127.0.0.1:${xapp.port}`, {
      mtype: RIC_HEALTH_CHECK_REQ,
      subId: 4,
      xid: "hc-1",
      payload: new Uint8Array(),
    });
    const m = await reply;
    expect([m.mtype, m.subId, text(m.payload)]).toEqual([RIC_HEALTH_CHECK_RESP, 4, "OK\n"]);
    expect(m.xid).toEqual(xidOf("hc-1"));
  });

  it("answers a call (as a probe with rmr_call sends it), and reports what the check finds wrong", async () => {
    const xapp = await start();
    let healthy = true;
    serveHealthChecks(xapp, async () => {
      if (!healthy) throw new Error("SDL is unreachable");
      return undefined;
    });
    const probe = await start();
    const call = () =>
      probe.call(`127.0.0.1:${xapp.port}`, { mtype: RIC_HEALTH_CHECK_REQ, payload: new Uint8Array() }, 2000);
    const ok = await call();
    expect([ok.mtype, ok.flags & FLAG_CALL, text(ok.payload)]).toEqual([RIC_HEALTH_CHECK_RESP, 0, "OK\n"]);
    healthy = false;
    expect(text((await call()).payload)).toBe("ERROR [SDL is unreachable]\n");
  });

  it("leaves other message types alone", async () => {
    const xapp = await start();
    serveHealthChecks(xapp);
    const probe = await start();
    const got: number[] = [];
    probe.onMessage((m) => got.push(m.mtype));
    await probe.sendTo(`127.0.0.1:${xapp.port}`, { mtype: 12050, payload: new Uint8Array(1) });
    await probe.sendTo(`127.0.0.1:${xapp.port}`, { mtype: RIC_HEALTH_CHECK_REQ, payload: new Uint8Array() });
    await expect.poll(() => got).toEqual([RIC_HEALTH_CHECK_RESP]);
  });
});
