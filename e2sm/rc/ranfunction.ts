/** E2SM-RC v01.03 RAN function definition: event trigger, report, insert, control and policy styles. */
import { RANfunction_Name, RIC_Format_Type, RIC_Style_Name, RIC_Style_Type } from "../common/ies.js";
import { def, opt, seq, seqOf, size } from "../schema/builders.js";
import {
  maxnoofAssociatedRANParameters,
  maxnoofCallProcessBreakpoints,
  maxnoofCallProcessTypes,
  maxnoofControlAction,
  maxnoofInsertIndication,
  maxnoofPolicyAction,
  maxnoofRANOutcomeParameters,
  maxnoofRICStyles,
  RIC_CallProcessBreakpoint_ID,
  RIC_CallProcessBreakpoint_Name,
  RIC_CallProcessType_ID,
  RIC_CallProcessType_Name,
  RIC_ControlAction_ID,
  RIC_ControlAction_Name,
  RIC_InsertIndication_ID,
  RIC_InsertIndication_Name,
} from "./ies.js";
import { RANParameter_Definition, RANParameter_ID, RANParameter_Name } from "./ranparameter.js";

/** SEQUENCE { ranParameter-ID, ranParameter-name, ..., ranParameter-Definition OPTIONAL }. */
const namedParameter = () =>
  seq(
    { "ranParameter-ID": RANParameter_ID, "ranParameter-name": RANParameter_Name },
    { "ranParameter-Definition": opt(RANParameter_Definition) },
  );

const upTo = (max: number) => size(1, max);

// ---- event trigger ------------------------------------------------------------------------------

export const RANFunctionDefinition_EventTrigger_Style_Item = def(
  "RANFunctionDefinition-EventTrigger-Style-Item",
  seq(
    {
      "ric-EventTriggerStyle-Type": RIC_Style_Type,
      "ric-EventTriggerStyle-Name": RIC_Style_Name,
      "ric-EventTriggerFormat-Type": RIC_Format_Type,
    },
    {},
  ),
);

export const L2Parameters_RANParameter_Item = def("L2Parameters-RANParameter-Item", namedParameter());
export const UEIdentification_RANParameter_Item = def("UEIdentification-RANParameter-Item", namedParameter());
export const CellIdentification_RANParameter_Item = def("CellIdentification-RANParameter-Item", namedParameter());
export const CallProcessBreakpoint_RANParameter_Item = def("CallProcessBreakpoint-RANParameter-Item", namedParameter());

export const RANFunctionDefinition_EventTrigger_Breakpoint_Item = def(
  "RANFunctionDefinition-EventTrigger-Breakpoint-Item",
  seq(
    {
      "callProcessBreakpoint-ID": RIC_CallProcessBreakpoint_ID,
      "callProcessBreakpoint-Name": RIC_CallProcessBreakpoint_Name,
      "ran-CallProcessBreakpointParameters-List": opt(
        seqOf(CallProcessBreakpoint_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
    },
    {},
  ),
);

export const RANFunctionDefinition_EventTrigger_CallProcess_Item = def(
  "RANFunctionDefinition-EventTrigger-CallProcess-Item",
  seq(
    {
      "callProcessType-ID": RIC_CallProcessType_ID,
      "callProcessType-Name": RIC_CallProcessType_Name,
      "callProcessBreakpoints-List": seqOf(
        RANFunctionDefinition_EventTrigger_Breakpoint_Item,
        upTo(maxnoofCallProcessBreakpoints),
      ),
    },
    {},
  ),
);

export const RANFunctionDefinition_EventTrigger = def(
  "RANFunctionDefinition-EventTrigger",
  seq(
    {
      "ric-EventTriggerStyle-List": seqOf(RANFunctionDefinition_EventTrigger_Style_Item, upTo(maxnoofRICStyles)),
      "ran-L2Parameters-List": opt(seqOf(L2Parameters_RANParameter_Item, upTo(maxnoofAssociatedRANParameters))),
      "ran-CallProcessTypes-List": opt(
        seqOf(RANFunctionDefinition_EventTrigger_CallProcess_Item, upTo(maxnoofCallProcessTypes)),
      ),
      "ran-UEIdentificationParameters-List": opt(
        seqOf(UEIdentification_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
      "ran-CellIdentificationParameters-List": opt(
        seqOf(CellIdentification_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
    },
    {},
  ),
);

// ---- report -------------------------------------------------------------------------------------

export const Report_RANParameter_Item = def("Report-RANParameter-Item", namedParameter());

export const RANFunctionDefinition_Report_Item = def(
  "RANFunctionDefinition-Report-Item",
  seq(
    {
      "ric-ReportStyle-Type": RIC_Style_Type,
      "ric-ReportStyle-Name": RIC_Style_Name,
      "ric-SupportedEventTriggerStyle-Type": RIC_Style_Type,
      "ric-ReportActionFormat-Type": RIC_Format_Type,
      "ric-IndicationHeaderFormat-Type": RIC_Format_Type,
      "ric-IndicationMessageFormat-Type": RIC_Format_Type,
      "ran-ReportParameters-List": opt(seqOf(Report_RANParameter_Item, upTo(maxnoofAssociatedRANParameters))),
    },
    {},
  ),
);

export const RANFunctionDefinition_Report = def(
  "RANFunctionDefinition-Report",
  seq({ "ric-ReportStyle-List": seqOf(RANFunctionDefinition_Report_Item, upTo(maxnoofRICStyles)) }, {}),
);

// ---- insert -------------------------------------------------------------------------------------

export const InsertIndication_RANParameter_Item = def("InsertIndication-RANParameter-Item", namedParameter());

export const RANFunctionDefinition_Insert_Indication_Item = def(
  "RANFunctionDefinition-Insert-Indication-Item",
  seq(
    {
      "ric-InsertIndication-ID": RIC_InsertIndication_ID,
      "ric-InsertIndication-Name": RIC_InsertIndication_Name,
      "ran-InsertIndicationParameters-List": opt(
        seqOf(InsertIndication_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
    },
    {},
  ),
);

export const RANFunctionDefinition_Insert_Item = def(
  "RANFunctionDefinition-Insert-Item",
  seq(
    {
      "ric-InsertStyle-Type": RIC_Style_Type,
      "ric-InsertStyle-Name": RIC_Style_Name,
      "ric-SupportedEventTriggerStyle-Type": RIC_Style_Type,
      "ric-ActionDefinitionFormat-Type": RIC_Format_Type,
      "ric-InsertIndication-List": opt(
        seqOf(RANFunctionDefinition_Insert_Indication_Item, upTo(maxnoofInsertIndication)),
      ),
      "ric-IndicationHeaderFormat-Type": RIC_Format_Type,
      "ric-IndicationMessageFormat-Type": RIC_Format_Type,
      "ric-CallProcessIDFormat-Type": RIC_Format_Type,
    },
    {},
  ),
);

export const RANFunctionDefinition_Insert = def(
  "RANFunctionDefinition-Insert",
  seq({ "ric-InsertStyle-List": seqOf(RANFunctionDefinition_Insert_Item, upTo(maxnoofRICStyles)) }, {}),
);

// ---- control ------------------------------------------------------------------------------------

export const ControlOutcome_RANParameter_Item = def("ControlOutcome-RANParameter-Item", namedParameter());
export const ControlAction_RANParameter_Item = def("ControlAction-RANParameter-Item", namedParameter());

export const RANFunctionDefinition_Control_Action_Item = def(
  "RANFunctionDefinition-Control-Action-Item",
  seq(
    {
      "ric-ControlAction-ID": RIC_ControlAction_ID,
      "ric-ControlAction-Name": RIC_ControlAction_Name,
      "ran-ControlActionParameters-List": opt(
        seqOf(ControlAction_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
    },
    {},
  ),
);

export const RANFunctionDefinition_Control_Item = def(
  "RANFunctionDefinition-Control-Item",
  seq(
    {
      "ric-ControlStyle-Type": RIC_Style_Type,
      "ric-ControlStyle-Name": RIC_Style_Name,
      "ric-ControlAction-List": opt(seqOf(RANFunctionDefinition_Control_Action_Item, upTo(maxnoofControlAction))),
      "ric-ControlHeaderFormat-Type": RIC_Format_Type,
      "ric-ControlMessageFormat-Type": RIC_Format_Type,
      "ric-CallProcessIDFormat-Type": opt(RIC_Format_Type),
      "ric-ControlOutcomeFormat-Type": RIC_Format_Type,
      "ran-ControlOutcomeParameters-List": opt(
        seqOf(ControlOutcome_RANParameter_Item, upTo(maxnoofRANOutcomeParameters)),
      ),
    },
    {},
  ),
);

export const RANFunctionDefinition_Control = def(
  "RANFunctionDefinition-Control",
  seq({ "ric-ControlStyle-List": seqOf(RANFunctionDefinition_Control_Item, upTo(maxnoofRICStyles)) }, {}),
);

// ---- policy -------------------------------------------------------------------------------------

export const PolicyAction_RANParameter_Item = def("PolicyAction-RANParameter-Item", namedParameter());
export const PolicyCondition_RANParameter_Item = def("PolicyCondition-RANParameter-Item", namedParameter());

export const RANFunctionDefinition_Policy_Action_Item = def(
  "RANFunctionDefinition-Policy-Action-Item",
  seq(
    {
      "ric-PolicyAction-ID": RIC_ControlAction_ID,
      "ric-PolicyAction-Name": RIC_ControlAction_Name,
      "ric-ActionDefinitionFormat-Type": RIC_Format_Type,
      "ran-PolicyActionParameters-List": opt(
        seqOf(PolicyAction_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
      "ran-PolicyConditionParameters-List": opt(
        seqOf(PolicyCondition_RANParameter_Item, upTo(maxnoofAssociatedRANParameters)),
      ),
    },
    {},
  ),
);

export const RANFunctionDefinition_Policy_Item = def(
  "RANFunctionDefinition-Policy-Item",
  seq(
    {
      "ric-PolicyStyle-Type": RIC_Style_Type,
      "ric-PolicyStyle-Name": RIC_Style_Name,
      "ric-SupportedEventTriggerStyle-Type": RIC_Style_Type,
      "ric-PolicyAction-List": opt(seqOf(RANFunctionDefinition_Policy_Action_Item, upTo(maxnoofPolicyAction))),
    },
    {},
  ),
);

export const RANFunctionDefinition_Policy = def(
  "RANFunctionDefinition-Policy",
  seq({ "ric-PolicyStyle-List": seqOf(RANFunctionDefinition_Policy_Item, upTo(maxnoofRICStyles)) }, {}),
);

// ---- the RAN function definition ----------------------------------------------------------------

export const E2SM_RC_RANFunctionDefinition = def(
  "E2SM-RC-RANFunctionDefinition",
  seq(
    {
      "ranFunction-Name": RANfunction_Name,
      "ranFunctionDefinition-EventTrigger": opt(RANFunctionDefinition_EventTrigger),
      "ranFunctionDefinition-Report": opt(RANFunctionDefinition_Report),
      "ranFunctionDefinition-Insert": opt(RANFunctionDefinition_Insert),
      "ranFunctionDefinition-Control": opt(RANFunctionDefinition_Control),
      "ranFunctionDefinition-Policy": opt(RANFunctionDefinition_Policy),
    },
    {},
  ),
);
