/**
 * Identical subscriptions of one app instance share one platform subscription: the RIC knows an app
 * instance as one subscriber (it would merge them anyway), and on NATS the app's subscriptions share
 * its queue group, where two listeners on one subject would split the indications between them. So
 * the app asks the platform once per distinct request, hands every indication to each of its
 * subscriptions, and unsubscribes at the RIC when the last of them closes.
 */
import { subscriptionKey } from "../bus/contract.js";
import type { PlatformSubscription, RicPlatform, SubscriptionSpec } from "./platform.js";

type Deliver = (bytes: Uint8Array) => void;

interface Shared {
  readonly receivers: Set<Deliver>;
  readonly handle: Promise<PlatformSubscription>;
  /** The platform subscription's id, once it is set up. */
  id?: string;
  /** The RIC deleted it: the last member to leave has nothing to unsubscribe. */
  gone?: boolean;
}

export class SharedSubscriptions {
  private readonly byKey = new Map<string, Shared>();

  constructor(private readonly platform: RicPlatform) {}

  async subscribe(spec: SubscriptionSpec, deliver: Deliver): Promise<PlatformSubscription> {
    const key = subscriptionKey(spec);
    let shared = this.byKey.get(key);
    if (!shared) {
      const receivers = new Set<Deliver>();
      const handle = this.platform.subscribe(spec, (bytes) => {
        for (const r of receivers) r(bytes);
      });
      shared = { receivers, handle };
      this.byKey.set(key, shared);
    }
    const s = shared;
    s.receivers.add(deliver);
    let handle: PlatformSubscription;
    try {
      handle = await s.handle;
      s.id = handle.id;
    } catch (e) {
      s.receivers.delete(deliver);
      if (this.byKey.get(key) === s) this.byKey.delete(key);
      throw e;
    }
    /** Leaves the shared subscription; true when it was the last one, which ends the platform's. */
    const leave = (): boolean => {
      if (!s.receivers.delete(deliver) || s.receivers.size > 0) return false;
      if (this.byKey.get(key) === s) this.byKey.delete(key);
      return true;
    };
    return {
      id: handle.id,
      admitted: handle.admitted,
      notAdmitted: handle.notAdmitted,
      release: () => {
        if (leave()) handle.release();
      },
      close: async () => {
        if (!leave()) return;
        if (s.gone) handle.release();
        else await handle.close();
      },
    };
  }

  /**
   * The RIC deleted the platform subscription `id`: it is gone for every member, so the next
   * subscribe for its request sets up a new one instead of joining it, and the members leaving it
   * unsubscribe nothing at the RIC (where a new identical one may already be under way).
   */
  forget(spec: SubscriptionSpec, id: string): void {
    const key = subscriptionKey(spec);
    const s = this.byKey.get(key);
    if (s?.id !== id) return;
    s.gone = true;
    this.byKey.delete(key);
  }
}
