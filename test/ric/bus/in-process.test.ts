/** The bus contract on the in-process bus, and what is particular to it. */
import { describe, expect, it } from "vitest";
import { jsonBytes } from "../../../ric/bus/bus.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { busContract, Inbox } from "./bus-cases.js";

describe("InProcessBus: the bus contract", () => {
  busContract("in-process", async () => {
    const bus = new InProcessBus();
    return { a: bus, b: bus, close: () => bus.close() };
  });
});

describe("InProcessBus", () => {
  it("names itself in-process", () => {
    expect(new InProcessBus().peer).toBe("in-process");
  });

  it("delivers after publish returns, never inside it, and a handler's publish never re-enters", async () => {
    const bus = new InProcessBus();
    const order: string[] = [];
    bus.subscribe("a", () => {
      order.push("a:start");
      bus.publish("b", jsonBytes(1));
      order.push("a:end");
    });
    bus.subscribe("b", () => order.push("b"));
    bus.publish("a", jsonBytes(0));
    order.push("published");
    const inbox = new Inbox();
    bus.subscribe("done", inbox.handler);
    bus.publish("done", jsonBytes(0));
    await inbox.waitFor(1);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["published", "a:start", "a:end", "b"]);
    await bus.close();
  });

  it("passes payloads by reference (no copy)", async () => {
    const bus = new InProcessBus();
    const inbox = new Inbox();
    bus.subscribe("x", inbox.handler);
    const data = Uint8Array.of(1, 2, 3);
    bus.publish("x", data);
    const [msg] = await inbox.waitFor(1);
    expect(msg.data).toBe(data);
    await bus.close();
  });

  it("refuses subjects with empty tokens, and subscribing once closed", async () => {
    const bus = new InProcessBus();
    expect(() => bus.subscribe("a..b", () => {})).toThrow(expect.objectContaining({ kind: "invalid-subject" }));
    expect(() => bus.subscribe("", () => {})).toThrow(expect.objectContaining({ kind: "invalid-subject" }));
    await bus.close();
    expect(() => bus.subscribe("a", () => {})).toThrow(expect.objectContaining({ kind: "closed" }));
  });

  it("drops what was queued when it closes", async () => {
    const bus = new InProcessBus();
    const inbox = new Inbox();
    bus.subscribe("x", inbox.handler);
    bus.publish("x", jsonBytes(1));
    await bus.close();
    await new Promise((r) => setImmediate(r));
    expect(inbox.msgs).toEqual([]);
  });
});
