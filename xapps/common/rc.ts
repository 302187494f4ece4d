/**
 * E2SM-RC as the handover app uses it: the insert subscription (style 3, "Connected Mode Mobility
 * Control Request" at the handover preparation breakpoint), and the handover control answering it:
 * accept to a target (RAN parameter 1 > 2 > 3 > 4, NR CGI, as the insert carried it) or reject.
 */

const MOBILITY = { callProcess: 3, breakpoint: 1, style: 3, action: 1, indication: 1 } as const;
const TARGET_PRIMARY_CELL = 1;

export const rcHandoverInsertTrigger = () => ({
  "ric-eventTrigger-formats": {
    "eventTrigger-Format2": {
      "ric-callProcessType-ID": MOBILITY.callProcess,
      "ric-callProcessBreakpoint-ID": MOBILITY.breakpoint,
    },
  },
});

export const rcHandoverInsertAction = () => ({
  "ric-Style-Type": MOBILITY.style,
  "ric-actionDefinition-formats": {
    "actionDefinition-Format3": {
      "ric-InsertIndication-ID": MOBILITY.indication,
      "ranP-InsertIndication-List": [{ "ranParameter-ID": TARGET_PRIMARY_CELL }],
    },
  },
});

/** What a handover insert asks: the UE and the target (as the RAN parameters that name it). */
export function handoverRequestOf(header: any, message: any): { ueId: any; target: any[] } | undefined {
  const h = header?.["ric-indicationHeader-formats"]?.["indicationHeader-Format2"];
  const m = message?.["ric-indicationMessage-formats"]?.["indicationMessage-Format5"];
  if (!h?.ueID || !m?.["ranP-Requested-List"]) return undefined;
  return { ueId: h.ueID, target: m["ranP-Requested-List"] };
}

/** The control of a handover decision: to the requested target, or reject (the UE stays). */
export function handoverControl(ueId: unknown, decision: "accept" | "reject", target: readonly unknown[]) {
  return {
    header: {
      "ric-controlHeader-formats": {
        "controlHeader-Format1": {
          ueID: ueId,
          "ric-Style-Type": MOBILITY.style,
          "ric-ControlAction-ID": MOBILITY.action,
          "ric-ControlDecision": decision,
        },
      },
    },
    message: {
      "ric-controlMessage-formats": { "controlMessage-Format1": { "ranP-List": decision === "accept" ? target : [] } },
    },
  };
}
