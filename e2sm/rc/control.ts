/** E2SM-RC v01.03 CONTROL side: control header (formats 1-2), message (1-2) and outcome (1-3). */
import { RIC_Style_Type, UEID } from "../common/ies.js";
import { choice, def, enumerated, opt, seq, seqOf, size } from "../schema/builders.js";
import {
  maxnoofAssociatedRANParameters,
  maxnoofMulCtrlActions,
  maxnoofRANOutcomeParameters,
  maxnoofRICStyles,
  RIC_ControlAction_ID,
} from "./ies.js";
import { RANParameter_ID, RANParameter_Value, RANParameter_ValueType } from "./ranparameter.js";

// ---- control header -----------------------------------------------------------------------------

export const E2SM_RC_ControlHeader_Format1 = def(
  "E2SM-RC-ControlHeader-Format1",
  seq(
    {
      ueID: UEID,
      "ric-Style-Type": RIC_Style_Type,
      "ric-ControlAction-ID": RIC_ControlAction_ID,
      "ric-ControlDecision": opt(enumerated(["accept", "reject"], [])),
    },
    {},
  ),
);

export const E2SM_RC_ControlHeader_Format2 = def(
  "E2SM-RC-ControlHeader-Format2",
  seq({ ueID: opt(UEID), "ric-ControlDecision": opt(enumerated(["accept", "reject"], [])) }, {}),
);

export const E2SM_RC_ControlHeader = def(
  "E2SM-RC-ControlHeader",
  seq(
    {
      "ric-controlHeader-formats": choice(
        { "controlHeader-Format1": E2SM_RC_ControlHeader_Format1 },
        { "controlHeader-Format2": E2SM_RC_ControlHeader_Format2 },
      ),
    },
    {},
  ),
);

// ---- control message ----------------------------------------------------------------------------

export const E2SM_RC_ControlMessage_Format1_Item = def(
  "E2SM-RC-ControlMessage-Format1-Item",
  seq({ "ranParameter-ID": RANParameter_ID, "ranParameter-valueType": RANParameter_ValueType }, {}),
);

export const E2SM_RC_ControlMessage_Format1 = def(
  "E2SM-RC-ControlMessage-Format1",
  seq({ "ranP-List": seqOf(E2SM_RC_ControlMessage_Format1_Item, size(0, maxnoofAssociatedRANParameters)) }, {}),
);

export const E2SM_RC_ControlMessage_Format2_ControlAction_Item = def(
  "E2SM-RC-ControlMessage-Format2-ControlAction-Item",
  seq({ "ric-ControlAction-ID": RIC_ControlAction_ID, "ranP-List": E2SM_RC_ControlMessage_Format1 }, {}),
);

export const E2SM_RC_ControlMessage_Format2_Style_Item = def(
  "E2SM-RC-ControlMessage-Format2-Style-Item",
  seq(
    {
      "indicated-Control-Style-Type": RIC_Style_Type,
      "ric-ControlAction-List": seqOf(
        E2SM_RC_ControlMessage_Format2_ControlAction_Item,
        size(1, maxnoofMulCtrlActions),
      ),
    },
    {},
  ),
);

export const E2SM_RC_ControlMessage_Format2 = def(
  "E2SM-RC-ControlMessage-Format2",
  seq({ "ric-ControlStyle-List": seqOf(E2SM_RC_ControlMessage_Format2_Style_Item, size(1, maxnoofRICStyles)) }, {}),
);

export const E2SM_RC_ControlMessage = def(
  "E2SM-RC-ControlMessage",
  seq(
    {
      "ric-controlMessage-formats": choice(
        { "controlMessage-Format1": E2SM_RC_ControlMessage_Format1 },
        { "controlMessage-Format2": E2SM_RC_ControlMessage_Format2 },
      ),
    },
    {},
  ),
);

// ---- control outcome ----------------------------------------------------------------------------

export const E2SM_RC_ControlOutcome_Format1_Item = def(
  "E2SM-RC-ControlOutcome-Format1-Item",
  seq({ "ranParameter-ID": RANParameter_ID, "ranParameter-value": RANParameter_Value }, {}),
);

export const E2SM_RC_ControlOutcome_Format1 = def(
  "E2SM-RC-ControlOutcome-Format1",
  seq({ "ranP-List": seqOf(E2SM_RC_ControlOutcome_Format1_Item, size(0, maxnoofRANOutcomeParameters)) }, {}),
);

export const E2SM_RC_ControlOutcome_Format2_RANP_Item = def(
  "E2SM-RC-ControlOutcome-Format2-RANP-Item",
  seq({ "ranParameter-ID": RANParameter_ID, "ranParameter-value": RANParameter_Value }, {}),
);

export const E2SM_RC_ControlOutcome_Format2_ControlOutcome_Item = def(
  "E2SM-RC-ControlOutcome-Format2-ControlOutcome-Item",
  seq(
    {
      "ric-ControlAction-ID": RIC_ControlAction_ID,
      "ranP-List": seqOf(E2SM_RC_ControlOutcome_Format2_RANP_Item, size(1, maxnoofAssociatedRANParameters)),
    },
    {},
  ),
);

export const E2SM_RC_ControlOutcome_Format2_Style_Item = def(
  "E2SM-RC-ControlOutcome-Format2-Style-Item",
  seq(
    {
      "indicated-Control-Style-Type": RIC_Style_Type,
      "ric-ControlOutcome-List": seqOf(
        E2SM_RC_ControlOutcome_Format2_ControlOutcome_Item,
        size(1, maxnoofMulCtrlActions),
      ),
    },
    {},
  ),
);

export const E2SM_RC_ControlOutcome_Format2 = def(
  "E2SM-RC-ControlOutcome-Format2",
  seq({ "ric-ControlStyle-List": seqOf(E2SM_RC_ControlOutcome_Format2_Style_Item, size(1, maxnoofRICStyles)) }, {}),
);

export const E2SM_RC_ControlOutcome_Format3_Item = def(
  "E2SM-RC-ControlOutcome-Format3-Item",
  seq({ "ranParameter-ID": RANParameter_ID, "ranParameter-valueType": RANParameter_ValueType }, {}),
);

export const E2SM_RC_ControlOutcome_Format3 = def(
  "E2SM-RC-ControlOutcome-Format3",
  seq({ "ranP-List": seqOf(E2SM_RC_ControlOutcome_Format3_Item, size(0, maxnoofRANOutcomeParameters)) }, {}),
);

export const E2SM_RC_ControlOutcome = def(
  "E2SM-RC-ControlOutcome",
  seq(
    {
      "ric-controlOutcome-formats": choice(
        { "controlOutcome-Format1": E2SM_RC_ControlOutcome_Format1 },
        {
          "controlOutcome-Format2": E2SM_RC_ControlOutcome_Format2,
          "controlOutcome-Format3": E2SM_RC_ControlOutcome_Format3,
        },
      ),
    },
    {},
  ),
);
