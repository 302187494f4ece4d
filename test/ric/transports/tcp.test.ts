import { once } from "node:events";
import { createServer, type Socket, connect as tcpConnect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FramingError, frame } from "../../../ric/transports/framing.js";
import { type E2Link, LinkClosedError } from "../../../ric/transports/link.js";
import { connectE2, type E2Listener, listenE2, type TcpLinkOptions } from "../../../ric/transports/tcp.js";
import { pduOf } from "./support.js";

const HOST = "127.0.0.1";
const TEST_TIMEOUT_MS = 10_000;

/** Everything a test opened, undone after it whatever happened. */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

/** Rejects when `promise` takes longer than `ms`, naming what was awaited. */
const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a link tells its listener: PDUs as they come, and how (and how often) it closed. */
const watch = (link: E2Link) => {
  const messages: Uint8Array[] = [];
  const closings: (Error | undefined)[] = [];
  let onEvent = () => {};
  const until = (done: () => boolean, what: string) =>
    within(
      new Promise<void>((resolve) => {
        const check = () => done() && resolve();
        onEvent = check;
        check();
      }),
      5000,
      what,
    );
  link.listen({
    message(pdu) {
      messages.push(pdu);
      onEvent();
    },
    closed(error) {
      closings.push(error);
      onEvent();
    },
  });
  return {
    messages,
    closings,
    messagesArrived: (n: number) => until(() => messages.length >= n, `${n} PDUs (have ${messages.length})`),
    closed: async () => {
      await until(() => closings.length > 0, "the link to close");
      return closings[0];
    },
  };
};

/** A RIC listening on a free loopback port, handing out the links it accepts in order. */
const listen = async (options: TcpLinkOptions = {}) => {
  const accepted: E2Link[] = [];
  let onAccept = () => {};
  const listener: E2Listener = await listenE2(
    { host: HOST, port: 0 },
    (link) => {
      accepted.push(link);
      cleanups.push(() => link.close());
      onAccept();
    },
    options,
  );
  cleanups.push(() => within(listener.close(), 5000, "listener.close()"));
  let taken = 0;
  const nextLink = () =>
    within(
      new Promise<E2Link>((resolve) => {
        const check = () => {
          if (accepted.length > taken) resolve(accepted[taken++]);
        };
        onAccept = check;
        check();
      }),
      5000,
      "a link to be accepted",
    );
  return { listener, port: listener.port, nextLink };
};

const connectNode = async (port: number, options: TcpLinkOptions = {}) => {
  const link = await connectE2({ host: HOST, port, timeoutMs: 5000 }, options);
  cleanups.push(() => link.close());
  return link;
};

/** A plain socket, to send bytes no E2 node would. */
const rawSocket = async (port: number): Promise<Socket> => {
  const socket = tcpConnect({ host: HOST, port });
  socket.on("error", () => {}); // a reset from a server that drops us is expected
  cleanups.push(() => socket.destroy());
  await within(once(socket, "connect"), 5000, "a raw connection");
  return socket;
};

const header = (length: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, length);
  return out;
};

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

describe("E2AP over TCP", { timeout: TEST_TIMEOUT_MS }, () => {
  it("PDUs flow both ways intact: a 1 MB one and 1000 small ones in order", async () => {
    const ric = await listen();
    const node = await connectNode(ric.port);
    const atRicEnd = await ric.nextLink();
    expect(node.peer).toBe(`tcp ${HOST}:${ric.port}`);
    expect(atRicEnd.peer).toMatch(/^tcp 127\.0\.0\.1:\d+$/);
    const atRic = watch(atRicEnd);
    const atNode = watch(node);

    const big = pduOf(1024 * 1024, 1);
    const small = Array.from({ length: 1000 }, (_, i) => pduOf(1 + (i % 200), i + 2));
    node.send(big);
    for (const pdu of small) node.send(pdu);
    for (const pdu of small) atRicEnd.send(pdu);
    atRicEnd.send(big);

    await atRic.messagesArrived(1001);
    await atNode.messagesArrived(1001);
    expect(same(atRic.messages[0], big)).toBe(true);
    expect(same(atNode.messages[1000], big)).toBe(true);
    for (let i = 0; i < 1000; i++) {
      expect(same(atRic.messages[i + 1], small[i]), `PDU ${i} at the RIC`).toBe(true);
      expect(same(atNode.messages[i], small[i]), `PDU ${i} at the node`).toBe(true);
    }
    expect(atRic.closings).toEqual([]);
    expect(atNode.closings).toEqual([]);
  });

  it("connecting to a closed port rejects, naming host:port", async () => {
    // a port that was free a moment ago and has nobody listening now
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, HOST, resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(connectE2({ host: HOST, port, timeoutMs: 5000 })).rejects.toThrow(
      new RegExp(`^cannot reach 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
  });

  it.each([
    ["a zero length", {}, header(0), "empty E2AP frame at stream byte 0"],
    ["a length over the limit", { maxFrameBytes: 1024 }, header(1025), "claims 1025 bytes (limit 1024)"],
    ["a 2 GB length", {}, header(2 ** 31), `claims ${2 ** 31} bytes (limit ${16 * 1024 * 1024})`],
  ] as const)("a peer sending %s is disconnected, closed(FramingError)", async (_, options, bad, reason) => {
    const ric = await listen(options);
    const socket = await rawSocket(ric.port);
    const link = watch(await ric.nextLink());
    const socketClosed = once(socket, "close");
    socket.write(Buffer.concat([bad, Buffer.from([1, 2, 3])]));
    const error = await link.closed();
    expect(error).toBeInstanceOf(FramingError);
    expect(error?.message).toContain(reason);
    await within(socketClosed, 5000, "the server to drop the raw socket");
    expect(link.closings).toHaveLength(1);
  });

  it("the good PDUs ahead of a bad frame in the same write are delivered before the link closes", async () => {
    const ric = await listen();
    const socket = await rawSocket(ric.port);
    const link = watch(await ric.nextLink());
    socket.write(Buffer.concat([frame(Uint8Array.of(1, 2)), frame(Uint8Array.of(3)), header(0)]));
    const error = await link.closed();
    expect(error?.message).toBe("empty E2AP frame at stream byte 11");
    expect(link.messages.map((p) => [...p])).toEqual([[1, 2], [3]]);
  });

  it("a raw peer closing cleanly gives closed() without an error", async () => {
    const ric = await listen();
    const socket = await rawSocket(ric.port);
    const link = watch(await ric.nextLink());
    socket.end(frame(Uint8Array.of(5, 6)));
    expect(await link.closed()).toBeUndefined();
    expect(link.messages.map((p) => [...p])).toEqual([[5, 6]]);
    expect(link.closings).toHaveLength(1);
  });

  it("a peer that ends inside a frame is reported, not taken for a clean close", async () => {
    const ric = await listen();
    const socket = await rawSocket(ric.port);
    const link = watch(await ric.nextLink());
    socket.end(Buffer.concat([frame(Uint8Array.of(1)), header(10), Buffer.from([1, 2])]));
    const error = await link.closed();
    expect(error).toBeInstanceOf(FramingError);
    expect(error?.message).toMatch(/^tcp 127\.0\.0\.1:\d+ ended inside an E2AP frame \(6 bytes of it received\)$/);
    expect(link.messages.map((p) => [...p])).toEqual([[1]]);
  });

  it("a node closing its link gives closed() at both ends, without an error", async () => {
    const ric = await listen();
    const node = await connectNode(ric.port);
    const atRic = watch(await ric.nextLink());
    const atNode = watch(node);
    node.send(Uint8Array.of(9));
    node.close();
    expect(() => node.send(Uint8Array.of(1))).toThrow(LinkClosedError);
    expect(await atRic.closed()).toBeUndefined();
    expect(await atNode.closed()).toBeUndefined();
    expect(atRic.messages.map((p) => [...p])).toEqual([[9]]); // end() flushes what was sent first
    expect(atRic.closings).toHaveLength(1);
    expect(atNode.closings).toHaveLength(1);
  });

  it("listener.close() closes the links it accepted even when the peer never closes", async () => {
    const ric = await listen();
    const socket = await rawSocket(ric.port);
    const node = await connectNode(ric.port);
    const first = watch(await ric.nextLink());
    const second = watch(await ric.nextLink());
    const atNode = watch(node);
    const socketClosed = once(socket, "close");
    await within(ric.listener.close(), 5000, "listener.close()");
    expect(await first.closed()).toBeUndefined();
    expect(await second.closed()).toBeUndefined();
    await within(socketClosed, 5000, "the raw socket to be dropped");
    await atNode.closed(); // the node hears of it too (cleanly, or as a reset)
    await expect(connectE2({ host: HOST, port: ric.port, timeoutMs: 5000 })).rejects.toThrow(/cannot reach/);
  });

  it("bytes split over separate writes, some mid-header, arrive as one PDU", async () => {
    const ric = await listen();
    const socket = await rawSocket(ric.port);
    const link = watch(await ric.nextLink());
    const pdu = pduOf(5000, 7);
    const bytes = frame(pdu);
    for (const [from, to] of [
      [0, 1],
      [1, 4],
      [4, 5],
      [5, 3000],
      [3000, bytes.length],
    ]) {
      socket.write(bytes.subarray(from, to));
      await delay(15);
      if (to < bytes.length) expect(link.messages).toHaveLength(0);
    }
    await link.messagesArrived(1);
    expect(link.messages).toHaveLength(1);
    expect(same(link.messages[0], pdu)).toBe(true);
  });

  it("a peer that never reads is disconnected once maxQueuedBytes is queued, instead of growing without bound", async () => {
    const maxQueuedBytes = 1024 * 1024;
    const ric = await listen({ maxQueuedBytes });
    const socket = await rawSocket(ric.port);
    socket.pause();
    const atRicEnd = await ric.nextLink();
    const link = watch(atRicEnd);
    const pdu = pduOf(256 * 1024, 3);
    let sent = 0;
    let refused: unknown;
    const started = Date.now();
    // a sender pacing itself on the event loop, so the kernel's buffers fill first, as with a real stuck peer
    while (Date.now() - started < 5000 && sent < 256 * 1024 * 1024) {
      try {
        atRicEnd.send(pdu);
      } catch (e) {
        refused = e;
        break;
      }
      sent += pdu.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(refused).toBeInstanceOf(LinkClosedError);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    const error = await link.closed();
    expect(error?.message).toMatch(/^tcp 127\.0\.0\.1:\d+ does not read: \d+ bytes queued$/);
    const queued = Number(/(\d+) bytes queued/.exec(error!.message)![1]);
    expect(queued).toBeGreaterThan(maxQueuedBytes);
    expect(queued).toBeLessThanOrEqual(maxQueuedBytes + pdu.length + 4); // over by one frame at most
    expect(link.closings).toHaveLength(1);
  });
});
