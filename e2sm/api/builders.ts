/**
 * Builders for the messages xApps and E2 nodes exchange most, with sensible defaults: a few named
 * fields in, an `E2Message` out (encode it with `E2apCodec`). E2SM payloads are bytes: encode them
 * with `encodeSm` first.
 *
 *   codec.encode(ricIndication({ requestId: { requestor: 7, instance: 1 }, ranFunctionId: 2, actionId: 1,
 *                                header, message }))
 */
import type { BitString } from "../schema/descriptors.js";
import type { E2Message, MessageKind } from "./message.js";

export interface RequestId {
  requestor: number;
  instance: number;
}
/** E2AP Cause: `{ ricRequest: "action-not-supported" }`, `{ misc: "unspecified" }`... */
export type Cause = Record<string, string | number>;

const msg = (procedure: string, kind: MessageKind, ies: Record<string, unknown>): E2Message => {
  for (const k of Object.keys(ies)) if (ies[k] === undefined) delete ies[k];
  return { procedure, kind, ies };
};
const ricRequestId = (r: RequestId) => ({ ricRequestorID: r.requestor, ricInstanceID: r.instance });

/** Bytes of a hex string such as a PLMN identity `"00f110"` (MCC 001, MNC 01). */
export function hexBytes(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new TypeError(`not hex: ${hex}`);
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

/** An n-bit BIT STRING holding `value` (n <= 53), as gNB ids, RIC ids and cell ids are. */
export function bitString(value: number, length: number): BitString {
  const bytes = new Uint8Array(Math.ceil(length / 8));
  let v = value * 2 ** (bytes.length * 8 - length); // left-align in the octets
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return { bits: bytes, length };
}

/** GlobalE2node-ID of a gNB: PLMN as hex (`00f110`), gNB id of 22..32 bits. */
export function gnbNodeId(o: { plmn: string; gnbId: number; gnbIdBits?: number }) {
  return {
    gNB: {
      "global-gNB-ID": { "plmn-id": hexBytes(o.plmn), "gnb-id": { "gnb-ID": bitString(o.gnbId, o.gnbIdBits ?? 22) } },
    },
  };
}

export interface RanFunction {
  id: number;
  oid: string;
  /** The encoded E2SM RAN function definition. */
  definition: Uint8Array;
  revision?: number;
}

export function e2setupRequest(o: {
  transactionId?: number;
  nodeId: unknown;
  ranFunctions: RanFunction[];
  /** E2 node component configurations; default: one NG interface component with empty parts. */
  components?: unknown[];
}): E2Message {
  return msg("E2setup", "initiatingMessage", {
    TransactionID: o.transactionId ?? 0,
    GlobalE2node_ID: o.nodeId,
    RANfunctionsAdded: o.ranFunctions.map((f) => ({
      ranFunctionID: f.id,
      ranFunctionDefinition: f.definition,
      ranFunctionRevision: f.revision ?? 1,
      ranFunctionOID: f.oid,
    })),
    E2nodeComponentConfigAddition: o.components ?? [
      {
        e2nodeComponentInterfaceType: "ng",
        e2nodeComponentID: { e2nodeComponentInterfaceTypeNG: { "amf-name": "amf" } },
        e2nodeComponentConfiguration: {
          e2nodeComponentRequestPart: new Uint8Array(0),
          e2nodeComponentResponsePart: new Uint8Array(0),
        },
      },
    ],
  });
}

export function e2setupResponse(o: {
  transactionId?: number;
  plmn: string;
  ricId: number;
  accepted: { id: number; revision?: number }[];
  rejected?: { id: number; cause: Cause }[];
  /** Acknowledgements of the request's component configurations (default: success for the default one). */
  componentAcks?: unknown[];
}): E2Message {
  return msg("E2setup", "successfulOutcome", {
    TransactionID: o.transactionId ?? 0,
    GlobalRIC_ID: { "pLMN-Identity": hexBytes(o.plmn), "ric-ID": bitString(o.ricId, 20) },
    RANfunctionsAccepted: o.accepted.length
      ? o.accepted.map((f) => ({ ranFunctionID: f.id, ranFunctionRevision: f.revision ?? 1 }))
      : undefined,
    RANfunctionsRejected: o.rejected?.length
      ? o.rejected.map((f) => ({ ranFunctionID: f.id, cause: f.cause }))
      : undefined,
    E2nodeComponentConfigAdditionAck: o.componentAcks ?? [
      {
        e2nodeComponentInterfaceType: "ng",
        e2nodeComponentID: { e2nodeComponentInterfaceTypeNG: { "amf-name": "amf" } },
        e2nodeComponentConfigurationAck: { updateOutcome: "success" },
      },
    ],
  });
}

export const e2setupFailure = (o: { transactionId?: number; cause: Cause; timeToWait?: string }): E2Message =>
  msg("E2setup", "unsuccessfulOutcome", {
    TransactionID: o.transactionId ?? 0,
    Cause: o.cause,
    TimeToWait: o.timeToWait,
  });

export interface Action {
  id: number;
  type?: "report" | "insert" | "policy";
  /** The encoded E2SM action definition. */
  definition?: Uint8Array;
}

export function ricSubscriptionRequest(o: {
  requestId: RequestId;
  ranFunctionId: number;
  /** The encoded E2SM event trigger definition. */
  eventTrigger: Uint8Array;
  actions: Action[];
}): E2Message {
  return msg("RICsubscription", "initiatingMessage", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    RICsubscriptionDetails: {
      ricEventTriggerDefinition: o.eventTrigger,
      "ricAction-ToBeSetup-List": o.actions.map((a) => ({
        ricActionID: a.id,
        ricActionType: a.type ?? "report",
        ...(a.definition ? { ricActionDefinition: a.definition } : {}),
      })),
    },
  });
}

export const ricSubscriptionResponse = (o: {
  requestId: RequestId;
  ranFunctionId: number;
  admitted: number[];
  notAdmitted?: { id: number; cause: Cause }[];
}): E2Message =>
  msg("RICsubscription", "successfulOutcome", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    RICactions_Admitted: o.admitted.map((id) => ({ ricActionID: id })),
    RICactions_NotAdmitted: o.notAdmitted?.map((a) => ({ ricActionID: a.id, cause: a.cause })),
  });

export const ricSubscriptionFailure = (o: { requestId: RequestId; ranFunctionId: number; cause: Cause }): E2Message =>
  msg("RICsubscription", "unsuccessfulOutcome", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    Cause: o.cause,
  });

export const ricIndication = (o: {
  requestId: RequestId;
  ranFunctionId: number;
  actionId: number;
  sn?: number;
  type?: "report" | "insert";
  header: Uint8Array;
  message: Uint8Array;
  callProcessId?: Uint8Array;
}): E2Message =>
  msg("RICindication", "initiatingMessage", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    RICactionID: o.actionId,
    RICindicationSN: o.sn,
    RICindicationType: o.type ?? "report",
    RICindicationHeader: o.header,
    RICindicationMessage: o.message,
    RICcallProcessID: o.callProcessId,
  });

export const ricControlRequest = (o: {
  requestId: RequestId;
  ranFunctionId: number;
  header: Uint8Array;
  message: Uint8Array;
  callProcessId?: Uint8Array;
  ackRequest?: "noAck" | "ack" | "nAck";
}): E2Message =>
  msg("RICcontrol", "initiatingMessage", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    RICcallProcessID: o.callProcessId,
    RICcontrolHeader: o.header,
    RICcontrolMessage: o.message,
    RICcontrolAckRequest: o.ackRequest,
  });

export const ricControlAcknowledge = (o: {
  requestId: RequestId;
  ranFunctionId: number;
  callProcessId?: Uint8Array;
  outcome?: Uint8Array;
}): E2Message =>
  msg("RICcontrol", "successfulOutcome", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    RICcallProcessID: o.callProcessId,
    RICcontrolOutcome: o.outcome,
  });

export const ricControlFailure = (o: {
  requestId: RequestId;
  ranFunctionId: number;
  cause: Cause;
  callProcessId?: Uint8Array;
  outcome?: Uint8Array;
}): E2Message =>
  msg("RICcontrol", "unsuccessfulOutcome", {
    RICrequestID: ricRequestId(o.requestId),
    RANfunctionID: o.ranFunctionId,
    RICcallProcessID: o.callProcessId,
    Cause: o.cause,
    RICcontrolOutcome: o.outcome,
  });
