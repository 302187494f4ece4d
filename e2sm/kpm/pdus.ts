/**
 * E2SM-KPM service-model PDUs that are the same in v02.03 and v03.00: event trigger, action
 * definition, indication message and RAN function description, with their formats.
 */
import { CGI, RANfunction_Name, RIC_Format_Type, RIC_Style_Name, RIC_Style_Type, UEID } from "../common/ies.js";
import { choice, def, int, opt, seq, seqOf, size } from "../schema/builders.js";
import {
  DistMeasurementBinRangeList,
  GranularityPeriod,
  MatchingUEidPerSubList,
  MatchingUeCondPerSubList,
  MeasurementCondList,
  MeasurementCondUEidList,
  MeasurementData,
  MeasurementInfo_Action_List,
  MeasurementInfoList,
  maxnoofRICStyles,
  maxnoofUEMeasReport,
} from "./ies.js";

// ---- event trigger definition -------------------------------------------------------------------

export const E2SM_KPM_EventTriggerDefinition_Format1 = def(
  "E2SM-KPM-EventTriggerDefinition-Format1",
  seq({ reportingPeriod: int(1, 4294967295) }, {}),
);

export const E2SM_KPM_EventTriggerDefinition = def(
  "E2SM-KPM-EventTriggerDefinition",
  seq(
    { "eventDefinition-formats": choice({ "eventDefinition-Format1": E2SM_KPM_EventTriggerDefinition_Format1 }, {}) },
    {},
  ),
);

// ---- action definition --------------------------------------------------------------------------

export const E2SM_KPM_ActionDefinition_Format1 = def(
  "E2SM-KPM-ActionDefinition-Format1",
  seq(
    { measInfoList: MeasurementInfoList, granulPeriod: GranularityPeriod, cellGlobalID: opt(CGI) },
    { distMeasBinRangeInfo: opt(DistMeasurementBinRangeList) },
  ),
);

export const E2SM_KPM_ActionDefinition_Format2 = def(
  "E2SM-KPM-ActionDefinition-Format2",
  seq({ ueID: UEID, subscriptInfo: E2SM_KPM_ActionDefinition_Format1 }, {}),
);

export const E2SM_KPM_ActionDefinition_Format3 = def(
  "E2SM-KPM-ActionDefinition-Format3",
  seq({ measCondList: MeasurementCondList, granulPeriod: GranularityPeriod, cellGlobalID: opt(CGI) }, {}),
);

export const E2SM_KPM_ActionDefinition_Format4 = def(
  "E2SM-KPM-ActionDefinition-Format4",
  seq({ matchingUeCondList: MatchingUeCondPerSubList, subscriptionInfo: E2SM_KPM_ActionDefinition_Format1 }, {}),
);

export const E2SM_KPM_ActionDefinition_Format5 = def(
  "E2SM-KPM-ActionDefinition-Format5",
  seq({ matchingUEidList: MatchingUEidPerSubList, subscriptionInfo: E2SM_KPM_ActionDefinition_Format1 }, {}),
);

export const E2SM_KPM_ActionDefinition = def(
  "E2SM-KPM-ActionDefinition",
  seq(
    {
      "ric-Style-Type": RIC_Style_Type,
      "actionDefinition-formats": choice(
        {
          "actionDefinition-Format1": E2SM_KPM_ActionDefinition_Format1,
          "actionDefinition-Format2": E2SM_KPM_ActionDefinition_Format2,
          "actionDefinition-Format3": E2SM_KPM_ActionDefinition_Format3,
        },
        {
          "actionDefinition-Format4": E2SM_KPM_ActionDefinition_Format4,
          "actionDefinition-Format5": E2SM_KPM_ActionDefinition_Format5,
        },
      ),
    },
    {},
  ),
);

// ---- indication message -------------------------------------------------------------------------

export const E2SM_KPM_IndicationMessage_Format1 = def(
  "E2SM-KPM-IndicationMessage-Format1",
  seq({ measData: MeasurementData, measInfoList: opt(MeasurementInfoList), granulPeriod: opt(GranularityPeriod) }, {}),
);

export const E2SM_KPM_IndicationMessage_Format2 = def(
  "E2SM-KPM-IndicationMessage-Format2",
  seq(
    { measData: MeasurementData, measCondUEidList: MeasurementCondUEidList, granulPeriod: opt(GranularityPeriod) },
    {},
  ),
);

// The UE measurement report list belongs to the module's list section but needs Format1.
export const UEMeasurementReportItem = def(
  "UEMeasurementReportItem",
  seq({ ueID: UEID, measReport: E2SM_KPM_IndicationMessage_Format1 }, {}),
);
export const UEMeasurementReportList = def(
  "UEMeasurementReportList",
  seqOf(UEMeasurementReportItem, size(1, maxnoofUEMeasReport)),
);

export const E2SM_KPM_IndicationMessage_Format3 = def(
  "E2SM-KPM-IndicationMessage-Format3",
  seq({ ueMeasReportList: UEMeasurementReportList }, {}),
);

export const E2SM_KPM_IndicationMessage = def(
  "E2SM-KPM-IndicationMessage",
  seq(
    {
      "indicationMessage-formats": choice(
        {
          "indicationMessage-Format1": E2SM_KPM_IndicationMessage_Format1,
          "indicationMessage-Format2": E2SM_KPM_IndicationMessage_Format2,
        },
        { "indicationMessage-Format3": E2SM_KPM_IndicationMessage_Format3 },
      ),
    },
    {},
  ),
);

// ---- RAN function description -------------------------------------------------------------------

export const RIC_EventTriggerStyle_Item = def(
  "RIC-EventTriggerStyle-Item",
  seq(
    {
      "ric-EventTriggerStyle-Type": RIC_Style_Type,
      "ric-EventTriggerStyle-Name": RIC_Style_Name,
      "ric-EventTriggerFormat-Type": RIC_Format_Type,
    },
    {},
  ),
);

export const RIC_ReportStyle_Item = def(
  "RIC-ReportStyle-Item",
  seq(
    {
      "ric-ReportStyle-Type": RIC_Style_Type,
      "ric-ReportStyle-Name": RIC_Style_Name,
      "ric-ActionFormat-Type": RIC_Format_Type,
      "measInfo-Action-List": MeasurementInfo_Action_List,
      "ric-IndicationHeaderFormat-Type": RIC_Format_Type,
      "ric-IndicationMessageFormat-Type": RIC_Format_Type,
    },
    {},
  ),
);

export const E2SM_KPM_RANfunction_Description = def(
  "E2SM-KPM-RANfunction-Description",
  seq(
    {
      "ranFunction-Name": RANfunction_Name,
      "ric-EventTriggerStyle-List": opt(seqOf(RIC_EventTriggerStyle_Item, size(1, maxnoofRICStyles))),
      "ric-ReportStyle-List": opt(seqOf(RIC_ReportStyle_Item, size(1, maxnoofRICStyles))),
    },
    {},
  ),
);
