/**
 * The SDK's platform for an O-RAN SC near-RT RIC (../shared/facts/oran-sc-platform.md), so an xApp
 * written against ../sdk/xapp.ts runs there unchanged:
 *
 *   - RMR (§1): the data port (4560) carries indications, controls, A1 and health checks; the control
 *     port (4561) takes rtmgr's route tables; a seed file (RMR_SEED_RT) routes until the first comes.
 *   - subscriptions (§3) go over submgr's REST API; its notification, which the app's HTTP server must
 *     serve (`routers()`), names the E2EventInstanceId that RIC_INDICATIONs carry as RMR sub_id.
 *   - controls (§2) go to e2term by %meid routing; the answer (RIC_CONTROL_ACK / FAILURE) is matched
 *     to its request by the E2AP RICrequestID it carries back.
 *   - A1 (§5) over RMR; appmgr (§4) registration when its URL is given.
 *   - E2 nodes: O-RAN SC tells xApps nothing of them over RMR. Given `e2mgrUrl`, they are discovered
 *     from e2mgr's REST API (e2mgr.ts, node-discovery.ts): listed on connect, then polled every
 *     `e2mgrPollMs`, each change a node-up / node-down / node-updated event. Nodes may also be
 *     configured (`nodes`): those are always there, as configured, whatever e2mgr says.
 *
 *   const platform = new OranScPlatform({ name: "kpimon", submgrUrl, e2mgrUrl: DEFAULT_E2MGR_URL });
 *   // or, without e2mgr: nodes: [{ id: "gnb_001_001_00000001", ranFunctions: [{ id: 2, oid: KPM_V2_OID }] }]
 *   const app = await XApp.start({ name: "kpimon", platform });
 *   await serveApps({ apps: [app], routers: platform.routers() });
 */

import type { Router } from "express";
import { E2apCodec, type E2apVersion } from "../../e2sm/index.js";
import { type NodeInfo, type PolicyEvent, type RicEvent, unb64 } from "../bus/contract.js";
import { NO_SUB_ID } from "../rmr/frame.js";
import { serveHealthChecks } from "../rmr/health.js";
import { MTYPES } from "../rmr/mtypes.js";
import { loadSeedRoutes, RMRRM_TABLE_DATA, serveRouteTables } from "../rmr/route-control.js";
import { RouteTables } from "../rmr/routes.js";
import { RmrTransport } from "../rmr/transport.js";
import { silentLog } from "../sdk/log.js";
import {
  type AppIdentity,
  ControlError,
  type PlatformSubscription,
  type RicPlatform,
  SubscriptionError,
  type SubscriptionSpec,
} from "../sdk/platform.js";
import type { Log } from "../services/e2-termination.js";
import { plmnOfRanName } from "../services/ran-name.js";
import { A1RmrEndpoint } from "./a1-rmr.js";
import {
  AppmgrClient,
  type DeregisterRequest,
  registeredEndpoints,
  registerRequest,
  type XappDescriptor,
  type XappNaming,
  xappConfigRouter,
  xappEndpoints,
} from "./appmgr.js";
import { E2mgrClient } from "./e2mgr.js";
import { FieldError, RicHttpError, SubscriptionFailedError, SubscriptionTimeoutError } from "./errors.js";
import { NodeDiscovery, type NodeEvent, withConfigured } from "./node-discovery.js";
import { SubmgrClient, subscribeAndWait, subscriptionParams } from "./submgr.js";
import { SubscriptionNotifications, subscriptionNotificationRouter } from "./submgr-notifications.js";

const { RIC_INDICATION, RIC_CONTROL_REQ, RIC_CONTROL_ACK, RIC_CONTROL_FAILURE } = MTYPES;

/** An E2 node as configured: its RAN name (the meid) and the RAN functions it offers. */
export interface ConfiguredNode {
  readonly id: string;
  readonly ranFunctions: readonly {
    readonly id: number;
    readonly oid: string;
    readonly revision?: number;
    /** The E2SM RAN function definition, base64, when the deployment has it (kpimon reads cells there). */
    readonly definition?: string;
  }[];
}

export interface OranScPlatformOptions {
  /** The descriptor's name (default: the app's name): the Service names hang on it (appmgr.ts). */
  readonly name?: string;
  /** Default ricxapp: appmgr assumes it whatever we say. */
  readonly namespace?: string;
  /** The port the app's HTTP server listens on (submgr notifies there); default 8080. */
  readonly httpPort?: number;
  /** RMR data port, default 4560; 0 listens on any free one (tests) and announces that one. */
  readonly rmrPort?: number;
  /** RMR control port for rtmgr's tables, default 4561; 0 as above. */
  readonly routePort?: number;
  /** Where RMR listens (default RMR_BIND_IF, else all interfaces). */
  readonly host?: string;
  /** The name put in RMR's src, where peers answer (default RMR_SRC_ID, else the app's RMR Service). */
  readonly srcName?: string;
  /** submgr's API base, `…/ric/v1` (default: the platform's service). */
  readonly submgrUrl?: string;
  /** appmgr's API base: given, the app registers on connect and deregisters on close. */
  readonly appmgrUrl?: string;
  /** The xApp descriptor (config-file.json): registered with appmgr and served on /ric/v1/config. */
  readonly descriptor?: XappDescriptor;
  /** A static route table file (default RMR_SEED_RT; "" or neither set: none). */
  readonly seedRoutes?: string;
  /**
   * E2 nodes and their RAN functions as the deployment knows them: always there (one node-up each on
   * connect), as configured, even when e2mgr reports them otherwise. Give these, `e2mgrUrl`, or both.
   */
  readonly nodes?: readonly ConfiguredNode[];
  /** e2mgr's API base, `…/v1` (e2mgr.ts DEFAULT_E2MGR_URL in a cluster): given, E2 nodes are discovered there. */
  readonly e2mgrUrl?: string;
  /** How long between two looks at e2mgr (ms, default 5,000). */
  readonly e2mgrPollMs?: number;
  /** E2AP version of the RIC's e2term (O-RAN SC's speaks 2). */
  readonly e2ap?: E2apVersion;
  /** How long submgr may take to notify a subscription's outcome (ms, default 10,000). */
  readonly subscribeTimeoutMs?: number;
  /**
   * After a subscription failed for a reason that may pass (node not connected, a timeout), the node
   * is announced again after this long (ms, default 5,000), which makes the SDK try again: nothing
   * tells when a configured node is back (for a discovered one, its node-up does too).
   */
  readonly retryDelayMs?: number;
  readonly log?: Log;
}

interface PendingControl {
  readonly meid: string;
  readonly requestor: number;
  readonly instance: number;
  /** The node's answer, or why none will come. */
  readonly settle: (answer: Uint8Array | ControlError) => void;
}

const controlKey = (meid: string, requestor: number, instance: number) => `${meid}/${requestor}/${instance}`;

export class OranScPlatform implements RicPlatform {
  readonly description = "oran-sc";
  readonly notifications = new SubscriptionNotifications();
  private readonly submgr: SubmgrClient;
  private readonly appmgr: AppmgrClient | undefined;
  private readonly discovery: NodeDiscovery | undefined;
  private readonly codec: E2apCodec;
  private readonly log: Log;
  private readonly names: string[] = [];
  /** The route tables: seed file first, then rtmgr's. */
  readonly routes = new RouteTables({ names: this.names });
  private data: RmrTransport | null = null;
  private ctl: RmrTransport | null = null;
  private app: AppIdentity | null = null;
  private onEvent: (e: RicEvent) => void = () => {};
  private connectedAt = "";
  private registered: DeregisterRequest | null = null;
  private a1: A1RmrEndpoint | null = null;
  private a1Unrouted = false;
  /** sub_id (E2EventInstanceId) -> where its indications go. */
  private readonly indications = new Map<number, (bytes: Uint8Array) => void>();
  /** XappEventInstanceId -> deliver, while submgr has not yet answered (its notification may come first). */
  private readonly subscribing = new Map<number, (bytes: Uint8Array) => void>();
  private nextXappEventInstanceId = 1;
  private readonly open = new Set<PlatformSubscription>();
  private readonly controls = new Map<string, PendingControl>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly stopListening: () => void;
  private readonly routerList: readonly Router[];
  private closed = false;

  constructor(private readonly options: OranScPlatformOptions) {
    this.submgr = new SubmgrClient({ baseUrl: options.submgrUrl });
    this.appmgr = options.appmgrUrl !== undefined ? new AppmgrClient({ baseUrl: options.appmgrUrl }) : undefined;
    if (this.appmgr && !options.descriptor)
      throw new FieldError("OranScPlatform", "descriptor", "is needed to register with appmgr");
    if (options.descriptor && options.name !== undefined && options.descriptor.name !== options.name)
      // appmgr names the RMR Service after the descriptor; submgr's Host after our name: they must agree
      throw new FieldError("OranScPlatform", "name", `must be the descriptor's name '${options.descriptor.name}'`);
    if (options.nodes === undefined && options.e2mgrUrl === undefined)
      throw new FieldError("OranScPlatform", "nodes", "must be given, or e2mgrUrl, or both: E2 nodes come from there");
    const poll = options.e2mgrPollMs;
    if (poll !== undefined && !(Number.isInteger(poll) && poll > 0))
      throw new FieldError("OranScPlatform", "e2mgrPollMs", `must be a positive integer (ms), got ${poll}`);
    this.codec = new E2apCodec({ version: options.e2ap ?? 2 });
    this.log = options.log ?? silentLog;
    this.discovery =
      options.e2mgrUrl === undefined
        ? undefined
        : new NodeDiscovery({
            e2mgr: new E2mgrClient({ baseUrl: options.e2mgrUrl }),
            e2ap: this.codec.version,
            periodMs: poll,
            log: this.log,
            onEvent: (e) => this.discovered(e),
          });
    this.routerList = [
      subscriptionNotificationRouter(this.notifications),
      ...(options.descriptor ? [xappConfigRouter(options.descriptor)] : []),
    ];
    // a notification may come before submgr's 201 is read: map the sub_id as soon as it names it
    this.stopListening = this.notifications.onOutcome((o) => {
      const deliver = this.subscribing.get(o.xappEventInstanceId);
      if (deliver && o.ok) this.indications.set(o.e2EventInstanceId, deliver);
    });
  }

  /** The routes to mount on the app's HTTP server (serveApps `routers`): submgr's notifications, the config. */
  routers(): readonly Router[] {
    return this.routerList;
  }

  /** The RMR ports listened on, once connected (0 in the options picks free ones). */
  get ports(): { readonly rmr: number; readonly route: number } | undefined {
    return this.data && this.ctl ? { rmr: this.data.port, route: this.ctl.port } : undefined;
  }

  async connect(app: AppIdentity, onEvent: (e: RicEvent) => void): Promise<void> {
    if (this.data) throw new Error("the platform is already connected");
    this.app = app;
    this.onEvent = onEvent;
    const host = this.options.host ?? process.env.RMR_BIND_IF ?? "0.0.0.0";
    const src = this.options.srcName ?? process.env.RMR_SRC_ID?.replace(/:\d+$/, "") ?? this.naming(4560).rmrService;
    try {
      this.data = await RmrTransport.start({
        name: src,
        port: this.options.rmrPort ?? 4560,
        host,
        routes: this.routes,
      });
      this.ctl = await RmrTransport.start({
        name: src,
        port: this.options.routePort ?? 4561,
        host,
        routes: this.routes,
      });
      // route entries naming us as sender are ours, and we never route to ourselves
      this.names.push(this.data.src, this.ctl.src);
      serveRouteTables(this.ctl, this.routes);
      this.ctl.onMessage((m) => {
        // after serveRouteTables' handler: the table is in; A1 queries that found no route go now
        if (m.mtype === RMRRM_TABLE_DATA && this.a1Unrouted && this.routes.ready) void this.queryPolicies();
      });
      const seed = this.options.seedRoutes ?? process.env.RMR_SEED_RT;
      if (seed) {
        const refused = (await loadSeedRoutes(this.routes, seed)).filter((a) => a.startsWith("ERR"));
        if (refused.length) throw new Error(`seed routes ${seed}: ${refused.join("; ")}`);
      }
      serveHealthChecks(
        this.data,
        () => (this.closed ? "closing" : undefined),
        (e) => this.log("warn", "health-check-answer-failed", { error: e.message }),
      );
      this.data.onMessage((m) => {
        if (m.mtype === RIC_INDICATION) this.indication(m.subId, m.payload);
        else if (m.mtype === RIC_CONTROL_ACK || m.mtype === RIC_CONTROL_FAILURE) this.controlAnswer(m.meid, m.payload);
      });
      if (this.appmgr && this.options.descriptor) {
        const naming = this.naming(this.data.port);
        const request = registerRequest({
          descriptor: this.options.descriptor,
          ...registeredEndpoints(process.env, naming),
        });
        // one try: an app that cannot register gets no routes; failing start lets Kubernetes restart it
        await this.appmgr.register(request);
        this.registered = { appName: request.appName, appInstanceName: request.appInstanceName };
      }
    } catch (e) {
      await this.close();
      throw e;
    }
    this.connectedAt = new Date().toISOString();
    for (const n of this.configured()) onEvent({ kind: "node-up", node: n });
    // the first look's node-ups come before connect resolves; an e2mgr not there yet is logged, not fatal
    await this.discovery?.start();
    this.log("info", "oran-sc-connected", { rmr: this.data.src, control: this.ctl.src, routed: this.routes.ready });
  }

  async nodes(): Promise<NodeInfo[]> {
    return this.currentNodes();
  }

  async subscribe(spec: SubscriptionSpec, deliver: (bytes: Uint8Array) => void): Promise<PlatformSubscription> {
    const data = this.connected();
    const xappEventInstanceId = this.freshXappEventInstanceId();
    let params: ReturnType<typeof subscriptionParams>;
    try {
      params = subscriptionParams({
        xapp: this.naming(data.port),
        meid: spec.node,
        ranFunctionId: spec.ranFunctionId,
        // one detail, with an id of its own: identical bodies would share one submgr subscription,
        // and one app's DELETE would end the other's
        details: [
          {
            xappEventInstanceId,
            eventTrigger: unb64(spec.eventTrigger),
            actions: spec.actions.map((a) => ({
              id: a.id,
              type: a.type,
              ...(a.definition ? { definition: unb64(a.definition) } : {}),
            })),
          },
        ],
      });
    } catch (e) {
      throw new SubscriptionError((e as Error).message, false);
    }
    this.subscribing.set(xappEventInstanceId, deliver);
    let subscriptionId: string;
    let subId: number;
    try {
      const ready = await subscribeAndWait(
        this.submgr,
        this.notifications,
        params,
        this.options.subscribeTimeoutMs ?? 10_000,
      );
      subscriptionId = ready.subscriptionId;
      subId = ready.instances[0].e2EventInstanceId;
    } catch (e) {
      const failedId = (e as { subscriptionId?: string }).subscriptionId;
      for (const [id, d] of this.indications) if (d === deliver) this.indications.delete(id);
      if (failedId) {
        // submgr may hold half of it (a timeout): let it go
        this.notifications.forget(failedId);
        void this.submgr.unsubscribe(failedId).catch(() => {});
      }
      const err = subscriptionError(e);
      if (err.retryable) this.retryLater(spec.node);
      throw err;
    } finally {
      this.subscribing.delete(xappEventInstanceId);
    }
    if (this.closed) {
      await this.submgr.unsubscribe(subscriptionId).catch(() => {});
      throw new SubscriptionError("the platform closed", true);
    }
    this.indications.set(subId, deliver);
    const handle: PlatformSubscription = {
      id: subscriptionId,
      // submgr's notification does not say which actions the node admitted: all are taken as admitted
      admitted: spec.actions.map((a) => a.id),
      notAdmitted: [],
      release: () => {
        if (this.indications.get(subId) === deliver) this.indications.delete(subId);
      },
      close: async () => {
        if (!this.open.delete(handle)) return;
        if (this.indications.get(subId) === deliver) this.indications.delete(subId);
        this.notifications.forget(subscriptionId);
        await this.submgr.unsubscribe(subscriptionId).catch((e: Error) => {
          // submgr may be gone; it drops subscriptions of nodes that go too
          this.log("warn", "unsubscribe-failed", { subscription: subscriptionId, error: e.message });
        });
      },
    };
    this.open.add(handle);
    return handle;
  }

  async control(node: string, bytes: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (!this.data || this.closed) throw new ControlError("no-ric", "the platform is not connected");
    const data = this.data;
    let requestor: number;
    let instance: number;
    try {
      const msg = this.codec.decode(bytes);
      if (msg.procedure !== "RICcontrol" || msg.kind !== "initiatingMessage") throw new Error(`a ${msg.procedure}`);
      ({ ricRequestorID: requestor, ricInstanceID: instance } = msg.ies.RICrequestID);
    } catch (e) {
      throw new ControlError("invalid", `not a RIC Control Request: ${(e as Error).message}`);
    }
    const key = controlKey(node, requestor, instance);
    if (this.controls.has(key))
      throw new ControlError("duplicate-request-id", `a control ${requestor}/${instance} to ${node} is pending`);
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.controls.delete(key);
        reject(new ControlError("timeout", `E2 node ${node} did not answer the control in ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (answer: Uint8Array | ControlError) => {
        clearTimeout(timer);
        this.controls.delete(key);
        if (answer instanceof ControlError) reject(answer);
        else resolve(answer);
      };
      this.controls.set(key, { meid: node, requestor, instance, settle });
      const fail = (why: string) => settle(new ControlError("no-ric", why));
      // e2term's table entry routes by meid (%meid) to the e2term holding the node
      data.send({ mtype: RIC_CONTROL_REQ, subId: NO_SUB_ID, meid: node, payload: bytes }).then(
        (to) => {
          if (to.length === 0) fail(`no RMR route for RIC_CONTROL_REQ to ${node} (no route table, or node unknown)`);
        },
        (e: Error) => fail(`cannot send the control to ${node}: ${e.message}`),
      );
    });
  }

  async policies(
    types: readonly { id: number; name: string; schema?: object }[],
    handle: (e: PolicyEvent) => Promise<{ ok: true } | { ok: false; reason: string }>,
  ): Promise<void> {
    const data = this.connected();
    const app = this.app as AppIdentity;
    if (this.a1) throw new Error("policies() was called already");
    const handled = new Set(types.map((t) => t.id));
    // rtmgr routes A1_POLICY_REQ by the descriptor's rmr.policies; the JSON schemas live in the mediator
    this.a1 = new A1RmrEndpoint(data, {
      handlerId: `${app.name}-${app.instance}`,
      policyTypeIds: [...handled],
      handle: async (r) => {
        if (!handled.has(r.policyTypeId))
          return { ok: false, reason: `${app.name} does not handle policy type ${r.policyTypeId}` };
        const e: PolicyEvent =
          r.operation === "DELETE"
            ? { op: "delete", policyTypeId: r.policyTypeId, policyId: r.policyInstanceId }
            : {
                op: r.operation === "CREATE" ? "create" : "update",
                policyTypeId: r.policyTypeId,
                policyId: r.policyInstanceId,
                policy: r.payload,
              };
        return handle(e);
      },
      onError: (e) => this.log("warn", "a1-answer-failed", { error: e.message }),
    });
    this.recordQueries(await this.a1.start());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.discovery?.stop();
    this.stopListening();
    for (const t of this.retries.values()) clearTimeout(t);
    this.retries.clear();
    for (const s of [...this.open]) await s.close();
    for (const c of [...this.controls.values()]) c.settle(new ControlError("no-ric", "the platform closed"));
    if (this.registered && this.appmgr) {
      await this.appmgr.deregister(this.registered).catch((e: Error) => {
        this.log("warn", "deregister-failed", { error: e.message });
      });
      this.registered = null;
    }
    await Promise.all([this.data?.close(), this.ctl?.close()]);
    this.indications.clear();
  }

  // ---- inside ----

  private connected(): RmrTransport {
    if (!this.data || this.closed) throw new Error("the platform is not connected: call connect() first");
    return this.data;
  }

  private naming(rmrPort: number): XappNaming & ReturnType<typeof xappEndpoints> {
    const x: XappNaming = {
      name: this.options.name ?? this.options.descriptor?.name ?? this.app?.name ?? "",
      namespace: this.options.namespace,
      httpPort: this.options.httpPort,
      rmrPort,
      routePort: this.ctl?.port ?? this.options.routePort,
    };
    return { ...x, ...xappEndpoints(x) };
  }

  private configured(): NodeInfo[] {
    return (this.options.nodes ?? []).map((n) => ({
      id: n.id,
      e2ap: this.codec.version,
      plmn: plmnOfRanName(n.id),
      // O-RAN SC keeps the definitions in R-NIB: "" unless configured; none is needed to subscribe
      ranFunctions: n.ranFunctions.map((f) => ({
        id: f.id,
        oid: f.oid,
        revision: f.revision ?? 1,
        definition: f.definition ?? "",
      })),
      peer: "e2term",
      connectedAt: this.connectedAt,
    }));
  }

  /** The configured nodes, then those e2mgr has up. */
  private currentNodes(): NodeInfo[] {
    return withConfigured(this.configured(), this.discovery?.nodes() ?? []);
  }

  /** A change e2mgr reported: configured nodes stay as configured, so theirs go unheard. */
  private discovered(e: NodeEvent): void {
    if (this.closed || this.options.nodes?.some((n) => n.id === e.node.id)) return;
    this.onEvent(e);
  }

  private freshXappEventInstanceId(): number {
    // 1..65535, skipping ids still waiting for their notification
    for (;;) {
      const id = this.nextXappEventInstanceId;
      this.nextXappEventInstanceId = (id % 65535) + 1;
      if (!this.subscribing.has(id)) return id;
    }
  }

  private indication(subId: number, payload: Uint8Array): void {
    const deliver = this.indications.get(subId);
    if (!deliver) return; // a subscription just closed, or another replica's: nothing to do
    deliver(payload);
  }

  private controlAnswer(meid: string, payload: Uint8Array): void {
    let requestor: number;
    let instance: number;
    try {
      ({ ricRequestorID: requestor, ricInstanceID: instance } = this.codec.decode(payload).ies.RICrequestID);
    } catch (e) {
      this.log("warn", "control-answer-unreadable", { node: meid, error: (e as Error).message });
      return;
    }
    // e2term sets the meid; should one come without, the request id alone still finds it
    const pending =
      this.controls.get(controlKey(meid, requestor, instance)) ??
      (meid === ""
        ? [...this.controls.values()].find((c) => c.requestor === requestor && c.instance === instance)
        : undefined);
    if (!pending) {
      this.log("warn", "control-answer-unmatched", { node: meid, requestor, instance });
      return;
    }
    pending.settle(payload);
  }

  /** Announces the node again later, so the SDK retries the subscriptions that wait for it. */
  private retryLater(node: string): void {
    if (this.closed || this.retries.has(node)) return;
    const timer = setTimeout(() => {
      this.retries.delete(node);
      // looked up now: a node that went down meanwhile is not announced (its node-up will be)
      const info = this.currentNodes().find((n) => n.id === node);
      if (info && !this.closed) this.onEvent({ kind: "node-updated", node: info });
    }, this.options.retryDelayMs ?? 5000);
    this.retries.set(node, timer);
  }

  private async queryPolicies(): Promise<void> {
    if (!this.a1 || this.closed) return;
    this.a1Unrouted = false;
    this.recordQueries(await this.a1.query().catch(() => [[]]));
  }

  /** A query with no route yet (no table came) is sent again when rtmgr's table arrives. */
  private recordQueries(sentTo: string[][]): void {
    this.a1Unrouted = sentTo.some((to) => to.length === 0);
    if (this.a1Unrouted) this.log("info", "a1-query-unrouted", {});
  }
}

/** submgr's failures as the SDK's: may asking again help? */
function subscriptionError(e: unknown): SubscriptionError {
  if (e instanceof SubscriptionError) return e;
  if (e instanceof SubscriptionFailedError) {
    // the node refused, or the request could not be encoded: asking again gets the same answer;
    // rtmgr, dbaas and timeouts may pass
    const refused = !e.timeoutType && (e.errorSource === "E2Node" || e.errorSource === "ASN1");
    return new SubscriptionError(e.message, !refused);
  }
  if (e instanceof SubscriptionTimeoutError) return new SubscriptionError(e.message, true);
  if (e instanceof RicHttpError) {
    // no answer, 503 (node not connected or resetting), 5xx: later; 400/404: our request is wrong
    return new SubscriptionError(e.message, e.status === 0 || e.status >= 500);
  }
  if (e instanceof FieldError) return new SubscriptionError(e.message, false);
  return new SubscriptionError(String((e as Error)?.message ?? e), true);
}
