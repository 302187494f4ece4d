/**
 * E2AP-PDU-Descriptions: the elementary procedures and the E2AP-PDU. The `value` of each message kind
 * is an open type selected by `procedureCode` through the procedure table of the version.
 */
import { choice, def, open, seq } from "../schema/builders.js";
import type { Desc } from "../schema/descriptors.js";
import type { E2apCommon } from "./common.js";
import * as C from "./constants.js";
import type { CriticalityName } from "./containers.js";
import type { buildGlobalContents } from "./contents-global.js";
import type { buildRicContents } from "./contents-ric.js";
import type { E2apV3Contents } from "./contents-v3.js";
import { procedureNameOf } from "./ids.js";

/** One E2AP-ELEMENTARY-PROCEDURE object. */
export interface ProcedureSpec {
  readonly code: number;
  /** The procedure code's name without `id-` (`RICsubscription`). */
  readonly name: string;
  readonly initiating: Desc;
  readonly successful?: Desc;
  readonly unsuccessful?: Desc;
  readonly criticality: CriticalityName;
  /** Class 1 has a response (successful and/or unsuccessful outcome); class 2 has none. */
  readonly class: 1 | 2;
}

const proc = (
  code: number,
  cls: 1 | 2,
  criticality: CriticalityName,
  initiating: Desc,
  successful?: Desc,
  unsuccessful?: Desc,
): ProcedureSpec => ({
  code,
  name: procedureNameOf.get(code) ?? String(code),
  initiating,
  ...(successful ? { successful } : {}),
  ...(unsuccessful ? { unsuccessful } : {}),
  criticality,
  class: cls,
});

type Messages = ReturnType<typeof buildGlobalContents> & ReturnType<typeof buildRicContents>;

/** The procedure list in the order of E2AP-ELEMENTARY-PROCEDURES-CLASS-1 then CLASS-2. */
export function procedureTable(m: Messages, v3: E2apV3Contents | undefined): readonly ProcedureSpec[] {
  return [
    proc(
      C.id_RICsubscription,
      1,
      "reject",
      m.RICsubscriptionRequest,
      m.RICsubscriptionResponse,
      m.RICsubscriptionFailure,
    ),
    proc(
      C.id_RICsubscriptionDelete,
      1,
      "reject",
      m.RICsubscriptionDeleteRequest,
      m.RICsubscriptionDeleteResponse,
      m.RICsubscriptionDeleteFailure,
    ),
    ...(v3
      ? [
          proc(
            C.id_RICsubscriptionModification,
            1,
            "reject",
            v3.RICsubscriptionModificationRequest,
            v3.RICsubscriptionModificationResponse,
            v3.RICsubscriptionModificationFailure,
          ),
          proc(
            C.id_RICsubscriptionModificationRequired,
            1,
            "reject",
            v3.RICsubscriptionModificationRequired,
            v3.RICsubscriptionModificationConfirm,
            v3.RICsubscriptionModificationRefuse,
          ),
          proc(C.id_RICquery, 1, "reject", v3.RICQueryRequest, v3.RICQueryResponse, v3.RICQueryFailure),
        ]
      : []),
    proc(
      C.id_RICserviceUpdate,
      1,
      "reject",
      m.RICserviceUpdate,
      m.RICserviceUpdateAcknowledge,
      m.RICserviceUpdateFailure,
    ),
    proc(C.id_RICcontrol, 1, "reject", m.RICcontrolRequest, m.RICcontrolAcknowledge, m.RICcontrolFailure),
    proc(C.id_E2setup, 1, "reject", m.E2setupRequest, m.E2setupResponse, m.E2setupFailure),
    proc(
      C.id_E2nodeConfigurationUpdate,
      1,
      "reject",
      m.E2nodeConfigurationUpdate,
      m.E2nodeConfigurationUpdateAcknowledge,
      m.E2nodeConfigurationUpdateFailure,
    ),
    proc(
      C.id_E2connectionUpdate,
      1,
      "reject",
      m.E2connectionUpdate,
      m.E2connectionUpdateAcknowledge,
      m.E2connectionUpdateFailure,
    ),
    // Reset has no unsuccessful outcome.
    proc(C.id_Reset, 1, "reject", m.ResetRequest, m.ResetResponse),
    proc(C.id_E2removal, 1, "reject", m.E2RemovalRequest, m.E2RemovalResponse, m.E2RemovalFailure),
    proc(C.id_RICindication, 2, "ignore", m.RICindication),
    proc(C.id_RICserviceQuery, 2, "ignore", m.RICserviceQuery),
    proc(C.id_ErrorIndication, 2, "ignore", m.ErrorIndication),
    proc(C.id_RICsubscriptionDeleteRequired, 2, "ignore", m.RICsubscriptionDeleteRequired),
  ];
}

/** InitiatingMessage, SuccessfulOutcome, UnsuccessfulOutcome and E2AP-PDU over a procedure table. */
export function buildPdu(common: E2apCommon, procedures: readonly ProcedureSpec[]) {
  const { ProcedureCode, Criticality } = common;
  const tableOf = (pick: (p: ProcedureSpec) => Desc | undefined) => {
    const t = new Map<number | string, Desc>();
    for (const p of procedures) {
      const d = pick(p);
      if (d) t.set(p.code, d);
    }
    return t;
  };
  // No extension marker on the three message kinds; the PDU CHOICE is extensible.
  const kind = (name: string, pick: (p: ProcedureSpec) => Desc | undefined) =>
    def(
      name,
      seq({ procedureCode: ProcedureCode, criticality: Criticality, value: open("procedureCode", tableOf(pick)) }),
    );

  const InitiatingMessage = kind("InitiatingMessage", (p) => p.initiating);
  const SuccessfulOutcome = kind("SuccessfulOutcome", (p) => p.successful);
  const UnsuccessfulOutcome = kind("UnsuccessfulOutcome", (p) => p.unsuccessful);
  const E2AP_PDU = def(
    "E2AP-PDU",
    choice(
      {
        initiatingMessage: InitiatingMessage,
        successfulOutcome: SuccessfulOutcome,
        unsuccessfulOutcome: UnsuccessfulOutcome,
      },
      {},
    ),
  );
  return { E2AP_PDU, InitiatingMessage, SuccessfulOutcome, UnsuccessfulOutcome };
}
