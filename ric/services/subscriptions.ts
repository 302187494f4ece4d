/**
 * The subscription manager: one E2 subscription per distinct request, shared by every app (and every
 * replica) that asks for the same thing; RIC request ids allocated per node; the E2 subscription
 * deleted when its last subscriber leaves; indications routed to the subscription's subject by the
 * RIC instance id they carry. When a node goes down or resets, its subscriptions are forgotten: the
 * apps' SDK subscribes again when it comes back.
 */
import type { E2Message } from "../../e2sm/index.js";
import { ricSubscriptionRequest } from "../../e2sm/index.js";
import type { Cause, SubscribeReply, SubscribeRequest, UnsubscribeRequest } from "../bus/contract.js";
import { subscriptionKey, unb64 } from "../bus/contract.js";
import type { ConnectedNode, E2Termination, Log } from "./e2-termination.js";

interface Subscription {
  readonly key: string;
  readonly node: string;
  readonly ranFunctionId: number;
  readonly instance: number;
  readonly subscribers: Set<string>;
  reply: Promise<SubscribeReply>;
  settle?: (r: SubscribeReply) => void;
}

export interface SubscriptionManagerOptions {
  /** RIC requestor id on every E2 subscription (the RIC instance id tells them apart). */
  readonly requestor?: number;
  /** How long a node may take to answer a subscription request. */
  readonly timeoutMs?: number;
  readonly log?: Log;
}

export class SubscriptionManager {
  private readonly byKey = new Map<string, Subscription>();
  /** node -> RIC instance id -> subscription */
  private readonly byInstance = new Map<string, Map<number, Subscription>>();
  private readonly requestor: number;
  private readonly timeoutMs: number;
  private readonly log: Log;
  private nextInstance = 1;
  /** Indications whose RIC request id matched no subscription. */
  strayIndications = 0;

  constructor(
    private readonly e2: E2Termination,
    /** Publishes an indication, as received, on its subscription's subject. */
    private readonly deliver: (subscription: string, bytes: Uint8Array, msg: E2Message) => void,
    /** Tells the subscribers a subscription is gone. */
    private readonly gone: (subscription: string, reason: string) => void,
    options: SubscriptionManagerOptions = {},
  ) {
    this.requestor = options.requestor ?? 1;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.log = options.log ?? (() => {});
  }

  get count(): number {
    return this.byKey.size;
  }

  add(req: SubscribeRequest): Promise<SubscribeReply> {
    const node = this.e2.node(req.node);
    if (!node) return Promise.resolve({ ok: false, error: `E2 node ${req.node} is not connected` });
    if (!node.info.ranFunctions.some((f) => f.id === req.ranFunctionId)) {
      return Promise.resolve({ ok: false, error: `E2 node ${req.node} has no RAN function ${req.ranFunctionId}` });
    }
    const key = subscriptionKey(req);
    const subscriber = `${req.app}/${req.instance}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.subscribers.add(subscriber);
      return existing.reply;
    }
    const instance = this.allocate(req.node);
    if (instance < 0) return Promise.resolve({ ok: false, error: `E2 node ${req.node}: no free RIC request id` });
    const sub: Subscription = {
      key,
      node: req.node,
      ranFunctionId: req.ranFunctionId,
      instance,
      subscribers: new Set([subscriber]),
      reply: Promise.resolve({ ok: false, error: "unreachable" }),
    };
    sub.reply = new Promise<SubscribeReply>((resolve) => {
      const timer = setTimeout(() => {
        this.forget(sub);
        resolve({ ok: false, error: `E2 node ${req.node} did not answer the subscription in ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      sub.settle = (r) => {
        clearTimeout(timer);
        sub.settle = undefined;
        if (!r.ok) this.forget(sub);
        resolve(r);
      };
    });
    this.byKey.set(key, sub);
    this.instancesOf(req.node).set(instance, sub);
    try {
      node.send(
        ricSubscriptionRequest({
          requestId: { requestor: this.requestor, instance },
          ranFunctionId: req.ranFunctionId,
          eventTrigger: unb64(req.eventTrigger),
          actions: req.actions.map((a) => ({
            id: a.id,
            type: a.type,
            definition: a.definition === undefined ? undefined : unb64(a.definition),
          })),
        }),
      );
    } catch (e) {
      sub.settle?.({ ok: false, error: `cannot encode the subscription: ${(e as Error).message}` });
    }
    return sub.reply;
  }

  remove(req: UnsubscribeRequest): { ok: boolean; error?: string } {
    const sub = this.byKey.get(req.subscription);
    if (!sub?.subscribers.delete(`${req.app}/${req.instance}`)) {
      return { ok: false, error: `${req.app}/${req.instance} has no subscription ${req.subscription}` };
    }
    if (sub.subscribers.size > 0) return { ok: true };
    this.forget(sub);
    const node = this.e2.node(sub.node);
    if (node) this.deleteAt(node, sub.instance, sub.ranFunctionId);
    this.log("info", "subscription-deleted", { subscription: sub.key, node: sub.node });
    return { ok: true };
  }

  /** Asks a node to delete the E2 subscription of RIC instance `instance`. */
  private deleteAt(node: ConnectedNode, instance: number, ranFunctionId: number): void {
    node.send({
      procedure: "RICsubscriptionDelete",
      kind: "initiatingMessage",
      ies: {
        RICrequestID: { ricRequestorID: this.requestor, ricInstanceID: instance },
        RANfunctionID: ranFunctionId,
      },
    });
  }

  /**
   * A node went down or reset: its subscriptions are gone. After a reset the subscribers are told (the
   * node is still there to subscribe to again); after a disconnection, the node-down event says it.
   */
  nodeGone(nodeId: string, reason: string, tellSubscribers: boolean): void {
    for (const sub of this.instancesOf(nodeId).values()) {
      const wasPending = sub.settle !== undefined;
      sub.settle?.({ ok: false, error: `E2 node ${nodeId}: ${reason}` });
      this.forget(sub);
      if (tellSubscribers && !wasPending) this.gone(sub.key, reason);
    }
    this.byInstance.delete(nodeId);
  }

  /** Takes the subscription-related messages of a node; false for others. */
  handle(node: ConnectedNode, msg: E2Message, bytes: Uint8Array): boolean {
    switch (msg.procedure) {
      case "RICindication": {
        const sub = this.instancesOf(node.info.id).get(msg.ies.RICrequestID?.ricInstanceID);
        if (sub && !sub.settle) this.deliver(sub.key, bytes, msg);
        else this.strayIndications++;
        return true;
      }
      case "RICsubscription": {
        const id = msg.ies.RICrequestID;
        const sub = this.instancesOf(node.info.id).get(id?.ricInstanceID);
        if (!sub && msg.kind === "successfulOutcome" && id?.ricRequestorID === this.requestor) {
          // accepted after its request timed out (and was forgotten): nobody listens, so the node is
          // told to delete it rather than report into the void until it restarts
          this.deleteAt(node, id.ricInstanceID, msg.ies.RANfunctionID);
          this.log("warn", "late-subscription-deleted", { node: node.info.id, instance: id.ricInstanceID });
          return true;
        }
        if (!sub?.settle) return true;
        if (msg.kind === "successfulOutcome") {
          sub.settle({
            ok: true,
            subscription: sub.key,
            admitted: (msg.ies.RICactions_Admitted ?? []).map((a: any) => a.ricActionID),
            notAdmitted: (msg.ies.RICactions_NotAdmitted ?? []).map((a: any) => ({
              id: a.ricActionID,
              cause: a.cause,
            })),
          });
        } else {
          const cause: Cause = msg.ies.Cause;
          sub.settle({ ok: false, error: `E2 node ${node.info.id} refused the subscription`, cause });
        }
        return true;
      }
      case "RICsubscriptionDelete":
        return true;
      case "RICsubscriptionDeleteRequired": {
        for (const item of msg.ies.RICsubscriptionToBeRemoved ?? []) {
          const sub = this.instancesOf(node.info.id).get(item.ricRequestID?.ricInstanceID);
          if (!sub) continue;
          this.forget(sub);
          this.gone(sub.key, `the node removed it (${JSON.stringify(item.cause)})`);
        }
        return true;
      }
      default:
        return false;
    }
  }

  private forget(sub: Subscription): void {
    if (this.byKey.get(sub.key) === sub) this.byKey.delete(sub.key);
    const mine = this.byInstance.get(sub.node);
    if (mine?.get(sub.instance) === sub) mine.delete(sub.instance);
  }

  private instancesOf(node: string): Map<number, Subscription> {
    let m = this.byInstance.get(node);
    if (!m) this.byInstance.set(node, (m = new Map()));
    return m;
  }

  /** The next free RIC instance id of a node (1..65535), or -1 when all are taken. */
  private allocate(node: string): number {
    const taken = this.instancesOf(node);
    for (let i = 0; i < 65535; i++) {
      const id = this.nextInstance;
      this.nextInstance = (this.nextInstance % 65535) + 1;
      if (!taken.has(id)) return id;
    }
    return -1;
  }
}
