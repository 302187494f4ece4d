/**
 * E2AP value constants (E2AP-Constants): procedure codes, list bounds and ProtocolIE ids.
 * v03.01 only adds to v02.03 (procedure codes 14..16, IE ids 62..97), so each v3 table extends the v2 one.
 */

// ---- Elementary procedures ----------------------------------------------------------------------

export const id_E2setup = 1;
export const id_ErrorIndication = 2;
export const id_Reset = 3;
export const id_RICcontrol = 4;
export const id_RICindication = 5;
export const id_RICserviceQuery = 6;
export const id_RICserviceUpdate = 7;
export const id_RICsubscription = 8;
export const id_RICsubscriptionDelete = 9;
export const id_E2nodeConfigurationUpdate = 10;
export const id_E2connectionUpdate = 11;
export const id_RICsubscriptionDeleteRequired = 12;
export const id_E2removal = 13;
// v03.01
export const id_RICsubscriptionModification = 14;
export const id_RICsubscriptionModificationRequired = 15;
export const id_RICquery = 16;

// ---- Bounds -------------------------------------------------------------------------------------

export const maxProtocolIEs = 65535;
export const maxnoofErrors = 256;
export const maxofE2nodeComponents = 1024;
export const maxofRANfunctionID = 256;
export const maxofRICactionID = 16;
export const maxofTNLA = 32;
export const maxofRICrequestID = 1024;

// ---- ProtocolIE ids -----------------------------------------------------------------------------

export const id_Cause = 1;
export const id_CriticalityDiagnostics = 2;
export const id_GlobalE2node_ID = 3;
export const id_GlobalRIC_ID = 4;
export const id_RANfunctionID = 5;
export const id_RANfunctionID_Item = 6;
export const id_RANfunctionIEcause_Item = 7;
export const id_RANfunction_Item = 8;
export const id_RANfunctionsAccepted = 9;
export const id_RANfunctionsAdded = 10;
export const id_RANfunctionsDeleted = 11;
export const id_RANfunctionsModified = 12;
export const id_RANfunctionsRejected = 13;
export const id_RICaction_Admitted_Item = 14;
export const id_RICactionID = 15;
export const id_RICaction_NotAdmitted_Item = 16;
export const id_RICactions_Admitted = 17;
export const id_RICactions_NotAdmitted = 18;
export const id_RICaction_ToBeSetup_Item = 19;
export const id_RICcallProcessID = 20;
export const id_RICcontrolAckRequest = 21;
export const id_RICcontrolHeader = 22;
export const id_RICcontrolMessage = 23;
export const id_RICcontrolStatus = 24;
export const id_RICindicationHeader = 25;
export const id_RICindicationMessage = 26;
export const id_RICindicationSN = 27;
export const id_RICindicationType = 28;
export const id_RICrequestID = 29;
export const id_RICsubscriptionDetails = 30;
export const id_TimeToWait = 31;
export const id_RICcontrolOutcome = 32;
export const id_E2nodeComponentConfigUpdate = 33;
export const id_E2nodeComponentConfigUpdate_Item = 34;
export const id_E2nodeComponentConfigUpdateAck = 35;
export const id_E2nodeComponentConfigUpdateAck_Item = 36;
// 37 and 38 are unassigned in both versions.
export const id_E2connectionSetup = 39;
export const id_E2connectionSetupFailed = 40;
export const id_E2connectionSetupFailed_Item = 41;
export const id_E2connectionFailed_Item = 42;
export const id_E2connectionUpdate_Item = 43;
export const id_E2connectionUpdateAdd = 44;
export const id_E2connectionUpdateModify = 45;
export const id_E2connectionUpdateRemove = 46;
export const id_E2connectionUpdateRemove_Item = 47;
export const id_TNLinformation = 48;
export const id_TransactionID = 49;
export const id_E2nodeComponentConfigAddition = 50;
export const id_E2nodeComponentConfigAddition_Item = 51;
export const id_E2nodeComponentConfigAdditionAck = 52;
export const id_E2nodeComponentConfigAdditionAck_Item = 53;
export const id_E2nodeComponentConfigRemoval = 54;
export const id_E2nodeComponentConfigRemoval_Item = 55;
export const id_E2nodeComponentConfigRemovalAck = 56;
export const id_E2nodeComponentConfigRemovalAck_Item = 57;
export const id_E2nodeTNLassociationRemoval = 58;
export const id_E2nodeTNLassociationRemoval_Item = 59;
export const id_RICsubscriptionToBeRemoved = 60;
export const id_RICsubscription_withCause_Item = 61;
// v03.01
export const id_RICsubscriptionStartTime = 62;
export const id_RICsubscriptionEndTime = 63;
export const id_RICeventTriggerDefinitionToBeModified = 64;
export const id_RICactionsToBeRemovedForModification_List = 65;
export const id_RICaction_ToBeRemovedForModification_Item = 66;
export const id_RICactionsToBeModifiedForModification_List = 67;
export const id_RICaction_ToBeModifiedForModification_Item = 68;
export const id_RICactionsToBeAddedForModification_List = 69;
export const id_RICaction_ToBeAddedForModification_Item = 70;
export const id_RICactionsRemovedForModification_List = 71;
export const id_RICaction_RemovedForModification_Item = 72;
export const id_RICactionsFailedToBeRemovedForModification_List = 73;
export const id_RICaction_FailedToBeRemovedForModification_Item = 74;
export const id_RICactionsModifiedForModification_List = 75;
export const id_RICaction_ModifiedForModification_Item = 76;
export const id_RICactionsFailedToBeModifiedForModification_List = 77;
export const id_RICaction_FailedToBeModifiedForModification_Item = 78;
export const id_RICactionsAddedForModification_List = 79;
export const id_RICaction_AddedForModification_Item = 80;
export const id_RICactionsFailedToBeAddedForModification_List = 81;
export const id_RICaction_FailedToBeAddedForModification_Item = 82;
export const id_RICactionsRequiredToBeModified_List = 83;
export const id_RICaction_RequiredToBeModified_Item = 84;
export const id_RICactionsRequiredToBeRemoved_List = 85;
export const id_RICaction_RequiredToBeRemoved_Item = 86;
export const id_RICactionsConfirmedForModification_List = 87;
export const id_RICaction_ConfirmedForModification_Item = 88;
export const id_RICactionsRefusedToBeModified_List = 89;
export const id_RICaction_RefusedToBeModified_Item = 90;
export const id_RICactionsConfirmedForRemoval_List = 91;
export const id_RICaction_ConfirmedForRemoval_Item = 92;
export const id_RICactionsRefusedToBeRemoved_List = 93;
export const id_RICaction_RefusedToBeRemoved_Item = 94;
export const id_RICqueryHeader = 95;
export const id_RICqueryDefinition = 96;
export const id_RICqueryOutcome = 97;
