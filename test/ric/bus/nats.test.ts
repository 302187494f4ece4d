/**
 * The bus contract over a real NATS server (nats-server on loopback): two connections, so every case
 * crosses the server. And what only a network bus has: the server going away and coming back.
 */
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bus } from "../../../ric/bus/bus.js";
import { NatsBus } from "../../../ric/bus/nats.js";
import { closeBusWithin, type NatsTestServer, startNatsServer } from "../../support/nats-server.js";
import { barrier, busContract, Inbox } from "./bus-cases.js";

let server: NatsTestServer;

beforeAll(async () => {
  server = await startNatsServer();
}, 20_000);

afterAll(async () => {
  await server?.stop();
});

const closeBounded = (bus: Bus) => closeBusWithin(bus);

describe("NatsBus: the bus contract", () => {
  busContract("nats", async () => {
    const a = await NatsBus.connect({ servers: server.url, name: "test-a" });
    const b = await NatsBus.connect({ servers: server.url, name: "test-b" });
    return { a, b, close: async () => void (await Promise.all([closeBounded(a), closeBounded(b)])) };
  });
});

describe("NatsBus", () => {
  it("names the server it reached as its peer", async () => {
    const bus = await NatsBus.connect({ servers: `127.0.0.1:${server.port}` });
    try {
      expect(bus.peer).toBe(`nats://127.0.0.1:${server.port}`);
    } finally {
      await closeBounded(bus);
    }
  });

  it("gives up, naming the server, when no NATS server answers", async () => {
    const gone = await startNatsServer();
    await gone.halt(); // its port: nobody listens there now
    const pending = NatsBus.connect({ servers: gone.url });
    try {
      const outcome = await Promise.race([
        pending.then(
          () => "connected",
          (e: Error) => `rejected: ${e.message}`,
        ),
        sleep(2000).then(() => "still waiting after 2 s"),
      ]);
      expect(outcome).toMatch(/^rejected: cannot reach NATS at nats:\/\/127\.0\.0\.1:\d+/);
    } finally {
      // bring the server back so that a connect still pending settles and can be closed
      await gone.restart();
      const bus = await pending.catch(() => null);
      if (bus) await closeBounded(bus);
      await gone.stop();
    }
  }, 20_000);

  it("reconnects after the server restarts: subscriptions resume, requests are answered again", async () => {
    const a = await NatsBus.connect({ servers: server.url, name: "restart-a" });
    const b = await NatsBus.connect({ servers: server.url, name: "restart-b" });
    try {
      const inbox = new Inbox();
      b.subscribe("after.restart", inbox.handler);
      b.subscribe("svc.ping", (m) => m.reply && b.publish(m.reply, new TextEncoder().encode("pong")));
      await b.flush();
      a.publish("after.restart", new TextEncoder().encode("before"));
      await inbox.waitFor(1);

      const reconnected = (bus: NatsBus) =>
        (async () => {
          for await (const s of bus.status()) if (s.type === "reconnect") return true;
          return false;
        })();
      const back = Promise.all([reconnected(a), reconnected(b)]);
      await server.restart();
      let timer: NodeJS.Timeout | undefined;
      const both = await Promise.race([
        back,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("no reconnect within 10 s")), 10_000);
        }),
      ]).finally(() => clearTimeout(timer));
      expect(both).toEqual([true, true]);

      // the subscriptions made before the restart are there again: no new subscribe call
      await b.flush();
      a.publish("after.restart", new TextEncoder().encode("after"));
      await barrier(a, b);
      expect(inbox.texts).toEqual(["before", "after"]);
      const answer = await a.request("svc.ping", new Uint8Array(0), { timeoutMs: 2000 });
      expect(new TextDecoder().decode(answer.data)).toBe("pong");
    } finally {
      await closeBounded(a);
      await closeBounded(b);
    }
  }, 30_000);
});

describe("startNatsServer (test/support/nats-server.ts)", () => {
  /** The server's INFO greeting, or null when nothing listens. */
  const info = (port: number) =>
    new Promise<Record<string, unknown> | null>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      let text = "";
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve(null);
      });
      socket.on("data", (chunk) => {
        text += chunk.toString();
        const end = text.indexOf("\r\n");
        if (end < 0) return;
        socket.destroy();
        resolve(JSON.parse(text.slice("INFO ".length, end)));
      });
      socket.on("error", () => resolve(null));
    });

  it("runs JetStream in a store of its own when asked, and stop() ends the server and removes the store", async () => {
    const js = await startNatsServer({ jetstream: true });
    try {
      expect(js.url).toBe(`nats://127.0.0.1:${js.port}`);
      expect(js.store).not.toBeNull();
      expect(existsSync(js.store as string)).toBe(true);
      const greeting = await info(js.port);
      expect(greeting?.jetstream).toBe(true);
      expect(greeting?.host).toBe("127.0.0.1");
    } finally {
      await js.stop();
    }
    expect(await info(js.port)).toBeNull();
    expect(existsSync(js.store as string)).toBe(false);
    await js.stop(); // twice is harmless
    await expect(js.restart()).rejects.toThrow(/stopped/);
  }, 20_000);

  it("runs without JetStream by default; halt() and restart() keep the port", async () => {
    expect(server.store).toBeNull();
    expect((await info(server.port))?.jetstream).toBeUndefined();
    await server.halt();
    expect(await info(server.port)).toBeNull();
    await server.restart();
    expect((await info(server.port))?.port).toBe(server.port);
  }, 20_000);
});
