/**
 * A submgr for tests, written from its published REST API (../shared/facts/oran-sc-platform.md §3):
 * POST /ric/v1/subscriptions checked strictly (unknown fields, types, ranges, enums; directives' values
 * when present) answers 201 with only a SubscriptionId, then POSTs one notification per detail to
 * http://<Host>:<HTTPPort>/ric/v1/subscriptions/response, retrying anything but 200; identical bodies
 * get the same id; a Meid marked disconnected is 503. DELETE answers 204 (400 for an unknown id); GET
 * lists. Host names go through `resolve`, standing in for cluster DNS.
 */
import { createHash } from "node:crypto";
import type { Express } from "express";
import { TIME_TO_WAIT } from "../../ric/oran-sc/submgr.js";
import { checker, RestDouble, rejected, strictObject } from "./rest-double.js";

const int = (minimum: number, maximum: number) => ({ type: "integer", minimum, maximum });
const bytes = { type: "array", items: int(0, 255) };

const checkParams = checker(
  strictObject(
    {
      SubscriptionId: { type: "string" },
      ClientEndpoint: strictObject({ Host: { type: "string" }, HTTPPort: int(0, 65535), RMRPort: int(0, 65535) }, [
        "Host",
        "HTTPPort",
        "RMRPort",
      ]),
      Meid: { type: "string" },
      RANFunctionID: int(0, 4095),
      // submgr checks the values whenever the object is there: absent ones are 0, below the timer's range
      E2SubscriptionDirectives: strictObject(
        { E2TimeoutTimerValue: int(1, 10), E2RetryCount: int(0, 10), RMRRoutingNeeded: { type: "boolean" } },
        ["E2TimeoutTimerValue", "E2RetryCount"],
      ),
      SubscriptionDetails: {
        type: "array",
        minItems: 1,
        items: strictObject(
          {
            XappEventInstanceId: int(0, 65535),
            EventTriggers: bytes,
            ActionToBeSetupList: {
              type: "array",
              minItems: 1,
              items: strictObject(
                {
                  ActionID: int(0, 255),
                  ActionType: { enum: ["insert", "policy", "report"] },
                  ActionDefinition: bytes,
                  SubsequentAction: strictObject(
                    { SubsequentActionType: { enum: ["continue", "wait"] }, TimeToWait: { enum: TIME_TO_WAIT } },
                    ["SubsequentActionType", "TimeToWait"],
                  ),
                },
                ["ActionID", "ActionType"],
              ),
            },
          },
          ["XappEventInstanceId", "EventTriggers", "ActionToBeSetupList"],
        ),
      },
    },
    ["ClientEndpoint", "Meid", "RANFunctionID", "SubscriptionDetails"],
  ),
);

interface Params {
  SubscriptionId?: string;
  ClientEndpoint: { Host: string; HTTPPort: number; RMRPort: number };
  Meid: string;
  E2SubscriptionDirectives?: { RMRRoutingNeeded?: boolean };
  SubscriptionDetails: { XappEventInstanceId: number }[];
}

export interface Instance {
  XappEventInstanceId: number;
  E2EventInstanceId: number;
  ErrorCause?: string;
  ErrorSource?: string;
  TimeoutType?: string;
}

export interface HeldSubscription {
  readonly id: string;
  readonly params: Params;
  readonly instances: Instance[];
  /** Whether submgr would have asked rtmgr for an indication route (RMRRoutingNeeded, or no directives). */
  readonly routed: boolean;
}

export interface Notified {
  readonly url: string;
  readonly body: unknown;
  /** The xApp's answer; 0 when it could not be reached. */
  readonly status: number;
}

/** How the next subscription's instances come out. */
export type Outcome = "ok" | { ErrorCause: string; ErrorSource?: string; TimeoutType?: string } | "silent";

export class SubmgrDouble extends RestDouble {
  protected readonly prefix = "/ric/v1";
  readonly subscriptions = new Map<string, HeldSubscription>();
  readonly notifications: Notified[] = [];
  /** Meids whose E2 node is "not connected": 503. */
  readonly disconnected = new Set<string>();
  outcome: Outcome = "ok";
  /** Notify before answering the POST, as submgr may. */
  notifyFirst = false;
  retryCount = 2;
  retryDelayMs = 20;
  private nextInstance = 1;
  private readonly byDigest = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly resolve: (host: string) => string = (h) => h) {
    super();
  }

  protected routes(app: Express): void {
    app.post("/ric/v1/subscriptions", async (req, res) => {
      if (rejected(res, checkParams(req.body))) return;
      const p = req.body as Params;
      if (this.disconnected.has(p.Meid)) {
        res.status(503).json({ message: `E2 node ${p.Meid} is not connected` });
        return;
      }
      if (p.SubscriptionId && !this.subscriptions.has(p.SubscriptionId)) {
        res.status(404).json({ message: `no subscription ${p.SubscriptionId}` });
        return;
      }
      const digest = createHash("md5").update(JSON.stringify(p)).digest("hex");
      const id = p.SubscriptionId || this.byDigest.get(digest) || ksuid();
      this.byDigest.set(digest, id);
      const held = this.hold(id, p);
      const notify = this.track(this.notify(held));
      if (this.notifyFirst) await notify;
      res.status(201).json({ SubscriptionId: id, SubscriptionInstances: null });
    });
    app.delete("/ric/v1/subscriptions/:id", (req, res) => {
      if (!this.subscriptions.delete(req.params.id)) {
        res.status(400).json({ message: `no subscription ${req.params.id}` });
        return;
      }
      res.status(204).end();
    });
    app.get("/ric/v1/subscriptions", (_req, res) => {
      res.json(
        [...this.subscriptions.values()].map((s) => ({
          SubscriptionId: s.instances[0]?.E2EventInstanceId ?? 0,
          Meid: s.params.Meid,
          ClientEndpoint: [`${s.params.ClientEndpoint.Host}:${s.params.ClientEndpoint.HTTPPort}`],
          SubscriptionInstances: s.instances,
        })),
      );
    });
  }

  /** Waits for every notification under way. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  override async close(): Promise<void> {
    await this.settled();
    await super.close();
  }

  private hold(id: string, p: Params): HeldSubscription {
    const o = this.outcome;
    const instances = p.SubscriptionDetails.map((d): Instance => {
      if (o === "ok" || o === "silent") {
        const e2 = this.nextInstance;
        this.nextInstance = (this.nextInstance % 65534) + 1;
        return { XappEventInstanceId: d.XappEventInstanceId, E2EventInstanceId: e2 };
      }
      return { XappEventInstanceId: d.XappEventInstanceId, E2EventInstanceId: 0, ...o };
    });
    const routed = p.E2SubscriptionDirectives === undefined || p.E2SubscriptionDirectives.RMRRoutingNeeded === true;
    const held = { id, params: p, instances, routed };
    this.subscriptions.set(id, held);
    return held;
  }

  private async notify(s: HeldSubscription): Promise<void> {
    if (this.outcome === "silent") return;
    const { Host, HTTPPort } = s.params.ClientEndpoint;
    const url = `http://${this.resolve(Host)}:${HTTPPort}/ric/v1/subscriptions/response`;
    for (const instance of s.instances) {
      const body = { SubscriptionId: s.id, SubscriptionInstances: [instance] };
      for (let attempt = 0; attempt <= this.retryCount; attempt++) {
        const status = await post(url, body);
        this.notifications.push({ url, body, status });
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, this.retryDelayMs));
      }
    }
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p)).catch(() => {});
    return p;
  }
}

async function post(url: string, body: unknown): Promise<number> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(2000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** A KSUID-shaped id: 27 base-62 characters. */
function ksuid(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let s = "";
  for (let i = 0; i < 27; i++) s += alphabet[Math.floor(Math.random() * 62)];
  return s;
}

export const startSubmgrDouble = (resolve?: (host: string) => string) => new SubmgrDouble(resolve).start();
