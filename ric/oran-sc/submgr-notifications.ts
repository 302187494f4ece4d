/**
 * submgr's notifications to the xApp (../shared/facts/oran-sc-platform.md §3): one POST of a
 * SubscriptionResponse per subscription detail to `/ric/v1/subscriptions/response`, mapping the
 * xApp's XappEventInstanceId to the E2EventInstanceId, which is the RMR sub_id its indications carry.
 * submgr retries anything but 200, and may notify before its 201 to the subscribe has been read, so
 * outcomes are kept (bounded) and `ready()` finds one that came early.
 */
import { Ajv } from "ajv";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { SubscriptionFailedError, SubscriptionTimeoutError } from "./errors.js";
import type { SubscriptionResponse } from "./submgr.js";

export const NOTIFICATION_PATH = "/ric/v1/subscriptions/response";
/** How many outcomes are kept (the oldest go first): one per subscription instance the xApp holds. */
export const DEFAULT_MAX_KEPT_OUTCOMES = 4096;

export interface SubscriptionOutcome {
  readonly subscriptionId: string;
  readonly xappEventInstanceId: number;
  /** The RMR sub_id of this instance's indications; 0 when it failed. */
  readonly e2EventInstanceId: number;
  /** submgr's rule: an E2 instance id and no ErrorCause. */
  readonly ok: boolean;
  readonly errorCause?: string;
  readonly errorSource?: string;
  readonly timeoutType?: string;
}

const ID = { type: "integer", minimum: 0, maximum: 65535 };
const notificationSchema = {
  type: "object",
  required: ["SubscriptionId", "SubscriptionInstances"],
  properties: {
    SubscriptionId: { type: "string", minLength: 1 },
    SubscriptionInstances: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["XappEventInstanceId", "E2EventInstanceId"],
        properties: {
          XappEventInstanceId: ID,
          E2EventInstanceId: ID,
          ErrorCause: { type: "string" },
          ErrorSource: { type: "string" },
          TimeoutType: { type: "string" },
        },
      },
    },
  },
};
const validate = new Ajv({ allErrors: true }).compile<SubscriptionResponse>(notificationSchema);

/** A notification body checked; otherwise every problem worded as `body/<pointer> <reason>`. */
export function checkNotification(
  body: unknown,
): { ok: true; value: SubscriptionResponse } | { ok: false; message: string } {
  if (validate(body)) return { ok: true, value: body };
  const message = (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? "is invalid"}`).join(", ");
  return { ok: false, message };
}

interface Waiter {
  readonly done: (o: SubscriptionOutcome) => void;
}

const keyOf = (subscriptionId: string, xappEventInstanceId: number) => `${subscriptionId}/${xappEventInstanceId}`;

/** Outcomes by subscription and instance, by sub_id, and the waits for them. */
export class SubscriptionNotifications {
  private readonly outcomes = new Map<string, SubscriptionOutcome>();
  private readonly bySubIdMap = new Map<number, SubscriptionOutcome>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly listeners = new Set<(o: SubscriptionOutcome) => void>();

  constructor(private readonly maxKept = DEFAULT_MAX_KEPT_OUTCOMES) {}

  /** Records a (checked) notification and tells listeners and waiters. */
  record(n: SubscriptionResponse): SubscriptionOutcome[] {
    const out = (n.SubscriptionInstances ?? []).map((i): SubscriptionOutcome => {
      const ok = i.E2EventInstanceId !== 0 && !i.ErrorCause;
      return {
        subscriptionId: n.SubscriptionId,
        xappEventInstanceId: i.XappEventInstanceId,
        e2EventInstanceId: i.E2EventInstanceId,
        ok,
        ...(i.ErrorCause ? { errorCause: i.ErrorCause } : {}),
        ...(i.ErrorSource ? { errorSource: i.ErrorSource } : {}),
        ...(i.TimeoutType ? { timeoutType: i.TimeoutType } : {}),
      };
    });
    for (const o of out) this.keep(o);
    return out;
  }

  /** The outcome of an instance, if its notification came. */
  outcome(subscriptionId: string, xappEventInstanceId: number): SubscriptionOutcome | undefined {
    return this.outcomes.get(keyOf(subscriptionId, xappEventInstanceId));
  }

  /** The subscription instance an RMR message's sub_id belongs to. */
  bySubId(subId: number): SubscriptionOutcome | undefined {
    return this.bySubIdMap.get(subId);
  }

  /** Calls `listener` for every outcome from now on; returns the way to stop. */
  onOutcome(listener: (o: SubscriptionOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the instance's outcome once it succeeded (at once if it already came); rejects with
   * SubscriptionFailedError if submgr reports it failed, SubscriptionTimeoutError after `timeoutMs`.
   */
  ready(subscriptionId: string, xappEventInstanceId: number, timeoutMs: number): Promise<SubscriptionOutcome> {
    const settle = (o: SubscriptionOutcome) =>
      o.ok
        ? Promise.resolve(o)
        : Promise.reject(
            new SubscriptionFailedError(
              subscriptionId,
              xappEventInstanceId,
              o.errorCause ?? "",
              o.errorSource,
              o.timeoutType,
            ),
          );
    const known = this.outcome(subscriptionId, xappEventInstanceId);
    if (known) return settle(known);
    const key = keyOf(subscriptionId, xappEventInstanceId);
    return new Promise<SubscriptionOutcome>((resolve, reject) => {
      const set = this.waiters.get(key) ?? new Set<Waiter>();
      this.waiters.set(key, set);
      const waiter: Waiter = {
        done: (o) => {
          clearTimeout(timer);
          settle(o).then(resolve, reject);
        },
      };
      const timer = setTimeout(() => {
        set.delete(waiter);
        if (set.size === 0) this.waiters.delete(key);
        reject(new SubscriptionTimeoutError(subscriptionId, xappEventInstanceId, timeoutMs));
      }, timeoutMs);
      set.add(waiter);
    });
  }

  /** Drops what is kept of a subscription (after unsubscribing). */
  forget(subscriptionId: string): void {
    for (const [key, o] of this.outcomes) if (o.subscriptionId === subscriptionId) this.drop(key, o);
  }

  private keep(o: SubscriptionOutcome): void {
    const key = keyOf(o.subscriptionId, o.xappEventInstanceId);
    const old = this.outcomes.get(key);
    if (old) this.drop(key, old); // a repeat moves to the newest place
    this.outcomes.set(key, o);
    if (o.ok) this.bySubIdMap.set(o.e2EventInstanceId, o);
    for (const [k, oldest] of this.outcomes) {
      if (this.outcomes.size <= this.maxKept) break;
      this.drop(k, oldest);
    }
    const waiting = this.waiters.get(key);
    this.waiters.delete(key);
    for (const w of waiting ?? []) w.done(o);
    for (const l of this.listeners) {
      try {
        l(o);
      } catch {
        // a listener's failure is its own: submgr must still get its 200
      }
    }
  }

  private drop(key: string, o: SubscriptionOutcome): void {
    this.outcomes.delete(key);
    if (this.bySubIdMap.get(o.e2EventInstanceId) === o) this.bySubIdMap.delete(o.e2EventInstanceId);
  }
}

/**
 * The xApp's notification endpoint (mount at the root of its HTTP server): a good notification is
 * recorded and answered 200, exactly what submgr wants; anything else 400 with what is wrong.
 */
export function subscriptionNotificationRouter(notifications: SubscriptionNotifications): Router {
  const router = Router();
  // submgr sends application/json; parse whatever type it says, so a missing header is no reason to retry
  router.post(NOTIFICATION_PATH, express.json({ type: () => true, limit: "1mb" }), (req, res) => {
    const checked = checkNotification(req.body);
    if (!checked.ok) {
      badRequest(res, checked.message);
      return;
    }
    notifications.record(checked.value);
    res.status(200).end();
  });
  router.use(NOTIFICATION_PATH, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === "entity.parse.failed") badRequest(res, `body is not JSON: ${e.message}`);
    else if (typeof e.status === "number" && e.status >= 400 && e.status < 500)
      res
        .status(e.status)
        .json({ statusCode: e.status, code: "SUBMGR_NOTIFICATION_INVALID", message: `body: ${e.message}` });
    else next(err);
  });
  return router;
}

function badRequest(res: Response, message: string): void {
  res.status(400).json({ statusCode: 400, code: "SUBMGR_NOTIFICATION_INVALID", message });
}
