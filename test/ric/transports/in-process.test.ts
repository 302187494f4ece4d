import { describe, expect, it, vi } from "vitest";
import { inProcessLinkPair } from "../../../ric/transports/in-process.js";
import { type E2Link, LinkClosedError, type LinkListener } from "../../../ric/transports/link.js";

/** A listener that records what it is told. */
const recorder = () => {
  const messages: number[][] = [];
  const listener = {
    message: vi.fn((pdu: Uint8Array) => void messages.push([...pdu])),
    closed: vi.fn((_error?: Error) => {}),
  } satisfies LinkListener;
  return { messages, listener };
};

/** Lets every queued microtask (and what they queue) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("inProcessLinkPair", () => {
  it("names the other end as the peer", () => {
    const [node, ric] = inProcessLinkPair(["gnb-1", "ric-a"]);
    expect(node.peer).toBe("in-process ric-a");
    expect(ric.peer).toBe("in-process gnb-1");
    expect(node.closed || ric.closed).toBe(false);
  });

  it("delivers in order, both ways", async () => {
    const [node, ric] = inProcessLinkPair();
    const atRic = recorder();
    const atNode = recorder();
    ric.listen(atRic.listener);
    node.listen(atNode.listener);
    for (let i = 0; i < 1000; i++) {
      node.send(Uint8Array.of(i >> 8, i & 0xff));
      if (i % 3 === 0) ric.send(Uint8Array.of(i & 0xff));
    }
    await settle();
    expect(atRic.messages).toEqual(Array.from({ length: 1000 }, (_, i) => [i >> 8, i & 0xff]));
    expect(atNode.messages).toEqual(Array.from({ length: 334 }, (_, k) => [(3 * k) & 0xff]));
  });

  it("delivers after send returns, never inside it", async () => {
    const [node, ric] = inProcessLinkPair();
    const at = recorder();
    ric.listen(at.listener);
    node.send(Uint8Array.of(1));
    expect(at.listener.message).not.toHaveBeenCalled();
    await settle();
    expect(at.messages).toEqual([[1]]);
  });

  it("a reply sent from inside message() does not re-enter the sender", async () => {
    const [node, ric] = inProcessLinkPair();
    let depth = 0;
    let deepest = 0;
    const echo = (link: E2Link, limit: number): LinkListener => ({
      message(pdu) {
        depth++;
        deepest = Math.max(deepest, depth);
        if (pdu[0] < limit) link.send(Uint8Array.of(pdu[0] + 1));
        depth--;
      },
      closed() {},
    });
    node.listen(echo(node, 10));
    ric.listen(echo(ric, 10));
    node.send(Uint8Array.of(0));
    await settle();
    expect(deepest).toBe(1);
  });

  it("holds what was sent before the other end listens, and delivers it when it does", async () => {
    const [node, ric] = inProcessLinkPair();
    node.send(Uint8Array.of(1));
    node.send(Uint8Array.of(2));
    await settle();
    const at = recorder();
    ric.listen(at.listener);
    expect(at.messages).toEqual([[1], [2]]); // the early ones, in order, as soon as it listens
    node.send(Uint8Array.of(3));
    await settle();
    expect(at.messages).toEqual([[1], [2], [3]]);
  });

  it("copies the PDU: the sender may reuse its buffer right after send", async () => {
    const [node, ric] = inProcessLinkPair();
    const at = recorder();
    ric.listen(at.listener);
    const buffer = Uint8Array.of(1, 2, 3, 4);
    node.send(buffer);
    buffer.fill(9);
    node.send(buffer.subarray(1, 3));
    buffer.fill(0);
    await settle();
    expect(at.messages).toEqual([
      [1, 2, 3, 4],
      [9, 9],
    ]);
  });

  it("closing one end closes the other; each listener hears closed() once", async () => {
    const [node, ric] = inProcessLinkPair();
    const atNode = recorder();
    const atRic = recorder();
    node.listen(atNode.listener);
    ric.listen(atRic.listener);
    node.close();
    node.close(); // idempotent
    expect(node.closed).toBe(true);
    await settle();
    expect(ric.closed).toBe(true);
    ric.close();
    await settle();
    expect(atNode.listener.closed).toHaveBeenCalledTimes(1);
    expect(atNode.listener.closed).toHaveBeenCalledWith(undefined);
    expect(atRic.listener.closed).toHaveBeenCalledTimes(1);
    expect(atRic.listener.closed).toHaveBeenCalledWith(undefined);
  });

  it("a close with an error passes the error to the other end", async () => {
    const [node, ric] = inProcessLinkPair();
    const atRic = recorder();
    ric.listen(atRic.listener);
    const why = new Error("E2 setup refused");
    node.close(why);
    await settle();
    expect(atRic.listener.closed).toHaveBeenCalledTimes(1);
    expect(atRic.listener.closed).toHaveBeenCalledWith(why);
  });

  it("PDUs sent before a close arrive before closed()", async () => {
    const [node, ric] = inProcessLinkPair();
    const events: string[] = [];
    ric.listen({ message: (pdu) => events.push(`message ${pdu[0]}`), closed: () => events.push("closed") });
    node.send(Uint8Array.of(1));
    node.send(Uint8Array.of(2));
    node.close();
    await settle();
    expect(events).toEqual(["message 1", "message 2", "closed"]);
  });

  it("an end that listens only after the link closed still gets the early PDUs, then closed()", async () => {
    const [node, ric] = inProcessLinkPair();
    node.send(Uint8Array.of(7));
    node.close();
    await settle();
    expect(ric.closed).toBe(true);
    const events: string[] = [];
    ric.listen({ message: (pdu) => events.push(`message ${pdu[0]}`), closed: () => events.push("closed") });
    expect(events).toEqual(["message 7", "closed"]);
  });

  it("send after close throws LinkClosedError, on either end", async () => {
    const [node, ric] = inProcessLinkPair(["gnb-1", "ric-a"]);
    node.close();
    expect(() => node.send(Uint8Array.of(1))).toThrow(LinkClosedError);
    expect(() => node.send(Uint8Array.of(1))).toThrow("E2 link to in-process ric-a is closed");
    await settle();
    let error: unknown;
    try {
      ric.send(Uint8Array.of(1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LinkClosedError);
    expect((error as Error).name).toBe("LinkClosedError");
  });
});
