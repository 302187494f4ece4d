/**
 * E2AP-PDU-Contents, global procedures (identical in both versions): error indication, E2 setup,
 * E2 connection update, E2 node configuration update, reset, RIC service update / query, E2 removal.
 */
import { def, seq } from "../schema/builders.js";
import type { Desc } from "../schema/descriptors.js";
import * as C from "./constants.js";
import { type E2apContainers, ie, ieSet } from "./containers.js";
import type { E2apIes } from "./ies.js";

export function buildGlobalContents(t: E2apIes, k: E2apContainers) {
  const { ieMessage, itemList } = k;
  const transactionId = ie(C.id_TransactionID, "reject", t.TransactionID, "mandatory");
  const critDiag = ie(C.id_CriticalityDiagnostics, "ignore", t.CriticalityDiagnostics, "optional");
  const timeToWait = ie(C.id_TimeToWait, "ignore", t.TimeToWait, "optional");

  // ---- Error indication ----
  const ErrorIndication = ieMessage(
    "ErrorIndication",
    ieSet("ErrorIndication-IEs", [
      ie(C.id_TransactionID, "reject", t.TransactionID, "optional"),
      ie(C.id_RICrequestID, "reject", t.RICrequestID, "optional"),
      ie(C.id_RANfunctionID, "reject", t.RANfunctionID, "optional"),
      ie(C.id_Cause, "ignore", t.Cause, "optional"),
      critDiag,
    ]),
  );

  // ---- RAN function lists (RIC service update, E2 setup) ----
  const RANfunction_Item = def(
    "RANfunction-Item",
    seq(
      {
        ranFunctionID: t.RANfunctionID,
        ranFunctionDefinition: t.RANfunctionDefinition,
        ranFunctionRevision: t.RANfunctionRevision,
        ranFunctionOID: t.RANfunctionOID,
      },
      {},
    ),
  );
  const RANfunctions_List = itemList(
    "RANfunctions-List",
    1,
    C.maxofRANfunctionID,
    "RANfunction-ItemIEs",
    C.id_RANfunction_Item,
    "ignore",
    RANfunction_Item,
  );
  const RANfunctionID_Item = def(
    "RANfunctionID-Item",
    seq({ ranFunctionID: t.RANfunctionID, ranFunctionRevision: t.RANfunctionRevision }, {}),
  );
  const RANfunctionsID_List = itemList(
    "RANfunctionsID-List",
    1,
    C.maxofRANfunctionID,
    "RANfunctionID-ItemIEs",
    C.id_RANfunctionID_Item,
    "ignore",
    RANfunctionID_Item,
  );
  const RANfunctionIDcause_Item = def(
    "RANfunctionIDcause-Item",
    seq({ ranFunctionID: t.RANfunctionID, cause: t.Cause }, {}),
  );
  // The item's id is id-RANfunctionIEcause-Item ("IE", not "ID").
  const RANfunctionsIDcause_List = itemList(
    "RANfunctionsIDcause-List",
    1,
    C.maxofRANfunctionID,
    "RANfunctionIDcause-ItemIEs",
    C.id_RANfunctionIEcause_Item,
    "ignore",
    RANfunctionIDcause_Item,
  );

  // ---- E2 node component configuration lists ----
  const componentItem = <F extends Record<string, Desc>>(name: string, more: F) =>
    def(
      name,
      seq(
        {
          e2nodeComponentInterfaceType: t.E2nodeComponentInterfaceType,
          e2nodeComponentID: t.E2nodeComponentID,
          ...more,
        },
        {},
      ),
    );
  const config = { e2nodeComponentConfiguration: t.E2nodeComponentConfiguration };
  const configAck = { e2nodeComponentConfigurationAck: t.E2nodeComponentConfigurationAck };
  const componentList = (base: string, id: number, item: Desc) =>
    itemList(`${base}-List`, 1, C.maxofE2nodeComponents, `${base}-ItemIEs`, id, "reject", item);

  const E2nodeComponentConfigAddition_Item = componentItem("E2nodeComponentConfigAddition-Item", config);
  const E2nodeComponentConfigAddition_List = componentList(
    "E2nodeComponentConfigAddition",
    C.id_E2nodeComponentConfigAddition_Item,
    E2nodeComponentConfigAddition_Item,
  );
  const E2nodeComponentConfigUpdate_Item = componentItem("E2nodeComponentConfigUpdate-Item", config);
  const E2nodeComponentConfigUpdate_List = componentList(
    "E2nodeComponentConfigUpdate",
    C.id_E2nodeComponentConfigUpdate_Item,
    E2nodeComponentConfigUpdate_Item,
  );
  const E2nodeComponentConfigRemoval_Item = componentItem("E2nodeComponentConfigRemoval-Item", {});
  const E2nodeComponentConfigRemoval_List = componentList(
    "E2nodeComponentConfigRemoval",
    C.id_E2nodeComponentConfigRemoval_Item,
    E2nodeComponentConfigRemoval_Item,
  );
  const E2nodeComponentConfigAdditionAck_Item = componentItem("E2nodeComponentConfigAdditionAck-Item", configAck);
  const E2nodeComponentConfigAdditionAck_List = componentList(
    "E2nodeComponentConfigAdditionAck",
    C.id_E2nodeComponentConfigAdditionAck_Item,
    E2nodeComponentConfigAdditionAck_Item,
  );
  const E2nodeComponentConfigUpdateAck_Item = componentItem("E2nodeComponentConfigUpdateAck-Item", configAck);
  const E2nodeComponentConfigUpdateAck_List = componentList(
    "E2nodeComponentConfigUpdateAck",
    C.id_E2nodeComponentConfigUpdateAck_Item,
    E2nodeComponentConfigUpdateAck_Item,
  );
  const E2nodeComponentConfigRemovalAck_Item = componentItem("E2nodeComponentConfigRemovalAck-Item", configAck);
  const E2nodeComponentConfigRemovalAck_List = componentList(
    "E2nodeComponentConfigRemovalAck",
    C.id_E2nodeComponentConfigRemovalAck_Item,
    E2nodeComponentConfigRemovalAck_Item,
  );
  const E2nodeTNLassociationRemoval_Item = def(
    "E2nodeTNLassociationRemoval-Item",
    seq({ tnlInformation: t.TNLinformation, tnlInformationRIC: t.TNLinformation }, {}),
  );
  const E2nodeTNLassociationRemoval_List = itemList(
    "E2nodeTNLassociationRemoval-List",
    1,
    C.maxofTNLA,
    "E2nodeTNLassociationRemoval-ItemIEs",
    C.id_E2nodeTNLassociationRemoval_Item,
    "reject",
    E2nodeTNLassociationRemoval_Item,
  );

  // ---- E2 setup ----
  const E2setupRequest = ieMessage(
    "E2setupRequest",
    ieSet("E2setupRequestIEs", [
      transactionId,
      ie(C.id_GlobalE2node_ID, "reject", t.GlobalE2node_ID, "mandatory"),
      ie(C.id_RANfunctionsAdded, "reject", RANfunctions_List, "mandatory"),
      ie(C.id_E2nodeComponentConfigAddition, "reject", E2nodeComponentConfigAddition_List, "mandatory"),
    ]),
  );
  const E2setupResponse = ieMessage(
    "E2setupResponse",
    ieSet("E2setupResponseIEs", [
      transactionId,
      ie(C.id_GlobalRIC_ID, "reject", t.GlobalRIC_ID, "mandatory"),
      ie(C.id_RANfunctionsAccepted, "reject", RANfunctionsID_List, "optional"),
      ie(C.id_RANfunctionsRejected, "reject", RANfunctionsIDcause_List, "optional"),
      ie(C.id_E2nodeComponentConfigAdditionAck, "reject", E2nodeComponentConfigAdditionAck_List, "mandatory"),
    ]),
  );
  const E2setupFailure = ieMessage(
    "E2setupFailure",
    ieSet("E2setupFailureIEs", [
      transactionId,
      ie(C.id_Cause, "ignore", t.Cause, "mandatory"),
      timeToWait,
      critDiag,
      ie(C.id_TNLinformation, "ignore", t.TNLinformation, "optional"),
    ]),
  );

  // ---- E2 connection update ----
  const E2connectionUpdate_Item = def(
    "E2connectionUpdate-Item",
    seq({ tnlInformation: t.TNLinformation, tnlUsage: t.TNLusage }, {}),
  );
  const E2connectionUpdate_List = itemList(
    "E2connectionUpdate-List",
    1,
    C.maxofTNLA,
    "E2connectionUpdate-ItemIEs",
    C.id_E2connectionUpdate_Item,
    "ignore",
    E2connectionUpdate_Item,
  );
  const E2connectionUpdateRemove_Item = def(
    "E2connectionUpdateRemove-Item",
    seq({ tnlInformation: t.TNLinformation }, {}),
  );
  const E2connectionUpdateRemove_List = itemList(
    "E2connectionUpdateRemove-List",
    1,
    C.maxofTNLA,
    "E2connectionUpdateRemove-ItemIEs",
    C.id_E2connectionUpdateRemove_Item,
    "ignore",
    E2connectionUpdateRemove_Item,
  );
  const E2connectionUpdate = ieMessage(
    "E2connectionUpdate",
    ieSet("E2connectionUpdate-IEs", [
      transactionId,
      ie(C.id_E2connectionUpdateAdd, "reject", E2connectionUpdate_List, "optional"),
      ie(C.id_E2connectionUpdateRemove, "reject", E2connectionUpdateRemove_List, "optional"),
      ie(C.id_E2connectionUpdateModify, "reject", E2connectionUpdate_List, "optional"),
    ]),
  );
  const E2connectionSetupFailed_Item = def(
    "E2connectionSetupFailed-Item",
    seq({ tnlInformation: t.TNLinformation, cause: t.Cause }, {}),
  );
  const E2connectionSetupFailed_List = itemList(
    "E2connectionSetupFailed-List",
    1,
    C.maxofTNLA,
    "E2connectionSetupFailed-ItemIEs",
    C.id_E2connectionSetupFailed_Item,
    "ignore",
    E2connectionSetupFailed_Item,
  );
  // The set is named E2connectionUpdateAck-IEs, the message E2connectionUpdateAcknowledge.
  const E2connectionUpdateAcknowledge = ieMessage(
    "E2connectionUpdateAcknowledge",
    ieSet("E2connectionUpdateAck-IEs", [
      transactionId,
      ie(C.id_E2connectionSetup, "reject", E2connectionUpdate_List, "optional"),
      ie(C.id_E2connectionSetupFailed, "reject", E2connectionSetupFailed_List, "optional"),
    ]),
  );
  const E2connectionUpdateFailure = ieMessage(
    "E2connectionUpdateFailure",
    ieSet("E2connectionUpdateFailure-IEs", [
      transactionId,
      ie(C.id_Cause, "reject", t.Cause, "optional"),
      timeToWait,
      critDiag,
    ]),
  );

  // ---- E2 node configuration update ----
  const E2nodeConfigurationUpdate = ieMessage(
    "E2nodeConfigurationUpdate",
    ieSet("E2nodeConfigurationUpdate-IEs", [
      transactionId,
      ie(C.id_GlobalE2node_ID, "reject", t.GlobalE2node_ID, "optional"),
      ie(C.id_E2nodeComponentConfigAddition, "reject", E2nodeComponentConfigAddition_List, "optional"),
      ie(C.id_E2nodeComponentConfigUpdate, "reject", E2nodeComponentConfigUpdate_List, "optional"),
      ie(C.id_E2nodeComponentConfigRemoval, "reject", E2nodeComponentConfigRemoval_List, "optional"),
      ie(C.id_E2nodeTNLassociationRemoval, "reject", E2nodeTNLassociationRemoval_List, "optional"),
    ]),
  );
  const E2nodeConfigurationUpdateAcknowledge = ieMessage(
    "E2nodeConfigurationUpdateAcknowledge",
    ieSet("E2nodeConfigurationUpdateAcknowledge-IEs", [
      transactionId,
      ie(C.id_E2nodeComponentConfigAdditionAck, "reject", E2nodeComponentConfigAdditionAck_List, "optional"),
      ie(C.id_E2nodeComponentConfigUpdateAck, "reject", E2nodeComponentConfigUpdateAck_List, "optional"),
      ie(C.id_E2nodeComponentConfigRemovalAck, "reject", E2nodeComponentConfigRemovalAck_List, "optional"),
    ]),
  );
  const E2nodeConfigurationUpdateFailure = ieMessage(
    "E2nodeConfigurationUpdateFailure",
    ieSet("E2nodeConfigurationUpdateFailure-IEs", [
      transactionId,
      ie(C.id_Cause, "ignore", t.Cause, "mandatory"),
      timeToWait,
      critDiag,
    ]),
  );

  // ---- Reset ----
  const ResetRequest = ieMessage(
    "ResetRequest",
    ieSet("ResetRequestIEs", [transactionId, ie(C.id_Cause, "ignore", t.Cause, "mandatory")]),
  );
  const ResetResponse = ieMessage("ResetResponse", ieSet("ResetResponseIEs", [transactionId, critDiag]));

  // ---- RIC service update / query ----
  const RICserviceUpdate = ieMessage(
    "RICserviceUpdate",
    ieSet("RICserviceUpdate-IEs", [
      transactionId,
      ie(C.id_RANfunctionsAdded, "reject", RANfunctions_List, "optional"),
      ie(C.id_RANfunctionsModified, "reject", RANfunctions_List, "optional"),
      ie(C.id_RANfunctionsDeleted, "reject", RANfunctionsID_List, "optional"),
    ]),
  );
  const RICserviceUpdateAcknowledge = ieMessage(
    "RICserviceUpdateAcknowledge",
    ieSet("RICserviceUpdateAcknowledge-IEs", [
      transactionId,
      ie(C.id_RANfunctionsAccepted, "reject", RANfunctionsID_List, "optional"),
      ie(C.id_RANfunctionsRejected, "reject", RANfunctionsIDcause_List, "optional"),
    ]),
  );
  const RICserviceUpdateFailure = ieMessage(
    "RICserviceUpdateFailure",
    ieSet("RICserviceUpdateFailure-IEs", [
      transactionId,
      ie(C.id_Cause, "reject", t.Cause, "mandatory"),
      timeToWait,
      critDiag,
    ]),
  );
  const RICserviceQuery = ieMessage(
    "RICserviceQuery",
    ieSet("RICserviceQuery-IEs", [
      transactionId,
      ie(C.id_RANfunctionsAccepted, "reject", RANfunctionsID_List, "optional"),
    ]),
  );

  // ---- E2 removal ----
  const E2RemovalRequest = ieMessage("E2RemovalRequest", ieSet("E2RemovalRequestIEs", [transactionId]));
  const E2RemovalResponse = ieMessage("E2RemovalResponse", ieSet("E2RemovalResponseIEs", [transactionId, critDiag]));
  const E2RemovalFailure = ieMessage(
    "E2RemovalFailure",
    ieSet("E2RemovalFailureIEs", [transactionId, ie(C.id_Cause, "ignore", t.Cause, "mandatory"), critDiag]),
  );

  return {
    ErrorIndication,
    E2setupRequest,
    E2setupResponse,
    E2setupFailure,
    E2connectionUpdate,
    E2connectionUpdate_List,
    E2connectionUpdate_Item,
    E2connectionUpdateRemove_List,
    E2connectionUpdateRemove_Item,
    E2connectionUpdateAcknowledge,
    E2connectionSetupFailed_List,
    E2connectionSetupFailed_Item,
    E2connectionUpdateFailure,
    E2nodeConfigurationUpdate,
    E2nodeComponentConfigAddition_List,
    E2nodeComponentConfigAddition_Item,
    E2nodeComponentConfigUpdate_List,
    E2nodeComponentConfigUpdate_Item,
    E2nodeComponentConfigRemoval_List,
    E2nodeComponentConfigRemoval_Item,
    E2nodeTNLassociationRemoval_List,
    E2nodeTNLassociationRemoval_Item,
    E2nodeConfigurationUpdateAcknowledge,
    E2nodeComponentConfigAdditionAck_List,
    E2nodeComponentConfigAdditionAck_Item,
    E2nodeComponentConfigUpdateAck_List,
    E2nodeComponentConfigUpdateAck_Item,
    E2nodeComponentConfigRemovalAck_List,
    E2nodeComponentConfigRemovalAck_Item,
    E2nodeConfigurationUpdateFailure,
    ResetRequest,
    ResetResponse,
    RICserviceUpdate,
    RANfunctions_List,
    RANfunction_Item,
    RANfunctionsID_List,
    RANfunctionID_Item,
    RICserviceUpdateAcknowledge,
    RANfunctionsIDcause_List,
    RANfunctionIDcause_Item,
    RICserviceUpdateFailure,
    RICserviceQuery,
    E2RemovalRequest,
    E2RemovalResponse,
    E2RemovalFailure,
  };
}
