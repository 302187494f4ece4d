/**
 * What the SDK needs from a RIC platform, so one xApp runs on all three: the embedded RIC and the
 * standalone one (both through the bus contract, bus-platform.ts) and O-RAN SC (RMR, submgr, appmgr,
 * a1mediator). Payloads cross it as E2AP bytes, as they cross O-RAN SC's RMR: the SDK encodes and
 * decodes, the platform carries.
 */
import type { Cause, ControlErrorCode, NodeInfo, PolicyEvent, RicEvent, SubscribeRequest } from "../bus/contract.js";

export interface AppIdentity {
  readonly name: string;
  /** This replica: several may run under one name and share the load. */
  readonly instance: string;
}

export interface PlatformSubscription {
  readonly id: string;
  readonly admitted: readonly number[];
  readonly notAdmitted: readonly { id: number; cause: Cause }[];
  /** Unsubscribes at the RIC and stops delivery. */
  close(): Promise<void>;
  /** Stops delivery only, leaving the RIC as it is (it restarted: the old one is gone, or it is this one). */
  release(): void;
}

export type SubscriptionSpec = Omit<SubscribeRequest, "app" | "instance">;

export interface RicPlatform {
  /** `embedded`, `nats://host:port`, `oran-sc`: for logs and the health endpoint. */
  readonly description: string;
  /** Starts talking to the RIC as `app`; `onEvent` hears nodes come and go and the RIC restart. */
  connect(app: AppIdentity, onEvent: (e: RicEvent) => void): Promise<void>;
  nodes(): Promise<NodeInfo[]>;
  /** Sets up an E2 subscription; `deliver` gets each RICindication's E2AP bytes. */
  subscribe(spec: SubscriptionSpec, deliver: (bytes: Uint8Array) => void): Promise<PlatformSubscription>;
  /** Sends a RIC Control Request (E2AP bytes) and resolves with the node's answer (E2AP bytes). */
  control(node: string, bytes: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
  /** Declares the policy types this app handles; `handle` gets each policy event and says OK or why not. */
  policies(
    types: readonly { id: number; name: string; schema?: object }[],
    handle: (e: PolicyEvent) => Promise<{ ok: true } | { ok: false; reason: string }>,
  ): Promise<void>;
  close(): Promise<void>;
}

/** Why a subscription could not be set up: the node is not there (retry later) or refused it. */
export class SubscriptionError extends Error {
  override readonly name = "SubscriptionError";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly e2Cause?: Cause,
  ) {
    super(message);
  }
}

/** A control that got no E2 answer: timed out, node gone, refused by the RIC. */
export class ControlError extends Error {
  override readonly name = "ControlError";
  constructor(
    readonly code: ControlErrorCode | "no-ric",
    message: string,
  ) {
    super(message);
  }
}
