/**
 * E2AP-PDU-Contents, procedures new in v03.01: RIC subscription modification (RIC initiated),
 * RIC subscription modification required (E2 node initiated) and RIC query. Built for v03.01 only.
 */

import { def, opt, seq } from "../schema/builders.js";
import type { Desc } from "../schema/descriptors.js";
import { need } from "./common.js";
import * as C from "./constants.js";
import { type CriticalityName, type E2apContainers, ie, ieSet } from "./containers.js";
import type { E2apIes } from "./ies.js";

export function buildV3Contents(t: E2apIes, k: E2apContainers) {
  const { ieMessage, itemList } = k;
  const RICactionExecutionOrder = need(t.RICactionExecutionOrder, "RICactionExecutionOrder");
  const requestIds = [
    ie(C.id_RICrequestID, "reject", t.RICrequestID, "mandatory"),
    ie(C.id_RANfunctionID, "reject", t.RANfunctionID, "mandatory"),
  ];
  // Every list of this part: SIZE(0..maxofRICactionID) of one `ignore` item IE.
  const actionList = (name: string, setName: string, id: number, item: Desc, crit: CriticalityName = "ignore") =>
    itemList(name, 0, C.maxofRICactionID, setName, id, crit, item);
  const idOnly = (name: string) => def(name, seq({ ricActionID: t.RICactionID }, {}));
  const withCause = (name: string) => def(name, seq({ ricActionID: t.RICactionID, cause: t.Cause }, {}));
  const failure = (name: string, causeCrit: CriticalityName) =>
    ieMessage(
      name,
      ieSet(`${name}-IEs`, [
        ...requestIds,
        ie(C.id_Cause, causeCrit, t.Cause, "mandatory"),
        ie(C.id_CriticalityDiagnostics, "ignore", t.CriticalityDiagnostics, "optional"),
      ]),
    );

  // ---- RIC subscription modification request ----
  const RICaction_ToBeRemovedForModification_Item = idOnly("RICaction-ToBeRemovedForModification-Item");
  const RICactions_ToBeRemovedForModification_List = actionList(
    "RICactions-ToBeRemovedForModification-List",
    "RICaction-ToBeRemovedForModification-ItemIEs",
    C.id_RICaction_ToBeRemovedForModification_Item,
    RICaction_ToBeRemovedForModification_Item,
  );
  const RICaction_ToBeModifiedForModification_Item = def(
    "RICaction-ToBeModifiedForModification-Item",
    seq(
      {
        ricActionID: t.RICactionID,
        ricActionDefinition: opt(t.RICactionDefinition),
        ricActionExecutionOrder: opt(RICactionExecutionOrder),
        ricSubsequentAction: opt(t.RICsubsequentAction),
      },
      {},
    ),
  );
  const RICactions_ToBeModifiedForModification_List = actionList(
    "RICactions-ToBeModifiedForModification-List",
    "RICaction-ToBeModifiedForModification-ItemIEs",
    C.id_RICaction_ToBeModifiedForModification_Item,
    RICaction_ToBeModifiedForModification_Item,
  );
  // Unlike RICaction-ToBeSetup-Item, definition and execution order are mandatory here.
  const RICaction_ToBeAddedForModification_Item = def(
    "RICaction-ToBeAddedForModification-Item",
    seq(
      {
        ricActionID: t.RICactionID,
        ricActionType: t.RICactionType,
        ricActionDefinition: t.RICactionDefinition,
        ricActionExecutionOrder: RICactionExecutionOrder,
        ricSubsequentAction: opt(t.RICsubsequentAction),
      },
      {},
    ),
  );
  const RICactions_ToBeAddedForModification_List = actionList(
    "RICactions-ToBeAddedForModification-List",
    "RICaction-ToBeAddedForModification-ItemIEs",
    C.id_RICaction_ToBeAddedForModification_Item,
    RICaction_ToBeAddedForModification_Item,
  );
  const RICsubscriptionModificationRequest = ieMessage(
    "RICsubscriptionModificationRequest",
    ieSet("RICsubscriptionModificationRequest-IEs", [
      ...requestIds,
      ie(C.id_RICeventTriggerDefinitionToBeModified, "ignore", t.RICeventTriggerDefinition, "optional"),
      ie(
        C.id_RICactionsToBeRemovedForModification_List,
        "ignore",
        RICactions_ToBeRemovedForModification_List,
        "optional",
      ),
      ie(
        C.id_RICactionsToBeModifiedForModification_List,
        "ignore",
        RICactions_ToBeModifiedForModification_List,
        "optional",
      ),
      ie(C.id_RICactionsToBeAddedForModification_List, "ignore", RICactions_ToBeAddedForModification_List, "optional"),
    ]),
  );

  // ---- RIC subscription modification response / failure ----
  const RICaction_RemovedForModification_Item = idOnly("RICaction-RemovedForModification-Item");
  const RICactions_RemovedForModification_List = actionList(
    "RICactions-RemovedForModification-List",
    "RICaction-RemovedForModification-ItemIEs",
    C.id_RICaction_RemovedForModification_Item,
    RICaction_RemovedForModification_Item,
  );
  const RICaction_FailedToBeRemovedForModification_Item = withCause("RICaction-FailedToBeRemovedForModification-Item");
  const RICactions_FailedToBeRemovedForModification_List = actionList(
    "RICactions-FailedToBeRemovedForModification-List",
    "RICaction-FailedToBeRemovedForModification-ItemIEs",
    C.id_RICaction_FailedToBeRemovedForModification_Item,
    RICaction_FailedToBeRemovedForModification_Item,
  );
  const RICaction_ModifiedForModification_Item = idOnly("RICaction-ModifiedForModification-Item");
  const RICactions_ModifiedForModification_List = actionList(
    "RICactions-ModifiedForModification-List",
    "RICaction-ModifiedForModification-ItemIEs",
    C.id_RICaction_ModifiedForModification_Item,
    RICaction_ModifiedForModification_Item,
  );
  const RICaction_FailedToBeModifiedForModification_Item = withCause(
    "RICaction-FailedToBeModifiedForModification-Item",
  );
  const RICactions_FailedToBeModifiedForModification_List = actionList(
    "RICactions-FailedToBeModifiedForModification-List",
    "RICaction-FailedToBeModifiedForModification-ItemIEs",
    C.id_RICaction_FailedToBeModifiedForModification_Item,
    RICaction_FailedToBeModifiedForModification_Item,
  );
  const RICaction_AddedForModification_Item = idOnly("RICaction-AddedForModification-Item");
  const RICactions_AddedForModification_List = actionList(
    "RICactions-AddedForModification-List",
    "RICaction-AddedForModification-ItemIEs",
    C.id_RICaction_AddedForModification_Item,
    RICaction_AddedForModification_Item,
  );
  const RICaction_FailedToBeAddedForModification_Item = withCause("RICaction-FailedToBeAddedForModification-Item");
  const RICactions_FailedToBeAddedForModification_List = actionList(
    "RICactions-FailedToBeAddedForModification-List",
    "RICaction-FailedToBeAddedForModification-ItemIEs",
    C.id_RICaction_FailedToBeAddedForModification_Item,
    RICaction_FailedToBeAddedForModification_Item,
  );
  const RICsubscriptionModificationResponse = ieMessage(
    "RICsubscriptionModificationResponse",
    ieSet("RICsubscriptionModificationResponse-IEs", [
      ...requestIds,
      ie(C.id_RICactionsRemovedForModification_List, "ignore", RICactions_RemovedForModification_List, "optional"),
      ie(
        C.id_RICactionsFailedToBeRemovedForModification_List,
        "ignore",
        RICactions_FailedToBeRemovedForModification_List,
        "optional",
      ),
      ie(C.id_RICactionsModifiedForModification_List, "ignore", RICactions_ModifiedForModification_List, "optional"),
      ie(
        C.id_RICactionsFailedToBeModifiedForModification_List,
        "ignore",
        RICactions_FailedToBeModifiedForModification_List,
        "optional",
      ),
      ie(C.id_RICactionsAddedForModification_List, "ignore", RICactions_AddedForModification_List, "optional"),
      ie(
        C.id_RICactionsFailedToBeAddedForModification_List,
        "ignore",
        RICactions_FailedToBeAddedForModification_List,
        "optional",
      ),
    ]),
  );
  const RICsubscriptionModificationFailure = failure("RICsubscriptionModificationFailure", "reject");

  // ---- RIC subscription modification required / confirm / refuse ----
  const RICaction_RequiredToBeModified_Item = def(
    "RICaction-RequiredToBeModified-Item",
    seq({ ricActionID: t.RICactionID, ricTimeToWait: t.RICtimeToWait }, {}),
  );
  const RICactions_RequiredToBeModified_List = actionList(
    "RICactions-RequiredToBeModified-List",
    "RICaction-RequiredToBeModified-ItemIEs",
    C.id_RICaction_RequiredToBeModified_Item,
    RICaction_RequiredToBeModified_Item,
  );
  const RICaction_RequiredToBeRemoved_Item = withCause("RICaction-RequiredToBeRemoved-Item");
  const RICactions_RequiredToBeRemoved_List = actionList(
    "RICactions-RequiredToBeRemoved-List",
    "RICaction-RequiredToBeRemoved-ItemIEs",
    C.id_RICaction_RequiredToBeRemoved_Item,
    RICaction_RequiredToBeRemoved_Item,
  );
  const RICsubscriptionModificationRequired = ieMessage(
    "RICsubscriptionModificationRequired",
    ieSet("RICsubscriptionModificationRequired-IEs", [
      ...requestIds,
      ie(C.id_RICactionsRequiredToBeModified_List, "ignore", RICactions_RequiredToBeModified_List, "optional"),
      ie(C.id_RICactionsRequiredToBeRemoved_List, "ignore", RICactions_RequiredToBeRemoved_List, "optional"),
    ]),
  );

  const RICaction_ConfirmedForModification_Item = idOnly("RICaction-ConfirmedForModification-Item");
  const RICactions_ConfirmedForModification_List = actionList(
    "RICactions-ConfirmedForModification-List",
    "RICaction-ConfirmedForModification-ItemIEs",
    C.id_RICaction_ConfirmedForModification_Item,
    RICaction_ConfirmedForModification_Item,
  );
  const RICaction_RefusedToBeModified_Item = withCause("RICaction-RefusedToBeModified-Item");
  const RICactions_RefusedToBeModified_List = actionList(
    "RICactions-RefusedToBeModified-List",
    "RICaction-RefusedToBeModified-ItemIEs",
    C.id_RICaction_RefusedToBeModified_Item,
    RICaction_RefusedToBeModified_Item,
  );
  const RICaction_ConfirmedForRemoval_Item = idOnly("RICaction-ConfirmedForRemoval-Item");
  const RICactions_ConfirmedForRemoval_List = actionList(
    "RICactions-ConfirmedForRemoval-List",
    "RICaction-ConfirmedForRemoval-ItemIEs",
    C.id_RICaction_ConfirmedForRemoval_Item,
    RICaction_ConfirmedForRemoval_Item,
  );
  const RICaction_RefusedToBeRemoved_Item = withCause("RICaction-RefusedToBeRemoved-Item");
  const RICactions_RefusedToBeRemoved_List = actionList(
    "RICactions-RefusedToBeRemoved-List",
    "RICaction-RefusedToBeRemoved-ItemIEs",
    C.id_RICaction_RefusedToBeRemoved_Item,
    RICaction_RefusedToBeRemoved_Item,
  );
  const RICsubscriptionModificationConfirm = ieMessage(
    "RICsubscriptionModificationConfirm",
    ieSet("RICsubscriptionModificationConfirm-IEs", [
      ...requestIds,
      ie(C.id_RICactionsConfirmedForModification_List, "ignore", RICactions_ConfirmedForModification_List, "optional"),
      ie(C.id_RICactionsRefusedToBeModified_List, "ignore", RICactions_RefusedToBeModified_List, "optional"),
      ie(C.id_RICactionsConfirmedForRemoval_List, "ignore", RICactions_ConfirmedForRemoval_List, "optional"),
      ie(C.id_RICactionsRefusedToBeRemoved_List, "ignore", RICactions_RefusedToBeRemoved_List, "optional"),
    ]),
  );
  const RICsubscriptionModificationRefuse = failure("RICsubscriptionModificationRefuse", "reject");

  // ---- RIC query (the standard's module spells these RICQuery..., with a capital Q) ----
  const RICQueryRequest = ieMessage(
    "RICQueryRequest",
    ieSet("RICQueryRequest-IEs", [
      ...requestIds,
      ie(C.id_RICqueryHeader, "reject", need(t.RICqueryHeader, "RICqueryHeader"), "mandatory"),
      ie(C.id_RICqueryDefinition, "reject", need(t.RICqueryDefinition, "RICqueryDefinition"), "mandatory"),
    ]),
  );
  const RICQueryResponse = ieMessage(
    "RICQueryResponse",
    ieSet("RICQueryResponse-IEs", [
      ...requestIds,
      ie(C.id_RICqueryOutcome, "reject", need(t.RICqueryOutcome, "RICqueryOutcome"), "mandatory"),
    ]),
  );
  const RICQueryFailure = failure("RICQueryFailure", "ignore");

  return {
    RICsubscriptionModificationRequest,
    RICactions_ToBeRemovedForModification_List,
    RICaction_ToBeRemovedForModification_Item,
    RICactions_ToBeModifiedForModification_List,
    RICaction_ToBeModifiedForModification_Item,
    RICactions_ToBeAddedForModification_List,
    RICaction_ToBeAddedForModification_Item,
    RICsubscriptionModificationResponse,
    RICactions_RemovedForModification_List,
    RICaction_RemovedForModification_Item,
    RICactions_FailedToBeRemovedForModification_List,
    RICaction_FailedToBeRemovedForModification_Item,
    RICactions_ModifiedForModification_List,
    RICaction_ModifiedForModification_Item,
    RICactions_FailedToBeModifiedForModification_List,
    RICaction_FailedToBeModifiedForModification_Item,
    RICactions_AddedForModification_List,
    RICaction_AddedForModification_Item,
    RICactions_FailedToBeAddedForModification_List,
    RICaction_FailedToBeAddedForModification_Item,
    RICsubscriptionModificationFailure,
    RICsubscriptionModificationRequired,
    RICactions_RequiredToBeModified_List,
    RICaction_RequiredToBeModified_Item,
    RICactions_RequiredToBeRemoved_List,
    RICaction_RequiredToBeRemoved_Item,
    RICsubscriptionModificationConfirm,
    RICactions_ConfirmedForModification_List,
    RICaction_ConfirmedForModification_Item,
    RICactions_RefusedToBeModified_List,
    RICaction_RefusedToBeModified_Item,
    RICactions_ConfirmedForRemoval_List,
    RICaction_ConfirmedForRemoval_Item,
    RICactions_RefusedToBeRemoved_List,
    RICaction_RefusedToBeRemoved_Item,
    RICsubscriptionModificationRefuse,
    RICQueryRequest,
    RICQueryResponse,
    RICQueryFailure,
  };
}

export type E2apV3Contents = ReturnType<typeof buildV3Contents>;
