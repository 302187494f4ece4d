/**
 * E2AP-PDU-Contents, RIC functional procedures present in both versions: subscription, subscription
 * delete, subscription delete required, indication and control. v03.01 adds the subscription start and
 * end time IEs (after the set's `...`) and RICaction-ToBeSetup-Item.ricActionExecutionOrder (after the
 * SEQUENCE's `...`).
 */
import { def, opt, seq } from "../schema/builders.js";
import { type E2apVersion, need } from "./common.js";
import * as C from "./constants.js";
import { type E2apContainers, ie, ieSet } from "./containers.js";
import type { E2apIes } from "./ies.js";

export function buildRicContents(version: E2apVersion, t: E2apIes, k: E2apContainers) {
  const { ieMessage, itemList } = k;
  const requestIds = [
    ie(C.id_RICrequestID, "reject", t.RICrequestID, "mandatory"),
    ie(C.id_RANfunctionID, "reject", t.RANfunctionID, "mandatory"),
  ];

  // ---- RIC subscription ----
  const RICaction_ToBeSetup_Item = def(
    "RICaction-ToBeSetup-Item",
    seq(
      {
        ricActionID: t.RICactionID,
        ricActionType: t.RICactionType,
        ricActionDefinition: opt(t.RICactionDefinition),
        ricSubsequentAction: opt(t.RICsubsequentAction),
      },
      version === 3 ? { ricActionExecutionOrder: opt(need(t.RICactionExecutionOrder, "RICactionExecutionOrder")) } : {},
    ),
  );
  const RICactions_ToBeSetup_List = itemList(
    "RICactions-ToBeSetup-List",
    1,
    C.maxofRICactionID,
    "RICaction-ToBeSetup-ItemIEs",
    C.id_RICaction_ToBeSetup_Item,
    "ignore",
    RICaction_ToBeSetup_Item,
  );
  const RICsubscriptionDetails = def(
    "RICsubscriptionDetails",
    seq(
      { ricEventTriggerDefinition: t.RICeventTriggerDefinition, "ricAction-ToBeSetup-List": RICactions_ToBeSetup_List },
      {},
    ),
  );
  const RICsubscriptionRequest = ieMessage(
    "RICsubscriptionRequest",
    ieSet(
      "RICsubscriptionRequest-IEs",
      [...requestIds, ie(C.id_RICsubscriptionDetails, "reject", RICsubscriptionDetails, "mandatory")],
      version === 3
        ? [
            ie(C.id_RICsubscriptionStartTime, "reject", need(t.RICsubscriptionTime, "RICsubscriptionTime"), "optional"),
            ie(C.id_RICsubscriptionEndTime, "reject", need(t.RICsubscriptionTime, "RICsubscriptionTime"), "optional"),
          ]
        : [],
    ),
  );

  const RICaction_Admitted_Item = def("RICaction-Admitted-Item", seq({ ricActionID: t.RICactionID }, {}));
  const RICaction_Admitted_List = itemList(
    "RICaction-Admitted-List",
    1,
    C.maxofRICactionID,
    "RICaction-Admitted-ItemIEs",
    C.id_RICaction_Admitted_Item,
    "ignore",
    RICaction_Admitted_Item,
  );
  const RICaction_NotAdmitted_Item = def(
    "RICaction-NotAdmitted-Item",
    seq({ ricActionID: t.RICactionID, cause: t.Cause }, {}),
  );
  // 0..max, unlike the admitted list (1..max).
  const RICaction_NotAdmitted_List = itemList(
    "RICaction-NotAdmitted-List",
    0,
    C.maxofRICactionID,
    "RICaction-NotAdmitted-ItemIEs",
    C.id_RICaction_NotAdmitted_Item,
    "ignore",
    RICaction_NotAdmitted_Item,
  );
  const RICsubscriptionResponse = ieMessage(
    "RICsubscriptionResponse",
    ieSet("RICsubscriptionResponse-IEs", [
      ...requestIds,
      ie(C.id_RICactions_Admitted, "reject", RICaction_Admitted_List, "mandatory"),
      ie(C.id_RICactions_NotAdmitted, "reject", RICaction_NotAdmitted_List, "optional"),
    ]),
  );
  const RICsubscriptionFailure = ieMessage(
    "RICsubscriptionFailure",
    ieSet("RICsubscriptionFailure-IEs", [
      ...requestIds,
      ie(C.id_Cause, "reject", t.Cause, "mandatory"),
      ie(C.id_CriticalityDiagnostics, "ignore", t.CriticalityDiagnostics, "optional"),
    ]),
  );

  // ---- RIC subscription delete ----
  const RICsubscriptionDeleteRequest = ieMessage(
    "RICsubscriptionDeleteRequest",
    ieSet("RICsubscriptionDeleteRequest-IEs", requestIds),
  );
  const RICsubscriptionDeleteResponse = ieMessage(
    "RICsubscriptionDeleteResponse",
    ieSet("RICsubscriptionDeleteResponse-IEs", requestIds),
  );
  // Cause is `ignore` here, `reject` in RICsubscriptionFailure.
  const RICsubscriptionDeleteFailure = ieMessage(
    "RICsubscriptionDeleteFailure",
    ieSet("RICsubscriptionDeleteFailure-IEs", [
      ...requestIds,
      ie(C.id_Cause, "ignore", t.Cause, "mandatory"),
      ie(C.id_CriticalityDiagnostics, "ignore", t.CriticalityDiagnostics, "optional"),
    ]),
  );

  // ---- RIC subscription delete required ----
  const RICsubscription_withCause_Item = def(
    "RICsubscription-withCause-Item",
    seq({ ricRequestID: t.RICrequestID, ranFunctionID: t.RANfunctionID, cause: t.Cause }, {}),
  );
  const RICsubscription_List_withCause = itemList(
    "RICsubscription-List-withCause",
    1,
    C.maxofRICrequestID,
    "RICsubscription-withCause-ItemIEs",
    C.id_RICsubscription_withCause_Item,
    "ignore",
    RICsubscription_withCause_Item,
  );
  const RICsubscriptionDeleteRequired = ieMessage(
    "RICsubscriptionDeleteRequired",
    ieSet("RICsubscriptionDeleteRequired-IEs", [
      ie(C.id_RICsubscriptionToBeRemoved, "ignore", RICsubscription_List_withCause, "mandatory"),
    ]),
  );

  // ---- RIC indication ----
  const RICindication = ieMessage(
    "RICindication",
    ieSet("RICindication-IEs", [
      ...requestIds,
      ie(C.id_RICactionID, "reject", t.RICactionID, "mandatory"),
      ie(C.id_RICindicationSN, "reject", t.RICindicationSN, "optional"),
      ie(C.id_RICindicationType, "reject", t.RICindicationType, "mandatory"),
      ie(C.id_RICindicationHeader, "reject", t.RICindicationHeader, "mandatory"),
      ie(C.id_RICindicationMessage, "reject", t.RICindicationMessage, "mandatory"),
      ie(C.id_RICcallProcessID, "reject", t.RICcallProcessID, "optional"),
    ]),
  );

  // ---- RIC control ----
  const RICcontrolRequest = ieMessage(
    "RICcontrolRequest",
    ieSet("RICcontrolRequest-IEs", [
      ...requestIds,
      ie(C.id_RICcallProcessID, "reject", t.RICcallProcessID, "optional"),
      ie(C.id_RICcontrolHeader, "reject", t.RICcontrolHeader, "mandatory"),
      ie(C.id_RICcontrolMessage, "reject", t.RICcontrolMessage, "mandatory"),
      ie(C.id_RICcontrolAckRequest, "reject", t.RICcontrolAckRequest, "optional"),
    ]),
  );
  const RICcontrolAcknowledge = ieMessage(
    "RICcontrolAcknowledge",
    ieSet("RICcontrolAcknowledge-IEs", [
      ...requestIds,
      ie(C.id_RICcallProcessID, "reject", t.RICcallProcessID, "optional"),
      ie(C.id_RICcontrolOutcome, "reject", t.RICcontrolOutcome, "optional"),
    ]),
  );
  // CriticalityDiagnostics sits after the set's `...` in both versions.
  const RICcontrolFailure = ieMessage(
    "RICcontrolFailure",
    ieSet(
      "RICcontrolFailure-IEs",
      [
        ...requestIds,
        ie(C.id_RICcallProcessID, "reject", t.RICcallProcessID, "optional"),
        ie(C.id_Cause, "ignore", t.Cause, "mandatory"),
        ie(C.id_RICcontrolOutcome, "reject", t.RICcontrolOutcome, "optional"),
      ],
      [ie(C.id_CriticalityDiagnostics, "ignore", t.CriticalityDiagnostics, "optional")],
    ),
  );

  return {
    RICsubscriptionRequest,
    RICsubscriptionDetails,
    RICactions_ToBeSetup_List,
    RICaction_ToBeSetup_Item,
    RICsubscriptionResponse,
    RICaction_Admitted_List,
    RICaction_Admitted_Item,
    RICaction_NotAdmitted_List,
    RICaction_NotAdmitted_Item,
    RICsubscriptionFailure,
    RICsubscriptionDeleteRequest,
    RICsubscriptionDeleteResponse,
    RICsubscriptionDeleteFailure,
    RICsubscriptionDeleteRequired,
    RICsubscription_List_withCause,
    RICsubscription_withCause_Item,
    RICindication,
    RICcontrolRequest,
    RICcontrolAcknowledge,
    RICcontrolFailure,
  };
}
