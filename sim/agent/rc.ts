/**
 * E2SM-RC v01.03 in the simulated gNB: report style 4 ("UE Information": RRC state changes, event
 * trigger format 4, RAN parameter 202), handover control (control style 3 "Connected Mode Mobility
 * Control", action 1 "Handover Control") and insert style 3 ("Connected Mode Mobility Control
 * Request"): when A3 triggers a handover for a UE of this node and a RIC subscribed to the insert, the
 * node asks the RIC (event trigger format 2, call process type 3 "Mobility Management", breakpoint 1
 * "Handover Preparation") and waits for its control until the network's RIC deadline, then goes ahead
 * with its own choice. The target cell travels as RAN parameters 1 > 2 > 3 > 4 (Target Primary Cell
 * ID > CHOICE Target Cell > NR Cell > NR CGI), NR CGI an OCTET STRING holding the APER NR-CGI (as
 * srsRAN reads it); a control may also give it as a hex NCI string or a 36-bit BIT STRING.
 */
import { decode, encode, rcV1, SERVICE_MODELS, typeOf } from "../../e2sm/index.js";
import { type ControlResult, Rrc } from "../ran/network.js";
import type { NodeContext } from "./node.js";
import { type IndicationOut, type RanService, type Result, type RunningAction, refuse } from "./service.js";

export const RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";

const MOBILITY_CALL_PROCESS = 3;
const HANDOVER_PREPARATION = 1;
const MOBILITY_STYLE = 3;
const HANDOVER_ACTION = 1;
const HANDOVER_REQUEST_INDICATION = 1;
const P = { targetPrimaryCell: 1, choiceTargetCell: 2, nrCell: 3, nrCgi: 4 } as const;
const UE_INFO_STYLE = 4;
/** RAN parameter 202, "RRC State" (as OAI reports it): 0 connected, 1 inactive, 2 idle. */
const RRC_STATE_PARAMETER = 202;
const RRC_STATE_NAMES = ["rrc-connected", "rrc-inactive", "rrc-idle"] as const;

const nrCgiType = typeOf(rcV1, "NR-CGI");

interface PendingInsert {
  readonly ue: number;
  readonly target: number;
  readonly deadlineS: number;
}

type RcTrigger = { kind: "breakpoint" } | { kind: "ue-info"; conditions: RrcCondition[] };

/** A UE information change the RIC subscribed to: RRC state changed to one of `to`. */
interface RrcCondition {
  readonly id: number;
  readonly to: readonly string[];
}

export interface RcService extends RanService<RcTrigger> {
  /** The network's handover decider for UEs of this node: ask the RIC when one subscribed. */
  decide(ue: number, source: number, target: number): "baseline" | "defer";
  /** Insert requests the RIC has not answered yet (and whose deadline has not passed). */
  readonly waiting: number;
}

const named = (id: number, name: string) => ({ "ranParameter-ID": id, "ranParameter-name": name });

export function rcService(ctx: NodeContext): RcService {
  const net = ctx.net;
  const inserts = new Set<InsertAction>();
  const pending = new Map<number, PendingInsert>();
  let nextCallProcess = 1;

  /** The target cell as RAN parameter 1, nested down to the NR CGI element. */
  const targetCellParameter = (cell: number) =>
    structure(P.targetPrimaryCell, [
      structure(P.choiceTargetCell, [
        structure(P.nrCell, [
          {
            "ranParameter-ID": P.nrCgi,
            "ranParameter-valueType": {
              "ranP-Choice-ElementFalse": { "ranParameter-value": { valueOctS: encode(nrCgiType, ctx.cgi(cell)) } },
            },
          },
        ]),
      ]),
    ]);

  return {
    smId: "rc",
    sm: SERVICE_MODELS.rc,
    oid: RC_OID,
    definition: () => ({
      "ranFunction-Name": {
        "ranFunction-ShortName": "ORAN-E2SM-RC",
        "ranFunction-E2SM-OID": RC_OID,
        "ranFunction-Description": "RAN Control",
      },
      "ranFunctionDefinition-EventTrigger": {
        "ric-EventTriggerStyle-List": [
          {
            "ric-EventTriggerStyle-Type": 2,
            "ric-EventTriggerStyle-Name": "Call Process Breakpoint",
            "ric-EventTriggerFormat-Type": 2,
          },
          {
            "ric-EventTriggerStyle-Type": UE_INFO_STYLE,
            "ric-EventTriggerStyle-Name": "UE Information Change",
            "ric-EventTriggerFormat-Type": 4,
          },
        ],
        "ran-CallProcessTypes-List": [
          {
            "callProcessType-ID": MOBILITY_CALL_PROCESS,
            "callProcessType-Name": "Mobility Management",
            "callProcessBreakpoints-List": [
              {
                "callProcessBreakpoint-ID": HANDOVER_PREPARATION,
                "callProcessBreakpoint-Name": "Handover Preparation",
              },
            ],
          },
        ],
      },
      "ranFunctionDefinition-Report": {
        "ric-ReportStyle-List": [
          {
            "ric-ReportStyle-Type": UE_INFO_STYLE,
            "ric-ReportStyle-Name": "UE Information",
            "ric-SupportedEventTriggerStyle-Type": UE_INFO_STYLE,
            "ric-ReportActionFormat-Type": 1,
            "ric-IndicationHeaderFormat-Type": 1,
            "ric-IndicationMessageFormat-Type": 2,
            "ran-ReportParameters-List": [named(RRC_STATE_PARAMETER, "RRC State")],
          },
        ],
      },
      "ranFunctionDefinition-Insert": {
        "ric-InsertStyle-List": [
          {
            "ric-InsertStyle-Type": MOBILITY_STYLE,
            "ric-InsertStyle-Name": "Connected Mode Mobility Control Request",
            "ric-SupportedEventTriggerStyle-Type": 2,
            "ric-ActionDefinitionFormat-Type": 3,
            "ric-InsertIndication-List": [
              {
                "ric-InsertIndication-ID": HANDOVER_REQUEST_INDICATION,
                "ric-InsertIndication-Name": "Handover Control Request",
                "ran-InsertIndicationParameters-List": [named(P.targetPrimaryCell, "Target Primary Cell ID")],
              },
            ],
            "ric-IndicationHeaderFormat-Type": 2,
            "ric-IndicationMessageFormat-Type": 5,
            "ric-CallProcessIDFormat-Type": 1,
          },
        ],
      },
      "ranFunctionDefinition-Control": {
        "ric-ControlStyle-List": [
          {
            "ric-ControlStyle-Type": MOBILITY_STYLE,
            "ric-ControlStyle-Name": "Connected Mode Mobility Control",
            "ric-ControlAction-List": [
              {
                "ric-ControlAction-ID": HANDOVER_ACTION,
                "ric-ControlAction-Name": "Handover Control",
                "ran-ControlActionParameters-List": [
                  named(P.targetPrimaryCell, "Target Primary Cell ID"),
                  named(P.choiceTargetCell, "CHOICE Target Cell"),
                  named(P.nrCell, "NR Cell"),
                  named(P.nrCgi, "NR CGI"),
                ],
              },
            ],
            "ric-ControlHeaderFormat-Type": 1,
            "ric-ControlMessageFormat-Type": 1,
            "ric-CallProcessIDFormat-Type": 1,
            "ric-ControlOutcomeFormat-Type": 1,
            "ran-ControlOutcomeParameters-List": [named(P.nrCgi, "NR CGI")],
          },
        ],
      },
    }),

    trigger(value: any): Result<{ trigger: RcTrigger }> {
      const f4 = value?.["ric-eventTrigger-formats"]?.["eventTrigger-Format4"];
      if (f4) {
        const conditions: RrcCondition[] = [];
        for (const item of f4["uEInfoChange-List"]) {
          const states = item.triggerType?.["triggerType-Choice-RRCstate"]?.["rrcState-List"];
          if (!states) return refuse({ ricRequest: "unspecified" }, "UE information changes: RRC state changes only");
          conditions.push({ id: item["ric-eventTriggerCondition-ID"], to: states.map((x: any) => x.stateChangedTo) });
        }
        return { ok: true, trigger: { kind: "ue-info", conditions } };
      }
      const f2 = value?.["ric-eventTrigger-formats"]?.["eventTrigger-Format2"];
      if (
        !f2 ||
        f2["ric-callProcessType-ID"] !== MOBILITY_CALL_PROCESS ||
        f2["ric-callProcessBreakpoint-ID"] !== HANDOVER_PREPARATION
      ) {
        return refuse(
          { ricRequest: "unspecified" },
          "the node offers event trigger format 2 on call process 3 (mobility), breakpoint 1 (handover preparation), and format 4 (RRC state changes)",
        );
      }
      return { ok: true, trigger: { kind: "breakpoint" } };
    },

    action(trigger, request): Result<{ running: RunningAction }> {
      const def = request.definition as any;
      if (trigger.kind === "ue-info") return ueInfoReport(trigger.conditions, request.type, def);
      const f3 = def?.["ric-actionDefinition-formats"]?.["actionDefinition-Format3"];
      if (request.type !== "insert" || def?.["ric-Style-Type"] !== MOBILITY_STYLE || !f3) {
        return refuse(
          { ricRequest: "action-not-supported" },
          "RC offers insert style 3 (action definition format 3) only",
        );
      }
      if (f3["ric-InsertIndication-ID"] !== HANDOVER_REQUEST_INDICATION) {
        return refuse({ ricRequest: "action-not-supported" }, `no insert indication ${f3["ric-InsertIndication-ID"]}`);
      }
      const action = new InsertAction(() => inserts.delete(action));
      inserts.add(action);
      return { ok: true, running: action };
    },

    get waiting() {
      for (const [id, p] of pending) if (p.deadlineS < net.timeS) pending.delete(id);
      return pending.size;
    },

    decide(ue, _source, target) {
      if (inserts.size === 0) return "baseline";
      for (const [id, p] of pending) if (p.deadlineS < net.timeS) pending.delete(id);
      const id = nextCallProcess;
      nextCallProcess = (nextCallProcess % 4294967295) + 1;
      pending.set(id, { ue, target, deadlineS: net.timeS + net.ricDeadlineS });
      const indication: IndicationOut = {
        type: "insert",
        header: {
          "ric-indicationHeader-formats": {
            "indicationHeader-Format2": {
              ueID: ctx.ueId(ue),
              "ric-InsertStyle-Type": MOBILITY_STYLE,
              "ric-InsertIndication-ID": HANDOVER_REQUEST_INDICATION,
            },
          },
        },
        message: {
          "ric-indicationMessage-formats": {
            "indicationMessage-Format5": { "ranP-Requested-List": [targetCellParameter(target)] },
          },
        },
        callProcessId: { "ric-callProcessID-formats": { "callProcessID-Format1": { "ric-callProcess-ID": id } } },
      };
      for (const a of inserts) a.queue.push(indication);
      return "defer";
    },

    control({ header, message, callProcessId }) {
      for (const [id, p] of pending) if (p.deadlineS < net.timeS) pending.delete(id);
      const h = (header as any)?.["ric-controlHeader-formats"]?.["controlHeader-Format1"];
      if (!h || h["ric-Style-Type"] !== MOBILITY_STYLE || h["ric-ControlAction-ID"] !== HANDOVER_ACTION) {
        return refuse(
          { ricRequest: "action-not-supported" },
          "RC control: style 3 action 1 (handover) only, header format 1",
        );
      }
      const ue = ctx.ueOf(h.ueID);
      if (ue < 0) return refuse({ ricRequest: "control-message-invalid" }, "the UE id names no UE");
      let insert: PendingInsert | undefined;
      if (callProcessId !== undefined) {
        const id = (callProcessId as any)?.["ric-callProcessID-formats"]?.["callProcessID-Format1"]?.[
          "ric-callProcess-ID"
        ];
        insert = pending.get(id);
        if (!insert || insert.ue !== ue) {
          return refuse({ ricRequest: "ric-call-process-id-invalid" }, `call process ${id} is unknown or over`);
        }
        pending.delete(id);
      }
      if (!ctx.serves(ue))
        return refuse({ ricRequest: "control-failed-to-execute" }, `UE ${ue} is not served by this node`);
      const list = (message as any)?.["ric-controlMessage-formats"]?.["controlMessage-Format1"]?.["ranP-List"];
      const target = list ? targetCellOf(list, ctx) : undefined;
      if (target === -1) return refuse({ ricRequest: "control-message-invalid" }, "the target cell names no cell");
      // the RIC's answer to an insert: reject (or the serving cell) keeps the UE where it is
      if (insert && (h["ric-ControlDecision"] === "reject" || target === net.serving[ue])) {
        return outcome(net.cancelHandover(ue), net.serving[ue]);
      }
      const cell = target ?? insert?.target;
      if (cell === undefined)
        return refuse({ ricRequest: "control-message-invalid" }, "no target cell (RAN parameter 1)");
      return outcome(net.handover(ue, cell), cell);
    },
  };

  /** Report style 4: each RRC state change of a UE of this node that a condition names. */
  function ueInfoReport(
    conditions: readonly RrcCondition[],
    type: string,
    def: any,
  ): Result<{ running: RunningAction }> {
    const f1 = def?.["ric-actionDefinition-formats"]?.["actionDefinition-Format1"];
    if (type !== "report" || def?.["ric-Style-Type"] !== UE_INFO_STYLE || !f1) {
      return refuse({ ricRequest: "action-not-supported" }, "RC reports: style 4 (UE information), action format 1");
    }
    const asked = f1["ranP-ToBeReported-List"].map((p: any) => p["ranParameter-ID"]);
    if (asked.some((id: number) => id !== RRC_STATE_PARAMETER)) {
      return refuse(
        { ricRequest: "action-not-supported" },
        `UE information: RAN parameter ${RRC_STATE_PARAMETER} (RRC State) only`,
      );
    }
    // the state each UE was last seen in: 0 connected, 2 idle (inactive is not modelled)
    const stateOf = (u: number) => (net.rrc[u] === Rrc.Idle ? 2 : 0);
    const seen = Uint8Array.from({ length: net.ueCount }, (_, u) => stateOf(u));
    return {
      ok: true,
      running: {
        step(): IndicationOut[] {
          const changed: number[] = [];
          for (let u = 0; u < net.ueCount; u++) {
            const now = stateOf(u);
            if (now === seen[u]) continue;
            seen[u] = now;
            if (ctx.hosts(net.serving[u])) changed.push(u);
          }
          const out: IndicationOut[] = [];
          for (const c of conditions) {
            const ues = changed.filter((u) => c.to.includes("any") || c.to.includes(RRC_STATE_NAMES[seen[u]]));
            if (ues.length === 0) continue;
            out.push({
              type: "report",
              header: {
                "ric-indicationHeader-formats": {
                  "indicationHeader-Format1": { "ric-eventTriggerCondition-ID": c.id },
                },
              },
              message: {
                "ric-indicationMessage-formats": {
                  "indicationMessage-Format2": {
                    "ueParameter-List": ues.map((u) => ({
                      ueID: ctx.ueId(u),
                      "ranP-List": [
                        {
                          "ranParameter-ID": RRC_STATE_PARAMETER,
                          "ranParameter-valueType": {
                            "ranP-Choice-ElementFalse": { "ranParameter-value": { valueInt: seen[u] } },
                          },
                        },
                      ],
                    })),
                  },
                },
              },
            });
          }
          return out;
        },
        stop() {},
      },
    };
  }

  function outcome(result: ControlResult, cell: number) {
    const value = {
      "ric-controlOutcome-formats": {
        "controlOutcome-Format1": {
          "ranP-List": result.ok
            ? [{ "ranParameter-ID": P.nrCgi, "ranParameter-value": { valueOctS: encode(nrCgiType, ctx.cgi(cell)) } }]
            : [],
        },
      },
    };
    if (result.ok) return { ok: true as const, outcome: value };
    const invalid = result.reason === "unknown-ue" || result.reason === "unknown-cell";
    return {
      ...refuse(
        invalid ? { ricRequest: "control-message-invalid" } : { ricRequest: "control-failed-to-execute" },
        `handover: ${result.reason}`,
      ),
      outcome: value,
    };
  }
}

/** An admitted insert action: sends the handover requests the decider queued. */
class InsertAction implements RunningAction {
  readonly queue: IndicationOut[] = [];

  constructor(private readonly onStop: () => void) {}

  step(): IndicationOut[] {
    return this.queue.splice(0);
  }

  stop(): void {
    this.onStop();
  }
}

function structure(id: number, items: unknown[]) {
  return {
    "ranParameter-ID": id,
    "ranParameter-valueType": {
      "ranP-Choice-Structure": { "ranParameter-Structure": { "sequence-of-ranParameters": items } },
    },
  };
}

/** Finds RAN parameter `id` in a list of {ranParameter-ID, ranParameter-valueType}, depth first. */
function findParameter(items: any[] | undefined, id: number): any {
  for (const item of items ?? []) {
    if (item["ranParameter-ID"] === id) return item["ranParameter-valueType"];
    const inner =
      item["ranParameter-valueType"]?.["ranP-Choice-Structure"]?.["ranParameter-Structure"]?.[
        "sequence-of-ranParameters"
      ];
    const found = findParameter(inner, id);
    if (found) return found;
  }
  return undefined;
}

/** The target cell of a handover control: undefined when absent, -1 when it names no cell. */
function targetCellOf(list: any[], ctx: NodeContext): number | undefined {
  const element = findParameter(list, P.nrCgi);
  if (!element) return undefined;
  const value =
    element["ranP-Choice-ElementFalse"]?.["ranParameter-value"] ??
    element["ranP-Choice-ElementTrue"]?.["ranParameter-value"];
  if (!value) return -1;
  if (value.valueOctS instanceof Uint8Array) {
    try {
      return ctx.cellOf(decode(nrCgiType, value.valueOctS) as any);
    } catch {
      return -1;
    }
  }
  const nci =
    typeof value.valuePrtS === "string" && /^[0-9a-f]{1,9}$/i.test(value.valuePrtS)
      ? Number.parseInt(value.valuePrtS, 16)
      : value.valueBitS?.length === 36
        ? bitsToNumber(value.valueBitS.bits) / 16
        : Number.NaN;
  const found = ctx.net.scenario.cells.findIndex((c) => c.nci === nci);
  return found;
}

function bitsToNumber(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}
