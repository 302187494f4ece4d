/** E2SM-RC v01.03 event trigger: the associated cell/UE/UE-event conditions and formats 1-5. */
import { CGI, Interface_MessageID, InterfaceIdentifier, InterfaceType, RRC_MessageID, UEID } from "../common/ies.js";
import { choice, def, enumerated, int, opt, seq, seqOf, size } from "../schema/builders.js";
import {
  LogicalOR,
  maxnoofCellInfo,
  maxnoofE2InfoChanges,
  maxnoofMessages,
  maxnoofRRCstate,
  maxnoofUEeventInfo,
  maxnoofUEInfo,
  maxnoofUEInfoChanges,
  RIC_CallProcessBreakpoint_ID,
  RIC_CallProcessType_ID,
  RIC_EventTrigger_Cell_ID,
  RIC_EventTrigger_UE_ID,
  RIC_EventTrigger_UEevent_ID,
  RIC_EventTriggerCondition_ID,
  RRC_State,
} from "./ies.js";
import { RANParameter_Testing } from "./ranparameter.js";

// ---- associated cell / UE / UE event ------------------------------------------------------------

export const EventTrigger_Cell_Info_Item_Choice_Individual = def(
  "EventTrigger-Cell-Info-Item-Choice-Individual",
  seq({ cellGlobalID: CGI }, {}),
);

export const EventTrigger_Cell_Info_Item_Choice_Group = def(
  "EventTrigger-Cell-Info-Item-Choice-Group",
  seq({ ranParameterTesting: RANParameter_Testing }, {}),
);

export const EventTrigger_Cell_Info_Item = def(
  "EventTrigger-Cell-Info-Item",
  seq(
    {
      eventTriggerCellID: RIC_EventTrigger_Cell_ID,
      cellType: choice(
        {
          "cellType-Choice-Individual": EventTrigger_Cell_Info_Item_Choice_Individual,
          "cellType-Choice-Group": EventTrigger_Cell_Info_Item_Choice_Group,
        },
        {},
      ),
      logicalOR: opt(LogicalOR),
    },
    {},
  ),
);

export const EventTrigger_Cell_Info = def(
  "EventTrigger-Cell-Info",
  seq({ "cellInfo-List": seqOf(EventTrigger_Cell_Info_Item, size(1, maxnoofCellInfo)) }, {}),
);

export const EventTrigger_UE_Info_Item_Choice_Individual = def(
  "EventTrigger-UE-Info-Item-Choice-Individual",
  seq({ ueID: UEID, ranParameterTesting: opt(RANParameter_Testing) }, {}),
);

export const EventTrigger_UE_Info_Item_Choice_Group = def(
  "EventTrigger-UE-Info-Item-Choice-Group",
  seq({ ranParameterTesting: RANParameter_Testing }, {}),
);

export const EventTrigger_UE_Info_Item = def(
  "EventTrigger-UE-Info-Item",
  seq(
    {
      eventTriggerUEID: RIC_EventTrigger_UE_ID,
      ueType: choice(
        {
          "ueType-Choice-Individual": EventTrigger_UE_Info_Item_Choice_Individual,
          "ueType-Choice-Group": EventTrigger_UE_Info_Item_Choice_Group,
        },
        {},
      ),
      logicalOR: opt(LogicalOR),
    },
    {},
  ),
);

export const EventTrigger_UE_Info = def(
  "EventTrigger-UE-Info",
  seq({ "ueInfo-List": seqOf(EventTrigger_UE_Info_Item, size(1, maxnoofUEInfo)) }, {}),
);

export const EventTrigger_UEevent_Info_Item = def(
  "EventTrigger-UEevent-Info-Item",
  seq({ ueEventID: RIC_EventTrigger_UEevent_ID, logicalOR: opt(LogicalOR) }, {}),
);

export const EventTrigger_UEevent_Info = def(
  "EventTrigger-UEevent-Info",
  seq({ "ueEvent-List": seqOf(EventTrigger_UEevent_Info_Item, size(1, maxnoofUEeventInfo)) }, {}),
);

// ---- format 1: message event --------------------------------------------------------------------

export const MessageType_Choice_NI = def(
  "MessageType-Choice-NI",
  seq(
    {
      "nI-Type": InterfaceType,
      "nI-Identifier": opt(InterfaceIdentifier),
      "nI-Message": opt(Interface_MessageID),
    },
    {},
  ),
);

export const MessageType_Choice_RRC = def("MessageType-Choice-RRC", seq({ "rRC-Message": RRC_MessageID }, {}));

export const MessageType_Choice = def(
  "MessageType-Choice",
  choice(
    {
      "messageType-Choice-NI": MessageType_Choice_NI,
      "messageType-Choice-RRC": MessageType_Choice_RRC,
    },
    {},
  ),
);

export const E2SM_RC_EventTrigger_Format1_Item = def(
  "E2SM-RC-EventTrigger-Format1-Item",
  seq(
    {
      "ric-eventTriggerCondition-ID": RIC_EventTriggerCondition_ID,
      messageType: MessageType_Choice,
      messageDirection: opt(enumerated(["incoming", "outgoing"], [])),
      associatedUEInfo: opt(EventTrigger_UE_Info),
      associatedUEEvent: opt(EventTrigger_UEevent_Info),
      logicalOR: opt(LogicalOR),
    },
    {},
  ),
);

export const E2SM_RC_EventTrigger_Format1 = def(
  "E2SM-RC-EventTrigger-Format1",
  seq(
    {
      "message-List": seqOf(E2SM_RC_EventTrigger_Format1_Item, size(1, maxnoofMessages)),
      globalAssociatedUEInfo: opt(EventTrigger_UE_Info),
    },
    {},
  ),
);

// ---- format 2: call process breakpoint ----------------------------------------------------------

export const E2SM_RC_EventTrigger_Format2 = def(
  "E2SM-RC-EventTrigger-Format2",
  seq(
    {
      "ric-callProcessType-ID": RIC_CallProcessType_ID,
      "ric-callProcessBreakpoint-ID": RIC_CallProcessBreakpoint_ID,
      associatedE2NodeInfo: opt(RANParameter_Testing),
      associatedUEInfo: opt(EventTrigger_UE_Info),
    },
    {},
  ),
);

// ---- format 3: E2 node information change -------------------------------------------------------

export const E2SM_RC_EventTrigger_Format3_Item = def(
  "E2SM-RC-EventTrigger-Format3-Item",
  seq(
    {
      "ric-eventTriggerCondition-ID": RIC_EventTriggerCondition_ID,
      "e2NodeInfoChange-ID": int(1, 512, { ext: true }),
      associatedCellInfo: opt(EventTrigger_Cell_Info),
      logicalOR: opt(LogicalOR),
    },
    {},
  ),
);

export const E2SM_RC_EventTrigger_Format3 = def(
  "E2SM-RC-EventTrigger-Format3",
  seq({ "e2NodeInfoChange-List": seqOf(E2SM_RC_EventTrigger_Format3_Item, size(1, maxnoofE2InfoChanges)) }, {}),
);

// ---- format 4: UE information change ------------------------------------------------------------

export const TriggerType_Choice_RRCstate_Item = def(
  "TriggerType-Choice-RRCstate-Item",
  seq({ stateChangedTo: RRC_State, logicalOR: opt(LogicalOR) }, {}),
);

export const TriggerType_Choice_RRCstate = def(
  "TriggerType-Choice-RRCstate",
  seq({ "rrcState-List": seqOf(TriggerType_Choice_RRCstate_Item, size(1, maxnoofRRCstate)) }, {}),
);

export const TriggerType_Choice_UEID = def(
  "TriggerType-Choice-UEID",
  seq({ "ueIDchange-ID": int(1, 512, { ext: true }) }, {}),
);

export const TriggerType_Choice_L2state = def(
  "TriggerType-Choice-L2state",
  seq({ associatedL2variables: RANParameter_Testing }, {}),
);

export const TriggerType_Choice = def(
  "TriggerType-Choice",
  choice(
    {
      "triggerType-Choice-RRCstate": TriggerType_Choice_RRCstate,
      "triggerType-Choice-UEID": TriggerType_Choice_UEID,
      "triggerType-Choice-L2state": TriggerType_Choice_L2state,
    },
    {},
  ),
);

export const E2SM_RC_EventTrigger_Format4_Item = def(
  "E2SM-RC-EventTrigger-Format4-Item",
  seq(
    {
      "ric-eventTriggerCondition-ID": RIC_EventTriggerCondition_ID,
      triggerType: TriggerType_Choice,
      associatedUEInfo: opt(EventTrigger_UE_Info),
      logicalOR: opt(LogicalOR),
    },
    {},
  ),
);

export const E2SM_RC_EventTrigger_Format4 = def(
  "E2SM-RC-EventTrigger-Format4",
  seq({ "uEInfoChange-List": seqOf(E2SM_RC_EventTrigger_Format4_Item, size(1, maxnoofUEInfoChanges)) }, {}),
);

// ---- format 5: on demand ------------------------------------------------------------------------

export const E2SM_RC_EventTrigger_Format5 = def(
  "E2SM-RC-EventTrigger-Format5",
  seq(
    {
      onDemand: enumerated(["true"], []),
      associatedUEInfo: opt(EventTrigger_UE_Info),
      associatedCellInfo: opt(EventTrigger_Cell_Info),
    },
    {},
  ),
);

// ---- the event trigger --------------------------------------------------------------------------

export const E2SM_RC_EventTrigger = def(
  "E2SM-RC-EventTrigger",
  seq(
    {
      "ric-eventTrigger-formats": choice(
        {
          "eventTrigger-Format1": E2SM_RC_EventTrigger_Format1,
          "eventTrigger-Format2": E2SM_RC_EventTrigger_Format2,
          "eventTrigger-Format3": E2SM_RC_EventTrigger_Format3,
          "eventTrigger-Format4": E2SM_RC_EventTrigger_Format4,
          "eventTrigger-Format5": E2SM_RC_EventTrigger_Format5,
        },
        {},
      ),
    },
    {},
  ),
);
