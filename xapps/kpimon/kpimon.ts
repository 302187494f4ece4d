/**
 * kpimon: KPM on every E2 node, as Prometheus metrics. Per cell (the cells a node announces in its
 * E2SM-BM definition; the node as a whole when it announces none) and per UE (report style 4: every
 * UE the node measures). Nodes that come later are subscribed when they come; UEs not reported for a
 * while are dropped from the metrics, and at most `maxUes` UEs are exported (cardinality stays bounded).
 */
import { Gauge } from "prom-client";
import { BM_OID, decodeSm } from "../../e2sm/index.js";
import type { E2Node, XApp } from "../../ric/sdk/xapp.js";
import { kpmCellAction, kpmRecords, kpmTrigger, kpmUeAction, ueLabel } from "../common/kpm.js";

export interface KpimonOptions {
  /** Report period (ms, default 1000). */
  readonly periodMs?: number;
  readonly cellMeasurements?: readonly string[];
  readonly ueMeasurements?: readonly string[];
  /** Most UEs exported at once (default 1000). */
  readonly maxUes?: number;
  /** A UE not reported for this long leaves the metrics (ms, default 10 s). */
  readonly ueStaleMs?: number;
}

export const KPIMON_DEFAULTS = {
  periodMs: 1000,
  cellMeasurements: ["DRB.UEThpDl", "RRU.PrbUsedDl", "RRU.PrbAvailDl", "RRC.ConnMean", "DRB.MeanActiveUeDl"],
  ueMeasurements: ["DRB.UEThpDl", "RSRP", "SINR", "CQI"],
  maxUes: 1000,
  ueStaleMs: 10_000,
} as const;

export class Kpimon {
  readonly cellKpi: Gauge<"node" | "cell" | "kpi">;
  readonly ueKpi: Gauge<"node" | "ue" | "kpi">;
  /** Reports taken in, for the demo's summary. */
  reports = 0;
  private readonly lastSeen = new Map<string, { node: string; ue: string; atMs: number }>();
  private readonly subscribed = new Set<string>();
  private readonly o: Required<KpimonOptions>;

  private constructor(
    readonly app: XApp,
    options: KpimonOptions,
  ) {
    this.o = { ...KPIMON_DEFAULTS, ...options } as Required<KpimonOptions>;
    this.cellKpi = new Gauge({
      name: "kpimon_cell_kpi",
      help: 'KPM measurement of a cell (or of a whole node: cell="all"), last reporting period',
      labelNames: ["node", "cell", "kpi"],
      registers: [app.metrics.registry],
    });
    this.ueKpi = new Gauge({
      name: "kpimon_ue_kpi",
      help: "KPM measurement of a UE (by AMF UE NGAP id), last reporting period",
      labelNames: ["node", "ue", "kpi"],
      registers: [app.metrics.registry],
    });
  }

  static async start(app: XApp, options: KpimonOptions = {}): Promise<Kpimon> {
    const k = new Kpimon(app, options);
    app.onEvent((e) => {
      if (e.kind === "node-up") void k.watch(e.node as E2Node).catch((err) => k.failed(e.node.id, err));
    });
    for (const node of await app.nodes()) await k.watch(node).catch((err) => k.failed(node.id, err));
    return k;
  }

  private failed(node: string, err: unknown): void {
    this.app.log("error", "kpimon-subscribe-failed", { node, error: (err as Error).message ?? String(err) });
  }

  /** Subscribes to a node's cells and UEs, once: the SDK sets them up again when the node comes back. */
  async watch(node: E2Node | { id: string; ranFunctions: E2Node["ranFunctions"] }): Promise<void> {
    if (this.subscribed.has(node.id)) return;
    this.subscribed.add(node.id);
    const { periodMs } = this.o;
    const cells = cellsOf(node);
    const targets = cells.length ? cells : [{ label: "all", cgi: undefined }];
    for (const cell of targets) {
      await this.app.subscribe({
        node: node.id,
        ranFunction: "kpm",
        eventTrigger: kpmTrigger(periodMs),
        actions: [{ id: 1, definition: kpmCellAction(this.o.cellMeasurements, periodMs, cell.cgi) }],
        onIndication: (ind) => this.cellReport(node.id, cell.label, ind.message),
      });
    }
    await this.app.subscribe({
      node: node.id,
      ranFunction: "kpm",
      eventTrigger: kpmTrigger(periodMs),
      actions: [{ id: 1, definition: kpmUeAction(this.o.ueMeasurements, periodMs) }],
      onIndication: (ind) => this.ueReport(node.id, ind.message),
    });
  }

  private cellReport(node: string, cell: string, message: unknown): void {
    for (const r of kpmRecords(message)) {
      this.reports++;
      for (const [kpi, v] of Object.entries(r.values)) this.cellKpi.set({ node, cell, kpi }, v);
    }
  }

  private ueReport(node: string, message: unknown): void {
    const now = performance.now();
    for (const r of kpmRecords(message)) {
      this.reports++;
      const ue = ueLabel(r.ue);
      const key = `${node}/${ue}`;
      if (!this.lastSeen.has(key) && this.lastSeen.size >= this.o.maxUes) continue;
      this.lastSeen.set(key, { node, ue, atMs: now });
      for (const [kpi, v] of Object.entries(r.values)) this.ueKpi.set({ node, ue, kpi }, v);
    }
    for (const [key, s] of this.lastSeen) {
      if (now - s.atMs < this.o.ueStaleMs) continue;
      this.lastSeen.delete(key);
      for (const kpi of this.o.ueMeasurements) this.ueKpi.remove({ node: s.node, ue: s.ue, kpi });
    }
  }
}

/** The cells a node announces: E2SM-BM's definition lists them with their NR CGIs. */
function cellsOf(node: { ranFunctions: E2Node["ranFunctions"] }): { label: string; cgi: any }[] {
  const bm = node.ranFunctions.find((f) => f.oid === BM_OID);
  if (!bm) return [];
  try {
    const def = decodeSm("bm", "E2SM-BM-RANFunctionDefinition", Buffer.from(bm.definition, "base64"));
    return (def.cells ?? []).map((c: any) => ({ label: nciHex(c.cellGlobalID?.nRCellIdentity), cgi: c.cellGlobalID }));
  } catch {
    return [];
  }
}

const nciHex = (bits: { bits: Uint8Array; length: number } | undefined): string => {
  if (!bits) return "?";
  let v = 0n;
  for (const b of bits.bits) v = (v << 8n) | BigInt(b);
  return (v >> BigInt(bits.bits.length * 8 - bits.length)).toString(16).padStart(9, "0");
};
