/**
 * E2SM-KPM (v03.00, or v02.03 when the RIC wants it) in the simulated gNB: periodic reports of every
 * style. Action format 1 measures the node or one cell (indication format 1), format 2 one UE
 * (format 1), format 3 the UEs meeting conditions per measurement (format 2), formats 4 and 5 each UE
 * meeting common conditions or listed (format 3). Within a report period, one record per granularity
 * period, as the standard asks.
 */
import { SERVICE_MODELS } from "../../e2sm/index.js";
import type { Network } from "../ran/network.js";
import { CELL_MEASURES, type Measure, measureOf, rawMeasure, reported, UE_MEASURES } from "./kpm-measures.js";
import type { NodeContext } from "./node.js";
import {
  type ActionRequest,
  chunks,
  type IndicationOut,
  MAX_LIST,
  Periodic,
  type RanService,
  type Result,
  refuse,
} from "./service.js";

export const KPM_OIDS = { 2: "1.3.6.1.4.1.53148.1.2.2.2", 3: "1.3.6.1.4.1.53148.1.3.2.2" } as const;

const REPORT_STYLES = [
  { type: 1, name: "E2 Node Measurement", action: 1, message: 1, ue: false },
  { type: 2, name: "E2 Node Measurement for a single UE", action: 2, message: 1, ue: true },
  { type: 3, name: "Condition-based, UE-level E2 Node Measurement", action: 3, message: 2, ue: true },
  { type: 4, name: "Common Condition-based, UE-level Measurement", action: 4, message: 3, ue: true },
  { type: 5, name: "E2 Node Measurement for multiple UEs", action: 5, message: 3, ue: true },
] as const;

interface KpmTrigger {
  readonly periodS: number;
}

type Record_ = { integer: number } | { real: number } | { noValue: null };
interface DataItem {
  measRecord: Record_[];
  incompleteFlag?: "true";
}

const actionNotSupported = (reason: string) => refuse({ ricRequest: "action-not-supported" }, reason);

export function kpmService(ctx: NodeContext, version: 2 | 3): RanService<KpmTrigger> {
  const smId = `kpm-v${version}`;
  const net = ctx.net;
  return {
    smId,
    sm: SERVICE_MODELS[smId],
    oid: KPM_OIDS[version],
    definition: () => ({
      "ranFunction-Name": {
        "ranFunction-ShortName": "ORAN-E2SM-KPM",
        "ranFunction-E2SM-OID": KPM_OIDS[version],
        "ranFunction-Description": "KPM Monitor",
      },
      "ric-EventTriggerStyle-List": [
        {
          "ric-EventTriggerStyle-Type": 1,
          "ric-EventTriggerStyle-Name": "Periodic Report",
          "ric-EventTriggerFormat-Type": 1,
        },
      ],
      "ric-ReportStyle-List": REPORT_STYLES.map((s) => ({
        "ric-ReportStyle-Type": s.type,
        "ric-ReportStyle-Name": s.name,
        "ric-ActionFormat-Type": s.action,
        "measInfo-Action-List": (s.ue ? UE_MEASURES : CELL_MEASURES).map((m) => ({ measName: m.name, measID: m.id })),
        "ric-IndicationHeaderFormat-Type": 1,
        "ric-IndicationMessageFormat-Type": s.message,
      })),
    }),
    trigger(value: any): Result<{ trigger: KpmTrigger }> {
      const f1 = value?.["eventDefinition-formats"]?.["eventDefinition-Format1"];
      if (!f1) return refuse({ ricRequest: "unspecified" }, "only event trigger format 1 (periodic) exists");
      return { ok: true, trigger: { periodS: f1.reportingPeriod / 1000 } };
    },
    action(trigger, request) {
      return kpmAction(ctx, version, trigger, request);
    },
  };

  function kpmAction(
    ctx: NodeContext,
    version: 2 | 3,
    trigger: KpmTrigger,
    request: ActionRequest,
  ): Result<{ running: { step(t: number): IndicationOut[]; stop(): void } }> {
    if (request.type !== "report") return actionNotSupported(`KPM has report actions only, not ${request.type}`);
    const def = request.definition as any;
    if (!def) return actionNotSupported("a KPM report action needs an action definition");
    const style = def["ric-Style-Type"];
    const [format, body] = (Object.entries(def["actionDefinition-formats"] ?? {})[0] ?? []) as [string, any];
    const formatNo = Number(String(format).replace("actionDefinition-Format", ""));
    const known = REPORT_STYLES.find((s) => s.type === style);
    if (!known || known.action !== formatNo) {
      return actionNotSupported(`report style ${style} with action format ${formatNo} is not offered`);
    }
    const info = formatNo === 1 || formatNo === 3 ? body : formatNo === 2 ? body.subscriptInfo : body.subscriptionInfo;
    const granulS = (formatNo === 3 ? body.granulPeriod : info.granulPeriod) / 1000;
    if (granulS > trigger.periodS + 1e-9) {
      return actionNotSupported(`granularity period ${granulS * 1000} ms exceeds the report period`);
    }
    if (Math.ceil(trigger.periodS / Math.max(granulS, net.dtS) - 1e-9) > MAX_LIST) {
      return actionNotSupported(`more than ${MAX_LIST} granularity periods in one report`);
    }
    let scopeCell = -1;
    const cgi = formatNo === 3 ? body.cellGlobalID : info.cellGlobalID;
    if (cgi) {
      scopeCell = ctx.cellOf(cgi["nR-CGI"]);
      if (!ctx.hosts(scopeCell)) return actionNotSupported("the cell global id names no cell of this node");
    }
    const level = formatNo === 1 ? "cell" : "ue";
    const measTypes: any[] =
      formatNo === 3 ? body.measCondList.map((c: any) => c.measType) : info.measInfoList.map((i: any) => i.measType);
    const measures: Measure[] = [];
    for (const t of measTypes) {
      const m = measureOf(t);
      if (!m || !(level === "cell" ? m.cell : m.ue)) {
        return actionNotSupported(`no ${level}-level measurement ${t.measName ?? `#${t.measID}`}`);
      }
      measures.push(m);
    }
    const inScope = (u: number) => ctx.serves(u) && (scopeCell < 0 || net.serving[u] === scopeCell);
    const window = new Window(ctx, trigger.periodS, granulS);
    const header = () => ({
      "indicationHeader-formats": {
        "indicationHeader-Format1": {
          colletStartTime: ctx.timestamp(version === 3 ? 8 : 4, window.startS),
          senderName: printable(`twinric ${ctx.node.name}`),
          senderType: "gNB",
          vendorName: "twinric",
        },
      },
    });
    const message = (...messages: unknown[]) => {
      const out = messages.map((m) => ({ type: "report" as const, header: header(), message: m }));
      window.reported(net.timeS);
      return out;
    };

    if (formatNo === 1) {
      const cells = scopeCell >= 0 ? [scopeCell] : ctx.node.cells;
      const meter = new Meter(net, measures, "cell", net.cellCount);
      const data: DataItem[] = [];
      return running((t) => {
        if (window.at(t).sample) data.push({ measRecord: meter.aggregate(cells) });
        if (!window.report) return [];
        return message(format1(data.splice(0), info.measInfoList, info.granulPeriod));
      });
    }

    if (formatNo === 2) {
      const u = ctx.ueOf(body.ueID);
      if (u < 0) return actionNotSupported("the UE id names no UE of the simulation");
      const meter = new Meter(net, measures, "ue", net.ueCount);
      const data: DataItem[] = [];
      return running((t) => {
        if (window.at(t).sample) {
          const served = inScope(u);
          const rec = meter.aggregate([u]);
          data.push(
            served ? { measRecord: rec } : { measRecord: rec.map(() => ({ noValue: null })), incompleteFlag: "true" },
          );
        }
        if (!window.report) return [];
        return message(format1(data.splice(0), info.measInfoList, info.granulPeriod));
      });
    }

    if (formatNo === 3) {
      const conds: Condition[] = [];
      for (const item of body.measCondList) {
        const c = compileConditions(
          item.matchingCond.map((m: any) => ({ choice: m.matchingCondChoice, or: m.logicalOR })),
        );
        if (typeof c === "string") return actionNotSupported(c);
        conds.push(c);
      }
      const meter = new Meter(net, measures, "ue", net.ueCount);
      const data: DataItem[] = [];
      let matched: number[][] = measures.map(() => []);
      return running((t) => {
        if (window.at(t).sample) {
          matched = conds.map((c) => uesWhere(net, (u) => inScope(u) && c(net, u)));
          data.push({ measRecord: measures.map((_, i) => meter.aggregateOne(i, matched[i])) });
          meter.advance();
        }
        if (!window.report) return [];
        return message({
          "indicationMessage-formats": {
            "indicationMessage-Format2": {
              measData: data.splice(0),
              measCondUEidList: body.measCondList.map((item: any, i: number) => ({
                measType: item.measType,
                matchingCond: item.matchingCond,
                // (informative: at most the list's 65,535; the measurement itself covers every UE matched)
                matchingUEidList: matched[i].length
                  ? matched[i].slice(0, MAX_LIST).map((u) => ({ ueID: ctx.ueId(u) }))
                  : undefined,
              })),
              granulPeriod: body.granulPeriod,
            },
          },
        });
      });
    }

    // formats 4 and 5: one format-1 report per UE
    let pick: (u: number) => boolean;
    if (formatNo === 4) {
      const c = compileConditions(
        body.matchingUeCondList.map((m: any) => ({ choice: { testCondInfo: m.testCondInfo }, or: m.logicalOR })),
      );
      if (typeof c === "string") return actionNotSupported(c);
      pick = (u) => inScope(u) && c(net, u);
    } else {
      const listed = new Set<number>();
      for (const item of body.matchingUEidList) {
        const u = ctx.ueOf(item.ueID);
        if (u < 0) return actionNotSupported("a UE id of the list names no UE of the simulation");
        listed.add(u);
      }
      pick = (u) => listed.has(u) && inScope(u);
    }
    const meter = new Meter(net, measures, "ue", net.ueCount);
    const perUe = new Map<number, DataItem[]>();
    return running((t) => {
      if (window.at(t).sample) {
        for (const u of uesWhere(net, pick)) {
          let list = perUe.get(u);
          if (!list) perUe.set(u, (list = []));
          list.push({ measRecord: measures.map((_, i) => meter.aggregateOne(i, [u])) });
        }
        meter.advance();
      }
      if (!window.report || perUe.size === 0) return [];
      const reports = [...perUe].map(([u, measData]) => ({
        ueID: ctx.ueId(u),
        measReport: format1(measData, info.measInfoList, info.granulPeriod)["indicationMessage-formats"][
          "indicationMessage-Format1"
        ],
      }));
      perUe.clear();
      return message(
        ...chunks(reports).map((part) => ({
          "indicationMessage-formats": { "indicationMessage-Format3": { ueMeasReportList: part } },
        })),
      );
    });
  }
}

function format1(measData: DataItem[], measInfoList: unknown, granulPeriod: number) {
  return { "indicationMessage-formats": { "indicationMessage-Format1": { measData, measInfoList, granulPeriod } } };
}

function running(step: (t: number) => IndicationOut[]) {
  return { ok: true as const, running: { step, stop() {} } };
}

function uesWhere(net: Network, pick: (u: number) => boolean): number[] {
  const out: number[] = [];
  for (let u = 0; u < net.ueCount; u++) if (pick(u)) out.push(u);
  return out;
}

/**
 * Report and granularity periods of one action, in simulated time. A report closes the granularity
 * period under way, and the next ones count from the report (periods that do not divide evenly).
 */
class Window {
  private readonly reports: Periodic;
  private samples: Periodic;
  /** Start of the current report's collection. */
  startS: number;
  /** Whether this step ends a granularity period, and whether it ends a report period. */
  sample = false;
  report = false;

  constructor(
    ctx: NodeContext,
    periodS: number,
    private readonly granulS: number,
  ) {
    const now = ctx.net.timeS;
    this.startS = now;
    this.reports = new Periodic(periodS, now);
    this.samples = new Periodic(granulS, now);
  }

  /** Moves to `t`; then `sample` and `report` say what is due. Call once per step. */
  at(t: number): this {
    this.report = this.reports.due(t);
    this.sample = this.samples.due(t) || this.report;
    if (this.report) this.samples = new Periodic(this.granulS, t);
    return this;
  }

  /** The collection of the next report starts now. */
  reported(t: number): void {
    this.startS = t;
  }
}

/**
 * Windowed values of some measurements over cells or UEs: it keeps each target's parts at the last
 * sample, so a sample is the growth since.
 */
class Meter {
  private readonly last: Float64Array[];
  private readonly parts = new Float64Array(2);

  constructor(
    private readonly net: Network,
    private readonly measures: readonly Measure[],
    private readonly level: "cell" | "ue",
    count: number,
  ) {
    this.last = measures.map(() => new Float64Array(count * 2));
    for (let i = 0; i < measures.length; i++) this.read(i, this.last[i], count);
  }

  private read(i: number, into: Float64Array, count: number): void {
    const f = this.level === "cell" ? this.measures[i].cell! : this.measures[i].ue!;
    for (let k = 0; k < count; k++) {
      f(this.net, k, this.parts);
      into[2 * k] = this.parts[0];
      into[2 * k + 1] = this.parts[1];
    }
  }

  /** Every measurement over `targets` since the last sample, then the sample moves on. */
  aggregate(targets: readonly number[]): Record_[] {
    const out = this.measures.map((_, i) => this.aggregateOne(i, targets));
    this.advance();
    return out;
  }

  /** One measurement over `targets` since the last sample (call `advance` once all are taken). */
  aggregateOne(i: number, targets: readonly number[]): Record_ {
    const m = this.measures[i];
    const f = this.level === "cell" ? m.cell! : m.ue!;
    const last = this.last[i];
    let num = 0;
    let den = 0;
    let added = 0;
    let values = 0;
    for (const k of targets) {
      f(this.net, k, this.parts);
      const dNum = this.parts[0] - last[2 * k];
      const dDen = this.parts[1] - last[2 * k + 1];
      if (m.additive) {
        const v = rawMeasure(m, this.net, dNum, dDen);
        if (v !== undefined) {
          added += v;
          values++;
        }
      } else {
        num += dNum;
        den += dDen;
      }
    }
    const v = m.additive
      ? values > 0
        ? added
        : undefined
      : targets.length
        ? rawMeasure(m, this.net, num, den)
        : undefined;
    if (v === undefined) return { noValue: null };
    const r = reported(m, v);
    return m.integer ? { integer: Math.min(r, 4294967295) } : { real: r };
  }

  /** Ends the sample: every target's parts now become the base of the next. */
  advance(): void {
    const count = this.last[0]?.length / 2;
    for (let i = 0; i < this.measures.length; i++) this.read(i, this.last[i], count);
  }
}

// ---- matching conditions ----------------------------------------------------------------------------

type Condition = (net: Network, u: number) => boolean;

/**
 * KPM matching conditions: terms joined by AND, where a term flagged logicalOR is OR-ed with the next
 * (AND binds tighter). Tests on RSRP and CQI are supported; labels match every UE. Returns the reason
 * when a condition cannot be evaluated.
 */
function compileConditions(items: { choice: any; or?: string }[]): Condition | string {
  const clauses: Condition[][] = [[]];
  for (const item of items) {
    const term = compileTerm(item.choice);
    if (typeof term === "string") return term;
    clauses[clauses.length - 1].push(term);
    if (item.or === "true") clauses.push([]);
  }
  const live = clauses.filter((c) => c.length > 0);
  return (net, u) => live.some((clause) => clause.every((t) => t(net, u)));
}

function compileTerm(choice: any): Condition | string {
  if (choice.measLabel) return () => true;
  const info = choice.testCondInfo;
  const [type] = Object.keys(info.testType);
  const read: ((net: Network, u: number) => number) | undefined =
    type === "rSRP" ? (net, u) => net.rsrpDbm[u] : type === "cQI" ? (net, u) => net.cqi[u] : undefined;
  if (!read) return `matching on ${type} is not supported (rSRP and cQI are)`;
  const expr = info.testExpr ?? "present";
  if (expr === "present") return () => true;
  const raw = info.testValue?.valueInt ?? info.testValue?.valueReal;
  if (typeof raw !== "number" && typeof raw !== "bigint") return `test on ${type} needs an integer or real value`;
  const x = Number(raw);
  switch (expr) {
    case "equal":
      return (net, u) => Math.round(read(net, u)) === x;
    case "greaterthan":
      return (net, u) => read(net, u) > x;
    case "lessthan":
      return (net, u) => read(net, u) < x;
    default:
      return `test expression ${expr} is not supported for ${type}`;
  }
}

/** Text as a PrintableString carries it: other characters become '-'. */
function printable(text: string): string {
  return text.replace(/[^A-Za-z0-9 '()+,\-./:=?]/g, "-");
}
