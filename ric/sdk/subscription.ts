/**
 * One E2 subscription of an app: what was asked (kept, to ask again after a loss), its state, and its
 * indications, decoded, either to a callback or through an async iterator over a bounded buffer (when
 * the app falls behind, the oldest are dropped and counted: memory stays bounded).
 */
import type { E2apCodec, ServiceModel } from "../../e2sm/index.js";
import type { Log } from "../services/e2-termination.js";
import { decodePayload } from "./e2-payloads.js";
import type { AppMetrics } from "./metrics.js";
import type { PlatformSubscription, SubscriptionError, SubscriptionSpec } from "./platform.js";

export interface SubscriptionOptions {
  readonly node: string;
  /** RAN function id, OID, or model short name (kpm, rc, bm, csi). */
  readonly ranFunction: number | string;
  /** The E2SM event trigger: a value of the model's type, or its bytes. */
  readonly eventTrigger: unknown;
  readonly actions: readonly { id: number; type?: "report" | "insert" | "policy"; definition?: unknown }[];
  /** Called for each indication instead of buffering them for the iterator. */
  readonly onIndication?: (ind: Indication) => void;
  /** How many indications the iterator buffers (default 10,000). */
  readonly buffer?: number;
}

export interface Indication {
  readonly node: string;
  readonly subscription: string;
  readonly ranFunctionId: number;
  readonly actionId: number;
  readonly type: "report" | "insert";
  readonly sn?: number;
  readonly header: any;
  readonly message: any;
  /** Decoded, for inserts; `callProcessIdBytes` goes back in the answering control. */
  readonly callProcessId?: any;
  readonly callProcessIdBytes?: Uint8Array;
  /** performance.now() when it reached the app: a decision's latency starts here. */
  readonly receivedAt: number;
}

export type SubscriptionState = "establishing" | "active" | "waiting" | "failed" | "closed";

export class Subscription implements AsyncIterable<Indication> {
  state: SubscriptionState = "waiting";
  failure?: SubscriptionError;
  private handle: PlatformSubscription | null = null;
  private readonly buffered: Indication[] = [];
  private wake: (() => void) | null = null;
  private readonly limit: number;

  constructor(
    readonly spec: SubscriptionSpec,
    private readonly sm: ServiceModel,
    private readonly options: SubscriptionOptions,
    private readonly codec: E2apCodec,
    private readonly metrics: AppMetrics,
    private readonly log: Log,
    private readonly onClose: (s: Subscription) => void,
  ) {
    this.limit = options.buffer ?? 10_000;
  }

  /** The RIC's key for it (identical subscriptions of several apps share one). */
  get id(): string {
    return this.handle?.id ?? "";
  }

  get closed(): boolean {
    return this.state === "closed";
  }

  get admitted(): readonly number[] {
    return this.handle?.admitted ?? [];
  }

  attach(handle: PlatformSubscription): void {
    this.handle = handle;
    this.state = "active";
    this.failure = undefined;
  }

  /** Lost on the RIC's side: stop listening (and unsubscribe, when the RIC is still ours), wait to be set up again. */
  detach(tellRic = true): void {
    const h = this.handle;
    this.handle = null;
    this.state = "waiting";
    if (tellRic) void h?.close();
    else h?.release();
  }

  receive(bytes: Uint8Array): void {
    const receivedAt = performance.now();
    let ind: Indication;
    try {
      const msg = this.codec.decode(bytes);
      const ies = msg.ies;
      ind = {
        node: this.spec.node,
        subscription: this.id,
        ranFunctionId: ies.RANfunctionID,
        actionId: ies.RICactionID,
        type: ies.RICindicationType,
        sn: ies.RICindicationSN,
        header: decodePayload(this.sm, "RICindicationHeader", ies.RICindicationHeader),
        message: decodePayload(this.sm, "RICindicationMessage", ies.RICindicationMessage),
        callProcessId: decodePayload(this.sm, "RICcallProcessID", ies.RICcallProcessID),
        callProcessIdBytes: ies.RICcallProcessID,
        receivedAt,
      };
    } catch (e) {
      this.metrics.decodeErrors.inc();
      this.log("warn", "indication-decode-error", { node: this.spec.node, error: (e as Error).message });
      return;
    }
    this.metrics.indications.inc({ node: this.spec.node, ran_function: this.spec.ranFunctionId });
    if (this.options.onIndication) {
      try {
        this.options.onIndication(ind);
      } catch (e) {
        this.log("error", "indication-handler-threw", { node: this.spec.node, error: String(e) });
      }
      return;
    }
    if (this.buffered.length >= this.limit) {
      this.buffered.shift();
      this.metrics.indicationsDropped.inc();
    }
    this.buffered.push(ind);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Indication> {
    if (this.options.onIndication) throw new Error("this subscription delivers to its onIndication callback");
    while (this.state !== "closed" || this.buffered.length) {
      if (this.buffered.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        continue;
      }
      yield this.buffered.shift() as Indication;
    }
  }

  async close(): Promise<void> {
    if (this.state === "closed") return;
    this.state = "closed";
    const h = this.handle;
    this.handle = null;
    this.wake?.();
    this.onClose(this);
    await h?.close();
  }
}
