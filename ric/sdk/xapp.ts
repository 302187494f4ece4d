/**
 * The xApp SDK: what an app author writes against, the same on every platform.
 *
 *   const app = await XApp.start({ name: "kpimon", platform });
 *   for (const node of await app.nodes()) {
 *     const sub = await app.subscribe({ node: node.id, ranFunction: "kpm", eventTrigger, actions });
 *     for await (const ind of sub) console.log(ind.message);
 *   }
 *   await app.control(node, { ranFunction: "rc", header, message });   // acknowledged, or throws
 *
 * Subscriptions outlive the nodes and the RIC: when a node comes back, when it resets, when the RIC
 * restarts, the SDK sets them up again by itself. Every control ends in an answer or an error, counted.
 */
import { randomInt, randomUUID } from "node:crypto";
import { E2apCodec, type E2apVersion, ricControlRequest } from "../../e2sm/index.js";
import type { NodeInfo, PolicyEvent, RanFunctionInfo, RicEvent } from "../bus/contract.js";
import { b64 } from "../bus/contract.js";
import type { Log } from "../services/e2-termination.js";
import { decodePayload, findRanFunction, modelName, modelOf, payload } from "./e2-payloads.js";
import { silentLog } from "./log.js";
import { AppMetrics } from "./metrics.js";
import { ControlError, type PlatformSubscription, type RicPlatform, SubscriptionError } from "./platform.js";
import { SharedSubscriptions } from "./shared-subscriptions.js";
import { Subscription, type SubscriptionOptions } from "./subscription.js";

export interface PolicyTypeSpec {
  readonly id: number;
  readonly name: string;
  /** JSON Schema the RIC checks policies against before the app sees them. */
  readonly schema?: object;
}

export interface XAppOptions {
  readonly name: string;
  /** This replica's id (default: random). */
  readonly instance?: string;
  readonly platform: RicPlatform;
  readonly log?: Log;
  /** How long a node may take to answer a control (ms, default 500). */
  readonly controlTimeoutMs?: number;
  /** Policy types handled and the handler; a handler that throws answers ERROR with its message. */
  readonly policies?: {
    readonly types: readonly PolicyTypeSpec[];
    readonly handle: (e: PolicyEvent) => void | Promise<void>;
  };
}

export interface E2Node extends NodeInfo {
  /** The RAN functions with their service model's short name (kpm, rc, bm, csi) when twinric knows it. */
  readonly functions: readonly (RanFunctionInfo & { readonly model?: string })[];
}

export interface ControlSpec {
  /** RAN function id, OID, or model short name. */
  readonly ranFunction: number | string;
  readonly header: unknown;
  readonly message: unknown;
  /** Answers an insert: the call process id it carried. */
  readonly callProcessId?: Uint8Array;
  readonly timeoutMs?: number;
  /** When the decision started (performance.now() ms), for the decision latency histogram. */
  readonly since?: number;
}

export interface ControlResult {
  /** The node's control outcome, decoded, when it sent one. */
  readonly outcome?: unknown;
}

/** The node refused a control (RIC Control Failure). */
export class ControlRefused extends Error {
  override readonly name = "ControlRefused";
  constructor(
    message: string,
    readonly e2Cause: Record<string, string | number>,
    readonly outcome?: unknown,
  ) {
    super(message);
  }
}

export class XApp {
  readonly name: string;
  readonly instance: string;
  readonly metrics: AppMetrics;
  readonly log: Log;
  private readonly platform: RicPlatform;
  private readonly shared: SharedSubscriptions;
  private readonly known = new Map<string, NodeInfo>();
  private readonly subs = new Set<Subscription>();
  private readonly codecs = new Map<number, E2apCodec>();
  private readonly nodeListeners: ((e: RicEvent) => void)[] = [];
  private ricInstance: string | null = null;
  private readonly requestor = randomInt(1000, 65535);
  private nextInstance = 1;
  private stopped = false;
  connected = false;

  private constructor(private readonly options: XAppOptions) {
    this.name = options.name;
    this.instance = options.instance ?? randomUUID().slice(0, 8);
    this.platform = options.platform;
    this.shared = new SharedSubscriptions(options.platform);
    this.metrics = new AppMetrics(options.name);
    this.log = options.log ?? silentLog;
  }

  static async start(options: XAppOptions): Promise<XApp> {
    const app = new XApp(options);
    await app.platform.connect({ name: app.name, instance: app.instance }, (e) => app.onEvent(e));
    for (const n of await app.platform.nodes()) app.known.set(n.id, n);
    app.metrics.nodes.set(app.known.size);
    if (options.policies) {
      const { types, handle } = options.policies;
      await app.platform.policies(types, async (e) => {
        try {
          await handle(e);
          return { ok: true };
        } catch (err) {
          app.log("warn", "policy-refused", {
            policyTypeId: e.policyTypeId,
            policyId: e.policyId,
            reason: String(err),
          });
          return { ok: false, reason: (err as Error).message ?? String(err) };
        }
      });
    }
    app.connected = true;
    app.log("info", "app-started", {
      instance: app.instance,
      platform: app.platform.description,
      nodes: app.known.size,
    });
    return app;
  }

  /** Ready for traffic: connected, and no subscription refused for good. */
  get ready(): boolean {
    return this.connected && !this.stopped && [...this.subs].every((s) => s.state !== "failed");
  }

  get platformName(): string {
    return this.platform.description;
  }

  /** The E2 nodes connected now, with their RAN functions. */
  async nodes(): Promise<E2Node[]> {
    const list = await this.platform.nodes();
    for (const n of list) this.known.set(n.id, n);
    return list.map(withModels);
  }

  /** Hears nodes come and go (and the RIC restart): kpimon subscribes to each node that comes. */
  onEvent(listener: (e: RicEvent) => void): void;
  onEvent(e: RicEvent): void;
  onEvent(arg: RicEvent | ((e: RicEvent) => void)): void {
    if (typeof arg === "function") {
      this.nodeListeners.push(arg);
      return;
    }
    this.handleEvent(arg);
  }

  /** Subscribes to a RAN function of a node; the subscription is kept up until closed. */
  async subscribe(opts: SubscriptionOptions): Promise<Subscription> {
    if (!this.known.has(opts.node)) await this.nodes();
    const node = this.known.get(opts.node);
    if (!node) throw new SubscriptionError(`E2 node ${opts.node} is not connected`, true);
    const f = findRanFunction(node, opts.ranFunction);
    const sm = modelOf(f);
    const spec = {
      node: node.id,
      ranFunctionId: f.id,
      eventTrigger: b64(payload(sm, "RICeventTriggerDefinition", opts.eventTrigger)),
      actions: opts.actions.map((a) => ({
        id: a.id,
        type: a.type ?? "report",
        definition: a.definition === undefined ? undefined : b64(payload(sm, "RICactionDefinition", a.definition)),
      })),
    };
    const sub = new Subscription(spec, sm, opts, this.codecFor(node.e2ap), this.metrics, this.log, (s) => {
      this.subs.delete(s);
      this.countSubscriptions();
    });
    this.subs.add(sub);
    await this.establish(sub);
    if (sub.state === "failed") {
      this.subs.delete(sub);
      throw sub.failure ?? new SubscriptionError("subscription refused", false);
    }
    return sub;
  }

  /** Sends a control and waits for the node's acknowledge; throws ControlRefused or ControlError. */
  async control(nodeId: string, spec: ControlSpec): Promise<ControlResult> {
    const node = this.known.get(nodeId);
    if (!node) throw new ControlError("unknown-node", `E2 node ${nodeId} is not connected`);
    const f = findRanFunction(node, spec.ranFunction);
    const sm = modelOf(f);
    const codec = this.codecFor(node.e2ap);
    const requestId = { requestor: this.requestor, instance: this.nextInstance };
    this.nextInstance = (this.nextInstance % 65535) + 1;
    const bytes = codec.encode(
      ricControlRequest({
        requestId,
        ranFunctionId: f.id,
        header: payload(sm, "RICcontrolHeader", spec.header),
        message: payload(sm, "RICcontrolMessage", spec.message),
        callProcessId: spec.callProcessId,
        ackRequest: "ack",
      }),
    );
    if (spec.since !== undefined) this.metrics.decisionLatency.observe((performance.now() - spec.since) / 1000);
    this.metrics.controlsSent.inc({ node: nodeId });
    let answer: Uint8Array;
    try {
      answer = await this.platform.control(nodeId, bytes, spec.timeoutMs ?? this.options.controlTimeoutMs ?? 500);
    } catch (e) {
      const code = e instanceof ControlError ? e.code : "error";
      this.metrics.controlsFailed.inc({ node: nodeId, reason: code });
      this.log("warn", "control-failed", { node: nodeId, reason: code, error: (e as Error).message });
      throw e;
    }
    if (answer.length === 0) {
      this.metrics.controlsAcked.inc({ node: nodeId });
      return {};
    }
    const msg = codec.decode(answer);
    const outcome = decodePayload(sm, "RICcontrolOutcome", msg.ies.RICcontrolOutcome);
    if (msg.kind === "successfulOutcome") {
      this.metrics.controlsAcked.inc({ node: nodeId });
      return { outcome };
    }
    this.metrics.controlsFailed.inc({ node: nodeId, reason: "refused" });
    throw new ControlRefused(
      `E2 node ${nodeId} refused the control: ${JSON.stringify(msg.ies.Cause)}`,
      msg.ies.Cause,
      outcome,
    );
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const s of [...this.subs]) await s.close();
    await this.platform.close();
    this.log("info", "app-stopped", {});
  }

  private handleEvent(e: RicEvent): void {
    switch (e.kind) {
      case "ric-up":
        // a RIC we had not heard of: a restart (one that died silently sent no node-down), or the RIC
        // we came up with. Subscribing again is right either way: a RIC that still has them merges.
        if (this.ricInstance !== e.instance) {
          this.ricInstance = e.instance;
          this.log("warn", "ric-restarted", { instance: e.instance });
          for (const s of this.subs) {
            if (s.state === "closed" || s.state === "failed") continue;
            s.detach(false);
          }
          void this.nodes()
            .then(() => {
              for (const s of this.subs)
                if (s.state === "waiting" && this.known.has(s.spec.node)) void this.establish(s);
            })
            .catch((err) => this.log("warn", "ric-unreachable", { error: String(err) }));
        }
        break;
      case "node-up":
      case "node-updated":
        this.known.set(e.node.id, e.node);
        for (const s of this.subs) if (s.spec.node === e.node.id && s.state === "waiting") void this.establish(s);
        break;
      case "node-down":
        this.known.delete(e.node.id);
        for (const s of this.subs) if (s.spec.node === e.node.id) this.lose(s, `node down: ${e.reason}`, false);
        break;
      case "subscription-gone":
        for (const s of this.subs) if (s.id === e.subscription) this.lose(s, e.reason);
        break;
    }
    this.metrics.nodes.set(this.known.size);
    for (const l of this.nodeListeners) l(e);
  }

  /** The subscription is gone on the RIC's side: wait for its node, or set it up again now. */
  private lose(s: Subscription, reason: string, retryNow = true): void {
    if (s.state === "closed" || s.state === "failed") return;
    this.log("warn", "subscription-lost", { subscription: s.id, node: s.spec.node, reason });
    // deleted at the RIC (not a node gone quiet): gone for the app's other subscriptions sharing it
    // too, none of which may join it again
    if (retryNow) this.shared.forget(s.spec, s.id);
    s.detach();
    if (retryNow && this.known.has(s.spec.node)) void this.establish(s);
    this.countSubscriptions();
  }

  private async establish(s: Subscription): Promise<void> {
    if (s.state === "establishing" || s.state === "closed") return;
    s.state = "establishing";
    let handle: PlatformSubscription;
    try {
      handle = await this.shared.subscribe(s.spec, (bytes) => s.receive(bytes));
    } catch (e) {
      const err = e instanceof SubscriptionError ? e : new SubscriptionError(String(e), true);
      if (s.closed) return;
      s.state = err.retryable ? "waiting" : "failed";
      s.failure = err;
      this.log(err.retryable ? "info" : "error", "subscription-pending", {
        node: s.spec.node,
        ranFunctionId: s.spec.ranFunctionId,
        retryable: err.retryable,
        error: err.message,
      });
      // the RIC was there but could not do it now (e.g. the node just left): the node-up event retries
      this.countSubscriptions();
      return;
    }
    if (s.closed) {
      await handle.close();
      return;
    }
    s.attach(handle);
    this.log("info", "subscribed", { subscription: handle.id, node: s.spec.node, admitted: handle.admitted });
    this.countSubscriptions();
  }

  private countSubscriptions(): void {
    const counts: Record<string, number> = { active: 0, waiting: 0, establishing: 0, failed: 0 };
    for (const s of this.subs) if (s.state in counts) counts[s.state]++;
    for (const [state, n] of Object.entries(counts)) this.metrics.subscriptions.set({ state }, n);
  }

  private codecFor(version: E2apVersion): E2apCodec {
    let c = this.codecs.get(version);
    if (!c) this.codecs.set(version, (c = new E2apCodec({ version })));
    return c;
  }
}

const withModels = (n: NodeInfo): E2Node => ({
  ...n,
  functions: n.ranFunctions.map((f) => ({ ...f, model: modelName(f.oid) })),
});
