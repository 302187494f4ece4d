/**
 * Hand-written E2SM-RC v01.03 values for every top-level type and format, in the codec's value model.
 * RAN parameter IDs follow O-RAN E2SM-RC §8 (handover control: §8.4.4.1). Each value is type-checked
 * against its descriptor (`Infer`).
 */
import * as rc from "../../../e2sm/rc/index.js";
import type { RanParameterStructureItem, RanParameterTestingItem } from "../../../e2sm/rc/ranparameter.js";
import type { BitString, Desc, Infer } from "../../../e2sm/schema/descriptors.js";

export interface Sample {
  type: string;
  value: unknown;
}

const sample = <D extends Desc>(d: D, value: Infer<D>): Sample => ({ type: d.name ?? "?", value });

// ---- value helpers ------------------------------------------------------------------------------

const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

/** `length` bits of `v`, most significant first. */
function bitStr(v: number | bigint, length: number): BitString {
  const pad = (8 - (length % 8)) % 8;
  let x = BigInt(v) << BigInt(pad);
  const out = new Uint8Array((length + pad) / 8);
  for (let i = out.length - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return { bits: out, length };
}

const PLMN = hex("00f110"); // MCC 001, MNC 01
const GNB_ID = 0x0e0a1; // 22-bit gNB ID
const nciValue = (cell: number) => (BigInt(GNB_ID) << 14n) | BigInt(cell);
const nrCgi = (cell: number) => ({ pLMNIdentity: PLMN, nRCellIdentity: bitStr(nciValue(cell), 36) });
const cgi = (cell: number) => ({ "nR-CGI": nrCgi(cell) });
/** The APER encoding of an NR-CGI (extension bit, PLMN, 36-bit NCI), as carried in an OCTET STRING element. */
const nrCgiOctets = (cell: number) => Uint8Array.from([0, ...PLMN, ...bitStr(nciValue(cell), 36).bits]);

const guami = { pLMNIdentity: PLMN, aMFRegionID: bitStr(0x80, 8), aMFSetID: bitStr(1, 10), aMFPointer: bitStr(1, 6) };
/** A gNB UE identity (CU-DU split: one F1AP id). */
const gnbUe = (n: number) => ({
  "gNB-UEID": {
    "amf-UE-NGAP-ID": 1_099_000_000 + n,
    guami,
    "gNB-CU-UE-F1AP-ID-List": [{ "gNB-CU-UE-F1AP-ID": 0x1000 + n }],
  },
});
const duUe = (n: number) => ({ "gNB-DU-UEID": { "gNB-CU-UE-F1AP-ID": 0x1000 + n } });

// RAN parameter value helpers (`RANParameter-ValueType`).
type Item = RanParameterStructureItem;
const elemTrue = (id: number, value: Infer<typeof rc.RANParameter_Value>): Item => ({
  "ranParameter-ID": id,
  "ranParameter-valueType": { "ranP-Choice-ElementTrue": { "ranParameter-value": value } },
});
const elemFalse = (id: number, value: Infer<typeof rc.RANParameter_Value>): Item => ({
  "ranParameter-ID": id,
  "ranParameter-valueType": { "ranP-Choice-ElementFalse": { "ranParameter-value": value } },
});
const struct = (id: number, items: Item[]): Item => ({
  "ranParameter-ID": id,
  "ranParameter-valueType": {
    "ranP-Choice-Structure": { "ranParameter-Structure": { "sequence-of-ranParameters": items } },
  },
});
const list = (id: number, entries: Item[][]): Item => ({
  "ranParameter-ID": id,
  "ranParameter-valueType": {
    "ranP-Choice-List": {
      "ranParameter-List": { "list-of-ranParameter": entries.map((e) => ({ "sequence-of-ranParameters": e })) },
    },
  },
});

/** §8.4.4.1 Target Primary Cell ID (1) > CHOICE Target Cell (2) > NR Cell (3) > NR CGI (4). */
const targetPrimaryCell = (cell: number) =>
  struct(1, [struct(2, [struct(3, [elemFalse(4, { valueOctS: nrCgiOctets(cell) })])])]);

/** §8.4.4.1 List of PDU sessions for handover (7) > item > PDU Session ID (9), QoS flows (10) > item > QFI (12). */
const pduSessionsForHandover = list(7, [[elemTrue(9, { valueInt: 1 }), list(10, [[elemTrue(12, { valueInt: 9 })]])]]);

/** §8.4.4.1 List of DRBs for handover (13) > item > DRB ID (15), QoS flows (16) > item > QFI (18). */
const drbsForHandover = list(13, [[elemTrue(15, { valueInt: 1 }), list(16, [[elemTrue(18, { valueInt: 9 })]])]]);

// RAN parameter tests (`RANParameter-Testing`).
const testEqualInt = (id: number, v: number): RanParameterTestingItem => ({
  "ranParameter-ID": id,
  "ranParameter-Type": {
    "ranP-Choice-ElementFalse": {
      "ranParameter-TestCondition": { "ranP-Choice-comparison": "equal" },
      "ranParameter-Value": { valueInt: v },
    },
  },
});

const singleUe = (n: number) => ({
  "ueInfo-List": [{ eventTriggerUEID: 1, ueType: { "ueType-Choice-Individual": { ueID: gnbUe(n) } } }],
});

const named = (id: number, name: string) => ({ "ranParameter-ID": id, "ranParameter-name": name });

// ---- samples ------------------------------------------------------------------------------------

export const rcSamples: Record<string, Sample> = {
  // -- event trigger
  eventTriggerFormat1: sample(rc.E2SM_RC_EventTrigger, {
    "ric-eventTrigger-formats": {
      "eventTrigger-Format1": {
        "message-List": [
          {
            "ric-eventTriggerCondition-ID": 1,
            messageType: { "messageType-Choice-RRC": { "rRC-Message": { rrcType: { nR: "uL-DCCH" }, messageID: 2 } } },
            messageDirection: "incoming",
            logicalOR: "false",
          },
          {
            "ric-eventTriggerCondition-ID": 2,
            messageType: {
              "messageType-Choice-NI": {
                "nI-Type": "xn",
                "nI-Message": { interfaceProcedureID: 0, messageType: "initiatingMessage" },
              },
            },
            messageDirection: "outgoing",
            associatedUEEvent: { "ueEvent-List": [{ ueEventID: 1 }] },
          },
        ],
        globalAssociatedUEInfo: singleUe(1),
      },
    },
  }),
  eventTriggerFormat2: sample(rc.E2SM_RC_EventTrigger, {
    "ric-eventTrigger-formats": {
      "eventTrigger-Format2": {
        "ric-callProcessType-ID": 3, // mobility management
        "ric-callProcessBreakpoint-ID": 1, // handover preparation
        associatedUEInfo: {
          "ueInfo-List": [
            {
              eventTriggerUEID: 1,
              ueType: { "ueType-Choice-Group": { ranParameterTesting: [testEqualInt(202, 0)] } },
            },
          ],
        },
      },
    },
  }),
  eventTriggerFormat3: sample(rc.E2SM_RC_EventTrigger, {
    "ric-eventTrigger-formats": {
      "eventTrigger-Format3": {
        "e2NodeInfoChange-List": [
          {
            "ric-eventTriggerCondition-ID": 1,
            "e2NodeInfoChange-ID": 1, // cell configuration change
            associatedCellInfo: {
              "cellInfo-List": [
                { eventTriggerCellID: 1, cellType: { "cellType-Choice-Individual": { cellGlobalID: cgi(1) } } },
              ],
            },
          },
          { "ric-eventTriggerCondition-ID": 2, "e2NodeInfoChange-ID": 2, logicalOR: "true" },
        ],
      },
    },
  }),
  eventTriggerFormat4: sample(rc.E2SM_RC_EventTrigger, {
    "ric-eventTrigger-formats": {
      "eventTrigger-Format4": {
        "uEInfoChange-List": [
          {
            "ric-eventTriggerCondition-ID": 1,
            triggerType: {
              "triggerType-Choice-RRCstate": {
                "rrcState-List": [
                  { stateChangedTo: "rrc-connected", logicalOR: "true" },
                  { stateChangedTo: "rrc-inactive" },
                ],
              },
            },
          },
          { "ric-eventTriggerCondition-ID": 2, triggerType: { "triggerType-Choice-UEID": { "ueIDchange-ID": 1 } } },
        ],
      },
    },
  }),
  eventTriggerFormat5: sample(rc.E2SM_RC_EventTrigger, {
    "ric-eventTrigger-formats": {
      "eventTrigger-Format5": {
        onDemand: "true",
        associatedCellInfo: {
          "cellInfo-List": [
            {
              eventTriggerCellID: 1,
              cellType: { "cellType-Choice-Group": { ranParameterTesting: [testEqualInt(10001, 1)] } },
            },
          ],
        },
      },
    },
  }),

  // -- action definition
  actionDefinitionFormat1: sample(rc.E2SM_RC_ActionDefinition, {
    "ric-Style-Type": 4, // REPORT: UE information
    "ric-actionDefinition-formats": {
      "actionDefinition-Format1": {
        "ranP-ToBeReported-List": [{ "ranParameter-ID": 202 }, { "ranParameter-ID": 203 }],
      },
    },
  }),
  actionDefinitionFormat2: sample(rc.E2SM_RC_ActionDefinition, {
    "ric-Style-Type": 3, // POLICY: connected mode mobility
    "ric-actionDefinition-formats": {
      "actionDefinition-Format2": {
        "ric-PolicyConditions-List": [
          {
            "ric-PolicyAction": {
              "ric-PolicyAction-ID": 1,
              "ranParameters-List": [targetPrimaryCell(2)],
              "ric-PolicyDecision": "accept",
            },
            "ric-PolicyConditionDefinition": [testEqualInt(202, 0)],
          },
        ],
      },
    },
  }),
  actionDefinitionInsertStyle3: sample(rc.E2SM_RC_ActionDefinition, {
    "ric-Style-Type": 3, // INSERT: connected mode mobility control request
    "ric-actionDefinition-formats": {
      "actionDefinition-Format3": {
        "ric-InsertIndication-ID": 1, // handover control request
        "ranP-InsertIndication-List": [{ "ranParameter-ID": 1 }, { "ranParameter-ID": 7 }, { "ranParameter-ID": 13 }],
        ueID: gnbUe(7),
      },
    },
  }),
  actionDefinitionFormat4: sample(rc.E2SM_RC_ActionDefinition, {
    "ric-Style-Type": 255, // multiple INSERT styles
    "ric-actionDefinition-formats": {
      "actionDefinition-Format4": {
        "ric-InsertStyle-List": [
          {
            "requested-Insert-Style-Type": 3,
            "ric-InsertIndication-List": [
              {
                "ric-InsertIndication-ID": 1,
                "ranP-InsertIndication-List": [
                  {
                    "ranParameter-ID": 1,
                    "ranParameter-Definition": {
                      "ranParameter-Definition-Choice": {
                        choiceSTRUCTURE: { "ranParameter-STRUCTURE": [named(2, "CHOICE Target Cell")] },
                      },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  }),

  // -- indication header
  indicationHeaderFormat1: sample(rc.E2SM_RC_IndicationHeader, {
    "ric-indicationHeader-formats": { "indicationHeader-Format1": { "ric-eventTriggerCondition-ID": 1 } },
  }),
  indicationHeaderInsertStyle3: sample(rc.E2SM_RC_IndicationHeader, {
    "ric-indicationHeader-formats": {
      "indicationHeader-Format2": { ueID: gnbUe(7), "ric-InsertStyle-Type": 3, "ric-InsertIndication-ID": 1 },
    },
  }),
  indicationHeaderFormat3: sample(rc.E2SM_RC_IndicationHeader, {
    "ric-indicationHeader-formats": {
      "indicationHeader-Format3": { "ric-eventTriggerCondition-ID": 2, ueID: duUe(3) },
    },
  }),

  // -- indication message
  indicationMessageFormat1: sample(rc.E2SM_RC_IndicationMessage, {
    "ric-indicationMessage-formats": {
      "indicationMessage-Format1": {
        "ranP-Reported-List": [elemFalse(202, { valueInt: 0 }), elemFalse(17011, { valuePrintableString: "cell-2" })],
      },
    },
  }),
  indicationMessageFormat2: sample(rc.E2SM_RC_IndicationMessage, {
    "ric-indicationMessage-formats": {
      "indicationMessage-Format2": {
        "ueParameter-List": [
          { ueID: gnbUe(1), "ranP-List": [elemFalse(202, { valueInt: 0 })] },
          { ueID: gnbUe(2), "ranP-List": [elemFalse(202, { valueInt: 2 })] },
        ],
      },
    },
  }),
  indicationMessageFormat3: sample(rc.E2SM_RC_IndicationMessage, {
    "ric-indicationMessage-formats": {
      "indicationMessage-Format3": {
        "cellInfo-List": [
          {
            "cellGlobal-ID": cgi(1),
            cellDeleted: false,
            "neighborRelation-Table": {
              servingCellPCI: { nR: 101 },
              servingCellARFCN: { nR: { nRARFCN: 632628 } },
              "neighborCell-List": [
                {
                  "ranType-Choice-NR": {
                    "nR-CGI": nrCgi(2),
                    "nR-PCI": 102,
                    "fiveGS-TAC": hex("000001"),
                    "nR-mode-info": "tdd",
                    "nR-FreqInfo": {
                      nrARFCN: { nRARFCN: 632628 },
                      "frequencyBand-List": [{ freqBandIndicatorNr: 78, supportedSULBandList: [] }],
                    },
                    "x2-Xn-established": "true",
                    "hO-validated": "true",
                    version: 1,
                  },
                },
              ],
            },
          },
          { "cellGlobal-ID": cgi(3), cellDeleted: true },
        ],
      },
    },
  }),
  indicationMessageFormat4: sample(rc.E2SM_RC_IndicationMessage, {
    "ric-indicationMessage-formats": {
      "indicationMessage-Format4": {
        "ueInfo-List": [{ ueID: gnbUe(1), "cellGlobal-ID": cgi(1) }],
        "cellInfo-List": [{ "cellGlobal-ID": cgi(1), cellContextInfo: hex("0a0b0c") }],
      },
    },
  }),
  indicationMessageInsertStyle3: sample(rc.E2SM_RC_IndicationMessage, {
    "ric-indicationMessage-formats": {
      "indicationMessage-Format5": { "ranP-Requested-List": [targetPrimaryCell(2)] },
    },
  }),
  indicationMessageFormat6: sample(rc.E2SM_RC_IndicationMessage, {
    "ric-indicationMessage-formats": {
      "indicationMessage-Format6": {
        "ric-InsertStyle-List": [
          {
            "indicated-Insert-Style-Type": 3,
            "ric-InsertIndication-List": [
              { "ric-InsertIndication-ID": 1, "ranP-InsertIndication-List": [targetPrimaryCell(2)] },
            ],
          },
        ],
      },
    },
  }),

  // -- call process ID
  callProcessId: sample(rc.E2SM_RC_CallProcessID, {
    "ric-callProcessID-formats": { "callProcessID-Format1": { "ric-callProcess-ID": 4711 } },
  }),

  // -- control
  controlHeaderHandover: sample(rc.E2SM_RC_ControlHeader, {
    "ric-controlHeader-formats": {
      "controlHeader-Format1": { ueID: gnbUe(7), "ric-Style-Type": 3, "ric-ControlAction-ID": 1 },
    },
  }),
  controlHeaderFormat1Decision: sample(rc.E2SM_RC_ControlHeader, {
    "ric-controlHeader-formats": {
      "controlHeader-Format1": {
        ueID: duUe(7),
        "ric-Style-Type": 3,
        "ric-ControlAction-ID": 1,
        "ric-ControlDecision": "accept",
      },
    },
  }),
  controlHeaderFormat2: sample(rc.E2SM_RC_ControlHeader, {
    "ric-controlHeader-formats": { "controlHeader-Format2": { ueID: gnbUe(7), "ric-ControlDecision": "reject" } },
  }),
  controlMessageHandover: sample(rc.E2SM_RC_ControlMessage, {
    "ric-controlMessage-formats": { "controlMessage-Format1": { "ranP-List": [targetPrimaryCell(2)] } },
  }),
  controlMessageHandoverFull: sample(rc.E2SM_RC_ControlMessage, {
    "ric-controlMessage-formats": {
      "controlMessage-Format1": { "ranP-List": [targetPrimaryCell(2), pduSessionsForHandover, drbsForHandover] },
    },
  }),
  controlMessageFormat2: sample(rc.E2SM_RC_ControlMessage, {
    "ric-controlMessage-formats": {
      "controlMessage-Format2": {
        "ric-ControlStyle-List": [
          {
            "indicated-Control-Style-Type": 3,
            "ric-ControlAction-List": [
              { "ric-ControlAction-ID": 1, "ranP-List": { "ranP-List": [targetPrimaryCell(3)] } },
            ],
          },
          {
            "indicated-Control-Style-Type": 2, // radio resource allocation: DRX parameter configuration
            "ric-ControlAction-List": [
              { "ric-ControlAction-ID": 1, "ranP-List": { "ranP-List": [elemFalse(1, { valueBoolean: true })] } },
            ],
          },
        ],
      },
    },
  }),
  controlOutcomeFormat1: sample(rc.E2SM_RC_ControlOutcome, {
    "ric-controlOutcome-formats": {
      "controlOutcome-Format1": {
        "ranP-List": [{ "ranParameter-ID": 1, "ranParameter-value": { valueOctS: nrCgiOctets(2) } }],
      },
    },
  }),
  controlOutcomeFormat2: sample(rc.E2SM_RC_ControlOutcome, {
    "ric-controlOutcome-formats": {
      "controlOutcome-Format2": {
        "ric-ControlStyle-List": [
          {
            "indicated-Control-Style-Type": 3,
            "ric-ControlOutcome-List": [
              {
                "ric-ControlAction-ID": 1,
                "ranP-List": [{ "ranParameter-ID": 1, "ranParameter-value": { valueOctS: nrCgiOctets(3) } }],
              },
            ],
          },
        ],
      },
    },
  }),
  controlOutcomeFormat3: sample(rc.E2SM_RC_ControlOutcome, {
    "ric-controlOutcome-formats": { "controlOutcome-Format3": { "ranP-List": [targetPrimaryCell(2)] } },
  }),

  // -- RAN function definition
  ranFunctionDefinition: sample(rc.E2SM_RC_RANFunctionDefinition, {
    "ranFunction-Name": {
      "ranFunction-ShortName": "ORAN-E2SM-RC",
      "ranFunction-E2SM-OID": "1.3.6.1.4.1.53148.1.1.2.3",
      "ranFunction-Description": "RAN Control",
      "ranFunction-Instance": 1,
    },
    "ranFunctionDefinition-EventTrigger": {
      "ric-EventTriggerStyle-List": [
        {
          "ric-EventTriggerStyle-Type": 1,
          "ric-EventTriggerStyle-Name": "Message Event",
          "ric-EventTriggerFormat-Type": 1,
        },
        {
          "ric-EventTriggerStyle-Type": 2,
          "ric-EventTriggerStyle-Name": "Call Process Breakpoint",
          "ric-EventTriggerFormat-Type": 2,
        },
        {
          "ric-EventTriggerStyle-Type": 3,
          "ric-EventTriggerStyle-Name": "E2 Node Information Change",
          "ric-EventTriggerFormat-Type": 3,
        },
        {
          "ric-EventTriggerStyle-Type": 4,
          "ric-EventTriggerStyle-Name": "UE Information Change",
          "ric-EventTriggerFormat-Type": 4,
        },
        {
          "ric-EventTriggerStyle-Type": 5,
          "ric-EventTriggerStyle-Name": "On Demand",
          "ric-EventTriggerFormat-Type": 5,
        },
      ],
      "ran-CallProcessTypes-List": [
        {
          "callProcessType-ID": 3,
          "callProcessType-Name": "Mobility Management",
          "callProcessBreakpoints-List": [
            {
              "callProcessBreakpoint-ID": 1,
              "callProcessBreakpoint-Name": "Handover Preparation",
              "ran-CallProcessBreakpointParameters-List": [named(1, "Target Primary Cell ID")],
            },
          ],
        },
      ],
      "ran-UEIdentificationParameters-List": [named(1, "Serving Cell PCI")],
    },
    "ranFunctionDefinition-Report": {
      "ric-ReportStyle-List": [
        {
          "ric-ReportStyle-Type": 4,
          "ric-ReportStyle-Name": "UE Information",
          "ric-SupportedEventTriggerStyle-Type": 4,
          "ric-ReportActionFormat-Type": 1,
          "ric-IndicationHeaderFormat-Type": 1,
          "ric-IndicationMessageFormat-Type": 2,
          "ran-ReportParameters-List": [named(202, "RRC State Changed To")],
        },
      ],
    },
    "ranFunctionDefinition-Insert": {
      "ric-InsertStyle-List": [
        {
          "ric-InsertStyle-Type": 3,
          "ric-InsertStyle-Name": "Connected Mode Mobility Control Request",
          "ric-SupportedEventTriggerStyle-Type": 2,
          "ric-ActionDefinitionFormat-Type": 3,
          "ric-InsertIndication-List": [
            {
              "ric-InsertIndication-ID": 1,
              "ric-InsertIndication-Name": "Handover Control Request",
              "ran-InsertIndicationParameters-List": [named(1, "Target Primary Cell ID")],
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
          "ric-ControlStyle-Type": 3,
          "ric-ControlStyle-Name": "Connected Mode Mobility Control",
          "ric-ControlAction-List": [
            {
              "ric-ControlAction-ID": 1,
              "ric-ControlAction-Name": "Handover Control",
              "ran-ControlActionParameters-List": [
                {
                  ...named(1, "Target Primary Cell ID"),
                  "ranParameter-Definition": {
                    "ranParameter-Definition-Choice": {
                      choiceSTRUCTURE: {
                        "ranParameter-STRUCTURE": [
                          {
                            ...named(2, "CHOICE Target Cell"),
                            "ranParameter-Definition": {
                              "ranParameter-Definition-Choice": {
                                choiceSTRUCTURE: {
                                  "ranParameter-STRUCTURE": [
                                    {
                                      ...named(3, "NR Cell"),
                                      "ranParameter-Definition": {
                                        "ranParameter-Definition-Choice": {
                                          choiceSTRUCTURE: { "ranParameter-STRUCTURE": [named(4, "NR CGI")] },
                                        },
                                      },
                                    },
                                    named(5, "E-UTRA Cell"),
                                  ],
                                },
                              },
                            },
                          },
                        ],
                      },
                    },
                  },
                },
                {
                  ...named(7, "List of PDU sessions for handover"),
                  "ranParameter-Definition": {
                    "ranParameter-Definition-Choice": {
                      choiceLIST: { "ranParameter-List": [named(8, "PDU session Item for handover")] },
                    },
                  },
                },
              ],
            },
          ],
          "ric-ControlHeaderFormat-Type": 1,
          "ric-ControlMessageFormat-Type": 1,
          "ric-ControlOutcomeFormat-Type": 1,
        },
      ],
    },
  }),
};
