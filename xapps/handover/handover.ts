/**
 * The handover app, twin-free: on every node it answers RC insert style 3 (the node asks before an A3
 * handover) with an RC handover control, accept or reject (decide.ts), judged on the UE's last KPM
 * report (RSRP, SINR). Its thresholds come from A1 policies of type 20101.
 */
import type { PolicyEvent } from "../../ric/bus/contract.js";
import type { Indication } from "../../ric/sdk/subscription.js";
import { ControlRefused, type E2Node, type PolicyTypeSpec, type XApp } from "../../ric/sdk/xapp.js";
import { kpmRecords, kpmTrigger, kpmUeAction, ueLabel } from "../common/kpm.js";
import { NetworkClock } from "../common/network-clock.js";
import { handoverControl, handoverRequestOf, rcHandoverInsertAction, rcHandoverInsertTrigger } from "../common/rc.js";
import { decideHandover, HANDOVER_DEFAULTS, type HandoverThresholds } from "./decide.js";

export const HANDOVER_POLICY_TYPE: PolicyTypeSpec = {
  id: 20101,
  name: "twinric handover thresholds",
  schema: {
    type: "object",
    additionalProperties: false,
    properties: {
      keepRsrpDbm: { type: "number", minimum: -156, maximum: -31 },
      keepSinrDb: { type: "number", minimum: -23, maximum: 40 },
      minStayMs: { type: "number", minimum: 0, maximum: 600000 },
      forceRsrpDbm: { type: "number", minimum: -156, maximum: -31 },
    },
  },
};

export interface HandoverStats {
  /** UE measurement reports taken in (KPM, one per UE per report). */
  ueReports: number;
  requests: number;
  accepted: number;
  rejectedServingGood: number;
  rejectedPingPong: number;
  /** Handovers the RIC made: accepts the node acknowledged. */
  done: number;
  failed: number;
}

interface UeState {
  rsrpDbm?: number;
  sinrDb?: number;
  lastMoveMs?: number;
  seenMs: number;
}

const MAX_UES = 100_000;
const UE_STALE_MS = 60_000;

export class HandoverApp {
  thresholds: HandoverThresholds = HANDOVER_DEFAULTS;
  readonly stats: HandoverStats = {
    ueReports: 0,
    requests: 0,
    accepted: 0,
    rejectedServingGood: 0,
    rejectedPingPong: 0,
    done: 0,
    failed: 0,
  };
  private readonly ues = new Map<string, UeState>();
  /** The time handovers and stays are counted in (the nodes' KPM time stamps). */
  private readonly clock = new NetworkClock();
  private readonly watched = new Set<string>();
  private lastPruneMs = 0;

  private constructor(
    readonly app: XApp,
    private readonly periodMs: number,
  ) {}

  static async start(app: XApp, options: { periodMs?: number; thresholds?: Partial<HandoverThresholds> } = {}) {
    const h = new HandoverApp(app, options.periodMs ?? 500);
    h.thresholds = { ...HANDOVER_DEFAULTS, ...options.thresholds };
    app.onEvent((e) => {
      if (e.kind === "node-up") void h.watch(e.node as E2Node).catch((err) => h.failed(e.node.id, err));
    });
    for (const node of await app.nodes()) await h.watch(node).catch((err) => h.failed(node.id, err));
    return h;
  }

  /** The A1 policy handler (pass to XApp.start's `policies`). */
  static policies(get: () => HandoverApp | undefined) {
    return {
      types: [HANDOVER_POLICY_TYPE],
      handle: (e: PolicyEvent) => {
        const h = get();
        if (!h) throw new Error("the handover app is not started yet");
        h.thresholds = e.op === "delete" ? HANDOVER_DEFAULTS : { ...HANDOVER_DEFAULTS, ...(e.policy as object) };
        h.app.log("info", "handover-thresholds", { ...h.thresholds, policyId: e.policyId, op: e.op });
      },
    };
  }

  private failed(node: string, err: unknown): void {
    this.app.log("error", "handover-subscribe-failed", { node, error: (err as Error).message ?? String(err) });
  }

  async watch(node: { id: string }): Promise<void> {
    if (this.watched.has(node.id)) return;
    this.watched.add(node.id);
    await this.app.subscribe({
      node: node.id,
      ranFunction: "kpm",
      eventTrigger: kpmTrigger(this.periodMs),
      actions: [{ id: 1, definition: kpmUeAction(["RSRP", "SINR"], this.periodMs) }],
      onIndication: (ind) => this.ueReport(ind),
    });
    await this.app.subscribe({
      node: node.id,
      ranFunction: "rc",
      eventTrigger: rcHandoverInsertTrigger(),
      actions: [{ id: 1, type: "insert", definition: rcHandoverInsertAction() }],
      onIndication: (ind) => void this.answer(ind),
    });
  }

  private ueReport(ind: Indication): void {
    this.clock.observe(ind.header);
    // wall time for forgetting silent UEs: it bounds memory, not decisions
    const now = performance.now();
    for (const r of kpmRecords(ind.message)) {
      this.stats.ueReports++;
      const key = ueLabel(r.ue);
      let s = this.ues.get(key);
      if (!s) {
        if (this.ues.size >= MAX_UES) continue;
        this.ues.set(key, (s = { seenMs: now }));
      }
      s.seenMs = now;
      if (r.values.RSRP !== undefined) s.rsrpDbm = r.values.RSRP;
      if (r.values.SINR !== undefined) s.sinrDb = r.values.SINR;
    }
    if (now - this.lastPruneMs > UE_STALE_MS) {
      this.lastPruneMs = now;
      for (const [k, s] of this.ues) if (now - s.seenMs > UE_STALE_MS) this.ues.delete(k);
    }
  }

  private async answer(ind: Indication): Promise<void> {
    const req = handoverRequestOf(ind.header, ind.message);
    if (!req || ind.type !== "insert") return;
    this.stats.requests++;
    const key = ueLabel(req.ueId);
    const now = this.clock.nowMs();
    const decision = decideHandover(this.ues.get(key), now, this.thresholds);
    if (decision.accept) this.stats.accepted++;
    else if (decision.reason === "ping-pong") this.stats.rejectedPingPong++;
    else this.stats.rejectedServingGood++;
    const control = handoverControl(req.ueId, decision.accept ? "accept" : "reject", req.target);
    try {
      await this.app.control(ind.node, {
        ranFunction: ind.ranFunctionId,
        ...control,
        callProcessId: ind.callProcessIdBytes,
        since: ind.receivedAt,
      });
      if (decision.accept) {
        this.stats.done++;
        const s = this.ues.get(key) ?? { seenMs: performance.now() };
        s.lastMoveMs = this.clock.nowMs();
        if (this.ues.size < MAX_UES) this.ues.set(key, s);
      }
    } catch (e) {
      this.stats.failed++;
      if (!(e instanceof ControlRefused)) return; // counted and logged by the SDK
      this.app.log("info", "handover-refused", { node: ind.node, ue: key, cause: e.e2Cause });
    }
  }
}
