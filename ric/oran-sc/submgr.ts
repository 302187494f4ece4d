/**
 * The xApp side of submgr's REST API (../shared/facts/oran-sc-platform.md §3): subscribe, unsubscribe
 * and list, with the API's own JSON names and casing. submgr answers a subscribe with only an id; the
 * E2 instance id (the RMR sub_id the indications will carry) comes later in a notification, which
 * submgr-notifications.ts receives. `subscribeAndWait` joins the two.
 */
import { type XappNaming, xappEndpoints } from "./appmgr.js";
import { FieldError, RicHttpError } from "./errors.js";
import { apiBase, callJson, type RestClientOptions } from "./http.js";
import type { SubscriptionNotifications, SubscriptionOutcome } from "./submgr-notifications.js";

/** submgr's REST server as the frameworks reach it (pod port 8088; the 3800 service is headless). */
export const DEFAULT_SUBMGR_URL = "http://service-ricplt-submgr-http.ricplt:8088/ric/v1";
export const DEFAULT_SUBSCRIBE_TIMEOUT_MS = 30_000;

export const TIME_TO_WAIT = [
  "zero",
  "w1ms",
  "w2ms",
  "w5ms",
  "w10ms",
  "w20ms",
  "w30ms",
  "w40ms",
  "w50ms",
  "w100ms",
  "w200ms",
  "w500ms",
  "w1s",
  "w2s",
  "w5s",
  "w10s",
  "w20s",
  "w60s",
] as const;
export type TimeToWait = (typeof TIME_TO_WAIT)[number];
export type ActionType = "insert" | "policy" | "report";
export type SubsequentActionType = "continue" | "wait";

// ---- the API's types, names as on the wire ----

export interface ClientEndpoint {
  readonly Host: string;
  readonly HTTPPort: number;
  readonly RMRPort: number;
}

export interface ActionToBeSetup {
  readonly ActionID: number;
  readonly ActionType: ActionType;
  /** E2SM action definition bytes, one integer each. */
  readonly ActionDefinition?: readonly number[];
  readonly SubsequentAction?: { readonly SubsequentActionType: SubsequentActionType; readonly TimeToWait: TimeToWait };
}

export interface SubscriptionDetail {
  readonly XappEventInstanceId: number;
  /** E2SM event trigger bytes, one integer each. */
  readonly EventTriggers: readonly number[];
  readonly ActionToBeSetupList: readonly ActionToBeSetup[];
}

export interface SubscriptionParams {
  readonly SubscriptionId?: string;
  readonly ClientEndpoint: ClientEndpoint;
  readonly Meid: string;
  readonly RANFunctionID: number;
  readonly E2SubscriptionDirectives?: {
    readonly E2TimeoutTimerValue: number;
    readonly E2RetryCount: number;
    readonly RMRRoutingNeeded: boolean;
  };
  readonly SubscriptionDetails: readonly SubscriptionDetail[];
}

export interface SubscriptionInstance {
  readonly XappEventInstanceId: number;
  /** The RMR sub_id of this instance's traffic; 0 when it failed. */
  readonly E2EventInstanceId: number;
  readonly ErrorCause?: string;
  readonly ErrorSource?: string;
  readonly TimeoutType?: string;
}

/** What POST answers (SubscriptionInstances null) and what a notification carries (one instance). */
export interface SubscriptionResponse {
  readonly SubscriptionId: string;
  readonly SubscriptionInstances: readonly SubscriptionInstance[] | null;
}

/** An entry of GET /subscriptions (its SubscriptionId is an integer, unlike POST's). */
export interface SubscriptionData {
  readonly SubscriptionId: number;
  readonly Meid: string;
  readonly ClientEndpoint: readonly string[];
  readonly SubscriptionInstances: readonly SubscriptionInstance[] | null;
}

// ---- building a request ----

export interface SubscriptionRequest {
  /** The xApp: Host and ports follow its Service names (submgr and rtmgr match them as strings). */
  readonly xapp: XappNaming;
  readonly meid: string;
  readonly ranFunctionId: number;
  /** Re-use an id (e.g. after a restart); omitted, submgr allocates one. */
  readonly subscriptionId?: string;
  readonly e2TimeoutS?: number;
  readonly e2RetryCount?: number;
  readonly details: readonly {
    readonly xappEventInstanceId: number;
    readonly eventTrigger: Uint8Array | readonly number[];
    readonly actions: readonly {
      readonly id: number;
      readonly type: ActionType;
      readonly definition?: Uint8Array | readonly number[];
      readonly subsequent?: { readonly type: SubsequentActionType; readonly timeToWait: TimeToWait };
    }[];
  }[];
}

/**
 * SubscriptionParams from our names, every range checked. Directives always go, with RMRRoutingNeeded
 * true: present but without it, submgr creates no route for the indications.
 */
export function subscriptionParams(r: SubscriptionRequest): SubscriptionParams {
  const fail = (field: string, reason: string): never => {
    throw new FieldError("SubscriptionParams", field, reason);
  };
  const int = (field: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi)
      fail(field, `must be an integer ${lo}..${hi}, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const bytes = (field: string, b: Uint8Array | readonly number[]) => {
    if (!(b instanceof Uint8Array) && !Array.isArray(b)) fail(field, "must be bytes (a Uint8Array or an array)");
    const out = Array.from(b);
    out.forEach((v, i) => int(`${field}[${i}]`, v, 0, 255));
    return out;
  };
  if (typeof r.meid !== "string" || r.meid === "" || r.meid.length > 31)
    fail("Meid", `must be a RAN name of 1..31 characters, got ${JSON.stringify(r.meid)}`);
  if (!Array.isArray(r.details) || r.details.length === 0) fail("SubscriptionDetails", "must hold at least one detail");
  const seen = new Set<number>();
  const details = r.details.map((d, i): SubscriptionDetail => {
    const at = `SubscriptionDetails[${i}]`;
    const id = int(`${at}.XappEventInstanceId`, d.xappEventInstanceId, 0, 65535);
    // notifications are told apart by this id: two details with one id could not be mapped back
    if (seen.has(id)) fail(`${at}.XappEventInstanceId`, `${id} is used by an earlier detail`);
    seen.add(id);
    if (!Array.isArray(d.actions) || d.actions.length === 0)
      fail(`${at}.ActionToBeSetupList`, "must hold at least one action");
    return {
      XappEventInstanceId: id,
      EventTriggers: bytes(`${at}.EventTriggers`, d.eventTrigger),
      ActionToBeSetupList: d.actions.map((a, j) => {
        const aat = `${at}.ActionToBeSetupList[${j}]`;
        if (!["insert", "policy", "report"].includes(a.type))
          fail(`${aat}.ActionType`, `must be insert, policy or report, got ${JSON.stringify(a.type)}`);
        const s = a.subsequent;
        if (s && !["continue", "wait"].includes(s.type))
          fail(
            `${aat}.SubsequentAction.SubsequentActionType`,
            `must be continue or wait, got ${JSON.stringify(s.type)}`,
          );
        if (s && !TIME_TO_WAIT.includes(s.timeToWait))
          fail(
            `${aat}.SubsequentAction.TimeToWait`,
            `must be one of ${TIME_TO_WAIT.join(", ")}, got ${JSON.stringify(s.timeToWait)}`,
          );
        return {
          ActionID: int(`${aat}.ActionID`, a.id, 0, 255),
          ActionType: a.type,
          ...(a.definition ? { ActionDefinition: bytes(`${aat}.ActionDefinition`, a.definition) } : {}),
          ...(s ? { SubsequentAction: { SubsequentActionType: s.type, TimeToWait: s.timeToWait } } : {}),
        };
      }),
    };
  });
  const names = xappEndpoints(r.xapp);
  return {
    ...(r.subscriptionId ? { SubscriptionId: r.subscriptionId } : {}),
    ClientEndpoint: { Host: names.httpService, HTTPPort: names.httpPort, RMRPort: names.rmrPort },
    Meid: r.meid,
    RANFunctionID: int("RANFunctionID", r.ranFunctionId, 0, 4095),
    E2SubscriptionDirectives: {
      E2TimeoutTimerValue: int("E2SubscriptionDirectives.E2TimeoutTimerValue", r.e2TimeoutS ?? 2, 1, 10),
      E2RetryCount: int("E2SubscriptionDirectives.E2RetryCount", r.e2RetryCount ?? 2, 0, 10),
      RMRRoutingNeeded: true,
    },
    SubscriptionDetails: details,
  };
}

// ---- the client ----

/** submgr's API base (baseUrl), `…/ric/v1` (default: the platform's service). */
export type SubmgrClientOptions = RestClientOptions;

export class SubmgrClient {
  private readonly baseUrl: string;

  constructor(private readonly options: SubmgrClientOptions = {}) {
    this.baseUrl = apiBase(options, DEFAULT_SUBMGR_URL);
  }

  /** POST /subscriptions, answered 201 with the subscription's id (its instances come by notification). */
  async subscribe(params: SubscriptionParams): Promise<SubscriptionResponse> {
    const url = `${this.baseUrl}/subscriptions`;
    const body = await this.call("POST", url, 201, params);
    const id = (body as { SubscriptionId?: unknown } | undefined)?.SubscriptionId;
    if (typeof id !== "string" || id === "")
      throw new RicHttpError(
        `submgr POST ${url} answered 201 without a SubscriptionId`,
        "POST",
        url,
        201,
        JSON.stringify(body),
      );
    return { SubscriptionId: id, SubscriptionInstances: (body as SubscriptionResponse).SubscriptionInstances ?? null };
  }

  /** DELETE /subscriptions/{id}, answered 204. */
  async unsubscribe(subscriptionId: string): Promise<void> {
    if (typeof subscriptionId !== "string" || subscriptionId === "")
      throw new FieldError("unsubscribe", "subscriptionId", "must be a non-empty string");
    const url = `${this.baseUrl}/subscriptions/${encodeURIComponent(subscriptionId)}`;
    await callJson({
      service: "submgr",
      method: "DELETE",
      url,
      expect: [204],
      timeoutMs: this.options.timeoutMs,
      parseBody: false,
    });
  }

  /** GET /subscriptions: every subscription submgr holds. */
  async list(): Promise<SubscriptionData[]> {
    const url = `${this.baseUrl}/subscriptions`;
    const body = await this.call("GET", url, 200);
    if (!Array.isArray(body))
      throw new RicHttpError(
        `submgr GET ${url} answered 200 with something not a list`,
        "GET",
        url,
        200,
        JSON.stringify(body),
      );
    return body as SubscriptionData[];
  }

  private call(method: "GET" | "POST" | "DELETE", url: string, status: number, body?: unknown): Promise<unknown> {
    return callJson({ service: "submgr", method, url, body, expect: [status], timeoutMs: this.options.timeoutMs });
  }
}

export interface ReadySubscription {
  readonly subscriptionId: string;
  /** One per SubscriptionDetail, in order: each one's E2EventInstanceId is its indications' sub_id. */
  readonly instances: readonly SubscriptionOutcome[];
}

/**
 * Subscribes and waits for every detail's notification. Rejects with the first failure
 * (SubscriptionFailedError, SubscriptionTimeoutError); the subscription id is on the error, to
 * unsubscribe what may have been set up.
 */
export async function subscribeAndWait(
  client: SubmgrClient,
  notifications: SubscriptionNotifications,
  params: SubscriptionParams,
  timeoutMs = DEFAULT_SUBSCRIBE_TIMEOUT_MS,
): Promise<ReadySubscription> {
  const { SubscriptionId } = await client.subscribe(params);
  const instances = await Promise.all(
    params.SubscriptionDetails.map((d) => notifications.ready(SubscriptionId, d.XappEventInstanceId, timeoutMs)),
  );
  return { subscriptionId: SubscriptionId, instances };
}
