/**
 * Hand-written E2AP values (v02.03 and v03.01), each a complete E2AP-PDU in the codec's value model:
 * `{ initiatingMessage: { procedureCode, criticality, value: { protocolIEs: [{ id, criticality, value }] } } }`.
 *
 * Every message of every procedure of the version has a sample. The E2SM payloads (RAN function
 * definitions, event triggers, action definitions, indications, control messages) are real encodings of
 * the KPM / RC samples, so a decoder that expands payloads finds valid E2SM bytes. IE ids and
 * criticalities are looked up from the schema's IE sets by IE name, so they cannot drift from it.
 */
import { type E2apBuild, e2apParts, iesOf, ProcedureCodeOf } from "../../../e2sm/e2ap/index.js";
import { kpmV2, kpmV3 } from "../../../e2sm/kpm/index.js";
import { rcV1 } from "../../../e2sm/rc/index.js";
import type { BitString, Desc } from "../../../e2sm/schema/descriptors.js";
import { encode } from "../../../e2sm/schema/encode.js";
import { typeOf } from "../../../e2sm/schema/module.js";
import { kpmSamples } from "./kpm.js";
import { rcSamples } from "./rc.js";

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
const GNB_ID = 0x0e0a1; // 22 bits
const RIC_ID = 0x5a5a5; // 20 bits
const ipv4 = (a: number, b: number, c: number, d: number) => bitStr(((a << 24) >>> 0) + (b << 16) + (c << 8) + d, 32);
const E2_PORT = bitStr(36421, 16); // SCTP port of E2

const KPM_OID = { 2: "1.3.6.1.4.1.53148.1.2.2.2", 3: "1.3.6.1.4.1.53148.1.3.2.2" } as const;
const RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";
// A vendor service model with an opaque definition (PEN 32473 is reserved for documentation, RFC 5612).
const VENDOR_OID = "1.3.6.1.4.1.32473.1.2.1";

// ---- message builders ---------------------------------------------------------------------------

type Ies = Record<string, unknown>;

function builders(b: E2apBuild) {
  const specsOf = (d: Desc | undefined) => {
    const s = d && iesOf(d);
    if (!s) throw new Error("not an IE container");
    return s;
  };
  /** `{ protocolIEs }` of message `type`, IEs given by name in the order written. */
  const msg = (type: keyof E2apBuild["types"], ies: Ies) => {
    const specs = specsOf(b.types[type] as Desc);
    return {
      protocolIEs: Object.entries(ies).map(([name, value]) => {
        const s = specs.find((x) => x.name === name);
        if (!s) throw new Error(`${String(type)} has no IE ${name}`);
        return { id: s.id, criticality: s.criticality, value };
      }),
    };
  };
  /** The single-container items of an item list (`RANfunctions-List`). */
  const items = (list: keyof E2apBuild["types"], values: unknown[]) => {
    const [s] = specsOf(b.types[list] as Desc);
    return values.map((value) => ({ id: s.id, criticality: s.criticality, value }));
  };
  const wrap =
    (kind: "initiatingMessage" | "successfulOutcome" | "unsuccessfulOutcome") =>
    (proc: keyof typeof ProcedureCodeOf, value: unknown) => {
      const p = b.procedureByCode.get(ProcedureCodeOf[proc]);
      if (!p) throw new Error(`E2AP v${b.version} has no procedure ${proc}`);
      return { [kind]: { procedureCode: p.code, criticality: p.criticality, value } };
    };
  return {
    msg,
    items,
    initiating: wrap("initiatingMessage"),
    successful: wrap("successfulOutcome"),
    unsuccessful: wrap("unsuccessfulOutcome"),
  };
}

// ---- samples ------------------------------------------------------------------------------------

function samples(version: 2 | 3): Record<string, unknown> {
  const b = e2apParts(version);
  const { msg, items, initiating, successful, unsuccessful } = builders(b);
  const v3 = version === 3;

  const kpm = version === 3 ? kpmSamples.v3 : kpmSamples.v2;
  const kpmMod = version === 3 ? kpmV3 : kpmV2;
  const kpmBytes = (k: string) => encode(typeOf(kpmMod, kpm[k].type), kpm[k].value);
  const rcBytes = (k: string) => encode(typeOf(rcV1, rcSamples[k].type), rcSamples[k].value);

  const KPM_FN = 2;
  const RC_FN = 3;
  const VENDOR_FN = 142;
  const kpmFunction = {
    ranFunctionID: KPM_FN,
    ranFunctionDefinition: kpmBytes("ranFunctionDescription"),
    ranFunctionRevision: 1,
    ranFunctionOID: KPM_OID[version],
  };
  const rcFunction = (revision: number) => ({
    ranFunctionID: RC_FN,
    ranFunctionDefinition: rcBytes("ranFunctionDefinition"),
    ranFunctionRevision: revision,
    ranFunctionOID: RC_OID,
  });
  const vendorFunction = {
    ranFunctionID: VENDOR_FN,
    ranFunctionDefinition: hex("0a0c4d41432d53544154532d534d"),
    ranFunctionRevision: 0,
    ranFunctionOID: VENDOR_OID,
  };

  const globalE2node = { gNB: { "global-gNB-ID": { "plmn-id": PLMN, "gnb-id": { "gnb-ID": bitStr(GNB_ID, 22) } } } };
  const globalRic = { "pLMN-Identity": PLMN, "ric-ID": bitStr(RIC_ID, 20) };

  // E2 node components: the NG interface towards the AMF and the F1 interface towards one DU.
  const ngComponent = {
    e2nodeComponentInterfaceType: "ng",
    e2nodeComponentID: { e2nodeComponentInterfaceTypeNG: { "amf-name": "amf1.5gc.mnc001.mcc001.3gppnetwork.org" } },
  };
  const f1Component = {
    e2nodeComponentInterfaceType: "f1",
    e2nodeComponentID: { e2nodeComponentInterfaceTypeF1: { "gNB-DU-ID": 1 } },
  };
  // Start of an NGSetupRequest / NGSetupResponse and an F1SetupRequest / F1SetupResponse (truncated).
  const ngConfig = {
    e2nodeComponentRequestPart: hex("00150033000004001b00080000f11000e0a10052"),
    e2nodeComponentResponsePart: hex("2015003a000004000100160a00616d66312e3567"),
  };
  const f1Config = {
    e2nodeComponentRequestPart: hex("0001004d00000400040002000100050002000100"),
    e2nodeComponentResponsePart: hex("2001002f00000300040002000100070002000100"),
  };
  const ack = (updateOutcome: "success" | "failure", failureCause?: unknown) => ({
    e2nodeComponentConfigurationAck: { updateOutcome, ...(failureCause ? { failureCause } : {}) },
  });

  const ricRequest = { ricRequestorID: 1001, ricInstanceID: 1 };
  const controlRequest = { ricRequestorID: 1002, ricInstanceID: 7 };
  const tnl = { tnlAddress: ipv4(10, 0, 2, 10), tnlPort: E2_PORT };
  const tnlRic = { tnlAddress: ipv4(10, 0, 2, 1), tnlPort: E2_PORT };
  const critDiag = {
    procedureCode: ProcedureCodeOf.RICsubscription,
    triggeringMessage: "initiating-message",
    procedureCriticality: "reject",
    ricRequestorID: ricRequest,
    iEsCriticalityDiagnostics: [{ iECriticality: "reject", "iE-ID": 30, typeOfError: "not-understood" }],
  };
  const kpmAction = (id: number, def: string) => ({
    ricActionID: id,
    ricActionType: "report",
    ricActionDefinition: kpmBytes(def),
    ...(v3 ? { ricActionExecutionOrder: id - 1 } : {}),
  });

  const out: Record<string, unknown> = {
    // ---- E2 setup ----
    e2setupRequest: initiating(
      "E2setup",
      msg("E2setupRequest", {
        TransactionID: 1,
        GlobalE2node_ID: globalE2node,
        RANfunctionsAdded: items("RANfunctions_List", [kpmFunction, rcFunction(1), vendorFunction]),
        E2nodeComponentConfigAddition: items("E2nodeComponentConfigAddition_List", [
          { ...ngComponent, e2nodeComponentConfiguration: ngConfig },
          { ...f1Component, e2nodeComponentConfiguration: f1Config },
        ]),
      }),
    ),
    e2setupResponse: successful(
      "E2setup",
      msg("E2setupResponse", {
        TransactionID: 1,
        GlobalRIC_ID: globalRic,
        RANfunctionsAccepted: items("RANfunctionsID_List", [
          { ranFunctionID: KPM_FN, ranFunctionRevision: 1 },
          { ranFunctionID: RC_FN, ranFunctionRevision: 1 },
        ]),
        RANfunctionsRejected: items("RANfunctionsIDcause_List", [
          { ranFunctionID: VENDOR_FN, cause: { ricService: "ran-function-not-supported" } },
        ]),
        E2nodeComponentConfigAdditionAck: items("E2nodeComponentConfigAdditionAck_List", [
          { ...ngComponent, ...ack("success") },
          { ...f1Component, ...ack("success") },
        ]),
      }),
    ),
    e2setupFailure: unsuccessful(
      "E2setup",
      msg("E2setupFailure", {
        TransactionID: 1,
        Cause: { misc: "control-processing-overload" },
        TimeToWait: "v5s",
        CriticalityDiagnostics: { procedureCode: ProcedureCodeOf.E2setup, triggeringMessage: "initiating-message" },
        TNLinformation: tnlRic,
      }),
    ),

    // ---- RIC subscription ----
    ricSubscriptionRequest: initiating(
      "RICsubscription",
      msg("RICsubscriptionRequest", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICsubscriptionDetails: {
          ricEventTriggerDefinition: kpmBytes("eventTrigger-format1"),
          "ricAction-ToBeSetup-List": items("RICactions_ToBeSetup_List", [
            kpmAction(1, "actionDefinition-format1"),
            {
              ...kpmAction(2, "actionDefinition-format4"),
              ricSubsequentAction: { ricSubsequentActionType: "continue", ricTimeToWait: "w10ms" },
            },
          ]),
        },
        // NTP timestamps: v03.01 only.
        ...(v3
          ? { RICsubscriptionStartTime: hex("e9b5c2a000000000"), RICsubscriptionEndTime: hex("e9b6142000000000") }
          : {}),
      }),
    ),
    ricSubscriptionResponse: successful(
      "RICsubscription",
      msg("RICsubscriptionResponse", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICactions_Admitted: items("RICaction_Admitted_List", [{ ricActionID: 1 }]),
        RICactions_NotAdmitted: items("RICaction_NotAdmitted_List", [
          { ricActionID: 2, cause: { ricRequest: "action-not-supported" } },
        ]),
      }),
    ),
    ricSubscriptionFailure: unsuccessful(
      "RICsubscription",
      msg("RICsubscriptionFailure", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        Cause: { ricRequest: "excessive-actions" },
        CriticalityDiagnostics: critDiag,
      }),
    ),

    // ---- RIC subscription delete ----
    ricSubscriptionDeleteRequest: initiating(
      "RICsubscriptionDelete",
      msg("RICsubscriptionDeleteRequest", { RICrequestID: ricRequest, RANfunctionID: KPM_FN }),
    ),
    ricSubscriptionDeleteResponse: successful(
      "RICsubscriptionDelete",
      msg("RICsubscriptionDeleteResponse", { RICrequestID: ricRequest, RANfunctionID: KPM_FN }),
    ),
    ricSubscriptionDeleteFailure: unsuccessful(
      "RICsubscriptionDelete",
      msg("RICsubscriptionDeleteFailure", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        Cause: { ricRequest: "request-id-unknown" },
      }),
    ),
    ricSubscriptionDeleteRequired: initiating(
      "RICsubscriptionDeleteRequired",
      msg("RICsubscriptionDeleteRequired", {
        RICsubscriptionToBeRemoved: items("RICsubscription_List_withCause", [
          { ricRequestID: ricRequest, ranFunctionID: KPM_FN, cause: { ricRequest: "function-resource-limit" } },
          {
            ricRequestID: { ricRequestorID: 1001, ricInstanceID: 2 },
            ranFunctionID: RC_FN,
            cause: { misc: "om-intervention" },
          },
        ]),
      }),
    ),

    // ---- RIC indication ----
    ricIndication: initiating(
      "RICindication",
      msg("RICindication", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICactionID: 1,
        RICindicationSN: 42,
        RICindicationType: "report",
        RICindicationHeader: kpmBytes("indicationHeader-format1"),
        RICindicationMessage: kpmBytes("indicationMessage-format1"),
      }),
    ),
    ricIndicationInsert: initiating(
      "RICindication",
      msg("RICindication", {
        RICrequestID: { ricRequestorID: 1003, ricInstanceID: 1 },
        RANfunctionID: RC_FN,
        RICactionID: 1,
        RICindicationType: "insert",
        RICindicationHeader: rcBytes("indicationHeaderInsertStyle3"),
        RICindicationMessage: rcBytes("indicationMessageInsertStyle3"),
        RICcallProcessID: rcBytes("callProcessId"),
      }),
    ),

    // ---- RIC control ----
    ricControlRequest: initiating(
      "RICcontrol",
      msg("RICcontrolRequest", {
        RICrequestID: controlRequest,
        RANfunctionID: RC_FN,
        RICcontrolHeader: rcBytes("controlHeaderHandover"),
        RICcontrolMessage: rcBytes("controlMessageHandover"),
        RICcontrolAckRequest: "ack",
      }),
    ),
    ricControlAcknowledge: successful(
      "RICcontrol",
      msg("RICcontrolAcknowledge", {
        RICrequestID: controlRequest,
        RANfunctionID: RC_FN,
        RICcontrolOutcome: rcBytes("controlOutcomeFormat1"),
      }),
    ),
    ricControlFailure: unsuccessful(
      "RICcontrol",
      msg("RICcontrolFailure", {
        RICrequestID: controlRequest,
        RANfunctionID: RC_FN,
        Cause: { ricRequest: "control-failed-to-execute" },
        CriticalityDiagnostics: { procedureCode: ProcedureCodeOf.RICcontrol, procedureCriticality: "reject" },
      }),
    ),

    // ---- Error indication, reset ----
    errorIndication: initiating(
      "ErrorIndication",
      msg("ErrorIndication", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        Cause: { protocol: "abstract-syntax-error-falsely-constructed-message" },
        CriticalityDiagnostics: critDiag,
      }),
    ),
    resetRequest: initiating("Reset", msg("ResetRequest", { TransactionID: 5, Cause: { misc: "om-intervention" } })),
    resetResponse: successful("Reset", msg("ResetResponse", { TransactionID: 5 })),

    // ---- RIC service update / query ----
    ricServiceUpdate: initiating(
      "RICserviceUpdate",
      msg("RICserviceUpdate", {
        TransactionID: 2,
        RANfunctionsModified: items("RANfunctions_List", [rcFunction(2)]),
        RANfunctionsDeleted: items("RANfunctionsID_List", [{ ranFunctionID: VENDOR_FN, ranFunctionRevision: 0 }]),
      }),
    ),
    ricServiceUpdateAcknowledge: successful(
      "RICserviceUpdate",
      msg("RICserviceUpdateAcknowledge", {
        TransactionID: 2,
        RANfunctionsAccepted: items("RANfunctionsID_List", [{ ranFunctionID: RC_FN, ranFunctionRevision: 2 }]),
      }),
    ),
    ricServiceUpdateFailure: unsuccessful(
      "RICserviceUpdate",
      msg("RICserviceUpdateFailure", {
        TransactionID: 2,
        Cause: { ricService: "excessive-functions" },
        TimeToWait: "v10s",
      }),
    ),
    ricServiceQuery: initiating(
      "RICserviceQuery",
      msg("RICserviceQuery", {
        TransactionID: 3,
        RANfunctionsAccepted: items("RANfunctionsID_List", [
          { ranFunctionID: KPM_FN, ranFunctionRevision: 1 },
          { ranFunctionID: RC_FN, ranFunctionRevision: 2 },
        ]),
      }),
    ),

    // ---- E2 node configuration update ----
    e2nodeConfigurationUpdate: initiating(
      "E2nodeConfigurationUpdate",
      msg("E2nodeConfigurationUpdate", {
        TransactionID: 4,
        GlobalE2node_ID: globalE2node,
        E2nodeComponentConfigAddition: items("E2nodeComponentConfigAddition_List", [
          {
            e2nodeComponentInterfaceType: "f1",
            e2nodeComponentID: { e2nodeComponentInterfaceTypeF1: { "gNB-DU-ID": 2 } },
            e2nodeComponentConfiguration: f1Config,
          },
        ]),
        E2nodeComponentConfigUpdate: items("E2nodeComponentConfigUpdate_List", [
          { ...ngComponent, e2nodeComponentConfiguration: ngConfig },
        ]),
        E2nodeComponentConfigRemoval: items("E2nodeComponentConfigRemoval_List", [f1Component]),
        E2nodeTNLassociationRemoval: items("E2nodeTNLassociationRemoval_List", [
          { tnlInformation: tnl, tnlInformationRIC: tnlRic },
        ]),
      }),
    ),
    e2nodeConfigurationUpdateAcknowledge: successful(
      "E2nodeConfigurationUpdate",
      msg("E2nodeConfigurationUpdateAcknowledge", {
        TransactionID: 4,
        E2nodeComponentConfigAdditionAck: items("E2nodeComponentConfigAdditionAck_List", [
          {
            e2nodeComponentInterfaceType: "f1",
            e2nodeComponentID: { e2nodeComponentInterfaceTypeF1: { "gNB-DU-ID": 2 } },
            ...ack("success"),
          },
        ]),
        E2nodeComponentConfigUpdateAck: items("E2nodeComponentConfigUpdateAck_List", [
          { ...ngComponent, ...ack("failure", { e2Node: "e2node-component-unknown" }) },
        ]),
        E2nodeComponentConfigRemovalAck: items("E2nodeComponentConfigRemovalAck_List", [
          { ...f1Component, ...ack("success") },
        ]),
      }),
    ),
    e2nodeConfigurationUpdateFailure: unsuccessful(
      "E2nodeConfigurationUpdate",
      msg("E2nodeConfigurationUpdateFailure", {
        TransactionID: 4,
        Cause: { protocol: "semantic-error" },
        TimeToWait: "v1s",
      }),
    ),

    // ---- E2 connection update ----
    e2connectionUpdate: initiating(
      "E2connectionUpdate",
      msg("E2connectionUpdate", {
        TransactionID: 6,
        E2connectionUpdateAdd: items("E2connectionUpdate_List", [
          { tnlInformation: { tnlAddress: ipv4(10, 0, 3, 1), tnlPort: E2_PORT }, tnlUsage: "ric-service" },
        ]),
        E2connectionUpdateRemove: items("E2connectionUpdateRemove_List", [{ tnlInformation: tnlRic }]),
        E2connectionUpdateModify: items("E2connectionUpdate_List", [
          { tnlInformation: { tnlAddress: ipv4(10, 0, 3, 2) }, tnlUsage: "both" },
        ]),
      }),
    ),
    e2connectionUpdateAcknowledge: successful(
      "E2connectionUpdate",
      msg("E2connectionUpdateAcknowledge", {
        TransactionID: 6,
        E2connectionSetup: items("E2connectionUpdate_List", [
          { tnlInformation: { tnlAddress: ipv4(10, 0, 3, 1), tnlPort: E2_PORT }, tnlUsage: "ric-service" },
        ]),
        E2connectionSetupFailed: items("E2connectionSetupFailed_List", [
          { tnlInformation: { tnlAddress: ipv4(10, 0, 3, 2) }, cause: { transport: "transport-resource-unavailable" } },
        ]),
      }),
    ),
    e2connectionUpdateFailure: unsuccessful(
      "E2connectionUpdate",
      msg("E2connectionUpdateFailure", {
        TransactionID: 6,
        Cause: { transport: "unspecified" },
        TimeToWait: "v20s",
      }),
    ),

    // ---- E2 removal ----
    e2RemovalRequest: initiating("E2removal", msg("E2RemovalRequest", { TransactionID: 7 })),
    e2RemovalResponse: successful("E2removal", msg("E2RemovalResponse", { TransactionID: 7 })),
    e2RemovalFailure: unsuccessful(
      "E2removal",
      msg("E2RemovalFailure", { TransactionID: 7, Cause: { misc: "hardware-failure" } }),
    ),
  };
  if (!v3) return out;

  // ---- v03.01 only: subscription modification, modification required, query ----
  return {
    ...out,
    ricSubscriptionModificationRequest: initiating(
      "RICsubscriptionModification",
      msg("RICsubscriptionModificationRequest", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICactionsToBeRemovedForModification_List: items("RICactions_ToBeRemovedForModification_List", [
          { ricActionID: 2 },
        ]),
        RICactionsToBeModifiedForModification_List: items("RICactions_ToBeModifiedForModification_List", [
          { ricActionID: 1, ricActionDefinition: kpmBytes("actionDefinition-format2"), ricActionExecutionOrder: 0 },
        ]),
        RICactionsToBeAddedForModification_List: items("RICactions_ToBeAddedForModification_List", [
          {
            ricActionID: 3,
            ricActionType: "report",
            ricActionDefinition: kpmBytes("actionDefinition-format3"),
            ricActionExecutionOrder: 1,
          },
        ]),
      }),
    ),
    ricSubscriptionModificationResponse: successful(
      "RICsubscriptionModification",
      msg("RICsubscriptionModificationResponse", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICactionsRemovedForModification_List: items("RICactions_RemovedForModification_List", [{ ricActionID: 2 }]),
        RICactionsModifiedForModification_List: items("RICactions_ModifiedForModification_List", [{ ricActionID: 1 }]),
        RICactionsFailedToBeAddedForModification_List: items("RICactions_FailedToBeAddedForModification_List", [
          { ricActionID: 3, cause: { ricRequest: "action-not-supported" } },
        ]),
      }),
    ),
    ricSubscriptionModificationFailure: unsuccessful(
      "RICsubscriptionModification",
      msg("RICsubscriptionModificationFailure", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        Cause: { ricRequest: "ric-subscription-end-time-expired" },
      }),
    ),
    ricSubscriptionModificationRequired: initiating(
      "RICsubscriptionModificationRequired",
      msg("RICsubscriptionModificationRequired", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICactionsRequiredToBeModified_List: items("RICactions_RequiredToBeModified_List", [
          { ricActionID: 1, ricTimeToWait: "w100ms" },
        ]),
        RICactionsRequiredToBeRemoved_List: items("RICactions_RequiredToBeRemoved_List", [
          { ricActionID: 2, cause: { ricRequest: "function-resource-limit" } },
        ]),
      }),
    ),
    ricSubscriptionModificationConfirm: successful(
      "RICsubscriptionModificationRequired",
      msg("RICsubscriptionModificationConfirm", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        RICactionsConfirmedForModification_List: items("RICactions_ConfirmedForModification_List", [
          { ricActionID: 1 },
        ]),
        RICactionsRefusedToBeModified_List: items("RICactions_RefusedToBeModified_List", []),
        RICactionsConfirmedForRemoval_List: items("RICactions_ConfirmedForRemoval_List", [{ ricActionID: 2 }]),
      }),
    ),
    ricSubscriptionModificationRefuse: unsuccessful(
      "RICsubscriptionModificationRequired",
      msg("RICsubscriptionModificationRefuse", {
        RICrequestID: ricRequest,
        RANfunctionID: KPM_FN,
        Cause: { misc: "unspecified" },
        CriticalityDiagnostics: { procedureCode: ProcedureCodeOf.RICsubscriptionModificationRequired },
      }),
    ),
    ricQueryRequest: initiating(
      "RICquery",
      msg("RICQueryRequest", {
        RICrequestID: { ricRequestorID: 1004, ricInstanceID: 1 },
        RANfunctionID: RC_FN,
        RICqueryHeader: hex("0010"),
        RICqueryDefinition: hex("00200103"),
      }),
    ),
    ricQueryResponse: successful(
      "RICquery",
      msg("RICQueryResponse", {
        RICrequestID: { ricRequestorID: 1004, ricInstanceID: 1 },
        RANfunctionID: RC_FN,
        RICqueryOutcome: hex("0020010300050a"),
      }),
    ),
    ricQueryFailure: unsuccessful(
      "RICquery",
      msg("RICQueryFailure", {
        RICrequestID: { ricRequestorID: 1004, ricInstanceID: 1 },
        RANfunctionID: RC_FN,
        Cause: { ricRequest: "requested-information-unavailable" },
      }),
    ),
  };
}

/** Every E2AP sample by name, per version: values of `E2AP-PDU`. */
export const e2apSamples: { v2: Record<string, unknown>; v3: Record<string, unknown> } = {
  v2: samples(2),
  v3: samples(3),
};
