/**
 * Name -> number tables for procedure codes and ProtocolIE ids, per version. Names are the ASN.1 value
 * names without `id-`, with `-` written `_` (`GlobalE2node_ID`), so they read as identifiers.
 */
import * as C from "./constants.js";

export const ProcedureCodeOfV2 = {
  E2setup: C.id_E2setup,
  ErrorIndication: C.id_ErrorIndication,
  Reset: C.id_Reset,
  RICcontrol: C.id_RICcontrol,
  RICindication: C.id_RICindication,
  RICserviceQuery: C.id_RICserviceQuery,
  RICserviceUpdate: C.id_RICserviceUpdate,
  RICsubscription: C.id_RICsubscription,
  RICsubscriptionDelete: C.id_RICsubscriptionDelete,
  E2nodeConfigurationUpdate: C.id_E2nodeConfigurationUpdate,
  E2connectionUpdate: C.id_E2connectionUpdate,
  RICsubscriptionDeleteRequired: C.id_RICsubscriptionDeleteRequired,
  E2removal: C.id_E2removal,
} as const;

/** v03.01 adds subscription modification (14, 15) and RIC query (16). */
export const ProcedureCodeOfV3 = {
  ...ProcedureCodeOfV2,
  RICsubscriptionModification: C.id_RICsubscriptionModification,
  RICsubscriptionModificationRequired: C.id_RICsubscriptionModificationRequired,
  RICquery: C.id_RICquery,
} as const;

/** Every procedure code known (v03.01 is a superset of v02.03). */
export const ProcedureCodeOf = ProcedureCodeOfV3;

export const ProtocolIeIdV2 = {
  Cause: C.id_Cause,
  CriticalityDiagnostics: C.id_CriticalityDiagnostics,
  GlobalE2node_ID: C.id_GlobalE2node_ID,
  GlobalRIC_ID: C.id_GlobalRIC_ID,
  RANfunctionID: C.id_RANfunctionID,
  RANfunctionID_Item: C.id_RANfunctionID_Item,
  RANfunctionIEcause_Item: C.id_RANfunctionIEcause_Item,
  RANfunction_Item: C.id_RANfunction_Item,
  RANfunctionsAccepted: C.id_RANfunctionsAccepted,
  RANfunctionsAdded: C.id_RANfunctionsAdded,
  RANfunctionsDeleted: C.id_RANfunctionsDeleted,
  RANfunctionsModified: C.id_RANfunctionsModified,
  RANfunctionsRejected: C.id_RANfunctionsRejected,
  RICaction_Admitted_Item: C.id_RICaction_Admitted_Item,
  RICactionID: C.id_RICactionID,
  RICaction_NotAdmitted_Item: C.id_RICaction_NotAdmitted_Item,
  RICactions_Admitted: C.id_RICactions_Admitted,
  RICactions_NotAdmitted: C.id_RICactions_NotAdmitted,
  RICaction_ToBeSetup_Item: C.id_RICaction_ToBeSetup_Item,
  RICcallProcessID: C.id_RICcallProcessID,
  RICcontrolAckRequest: C.id_RICcontrolAckRequest,
  RICcontrolHeader: C.id_RICcontrolHeader,
  RICcontrolMessage: C.id_RICcontrolMessage,
  RICcontrolStatus: C.id_RICcontrolStatus,
  RICindicationHeader: C.id_RICindicationHeader,
  RICindicationMessage: C.id_RICindicationMessage,
  RICindicationSN: C.id_RICindicationSN,
  RICindicationType: C.id_RICindicationType,
  RICrequestID: C.id_RICrequestID,
  RICsubscriptionDetails: C.id_RICsubscriptionDetails,
  TimeToWait: C.id_TimeToWait,
  RICcontrolOutcome: C.id_RICcontrolOutcome,
  E2nodeComponentConfigUpdate: C.id_E2nodeComponentConfigUpdate,
  E2nodeComponentConfigUpdate_Item: C.id_E2nodeComponentConfigUpdate_Item,
  E2nodeComponentConfigUpdateAck: C.id_E2nodeComponentConfigUpdateAck,
  E2nodeComponentConfigUpdateAck_Item: C.id_E2nodeComponentConfigUpdateAck_Item,
  E2connectionSetup: C.id_E2connectionSetup,
  E2connectionSetupFailed: C.id_E2connectionSetupFailed,
  E2connectionSetupFailed_Item: C.id_E2connectionSetupFailed_Item,
  E2connectionFailed_Item: C.id_E2connectionFailed_Item,
  E2connectionUpdate_Item: C.id_E2connectionUpdate_Item,
  E2connectionUpdateAdd: C.id_E2connectionUpdateAdd,
  E2connectionUpdateModify: C.id_E2connectionUpdateModify,
  E2connectionUpdateRemove: C.id_E2connectionUpdateRemove,
  E2connectionUpdateRemove_Item: C.id_E2connectionUpdateRemove_Item,
  TNLinformation: C.id_TNLinformation,
  TransactionID: C.id_TransactionID,
  E2nodeComponentConfigAddition: C.id_E2nodeComponentConfigAddition,
  E2nodeComponentConfigAddition_Item: C.id_E2nodeComponentConfigAddition_Item,
  E2nodeComponentConfigAdditionAck: C.id_E2nodeComponentConfigAdditionAck,
  E2nodeComponentConfigAdditionAck_Item: C.id_E2nodeComponentConfigAdditionAck_Item,
  E2nodeComponentConfigRemoval: C.id_E2nodeComponentConfigRemoval,
  E2nodeComponentConfigRemoval_Item: C.id_E2nodeComponentConfigRemoval_Item,
  E2nodeComponentConfigRemovalAck: C.id_E2nodeComponentConfigRemovalAck,
  E2nodeComponentConfigRemovalAck_Item: C.id_E2nodeComponentConfigRemovalAck_Item,
  E2nodeTNLassociationRemoval: C.id_E2nodeTNLassociationRemoval,
  E2nodeTNLassociationRemoval_Item: C.id_E2nodeTNLassociationRemoval_Item,
  RICsubscriptionToBeRemoved: C.id_RICsubscriptionToBeRemoved,
  RICsubscription_withCause_Item: C.id_RICsubscription_withCause_Item,
} as const;

/** v03.01 adds ids 62..97 (subscription times, modification lists, query). */
export const ProtocolIeIdV3 = {
  ...ProtocolIeIdV2,
  RICsubscriptionStartTime: C.id_RICsubscriptionStartTime,
  RICsubscriptionEndTime: C.id_RICsubscriptionEndTime,
  RICeventTriggerDefinitionToBeModified: C.id_RICeventTriggerDefinitionToBeModified,
  RICactionsToBeRemovedForModification_List: C.id_RICactionsToBeRemovedForModification_List,
  RICaction_ToBeRemovedForModification_Item: C.id_RICaction_ToBeRemovedForModification_Item,
  RICactionsToBeModifiedForModification_List: C.id_RICactionsToBeModifiedForModification_List,
  RICaction_ToBeModifiedForModification_Item: C.id_RICaction_ToBeModifiedForModification_Item,
  RICactionsToBeAddedForModification_List: C.id_RICactionsToBeAddedForModification_List,
  RICaction_ToBeAddedForModification_Item: C.id_RICaction_ToBeAddedForModification_Item,
  RICactionsRemovedForModification_List: C.id_RICactionsRemovedForModification_List,
  RICaction_RemovedForModification_Item: C.id_RICaction_RemovedForModification_Item,
  RICactionsFailedToBeRemovedForModification_List: C.id_RICactionsFailedToBeRemovedForModification_List,
  RICaction_FailedToBeRemovedForModification_Item: C.id_RICaction_FailedToBeRemovedForModification_Item,
  RICactionsModifiedForModification_List: C.id_RICactionsModifiedForModification_List,
  RICaction_ModifiedForModification_Item: C.id_RICaction_ModifiedForModification_Item,
  RICactionsFailedToBeModifiedForModification_List: C.id_RICactionsFailedToBeModifiedForModification_List,
  RICaction_FailedToBeModifiedForModification_Item: C.id_RICaction_FailedToBeModifiedForModification_Item,
  RICactionsAddedForModification_List: C.id_RICactionsAddedForModification_List,
  RICaction_AddedForModification_Item: C.id_RICaction_AddedForModification_Item,
  RICactionsFailedToBeAddedForModification_List: C.id_RICactionsFailedToBeAddedForModification_List,
  RICaction_FailedToBeAddedForModification_Item: C.id_RICaction_FailedToBeAddedForModification_Item,
  RICactionsRequiredToBeModified_List: C.id_RICactionsRequiredToBeModified_List,
  RICaction_RequiredToBeModified_Item: C.id_RICaction_RequiredToBeModified_Item,
  RICactionsRequiredToBeRemoved_List: C.id_RICactionsRequiredToBeRemoved_List,
  RICaction_RequiredToBeRemoved_Item: C.id_RICaction_RequiredToBeRemoved_Item,
  RICactionsConfirmedForModification_List: C.id_RICactionsConfirmedForModification_List,
  RICaction_ConfirmedForModification_Item: C.id_RICaction_ConfirmedForModification_Item,
  RICactionsRefusedToBeModified_List: C.id_RICactionsRefusedToBeModified_List,
  RICaction_RefusedToBeModified_Item: C.id_RICaction_RefusedToBeModified_Item,
  RICactionsConfirmedForRemoval_List: C.id_RICactionsConfirmedForRemoval_List,
  RICaction_ConfirmedForRemoval_Item: C.id_RICaction_ConfirmedForRemoval_Item,
  RICactionsRefusedToBeRemoved_List: C.id_RICactionsRefusedToBeRemoved_List,
  RICaction_RefusedToBeRemoved_Item: C.id_RICaction_RefusedToBeRemoved_Item,
  RICqueryHeader: C.id_RICqueryHeader,
  RICqueryDefinition: C.id_RICqueryDefinition,
  RICqueryOutcome: C.id_RICqueryOutcome,
} as const;

/** Every ProtocolIE id known (v03.01 is a superset of v02.03). */
export const ProtocolIeId = ProtocolIeIdV3;

export type ProcedureName = keyof typeof ProcedureCodeOfV3;
export type ProtocolIeName = keyof typeof ProtocolIeIdV3;

const invert = (o: Record<string, number>): ReadonlyMap<number, string> =>
  new Map(Object.entries(o).map(([k, v]) => [v, k]));

/** ProtocolIE id -> name (`29` -> `RICrequestID`). */
export const protocolIeNameOf: ReadonlyMap<number, string> = invert(ProtocolIeIdV3);
/** Procedure code -> name (`8` -> `RICsubscription`). */
export const procedureNameOf: ReadonlyMap<number, string> = invert(ProcedureCodeOfV3);
