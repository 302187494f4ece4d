/**
 * The bus semantics every carrier must have (ric/bus/bus.ts: NATS semantics), written once and run
 * against each carrier: in-process.test.ts and nats.test.ts call `busContract`. A case gets two ends,
 * `a` and `b`: two connections to one server over NATS, the same bus twice in process; what `a`
 * publishes `b` hears, so NATS cases cross the server.
 */
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { type Bus, BusError, type BusMessage } from "../../../ric/bus/bus.js";

export interface BusEnds {
  readonly a: Bus;
  readonly b: Bus;
  close(): Promise<void>;
}

/** The cases, by name (for `knownBugs`). */
export type BusCase =
  | "exact"
  | "star"
  | "tail"
  | "queue-groups"
  | "request-reply"
  | "no-responders"
  | "timeout"
  | "headers"
  | "unsubscribe"
  | "order"
  | "big-payload"
  | "throwing-handler"
  | "closed-publish"
  | "closed-request"
  | "closed-while-waiting";

export interface BusContractOptions {
  /**
   * Cases this carrier fails today (a source bug, reported), with why: they run as `it.fails`, so the
   * suite stays green while the bug lasts and turns red once it is fixed (then drop the entry).
   */
  readonly knownBugs?: Partial<Record<BusCase, string>>;
}

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

/** Records what a subscription hears and waits for a count of messages (bounded). */
export class Inbox {
  readonly msgs: BusMessage[] = [];
  private waiters: { n: number; done: () => void }[] = [];

  readonly handler = (msg: BusMessage): void => {
    this.msgs.push(msg);
    for (const w of [...this.waiters]) {
      if (this.msgs.length >= w.n) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done();
      }
    }
  };

  get texts(): string[] {
    return this.msgs.map((m) => str(m.data));
  }

  async waitFor(n: number, timeoutMs = 3000): Promise<BusMessage[]> {
    if (this.msgs.length < n) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((done) => this.waiters.push({ n, done })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`got ${this.msgs.length} messages of ${n} in ${timeoutMs} ms: ${this.texts}`)),
            timeoutMs,
          );
        }),
      ]).finally(() => clearTimeout(timer));
    }
    return this.msgs;
  }
}

let barrierCount = 0;

/**
 * Everything `a` published before this call has reached `b`'s subscribers: a marker sent after it
 * comes back (one publisher to one subscriber connection keeps its order, in NATS as in process).
 */
export async function barrier(a: Bus, b: Bus): Promise<void> {
  const subject = `test.barrier.${++barrierCount}`;
  const inbox = new Inbox();
  const sub = b.subscribe(subject, inbox.handler);
  await b.flush();
  a.publish(subject, text("."));
  await a.flush();
  try {
    await inbox.waitFor(1);
  } finally {
    sub.unsubscribe();
  }
}

/** Rejects if `p` resolves; returns the error it rejects with. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}

export function busContract(carrier: string, makeEnds: () => Promise<BusEnds>, options: BusContractOptions = {}): void {
  let ends: BusEnds;
  let a: Bus;
  let b: Bus;
  beforeEach(async () => {
    ends = await makeEnds();
    ({ a, b } = ends);
  });
  afterEach(async () => {
    await ends.close();
  });

  const test = (name: BusCase, title: string, fn: () => Promise<void>, timeoutMs = 15_000) => {
    const bug = options.knownBugs?.[name];
    if (bug) it.fails(`${title} [${carrier} known bug: ${bug}]`, fn, timeoutMs);
    else it(title, fn, timeoutMs);
  };

  /** Subscribes on `b` and makes sure the server knows before `a` publishes. */
  const listen = async (subject: string, opts?: { queue?: string }): Promise<Inbox> => {
    const inbox = new Inbox();
    b.subscribe(subject, inbox.handler, opts);
    await b.flush();
    return inbox;
  };

  test("exact", "delivers on the exact subject only, with the subject and bytes sent", async () => {
    const inbox = await listen("ric.sub.add");
    for (const s of ["ric.sub", "ric.sub.add.x", "ric.sub.del", "ric.sub.add", "x.ric.sub.add"]) a.publish(s, text(s));
    await barrier(a, b);
    expect(inbox.msgs.map((m) => m.subject)).toEqual(["ric.sub.add"]);
    expect(inbox.texts).toEqual(["ric.sub.add"]);
    expect(inbox.msgs[0].reply).toBeUndefined();
  });

  test("star", "`*` matches exactly one token, anywhere", async () => {
    const middle = await listen("ric.*.add");
    const last = await listen("ric.ctl.*");
    for (const s of ["ric.sub.add", "ric.x.add", "ric.add", "ric.a.b.add", "ric.sub.del", "ric.ctl.gnb_1", "ric.ctl"]) {
      a.publish(s, text(s));
    }
    a.publish("ric.ctl.gnb_1.extra", text("ric.ctl.gnb_1.extra"));
    await barrier(a, b);
    expect(middle.texts).toEqual(["ric.sub.add", "ric.x.add"]);
    expect(last.texts).toEqual(["ric.ctl.gnb_1"]);
    // the concrete subject is what the subscriber sees, not the pattern
    expect(last.msgs[0].subject).toBe("ric.ctl.gnb_1");
  });

  test("tail", "`>` matches one or more trailing tokens, never none", async () => {
    const inbox = await listen("ric.ind.>");
    for (const s of ["ric.ind", "ric.ind.k1", "ric.ind.k1.x.y", "ric.indx.k1", "ric.nodes"]) a.publish(s, text(s));
    await barrier(a, b);
    expect(inbox.texts).toEqual(["ric.ind.k1", "ric.ind.k1.x.y"]);
  });

  test("queue-groups", "a queue group gets each message once; every plain subscriber gets all", async () => {
    const N = 300;
    const members = [await listen("work", { queue: "app" }), await listen("work", { queue: "app" })];
    members.push(await listen("work", { queue: "app" }));
    const other = [await listen("work", { queue: "other-app" }), await listen("work", { queue: "other-app" })];
    const plain = await listen("work");
    const wild = await listen("*");
    for (let i = 0; i < N; i++) a.publish("work", text(String(i)));
    await barrier(a, b);
    const all = Array.from({ length: N }, (_, i) => String(i));
    for (const group of [members, other]) {
      const seen = group.flatMap((m) => m.texts);
      expect(seen.length).toBe(N); // nothing twice...
      expect(new Set(seen).size).toBe(N);
      expect([...seen].sort((x, y) => Number(x) - Number(y))).toEqual(all); // ...nothing lost
    }
    for (const m of members) expect(m.msgs.length).toBeGreaterThan(0); // the load is shared
    for (const m of other) expect(m.msgs.length).toBeGreaterThan(0);
    expect(plain.texts).toEqual(all);
    expect(wild.texts).toEqual(all);
  });

  test("request-reply", "a request gets the answer sent to its reply subject", async () => {
    const seen: BusMessage[] = [];
    b.subscribe("svc.upper", (msg) => {
      seen.push(msg);
      if (msg.reply) b.publish(msg.reply, text(str(msg.data).toUpperCase()));
    });
    // a queue group of responders answers once
    for (let i = 0; i < 2; i++) {
      b.subscribe("svc.twice", (msg) => msg.reply && b.publish(msg.reply, text(`${i}`)), { queue: "responders" });
    }
    await b.flush();
    const answer = await a.request("svc.upper", text("hello e2"), { timeoutMs: 2000 });
    expect(str(answer.data)).toBe("HELLO E2");
    expect(seen).toHaveLength(1);
    expect(typeof seen[0].reply).toBe("string");
    expect(seen[0].reply).not.toBe("");
    const answers = await Promise.all([1, 2, 3, 4].map(() => a.request("svc.twice", text("?"), { timeoutMs: 2000 })));
    expect(answers.map((m) => str(m.data)).every((t) => t === "0" || t === "1")).toBe(true);
    // several requests in flight are answered each to its own requester
    b.subscribe("svc.echo", (msg) => {
      const n = Number(str(msg.data));
      setTimeout(() => msg.reply && b.publish(msg.reply, msg.data), (10 - n) * 5); // later ones first
    });
    await b.flush();
    const echoes = await Promise.all(
      Array.from({ length: 10 }, (_, n) => a.request("svc.echo", text(String(n)), { timeoutMs: 2000 })),
    );
    expect(echoes.map((m) => str(m.data))).toEqual(Array.from({ length: 10 }, (_, n) => String(n)));
  });

  test("no-responders", "a request nobody listens to fails at once with kind no-responders", async () => {
    const started = performance.now();
    const e = await rejection(a.request("svc.nobody", text("?"), { timeoutMs: 5000 }));
    expect(e).toBeInstanceOf(BusError);
    expect((e as BusError).kind).toBe("no-responders");
    expect((e as BusError).message).toContain("svc.nobody");
    expect(performance.now() - started).toBeLessThan(2000); // not the timeout
    // a subscriber on another subject does not count
    await listen("svc.somebody");
    const again = await rejection(a.request("svc.nobody", text("?"), { timeoutMs: 5000 }));
    expect((again as BusError).kind).toBe("no-responders");
  });

  test("timeout", "a request nobody answers fails with kind timeout after timeoutMs", async () => {
    const silent = await listen("svc.silent");
    const started = performance.now();
    const e = await rejection(a.request("svc.silent", text("?"), { timeoutMs: 250 }));
    const elapsed = performance.now() - started;
    expect(e).toBeInstanceOf(BusError);
    expect((e as BusError).kind).toBe("timeout");
    expect((e as BusError).message).toMatch(/svc\.silent.*250 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(elapsed).toBeLessThan(2000);
    expect(silent.texts).toEqual(["?"]); // it was delivered, just not answered
  });

  test("headers", "headers round trip on publish, request and reply, also with an empty payload", async () => {
    const inbox = await listen("with.headers");
    const headers = { "Trace-Id": "abc-123", code: "timeout", error: "E2 node gnb_001_001_00000001: gone" };
    a.publish("with.headers", text("body"), { headers });
    a.publish("with.headers", new Uint8Array(0), { headers: { error: "no answer", code: "node-down" } });
    a.publish("with.headers", text("none"));
    await inbox.waitFor(3);
    expect(inbox.msgs[0].headers).toEqual(headers);
    expect(str(inbox.msgs[0].data)).toBe("body");
    expect(inbox.msgs[1].headers).toEqual({ error: "no answer", code: "node-down" });
    expect(inbox.msgs[1].data.length).toBe(0);
    expect(inbox.msgs[2].headers ?? {}).toEqual({});
    b.subscribe("svc.headers", (msg) => {
      if (msg.reply) b.publish(msg.reply, new Uint8Array(0), { headers: { echoed: msg.headers?.asked ?? "missing" } });
    });
    await b.flush();
    const answer = await a.request("svc.headers", text("?"), { timeoutMs: 2000, headers: { asked: "42" } });
    expect(answer.headers).toEqual({ echoed: "42" });
    expect(answer.data.length).toBe(0);
  });

  test("unsubscribe", "unsubscribe stops delivery to that subscription only", async () => {
    const gone = new Inbox();
    const sub = b.subscribe("topic", gone.handler);
    const stays = await listen("topic");
    a.publish("topic", text("1"));
    await gone.waitFor(1);
    sub.unsubscribe();
    await b.flush();
    a.publish("topic", text("2"));
    a.publish("topic", text("3"));
    await barrier(a, b);
    expect(gone.texts).toEqual(["1"]);
    expect(stays.texts).toEqual(["1", "2", "3"]);
    sub.unsubscribe(); // twice is harmless
    // unsubscribing before anything was delivered: nothing is
    const never = new Inbox();
    b.subscribe("topic2", never.handler).unsubscribe();
    await b.flush();
    a.publish("topic2", text("x"));
    await barrier(a, b);
    expect(never.msgs).toEqual([]);
  });

  test("order", "each subscriber gets one publisher's messages in publish order", async () => {
    const N = 1000;
    const exact = await listen("seq.x");
    const wild = await listen("seq.*");
    const grouped = await listen("seq.x", { queue: "solo" });
    for (let i = 0; i < N; i++) a.publish(i % 3 === 0 ? "seq.y" : "seq.x", text(String(i)));
    await barrier(a, b);
    const all = Array.from({ length: N }, (_, i) => String(i));
    expect(wild.texts).toEqual(all);
    expect(exact.texts).toEqual(all.filter((_, i) => i % 3 !== 0));
    expect(grouped.texts).toEqual(exact.texts);
  });

  test("big-payload", "a 1 MiB payload arrives intact", async () => {
    const big = new Uint8Array(1024 * 1024);
    let x = 12345;
    for (let i = 0; i < big.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      big[i] = x >>> 24;
    }
    const inbox = await listen("big");
    a.publish("big", big);
    const [msg] = await inbox.waitFor(1, 5000);
    expect(msg.data.length).toBe(big.length);
    expect(Buffer.compare(Buffer.from(msg.data), Buffer.from(big))).toBe(0);
    // and as a reply
    b.subscribe("svc.big", (m) => m.reply && b.publish(m.reply, big));
    await b.flush();
    const answer = await a.request("svc.big", text("?"), { timeoutMs: 5000 });
    expect(Buffer.compare(Buffer.from(answer.data), Buffer.from(big))).toBe(0);
  });

  test("throwing-handler", "a handler that throws stops neither its subscription nor any other", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const quietLog = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const calls: string[] = [];
      b.subscribe("boom", (msg) => {
        calls.push(str(msg.data));
        throw new Error("an app's bug");
      });
      const others = await listen("boom");
      const elsewhere = await listen("calm");
      for (const t of ["1", "2"]) a.publish("boom", text(t));
      a.publish("calm", text("3"));
      await others.waitFor(2, 1500);
      await elsewhere.waitFor(1, 1500);
      expect(calls).toEqual(["1", "2"]);
      // the bus still works both ways afterwards
      b.subscribe("svc.after", (m) => m.reply && b.publish(m.reply, text("ok")));
      await b.flush();
      const answer = await a.request("svc.after", text("?"), { timeoutMs: 1000 });
      expect(str(answer.data)).toBe("ok");
    } finally {
      quiet.mockRestore();
      quietLog.mockRestore();
    }
  });

  test("closed-publish", "a closed bus refuses to publish with kind closed", async () => {
    await a.close();
    let thrown: unknown;
    try {
      a.publish("x", text("late"));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BusError);
    expect((thrown as BusError).kind).toBe("closed");
  });

  test("closed-request", "a closed bus rejects requests with kind closed", async () => {
    // someone listens (on the other end over NATS): the refusal must come from the closed bus itself
    if (a !== b) await listen("svc.any");
    await a.close();
    const e = await rejection(a.request("svc.any", text("?"), { timeoutMs: 500 }));
    expect(e).toBeInstanceOf(BusError);
    expect((e as BusError).kind).toBe("closed");
  });

  test("closed-while-waiting", "a request still waiting when its bus closes is rejected with kind closed", async () => {
    await listen("svc.silent"); // hears, never answers
    const waiting = rejection(a.request("svc.silent", text("?"), { timeoutMs: 5000 }));
    await a.flush();
    await a.close();
    const e = await waiting;
    expect(e).toBeInstanceOf(BusError);
    expect((e as BusError).kind).toBe("closed");
  });
}
