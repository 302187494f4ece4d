/** RMR over TCP on loopback: routed sends, return to sender (by name and by the arrival socket), calls. */
import { type AddressInfo, connect, createServer, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeRmr, encodeRmr, FLAG_CALL, type RmrMessage, RmrStreamReader, xidOf } from "../../../ric/rmr/frame.js";
import { RouteTables } from "../../../ric/rmr/routes.js";
import { type ReplyPath, RmrError, RmrTransport } from "../../../ric/rmr/transport.js";

const open: (RmrTransport | Socket)[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    if (o instanceof RmrTransport) await o.close();
    else o.destroy();
  }
});

async function transport(routes = ""): Promise<RmrTransport> {
  const rt = new RouteTables({ names: [] });
  const t = await RmrTransport.start({ name: "127.0.0.1", port: 0, host: "127.0.0.1", routes: rt });
  if (routes) rt.apply(routes);
  open.push(t);
  return t;
}

const next = (t: RmrTransport) =>
  new Promise<[RmrMessage, ReplyPath]>((resolve) => t.onMessage((m, from) => resolve([m, from])));
const bytes = (s: string) => new TextEncoder().encode(s);

describe("RmrTransport", () => {
  it("sends by the route table and the receiver sees who sent it", async () => {
    const b = await transport();
    const a = await transport(`newrt|start\nmse|12010|-1|127.0.0.1:${b.port}\nnewrt|end\n`);
    const got = next(b);
    expect(await a.send({ mtype: 12010, subId: 5, meid: "gnb_1", xid: "x1", payload: bytes("sub") })).toEqual([
      `127.0.0.1:${b.port}`,
    ]);
    const [m] = await got;
    expect([m.mtype, m.subId, m.meid, m.src, new TextDecoder().decode(m.payload)]).toEqual([
      12010,
      5,
      "gnb_1",
      a.src,
      "sub",
    ]);
    expect(await a.send({ mtype: 99, payload: bytes("") })).toEqual([]); // no route
  });

  it("answers a call: the reply keeps xid and call id, clears the call flag, and resolves the caller", async () => {
    const b = await transport();
    const a = await transport();
    b.onMessage((m, from) => {
      expect(m.flags & FLAG_CALL).toBe(FLAG_CALL);
      expect(m.callId).toBeGreaterThan(0);
      void b.rts(m, from, { mtype: 22, payload: bytes("OK t1 \n\0") });
    });
    let seenByHandler = 0;
    a.onMessage(() => seenByHandler++);
    const reply = await a.call(
      `127.0.0.1:${b.port}`,
      { mtype: 20, xid: "table-1", payload: bytes("newrt|start") },
      2000,
    );
    expect(reply.mtype).toBe(22);
    expect(reply.flags & FLAG_CALL).toBe(0);
    expect(reply.xid).toEqual(xidOf("table-1"));
    expect(seenByHandler).toBe(0); // the reply went to the call, not to the application
  });

  it("times a call out when nobody answers", async () => {
    const b = await transport();
    const a = await transport();
    await expect(a.call(`127.0.0.1:${b.port}`, { mtype: 20, payload: bytes("") }, 100)).rejects.toThrow(
      /no reply from 127\.0\.0\.1:\d+ to mtype 20 in 100 ms/,
    );
  });

  it("returns to sender on the arrival socket when the sender's src cannot be reached, keeping the trace, as librmr does", async () => {
    const b = await transport();
    b.onMessage((m, from) => void b.rts(m, from, { payload: bytes("pong") }));
    const raw = connect({ host: "127.0.0.1", port: b.port });
    open.push(raw);
    await new Promise((r) => raw.once("connect", r));
    const reader = new RmrStreamReader();
    const reply = new Promise<RmrMessage>((resolve) =>
      raw.on("data", (c: Buffer) => {
        const [m] = reader.push(new Uint8Array(c));
        if (m) resolve(m);
      }),
    );
    // src names port 1 on loopback: refused at once
    raw.write(
      encodeRmr({
        mtype: 100,
        subId: 3,
        xid: xidOf("ping"),
        meid: "",
        src: "127.0.0.1:1",
        srcip: "127.0.0.1:1",
        flags: 0,
        callId: 0,
        trace: bytes("trace-7"),
        payload: bytes("ping"),
      }),
    );
    const m = await reply;
    expect([m.mtype, m.subId, new TextDecoder().decode(m.payload)]).toEqual([100, 3, "pong"]);
    expect(new TextDecoder().decode(m.trace)).toBe("trace-7");
    expect(m.xid).toEqual(xidOf("ping"));
  });

  it("drops a connection whose bytes break the framing, after delivering what came before", async () => {
    const b = await transport();
    const got: RmrMessage[] = [];
    b.onMessage((m) => got.push(m));
    const raw = connect({ host: "127.0.0.1", port: b.port });
    open.push(raw);
    await new Promise((r) => raw.once("connect", r));
    const good = encodeRmr({
      mtype: 7,
      subId: -1,
      xid: xidOf(""),
      meid: "",
      src: "x:1",
      srcip: "x:1",
      flags: 0,
      callId: 0,
      trace: new Uint8Array(0),
      payload: bytes("a"),
    });
    const bad = new Uint8Array(50);
    bad.set([5, 0, 0, 0, 0, 0, 0, 5, 0x24]);
    const closed = new Promise((r) => raw.once("close", r));
    raw.write(Buffer.concat([good, bad]));
    await closed;
    expect(got.map((m) => m.mtype)).toEqual([7]);
    expect(decodeRmr(good).mtype).toBe(7);
  });

  it("delivers every message of a burst in order, batched into few writes", async () => {
    const b = await transport();
    const a = await transport(`newrt|start\nmse|12050|-1|127.0.0.1:${b.port}\nnewrt|end\n`);
    const n = 20_000;
    const seen: number[] = [];
    const all = new Promise<void>((done) =>
      b.onMessage((m) => {
        seen.push(new DataView(m.payload.buffer, m.payload.byteOffset).getUint32(0));
        if (seen.length === n) done();
      }),
    );
    await a.send({ mtype: 12050, payload: Uint8Array.of(0, 0, 0, 0) }); // dials
    const writes = vi.spyOn(Socket.prototype, "write");
    try {
      for (let i = 1; i < n; i++) {
        const p = new Uint8Array(200);
        new DataView(p.buffer).setUint32(0, i);
        void a.send({ mtype: 12050, meid: "gnb_é", payload: p });
      }
      await all;
      // one socket write per 64 KiB batch (about 250 frames), not one per message
      expect(writes.mock.calls.length).toBeGreaterThan(0);
      expect(writes.mock.calls.length).toBeLessThan(n / 50);
    } finally {
      writes.mockRestore();
    }
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it("refuses sends to a peer that stops reading once the limit waits, instead of growing", async () => {
    const held: Socket[] = [];
    const stalled = createServer((s) => {
      s.pause(); // accepts, never reads
      held.push(s);
    });
    await new Promise<void>((r) => stalled.listen(0, "127.0.0.1", r));
    const port = (stalled.address() as AddressInfo).port;
    const rt = new RouteTables({ names: [] });
    const a = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: rt,
      maxQueuedBytes: 1 << 20,
    });
    open.push(a);
    try {
      const payload = new Uint8Array(10_000);
      let refused: unknown;
      for (let i = 0; i < 100_000 && !refused; i++) {
        await a.sendTo(`127.0.0.1:${port}`, { mtype: 1, payload }).catch((e) => {
          refused = e;
        });
        if (i % 50 === 0) await new Promise((r) => setImmediate(r)); // let batches reach the socket
      }
      expect(refused).toBeInstanceOf(RmrError);
      expect(String(refused)).toMatch(
        /cannot send mtype 1 to 127\.0\.0\.1:\d+: \d+ bytes already wait .*limit 1048576/,
      );
    } finally {
      await a.close();
      for (const s of held) s.destroy();
      await new Promise((r) => stalled.close(r));
    }
  });

  it("sends what it queued before closing, and refuses sends and dials after", async () => {
    const b = await transport();
    const got = next(b);
    const a = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: new RouteTables({ names: [] }),
    });
    const sent = a.sendTo(`127.0.0.1:${b.port}`, { mtype: 5, payload: bytes("last words") });
    await sent;
    await a.close();
    expect(new TextDecoder().decode((await got)[0].payload)).toBe("last words");
    await expect(a.sendTo(`127.0.0.1:${b.port}`, { mtype: 5, payload: bytes("") })).rejects.toThrow(
      /transport is closed/,
    );
  });

  it("closes a connection still being dialled when it closes, leaving no socket behind", async () => {
    const accepted: Socket[] = [];
    const peer = createServer((s) => accepted.push(s));
    await new Promise<void>((r) => peer.listen(0, "127.0.0.1", r));
    const port = (peer.address() as AddressInfo).port;
    const a = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: new RouteTables({ names: [] }),
    });
    const dialling = a.sendTo(`127.0.0.1:${port}`, { mtype: 5, payload: bytes("x") });
    await a.close(); // before the connect completes
    await expect(dialling).rejects.toThrow(/transport is closed/);
    // whatever the peer accepted is closed from our side
    await new Promise((r) => setTimeout(r, 50));
    // (the connect may not have reached the peer at all: then there is nothing to close)
    for (const s of accepted) {
      await Promise.race([
        new Promise((r) => (s.readableEnded ? r(0) : s.once("end", r).resume())),
        new Promise((r) => setTimeout(r, 2000)),
      ]);
      expect(s.readableEnded).toBe(true);
    }
    await new Promise((r) => peer.close(r));
  });
});
