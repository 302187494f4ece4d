/**
 * E2SM-COMMON-IEs (shared by E2SM-KPM and E2SM-RC): every type of the module, by its ASN.1 name with
 * `-` replaced by `_`. The 3GPP-derived IEs and the constants live in `derived.ts` and are re-exported.
 */
import { choice, def, enumerated, int, opt, printable, seq, seqOf, size } from "../schema/builders.js";
import {
  AMF_UE_NGAP_ID,
  E_UTRA_ARFCN,
  E_UTRA_PCI,
  ENB_UE_X2AP_ID,
  ENB_UE_X2AP_ID_Extension,
  EUTRA_CGI,
  FiveQI,
  GlobalENB_ID,
  GlobalenGNB_ID,
  GlobalGNB_ID,
  GlobalNGRANNodeID,
  GlobalNgENB_ID,
  GNB_CU_CP_UE_E1AP_ID,
  GNB_CU_UE_F1AP_ID,
  GNB_CU_UP_ID,
  GNB_DU_ID,
  GUAMI,
  GUMMEI,
  MME_UE_S1AP_ID,
  maxE1APid,
  maxF1APid,
  NG_RANnodeUEXnAPID,
  NGENB_CU_UE_W1AP_ID,
  NGENB_DU_ID,
  NR_ARFCN,
  NR_CGI,
  NR_PCI,
  QCI,
  RANUEID,
} from "./derived.js";

export * from "./derived.js";

// ---- node and interface identities --------------------------------------------------------------

export const CGI = def("CGI", choice({ "nR-CGI": NR_CGI, "eUTRA-CGI": EUTRA_CGI }, {}));
export const CoreCPID = def("CoreCPID", choice({ fiveGC: GUAMI, ePC: GUMMEI }, {}));

export const InterfaceID_NG = def("InterfaceID-NG", seq({ guami: GUAMI }, {}));
export const InterfaceID_Xn = def("InterfaceID-Xn", seq({ "global-NG-RAN-ID": GlobalNGRANNodeID }, {}));
export const InterfaceID_F1 = def("InterfaceID-F1", seq({ "globalGNB-ID": GlobalGNB_ID, "gNB-DU-ID": GNB_DU_ID }, {}));
export const InterfaceID_E1 = def(
  "InterfaceID-E1",
  seq({ "globalGNB-ID": GlobalGNB_ID, "gNB-CU-UP-ID": GNB_CU_UP_ID }, {}),
);
export const InterfaceID_S1 = def("InterfaceID-S1", seq({ gUMMEI: GUMMEI }, {}));
export const InterfaceID_X2 = def(
  "InterfaceID-X2",
  seq({ nodeType: choice({ "global-eNB-ID": GlobalENB_ID, "global-en-gNB-ID": GlobalenGNB_ID }, {}) }, {}),
);
export const InterfaceID_W1 = def(
  "InterfaceID-W1",
  seq({ "global-ng-eNB-ID": GlobalNgENB_ID, "ng-eNB-DU-ID": NGENB_DU_ID }, {}),
);

export const InterfaceIdentifier = def(
  "InterfaceIdentifier",
  choice(
    {
      nG: InterfaceID_NG,
      xN: InterfaceID_Xn,
      f1: InterfaceID_F1,
      e1: InterfaceID_E1,
      s1: InterfaceID_S1,
      x2: InterfaceID_X2,
      w1: InterfaceID_W1,
    },
    {},
  ),
);

export const Interface_MessageID = def(
  "Interface-MessageID",
  seq(
    {
      interfaceProcedureID: int(),
      messageType: enumerated(["initiatingMessage", "successfulOutcome", "unsuccessfulOutcome"], []),
    },
    {},
  ),
);

export const InterfaceType = def("InterfaceType", enumerated(["nG", "xn", "f1", "e1", "s1", "x2", "w1"], []));

// ---- QoS ----------------------------------------------------------------------------------------

export const GroupID = def("GroupID", choice({ fiveGC: FiveQI, ePC: QCI }, {}));
export const QoSID = def("QoSID", choice({ fiveGC: FiveQI, ePC: QCI }, {}));

// ---- RAN function and RIC styles ----------------------------------------------------------------

export const RANfunction_Name = def(
  "RANfunction-Name",
  seq(
    {
      "ranFunction-ShortName": printable(size(1, 150, true)),
      "ranFunction-E2SM-OID": printable(size(1, 1000, true)),
      "ranFunction-Description": printable(size(1, 150, true)),
      "ranFunction-Instance": opt(int()),
    },
    {},
  ),
);

export const RIC_Format_Type = def("RIC-Format-Type", int());
export const RIC_Style_Type = def("RIC-Style-Type", int());
export const RIC_Style_Name = def("RIC-Style-Name", printable(size(1, 150, true)));

// ---- RRC messages -------------------------------------------------------------------------------

export const RRCclass_LTE = def(
  "RRCclass-LTE",
  enumerated(
    [
      "bCCH-BCH",
      "bCCH-BCH-MBMS",
      "bCCH-DL-SCH",
      "bCCH-DL-SCH-BR",
      "bCCH-DL-SCH-MBMS",
      "mCCH",
      "pCCH",
      "dL-CCCH",
      "dL-DCCH",
      "uL-CCCH",
      "uL-DCCH",
      "sC-MCCH",
    ],
    [],
  ),
);
export const RRCclass_NR = def(
  "RRCclass-NR",
  enumerated(["bCCH-BCH", "bCCH-DL-SCH", "dL-CCCH", "dL-DCCH", "pCCH", "uL-CCCH", "uL-CCCH1", "uL-DCCH"], []),
);

export const RRC_MessageID = def(
  "RRC-MessageID",
  seq({ rrcType: choice({ lTE: RRCclass_LTE, nR: RRCclass_NR }, {}), messageID: int() }, {}),
);

// ---- serving cell -------------------------------------------------------------------------------

export const ServingCell_ARFCN = def("ServingCell-ARFCN", choice({ nR: NR_ARFCN, eUTRA: E_UTRA_ARFCN }, {}));
export const ServingCell_PCI = def("ServingCell-PCI", choice({ nR: NR_PCI, eUTRA: E_UTRA_PCI }, {}));

// ---- UE identities ------------------------------------------------------------------------------

export const UEID_GNB_CU_CP_E1AP_ID_Item = def(
  "UEID-GNB-CU-CP-E1AP-ID-Item",
  seq({ "gNB-CU-CP-UE-E1AP-ID": GNB_CU_CP_UE_E1AP_ID }, {}),
);
export const UEID_GNB_CU_CP_E1AP_ID_List = def(
  "UEID-GNB-CU-CP-E1AP-ID-List",
  seqOf(UEID_GNB_CU_CP_E1AP_ID_Item, size(1, maxE1APid)),
);
export const UEID_GNB_CU_CP_F1AP_ID_Item = def(
  "UEID-GNB-CU-CP-F1AP-ID-Item",
  seq({ "gNB-CU-UE-F1AP-ID": GNB_CU_UE_F1AP_ID }, {}),
);
export const UEID_GNB_CU_F1AP_ID_List = def(
  "UEID-GNB-CU-F1AP-ID-List",
  seqOf(UEID_GNB_CU_CP_F1AP_ID_Item, size(1, maxF1APid)),
);

export const UEID_GNB = def(
  "UEID-GNB",
  seq(
    {
      "amf-UE-NGAP-ID": AMF_UE_NGAP_ID,
      guami: GUAMI,
      "gNB-CU-UE-F1AP-ID-List": opt(UEID_GNB_CU_F1AP_ID_List),
      "gNB-CU-CP-UE-E1AP-ID-List": opt(UEID_GNB_CU_CP_E1AP_ID_List),
      "ran-UEID": opt(RANUEID),
      "m-NG-RAN-UE-XnAP-ID": opt(NG_RANnodeUEXnAPID),
      "globalGNB-ID": opt(GlobalGNB_ID), // not to be used: replaced by globalNG-RANNode-ID
    },
    { "globalNG-RANNode-ID": opt(GlobalNGRANNodeID) },
  ),
);

export const UEID_GNB_DU = def(
  "UEID-GNB-DU",
  seq({ "gNB-CU-UE-F1AP-ID": GNB_CU_UE_F1AP_ID, "ran-UEID": opt(RANUEID) }, {}),
);

export const UEID_GNB_CU_UP = def(
  "UEID-GNB-CU-UP",
  seq({ "gNB-CU-CP-UE-E1AP-ID": GNB_CU_CP_UE_E1AP_ID, "ran-UEID": opt(RANUEID) }, {}),
);

export const UEID_NG_ENB = def(
  "UEID-NG-ENB",
  seq(
    {
      "amf-UE-NGAP-ID": AMF_UE_NGAP_ID,
      guami: GUAMI,
      "ng-eNB-CU-UE-W1AP-ID": opt(NGENB_CU_UE_W1AP_ID),
      "m-NG-RAN-UE-XnAP-ID": opt(NG_RANnodeUEXnAPID),
      "globalNgENB-ID": opt(GlobalNgENB_ID), // not to be used: replaced by globalNG-RANNode-ID
    },
    { "globalNG-RANNode-ID": opt(GlobalNGRANNodeID) },
  ),
);

export const UEID_NG_ENB_DU = def("UEID-NG-ENB-DU", seq({ "ng-eNB-CU-UE-W1AP-ID": NGENB_CU_UE_W1AP_ID }, {}));

export const UEID_EN_GNB = def(
  "UEID-EN-GNB",
  seq(
    {
      "m-eNB-UE-X2AP-ID": ENB_UE_X2AP_ID,
      "m-eNB-UE-X2AP-ID-Extension": opt(ENB_UE_X2AP_ID_Extension),
      "globalENB-ID": GlobalENB_ID,
      "gNB-CU-UE-F1AP-ID": opt(GNB_CU_UE_F1AP_ID),
      "gNB-CU-CP-UE-E1AP-ID-List": opt(UEID_GNB_CU_CP_E1AP_ID_List),
      "ran-UEID": opt(RANUEID),
    },
    {},
  ),
);

export const UEID_ENB = def(
  "UEID-ENB",
  seq(
    {
      "mME-UE-S1AP-ID": MME_UE_S1AP_ID,
      gUMMEI: GUMMEI,
      "m-eNB-UE-X2AP-ID": opt(ENB_UE_X2AP_ID),
      "m-eNB-UE-X2AP-ID-Extension": opt(ENB_UE_X2AP_ID_Extension),
      "globalENB-ID": opt(GlobalENB_ID),
    },
    {},
  ),
);

export const UEID = def(
  "UEID",
  choice(
    {
      "gNB-UEID": UEID_GNB,
      "gNB-DU-UEID": UEID_GNB_DU,
      "gNB-CU-UP-UEID": UEID_GNB_CU_UP,
      "ng-eNB-UEID": UEID_NG_ENB,
      "ng-eNB-DU-UEID": UEID_NG_ENB_DU,
      "en-gNB-UEID": UEID_EN_GNB,
      "eNB-UEID": UEID_ENB,
    },
    {},
  ),
);
