/**
 * A scripted E2 node for the RIC's tests: the node end of an in-process E2 link to a NearRtRic, built
 * from the e2sm builders. It sets up when told, records every message it gets (decoded, with its
 * bytes), and the test answers (or does not) as the case needs. Also: a client of the RIC's bus
 * contract (JSON requests, the event stream).
 */
import {
  E2apCodec,
  type E2apVersion,
  type E2Message,
  e2setupRequest,
  gnbNodeId,
  type RanFunction,
} from "../../../e2sm/index.js";
import { type Bus, type BusMessage, jsonBytes, jsonOf } from "../../../ric/bus/bus.js";
import { type RicEvent, SUBJECTS } from "../../../ric/bus/contract.js";
import type { NearRtRic } from "../../../ric/services/ric.js";
import { inProcessLinkPair } from "../../../ric/transports/in-process.js";
import type { E2Link } from "../../../ric/transports/link.js";

export const KPM_OID = "1.3.6.1.4.1.53148.1.3.2.2";
export const RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";

/** Two RAN functions with opaque definitions: the RIC keeps them as bytes, never decodes them. */
export const DEFAULT_FUNCTIONS: RanFunction[] = [
  { id: 1, oid: KPM_OID, definition: Uint8Array.of(0xde, 0xad, 0x01), revision: 1 },
  { id: 2, oid: RC_OID, definition: Uint8Array.of(0xbe, 0xef, 0x02), revision: 3 },
];

export interface Received {
  readonly msg: E2Message;
  readonly bytes: Uint8Array;
}

export class FakeNode {
  readonly codec: E2apCodec;
  readonly received: Received[] = [];
  closedWith: { error?: Error } | null = null;
  private waiters: { pred: (m: E2Message) => boolean; done: (r: Received) => void }[] = [];

  constructor(
    readonly link: E2Link,
    readonly version: E2apVersion = 3,
  ) {
    this.codec = new E2apCodec({ version });
    link.listen({
      message: (bytes) => {
        const r = { msg: this.codec.decode(bytes), bytes };
        this.received.push(r);
        for (const w of [...this.waiters]) {
          if (w.pred(r.msg)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.done(r);
          }
        }
      },
      closed: (error) => {
        this.closedWith = { error };
      },
    });
  }

  /** A node on a new link to `ric`, its E2 Setup sent and answered. */
  static async attach(
    ric: NearRtRic,
    o: { gnbId?: number; gnbIdBits?: number; plmn?: string; functions?: RanFunction[]; version?: E2apVersion } = {},
  ): Promise<FakeNode> {
    const [nodeEnd, ricEnd] = inProcessLinkPair(["fake gnb", "ric"]);
    ric.attach(ricEnd);
    const node = new FakeNode(nodeEnd, o.version ?? 3);
    node.send(
      e2setupRequest({
        transactionId: 7,
        nodeId: gnbNodeId({ plmn: o.plmn ?? "00f110", gnbId: o.gnbId ?? 1, gnbIdBits: o.gnbIdBits }),
        ranFunctions: o.functions ?? DEFAULT_FUNCTIONS,
      }),
    );
    await node.next((m) => m.procedure === "E2setup" && m.kind !== "initiatingMessage");
    return node;
  }

  send(msg: E2Message): Uint8Array {
    const bytes = this.codec.encode(msg);
    this.link.send(bytes);
    return bytes;
  }

  /** The (skip+1)-th message `pred` accepts, received already or to come. */
  next(pred: (m: E2Message) => boolean, timeoutMs = 2000, skip = 0): Promise<Received> {
    const found = this.received.filter((r) => pred(r.msg));
    if (found.length > skip) return Promise.resolve(found[skip]);
    let seen = found.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the node got no such E2 message in ${timeoutMs} ms (got: ${this.types()})`)),
        timeoutMs,
      );
      this.waiters.push({
        pred: (m) => pred(m) && seen++ >= skip,
        done: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  of(procedure: string, kind = "initiatingMessage"): Received[] {
    return this.received.filter((r) => r.msg.procedure === procedure && r.msg.kind === kind);
  }

  types(): string[] {
    return this.received.map((r) => `${r.msg.procedure}/${r.msg.kind}`);
  }

  close(): void {
    this.link.close();
  }
}

/** A JSON request on the RIC's bus, its JSON answer. */
export async function call<T = any>(bus: Bus, subject: string, body: unknown, timeoutMs = 2000): Promise<T> {
  const reply = await bus.request(subject, jsonBytes(body), { timeoutMs });
  return jsonOf<T>(reply);
}

/** The events of kind K (node-up and node-updated share one member of the union). */
export type EventOf<K extends RicEvent["kind"]> = RicEvent extends infer E
  ? E extends { kind: infer EK }
    ? K extends EK
      ? E
      : never
    : never
  : never;

/** Everything published on `ric.events`, with a bounded wait for one of a kind. */
export class EventLog {
  readonly events: RicEvent[] = [];
  private waiters: { pred: (e: RicEvent) => boolean; done: (e: RicEvent) => void }[] = [];

  constructor(bus: Bus) {
    bus.subscribe(SUBJECTS.events, (msg: BusMessage) => {
      const e = jsonOf<RicEvent>(msg);
      this.events.push(e);
      for (const w of [...this.waiters]) {
        if (w.pred(e)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.done(e);
        }
      }
    });
  }

  kinds(): string[] {
    return this.events.map((e) => e.kind);
  }

  /** The first event of `kind` that `pred` accepts, seen already or to come. */
  wait<K extends RicEvent["kind"]>(
    kind: K,
    pred: (e: EventOf<K>) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<EventOf<K>> {
    type E = EventOf<K>;
    const ok = (e: RicEvent): boolean => e.kind === kind && pred(e as E);
    const found = this.events.find(ok);
    if (found) return Promise.resolve(found as E);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${kind} event in ${timeoutMs} ms (got: ${this.kinds()})`)),
        timeoutMs,
      );
      this.waiters.push({
        pred: ok,
        done: (e) => {
          clearTimeout(timer);
          resolve(e as E);
        },
      });
    });
  }
}

/** Lets the links and the bus deliver what is in flight. */
export const settle = async (turns = 3): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};
