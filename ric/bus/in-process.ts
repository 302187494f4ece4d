/**
 * The bus inside one process: what `twinric demo` and most tests run on. Delivery is asynchronous (a
 * microtask after publish, in publish order), as over a network, so a handler that publishes never
 * re-enters another one; payloads are passed by reference, never copied.
 */
import { type Bus, BusError, type BusHandler, type BusMessage, type BusSubscription, type Headers } from "./bus.js";
import { RequestMux } from "./request-mux.js";

interface Sub {
  readonly pattern: string[];
  readonly handler: BusHandler;
  readonly queue?: string;
  active: boolean;
}

export class InProcessBus implements Bus {
  readonly peer = "in-process";
  private readonly subs = new Set<Sub>();
  /** Exact subjects (no wildcards) indexed for the common case. */
  private readonly exact = new Map<string, Set<Sub>>();
  private readonly wild = new Set<Sub>();
  private readonly turn = new Map<string, number>();
  private queue: { msg: BusMessage; to: Sub[] }[] = [];
  private scheduled = false;
  private closed = false;
  private readonly requests = new RequestMux("_INBOX.in-process");
  private readonly inboxPrefix = `${this.requests.inbox}.`;

  publish(subject: string, data: Uint8Array, opts: { reply?: string; headers?: Headers } = {}): void {
    if (this.closed) throw new BusError("closed", "the bus is closed");
    // an answer to one of our requests goes straight to it, synchronously (where NATS routes it
    // through a wildcard subscription): a subscriber to the inbox subjects does not see answers here
    if (subject.startsWith(this.inboxPrefix))
      return this.requests.answer(subject, { subject, data, headers: opts.headers });
    const to = this.route(subject);
    if (to.length === 0) return;
    this.queue.push({ msg: { subject, data, reply: opts.reply, headers: opts.headers }, to });
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  subscribe(subject: string, handler: BusHandler, opts: { queue?: string } = {}): BusSubscription {
    if (this.closed) throw new BusError("closed", "the bus is closed");
    const pattern = subject.split(".");
    if (pattern.some((t) => t === "")) throw new BusError("invalid-subject", `bad subject '${subject}'`);
    const sub: Sub = { pattern, handler, queue: opts.queue, active: true };
    this.subs.add(sub);
    const isWild = pattern.some((t) => t === "*" || t === ">");
    if (isWild) this.wild.add(sub);
    else {
      let set = this.exact.get(subject);
      if (!set) this.exact.set(subject, (set = new Set()));
      set.add(sub);
    }
    return {
      unsubscribe: () => {
        sub.active = false;
        this.subs.delete(sub);
        this.wild.delete(sub);
        const set = this.exact.get(subject);
        set?.delete(sub);
        if (set?.size === 0) this.exact.delete(subject);
      },
    };
  }

  request(subject: string, data: Uint8Array, opts: { timeoutMs: number; headers?: Headers }): Promise<BusMessage> {
    if (this.closed) return Promise.reject(new BusError("closed", "the bus is closed"));
    if (this.route(subject, false).length === 0) {
      return Promise.reject(new BusError("no-responders", `no responders on ${subject}`));
    }
    return this.requests.request(subject, opts.timeoutMs, (reply) =>
      this.publish(subject, data, { reply, headers: opts.headers }),
    );
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.subs) s.active = false;
    this.subs.clear();
    this.exact.clear();
    this.wild.clear();
    this.queue = [];
    this.requests.failAll(new BusError("closed", "the bus is closed"));
  }

  /** Who gets a message on `subject`: every plain subscriber, and one member per queue group. */
  private route(subject: string, pick = true): Sub[] {
    const matched: Sub[] = [];
    const exact = this.exact.get(subject);
    if (exact) for (const s of exact) matched.push(s);
    if (this.wild.size) {
      const tokens = subject.split(".");
      for (const s of this.wild) if (matches(s.pattern, tokens)) matched.push(s);
    }
    if (!matched.some((s) => s.queue)) return matched;
    const out: Sub[] = [];
    const groups = new Map<string, Sub[]>();
    for (const s of matched) {
      if (!s.queue) out.push(s);
      else {
        const g = groups.get(s.queue);
        if (g) g.push(s);
        else groups.set(s.queue, [s]);
      }
    }
    for (const [name, members] of groups) {
      const n = this.turn.get(name) ?? 0;
      if (pick) this.turn.set(name, n + 1);
      out.push(members[n % members.length]);
    }
    return out;
  }

  private drain(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const { msg, to } of batch) {
      for (const s of to) {
        if (!s.active) continue;
        try {
          s.handler(msg);
        } catch (e) {
          // a failing handler must not starve the others; it is the subscriber's bug, reported here
          console.error(`bus handler on ${msg.subject} threw:`, e);
        }
      }
    }
  }
}

function matches(pattern: string[], tokens: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === ">") return tokens.length > i;
    if (i >= tokens.length) return false;
    if (p !== "*" && p !== tokens[i]) return false;
  }
  return pattern.length === tokens.length;
}
