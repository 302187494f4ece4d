/**
 * The platform of the embedded and the standalone RIC: the bus contract (../bus/contract.ts) on an
 * in-process bus or on NATS. An app's replicas share a queue group named after the app, so each
 * indication reaches one replica of each app; policy events reach every replica.
 */
import { type Bus, BusError, type BusSubscription, jsonBytes, jsonOf } from "../bus/bus.js";
import {
  CONTROL_ERROR,
  type ControlErrorCode,
  type NodeInfo,
  type PolicyEvent,
  type PolicyInstance,
  type PolicyStatus,
  type RicEvent,
  SUBJECTS,
  type SubscribeReply,
  subscriptionKey,
} from "../bus/contract.js";
import {
  type AppIdentity,
  ControlError,
  type PlatformSubscription,
  type RicPlatform,
  SubscriptionError,
  type SubscriptionSpec,
} from "./platform.js";

const REQUEST_TIMEOUT_MS = 5000;
/**
 * Longer than the RIC waits for a node's answer to a subscription (5 s unless configured), so that the
 * RIC's own answer, accepted or timed out, comes first: an app giving up while the RIC still waits
 * would leave the RIC holding a subscription for nobody.
 */
const SUBSCRIBE_TIMEOUT_MS = 10_000;

export class BusPlatform implements RicPlatform {
  private app: AppIdentity | null = null;
  private readonly held: BusSubscription[] = [];

  constructor(readonly bus: Bus) {}

  get description(): string {
    return this.bus.peer === "in-process" ? "embedded" : this.bus.peer;
  }

  async connect(app: AppIdentity, onEvent: (e: RicEvent) => void): Promise<void> {
    this.app = app;
    this.held.push(
      this.bus.subscribe(SUBJECTS.events, (msg) => {
        try {
          onEvent(jsonOf<RicEvent>(msg));
        } catch {
          // a malformed event is the sender's bug; the app keeps running
        }
      }),
    );
    await this.bus.flush();
  }

  async nodes(): Promise<NodeInfo[]> {
    const reply = await this.bus.request(SUBJECTS.nodes, jsonBytes({}), { timeoutMs: REQUEST_TIMEOUT_MS }).catch(noRic);
    return jsonOf<NodeInfo[]>(reply);
  }

  async subscribe(spec: SubscriptionSpec, deliver: (bytes: Uint8Array) => void): Promise<PlatformSubscription> {
    const app = this.identity();
    const key = subscriptionKey(spec);
    // listen first: the first indication may follow the E2 answer closely
    const listening = this.bus.subscribe(SUBJECTS.indication(key), (msg) => deliver(msg.data), { queue: app.name });
    let reply: SubscribeReply;
    try {
      const msg = await this.bus.request(
        SUBJECTS.subAdd,
        jsonBytes({ ...spec, app: app.name, instance: app.instance }),
        { timeoutMs: SUBSCRIBE_TIMEOUT_MS },
      );
      reply = jsonOf<SubscribeReply>(msg);
    } catch (e) {
      listening.unsubscribe();
      throw new SubscriptionError(`no RIC answered the subscription: ${(e as Error).message}`, true);
    }
    if (!reply.ok) {
      listening.unsubscribe();
      throw new SubscriptionError(reply.error, reply.cause === undefined, reply.cause);
    }
    return {
      id: reply.subscription,
      admitted: reply.admitted,
      notAdmitted: reply.notAdmitted,
      release: () => listening.unsubscribe(),
      close: async () => {
        listening.unsubscribe();
        await this.bus
          .request(SUBJECTS.subDel, jsonBytes({ app: app.name, instance: app.instance, subscription: key }), {
            timeoutMs: REQUEST_TIMEOUT_MS,
          })
          .catch(() => {}); // the RIC may be gone; it forgets subscriptions of nodes that go too
      },
    };
  }

  async control(node: string, bytes: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    // the RIC times the node out first and says so; our own limit only covers a RIC that is gone
    const msg = await this.bus.request(SUBJECTS.control(node), bytes, { timeoutMs: timeoutMs + 1000 }).catch(noRic);
    const error = msg.headers?.[CONTROL_ERROR.message];
    if (error !== undefined) {
      throw new ControlError((msg.headers?.[CONTROL_ERROR.code] ?? "invalid") as ControlErrorCode, error);
    }
    return msg.data;
  }

  async policies(
    types: readonly { id: number; name: string; schema?: object }[],
    handle: (e: PolicyEvent) => Promise<{ ok: true } | { ok: false; reason: string }>,
  ): Promise<void> {
    const app = this.identity();
    const verdict = async (e: PolicyEvent) => {
      const r = await handle(e);
      const status: PolicyStatus = {
        app: app.name,
        policyTypeId: e.policyTypeId,
        policyId: e.policyId,
        status: !r.ok ? "ERROR" : e.op === "delete" ? "DELETED" : "OK",
        reason: r.ok ? undefined : r.reason,
      };
      this.bus.publish(SUBJECTS.a1Status, jsonBytes(status));
    };
    for (const t of types) {
      this.held.push(this.bus.subscribe(SUBJECTS.a1Policy(t.id), (msg) => void verdict(jsonOf<PolicyEvent>(msg))));
    }
    this.bus.publish(SUBJECTS.a1Declare, jsonBytes({ app: app.name, policyTypes: types }));
    // the policies set before we came
    for (const t of types) {
      const existing = await this.bus
        .request(SUBJECTS.a1Query(t.id), jsonBytes({}), { timeoutMs: REQUEST_TIMEOUT_MS })
        .then((m) => jsonOf<PolicyInstance[]>(m))
        .catch(() => [] as PolicyInstance[]);
      for (const p of existing) await verdict({ op: "create", ...p });
    }
  }

  async close(): Promise<void> {
    for (const s of this.held) s.unsubscribe();
    this.held.length = 0;
  }

  private identity(): AppIdentity {
    if (!this.app) throw new Error("the platform is not connected yet: call connect() first");
    return this.app;
  }
}

function noRic(e: unknown): never {
  if (e instanceof BusError && (e.kind === "no-responders" || e.kind === "timeout")) {
    throw new ControlError("no-ric", `the RIC does not answer: ${e.message}`);
  }
  throw e;
}
