/**
 * The near-RT RIC: E2 termination, subscription manager, control routing and the A1 entry point,
 * serving the bus contract (../bus/contract.ts) on any bus. Embedded, the bus is in-process and nodes
 * attach in-process links; standalone, the bus is NATS and nodes dial E2 over TCP.
 *
 *   const ric = await NearRtRic.start({ bus, version: 3 });
 *   ric.attach(link);                       // an in-process E2 node
 *   await ric.listen({ port: 36421 });      // E2 over TCP
 */
import { randomUUID } from "node:crypto";
import type { E2apVersion } from "../../e2sm/index.js";
import { type Bus, type BusMessage, type BusSubscription, jsonBytes, jsonOf } from "../bus/bus.js";
import {
  CONTROL_ERROR,
  type PolicyInstance,
  type PolicyStatus,
  type PolicyTypeDeclaration,
  type RicEvent,
  SUBJECTS,
  type SubscribeRequest,
  type UnsubscribeRequest,
} from "../bus/contract.js";
import type { E2Link } from "../transports/link.js";
import { type E2Listener, listenE2 } from "../transports/tcp.js";
import { ControlRouter } from "./controls.js";
import { E2Termination, type Log } from "./e2-termination.js";
import { PolicyStore } from "./policies.js";
import { SubscriptionManager } from "./subscriptions.js";

export interface NearRtRicOptions {
  readonly bus: Bus;
  /** The E2AP version of the RIC's E2 links (default 3). */
  readonly version?: E2apVersion;
  /** How long a node may take to answer a control (ms, default 1000). */
  readonly controlTimeoutMs?: number;
  readonly subscriptionTimeoutMs?: number;
  readonly log?: Log;
}

export interface RicStats {
  readonly nodes: number;
  readonly subscriptions: number;
  readonly indications: number;
  readonly controls: number;
  readonly controlsInFlight: number;
  readonly decodeErrors: number;
  readonly strayIndications: number;
}

export class NearRtRic {
  readonly instance = randomUUID();
  readonly e2: E2Termination;
  readonly subscriptions: SubscriptionManager;
  readonly controls: ControlRouter;
  readonly policies: PolicyStore;
  private readonly bus: Bus;
  private readonly served: BusSubscription[] = [];
  private readonly listeners: E2Listener[] = [];
  private indications = 0;
  private controlCount = 0;
  private readonly log: Log;

  private constructor(options: NearRtRicOptions) {
    this.bus = options.bus;
    this.log = options.log ?? (() => {});
    const event = (e: RicEvent) => this.bus.publish(SUBJECTS.events, jsonBytes(e));
    this.e2 = new E2Termination(
      { version: options.version ?? 3, log: this.log },
      {
        nodeUp: (node) => event({ kind: "node-up", node }),
        nodeUpdated: (node) => event({ kind: "node-updated", node }),
        nodeDown: (node, reason) => {
          this.subscriptions.nodeGone(node.id, reason, false);
          this.controls.nodeGone(node.id, reason);
          this.log("info", "e2-node-down", { node: node.id, reason });
          event({ kind: "node-down", node: { id: node.id }, reason });
        },
        nodeReset: (node) => this.subscriptions.nodeGone(node.id, "the node reset", true),
        message: (node, msg, bytes) => {
          if (this.subscriptions.handle(node, msg, bytes)) return;
          if (this.controls.handle(node, msg, bytes)) return;
          this.log("warn", "e2-unexpected", { node: node.info.id, type: `${msg.procedure}/${msg.kind}` });
        },
      },
    );
    this.subscriptions = new SubscriptionManager(
      this.e2,
      (subscription, bytes) => {
        this.indications++;
        this.bus.publish(SUBJECTS.indication(subscription), bytes);
      },
      (subscription, reason) => event({ kind: "subscription-gone", subscription, reason }),
      { timeoutMs: options.subscriptionTimeoutMs, log: this.log },
    );
    this.controls = new ControlRouter(this.e2, options.controlTimeoutMs);
    this.policies = new PolicyStore((e) => this.bus.publish(SUBJECTS.a1Policy(e.policyTypeId), jsonBytes(e)));
  }

  static async start(options: NearRtRicOptions): Promise<NearRtRic> {
    const ric = new NearRtRic(options);
    ric.serve();
    await ric.bus.flush();
    ric.bus.publish(SUBJECTS.events, jsonBytes({ kind: "ric-up", instance: ric.instance } satisfies RicEvent));
    return ric;
  }

  /** An E2 node on an in-process (or already open) link. */
  attach(link: E2Link): void {
    this.e2.attach(link);
  }

  /** Accepts E2 nodes over TCP; resolves with the port (useful with port 0). */
  async listen(address: { host?: string; port: number }): Promise<number> {
    const listener = await listenE2(address, (link) => this.e2.attach(link));
    this.listeners.push(listener);
    this.log("info", "e2-listening", { host: address.host ?? "127.0.0.1", port: listener.port });
    return listener.port;
  }

  stats(): RicStats {
    return {
      nodes: this.e2.nodes.length,
      subscriptions: this.subscriptions.count,
      indications: this.indications,
      controls: this.controlCount,
      controlsInFlight: this.controls.inFlight,
      decodeErrors: this.e2.decodeErrors,
      strayIndications: this.subscriptions.strayIndications,
    };
  }

  async close(): Promise<void> {
    for (const s of this.served) s.unsubscribe();
    for (const l of this.listeners) await l.close();
    this.controls.close();
    this.e2.close();
  }

  private serve(): void {
    const on = (subject: string, handler: (msg: BusMessage) => void) =>
      this.served.push(this.bus.subscribe(subject, handler));
    /** A JSON request answered with JSON; a malformed one gets `{ ok: false, error }`. */
    const answer = (subject: string, handle: (body: any) => unknown) =>
      on(subject, async (msg) => {
        let reply: unknown;
        try {
          reply = await handle(jsonOf(msg));
        } catch (e) {
          reply = { ok: false, error: (e as Error).message };
        }
        if (msg.reply) this.bus.publish(msg.reply, jsonBytes(reply));
      });

    answer(SUBJECTS.nodes, () => this.e2.nodes);
    answer(SUBJECTS.subAdd, (body: SubscribeRequest) => this.subscriptions.add(checkSubscribe(body)));
    answer(SUBJECTS.subDel, (body: UnsubscribeRequest) => this.subscriptions.remove(body));
    on(`${SUBJECTS.control("*")}`, (msg) => {
      const node = lastToken(msg.subject);
      this.controlCount++;
      this.controls.send(node, msg.data, (a) => {
        if (!msg.reply) return;
        if (a.ok) this.bus.publish(msg.reply, a.bytes);
        else
          this.bus.publish(msg.reply, new Uint8Array(0), {
            headers: { [CONTROL_ERROR.message]: a.error, [CONTROL_ERROR.code]: a.code },
          });
      });
    });
    on(SUBJECTS.a1Declare, (msg) => this.policies.declare(jsonOf<PolicyTypeDeclaration>(msg)));
    on(SUBJECTS.a1Status, (msg) => this.policies.status(jsonOf<PolicyStatus>(msg)));
    on(SUBJECTS.a1Query("*"), (msg) => {
      if (msg.reply) this.bus.publish(msg.reply, jsonBytes(this.policies.query(Number(lastToken(msg.subject)))));
    });
    answer(SUBJECTS.a1Put, (body: PolicyInstance) => this.policies.put(body));
    answer(SUBJECTS.a1Delete, (body: { policyTypeId: number; policyId: string }) =>
      this.policies.delete(body.policyTypeId, body.policyId),
    );
  }
}

const lastToken = (subject: string) => subject.slice(subject.lastIndexOf(".") + 1);

/** The fields a subscription request must have, with what is wrong named. */
function checkSubscribe(body: SubscribeRequest): SubscribeRequest {
  const bad = (what: string) => {
    throw new TypeError(`${SUBJECTS.subAdd}: ${what}`);
  };
  if (typeof body?.app !== "string" || typeof body.instance !== "string") bad("app and instance must be strings");
  if (typeof body.node !== "string") bad("node must be a string");
  if (!Number.isInteger(body.ranFunctionId)) bad("ranFunctionId must be an integer");
  if (typeof body.eventTrigger !== "string") bad("eventTrigger must be base64 text");
  if (!Array.isArray(body.actions) || body.actions.length === 0) bad("actions must be a non-empty array");
  for (const a of body.actions) {
    if (!Number.isInteger(a?.id) || !["report", "insert", "policy"].includes(a.type as string)) {
      bad("each action needs an integer id and a type report | insert | policy");
    }
  }
  return body;
}
