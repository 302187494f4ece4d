/**
 * E2SM-RC v01.03 REPORT / INSERT / POLICY side: action definition (formats 1-4), indication header
 * (formats 1-3), indication message (formats 1-6) and call process ID.
 */
import { CGI, RIC_Style_Type, UEID } from "../common/ies.js";
import { bool, choice, def, octets, opt, seq, seqOf, size } from "../schema/builders.js";
import {
  maxnoofAssociatedRANParameters,
  maxnoofCellID,
  maxnoofInsertIndicationActions,
  maxnoofParametersToReport,
  maxnoofPolicyConditions,
  maxnoofRICStyles,
  maxnoofUEID,
  NeighborRelation_Info,
  RAN_CallProcess_ID,
  RIC_EventTriggerCondition_ID,
  RIC_InsertIndication_ID,
} from "./ies.js";
import {
  RANParameter_Definition,
  RANParameter_ID,
  RANParameter_Testing,
  RANParameter_ValueType,
  RIC_PolicyAction,
} from "./ranparameter.js";

/** SEQUENCE { ranParameter-ID, ..., ranParameter-Definition OPTIONAL }: requested parameters. */
const requestedParameter = () =>
  seq({ "ranParameter-ID": RANParameter_ID }, { "ranParameter-Definition": opt(RANParameter_Definition) });
/** SEQUENCE { ranParameter-ID, ranParameter-valueType, ... }: reported parameters. */
const reportedParameter = () =>
  seq({ "ranParameter-ID": RANParameter_ID, "ranParameter-valueType": RANParameter_ValueType }, {});

// ---- action definition --------------------------------------------------------------------------

export const E2SM_RC_ActionDefinition_Format1_Item = def("E2SM-RC-ActionDefinition-Format1-Item", requestedParameter());

export const E2SM_RC_ActionDefinition_Format1 = def(
  "E2SM-RC-ActionDefinition-Format1",
  seq(
    { "ranP-ToBeReported-List": seqOf(E2SM_RC_ActionDefinition_Format1_Item, size(1, maxnoofParametersToReport)) },
    {},
  ),
);

export const E2SM_RC_ActionDefinition_Format2_Item = def(
  "E2SM-RC-ActionDefinition-Format2-Item",
  seq({ "ric-PolicyAction": RIC_PolicyAction, "ric-PolicyConditionDefinition": opt(RANParameter_Testing) }, {}),
);

export const E2SM_RC_ActionDefinition_Format2 = def(
  "E2SM-RC-ActionDefinition-Format2",
  seq(
    { "ric-PolicyConditions-List": seqOf(E2SM_RC_ActionDefinition_Format2_Item, size(1, maxnoofPolicyConditions)) },
    {},
  ),
);

export const E2SM_RC_ActionDefinition_Format3_Item = def("E2SM-RC-ActionDefinition-Format3-Item", requestedParameter());

export const E2SM_RC_ActionDefinition_Format3 = def(
  "E2SM-RC-ActionDefinition-Format3",
  seq(
    {
      "ric-InsertIndication-ID": RIC_InsertIndication_ID,
      "ranP-InsertIndication-List": seqOf(
        E2SM_RC_ActionDefinition_Format3_Item,
        size(1, maxnoofAssociatedRANParameters),
      ),
      ueID: opt(UEID),
    },
    {},
  ),
);

export const E2SM_RC_ActionDefinition_Format4_RANP_Item = def(
  "E2SM-RC-ActionDefinition-Format4-RANP-Item",
  requestedParameter(),
);

export const E2SM_RC_ActionDefinition_Format4_Indication_Item = def(
  "E2SM-RC-ActionDefinition-Format4-Indication-Item",
  seq(
    {
      "ric-InsertIndication-ID": RIC_InsertIndication_ID,
      "ranP-InsertIndication-List": seqOf(
        E2SM_RC_ActionDefinition_Format4_RANP_Item,
        size(1, maxnoofAssociatedRANParameters),
      ),
    },
    {},
  ),
);

export const E2SM_RC_ActionDefinition_Format4_Style_Item = def(
  "E2SM-RC-ActionDefinition-Format4-Style-Item",
  seq(
    {
      "requested-Insert-Style-Type": RIC_Style_Type,
      "ric-InsertIndication-List": seqOf(
        E2SM_RC_ActionDefinition_Format4_Indication_Item,
        size(1, maxnoofInsertIndicationActions),
      ),
    },
    {},
  ),
);

export const E2SM_RC_ActionDefinition_Format4 = def(
  "E2SM-RC-ActionDefinition-Format4",
  seq(
    {
      "ric-InsertStyle-List": seqOf(E2SM_RC_ActionDefinition_Format4_Style_Item, size(1, maxnoofRICStyles)),
      ueID: opt(UEID),
    },
    {},
  ),
);

export const E2SM_RC_ActionDefinition = def(
  "E2SM-RC-ActionDefinition",
  seq(
    {
      "ric-Style-Type": RIC_Style_Type,
      "ric-actionDefinition-formats": choice(
        {
          "actionDefinition-Format1": E2SM_RC_ActionDefinition_Format1,
          "actionDefinition-Format2": E2SM_RC_ActionDefinition_Format2,
          "actionDefinition-Format3": E2SM_RC_ActionDefinition_Format3,
        },
        { "actionDefinition-Format4": E2SM_RC_ActionDefinition_Format4 },
      ),
    },
    {},
  ),
);

// ---- indication header --------------------------------------------------------------------------

export const E2SM_RC_IndicationHeader_Format1 = def(
  "E2SM-RC-IndicationHeader-Format1",
  seq({ "ric-eventTriggerCondition-ID": opt(RIC_EventTriggerCondition_ID) }, {}),
);

export const E2SM_RC_IndicationHeader_Format2 = def(
  "E2SM-RC-IndicationHeader-Format2",
  seq(
    {
      ueID: UEID,
      "ric-InsertStyle-Type": RIC_Style_Type,
      "ric-InsertIndication-ID": RIC_InsertIndication_ID,
    },
    {},
  ),
);

export const E2SM_RC_IndicationHeader_Format3 = def(
  "E2SM-RC-IndicationHeader-Format3",
  seq({ "ric-eventTriggerCondition-ID": opt(RIC_EventTriggerCondition_ID), ueID: opt(UEID) }, {}),
);

export const E2SM_RC_IndicationHeader = def(
  "E2SM-RC-IndicationHeader",
  seq(
    {
      "ric-indicationHeader-formats": choice(
        {
          "indicationHeader-Format1": E2SM_RC_IndicationHeader_Format1,
          "indicationHeader-Format2": E2SM_RC_IndicationHeader_Format2,
        },
        { "indicationHeader-Format3": E2SM_RC_IndicationHeader_Format3 },
      ),
    },
    {},
  ),
);

// ---- indication message -------------------------------------------------------------------------

export const E2SM_RC_IndicationMessage_Format1_Item = def(
  "E2SM-RC-IndicationMessage-Format1-Item",
  reportedParameter(),
);

export const E2SM_RC_IndicationMessage_Format1 = def(
  "E2SM-RC-IndicationMessage-Format1",
  seq(
    {
      "ranP-Reported-List": seqOf(E2SM_RC_IndicationMessage_Format1_Item, size(1, maxnoofAssociatedRANParameters)),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format2_RANParameter_Item = def(
  "E2SM-RC-IndicationMessage-Format2-RANParameter-Item",
  reportedParameter(),
);

export const E2SM_RC_IndicationMessage_Format2_Item = def(
  "E2SM-RC-IndicationMessage-Format2-Item",
  seq(
    {
      ueID: UEID,
      "ranP-List": seqOf(E2SM_RC_IndicationMessage_Format2_RANParameter_Item, size(1, maxnoofAssociatedRANParameters)),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format2 = def(
  "E2SM-RC-IndicationMessage-Format2",
  seq({ "ueParameter-List": seqOf(E2SM_RC_IndicationMessage_Format2_Item, size(1, maxnoofUEID)) }, {}),
);

export const E2SM_RC_IndicationMessage_Format3_Item = def(
  "E2SM-RC-IndicationMessage-Format3-Item",
  seq(
    {
      "cellGlobal-ID": CGI,
      cellContextInfo: opt(octets()),
      cellDeleted: opt(bool()),
      "neighborRelation-Table": opt(NeighborRelation_Info),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format3 = def(
  "E2SM-RC-IndicationMessage-Format3",
  seq({ "cellInfo-List": seqOf(E2SM_RC_IndicationMessage_Format3_Item, size(1, maxnoofCellID)) }, {}),
);

export const E2SM_RC_IndicationMessage_Format4_ItemUE = def(
  "E2SM-RC-IndicationMessage-Format4-ItemUE",
  seq({ ueID: UEID, ueContextInfo: opt(octets()), "cellGlobal-ID": CGI }, {}),
);

export const E2SM_RC_IndicationMessage_Format4_ItemCell = def(
  "E2SM-RC-IndicationMessage-Format4-ItemCell",
  seq(
    {
      "cellGlobal-ID": CGI,
      cellContextInfo: opt(octets()),
      "neighborRelation-Table": opt(NeighborRelation_Info),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format4 = def(
  "E2SM-RC-IndicationMessage-Format4",
  seq(
    {
      "ueInfo-List": seqOf(E2SM_RC_IndicationMessage_Format4_ItemUE, size(0, maxnoofUEID)),
      "cellInfo-List": seqOf(E2SM_RC_IndicationMessage_Format4_ItemCell, size(0, maxnoofCellID)),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format5_Item = def(
  "E2SM-RC-IndicationMessage-Format5-Item",
  reportedParameter(),
);

export const E2SM_RC_IndicationMessage_Format5 = def(
  "E2SM-RC-IndicationMessage-Format5",
  seq(
    {
      "ranP-Requested-List": seqOf(E2SM_RC_IndicationMessage_Format5_Item, size(0, maxnoofAssociatedRANParameters)),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format6_RANP_Item = def(
  "E2SM-RC-IndicationMessage-Format6-RANP-Item",
  reportedParameter(),
);

export const E2SM_RC_IndicationMessage_Format6_Indication_Item = def(
  "E2SM-RC-IndicationMessage-Format6-Indication-Item",
  seq(
    {
      "ric-InsertIndication-ID": RIC_InsertIndication_ID,
      "ranP-InsertIndication-List": seqOf(
        E2SM_RC_IndicationMessage_Format6_RANP_Item,
        size(0, maxnoofAssociatedRANParameters),
      ),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format6_Style_Item = def(
  "E2SM-RC-IndicationMessage-Format6-Style-Item",
  seq(
    {
      "indicated-Insert-Style-Type": RIC_Style_Type,
      "ric-InsertIndication-List": seqOf(
        E2SM_RC_IndicationMessage_Format6_Indication_Item,
        size(1, maxnoofInsertIndicationActions),
      ),
    },
    {},
  ),
);

export const E2SM_RC_IndicationMessage_Format6 = def(
  "E2SM-RC-IndicationMessage-Format6",
  seq({ "ric-InsertStyle-List": seqOf(E2SM_RC_IndicationMessage_Format6_Style_Item, size(1, maxnoofRICStyles)) }, {}),
);

export const E2SM_RC_IndicationMessage = def(
  "E2SM-RC-IndicationMessage",
  seq(
    {
      "ric-indicationMessage-formats": choice(
        {
          "indicationMessage-Format1": E2SM_RC_IndicationMessage_Format1,
          "indicationMessage-Format2": E2SM_RC_IndicationMessage_Format2,
          "indicationMessage-Format3": E2SM_RC_IndicationMessage_Format3,
          "indicationMessage-Format4": E2SM_RC_IndicationMessage_Format4,
          "indicationMessage-Format5": E2SM_RC_IndicationMessage_Format5,
        },
        { "indicationMessage-Format6": E2SM_RC_IndicationMessage_Format6 },
      ),
    },
    {},
  ),
);

// ---- call process ID ----------------------------------------------------------------------------

export const E2SM_RC_CallProcessID_Format1 = def(
  "E2SM-RC-CallProcessID-Format1",
  seq({ "ric-callProcess-ID": RAN_CallProcess_ID }, {}),
);

export const E2SM_RC_CallProcessID = def(
  "E2SM-RC-CallProcessID",
  seq({ "ric-callProcessID-formats": choice({ "callProcessID-Format1": E2SM_RC_CallProcessID_Format1 }, {}) }, {}),
);
