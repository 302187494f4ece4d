/**
 * E2SM-RC v01.03: constants, neighbour relation IEs and the RIC service identifiers. RAN parameters are
 * in `ranparameter.ts`; the OCTET STRING contents in `trigger.ts`, `services.ts` and `ranfunction.ts`.
 */
import {
  E_UTRA_ARFCN,
  E_UTRA_PCI,
  E_UTRA_TAC,
  EUTRA_CGI,
  FiveGS_TAC,
  NR_CGI,
  NR_PCI,
  NRFrequencyInfo,
  ServingCell_ARFCN,
  ServingCell_PCI,
} from "../common/ies.js";
import { choice, def, enumerated, int, printable, seq, seqOf, size } from "../schema/builders.js";

// ---- constants ----------------------------------------------------------------------------------

export const maxnoofMessages = 65535;
export const maxnoofE2InfoChanges = 65535;
export const maxnoofUEInfoChanges = 65535;
export const maxnoofRRCstate = 8;
export const maxnoofParametersToReport = 65535;
export const maxnoofPolicyConditions = 65535;
export const maxnoofAssociatedRANParameters = 65535;
export const maxnoofUEID = 65535;
export const maxnoofCellID = 65535;
export const maxnoofRANOutcomeParameters = 255;
export const maxnoofParametersinStructure = 65535;
export const maxnoofItemsinList = 65535;
export const maxnoofUEInfo = 65535;
export const maxnoofCellInfo = 65535;
export const maxnoofUEeventInfo = 65535;
export const maxnoofRANparamTest = 255;
export const maxnoofNeighbourCell = 65535;
export const maxnoofRICStyles = 63;
export const maxnoofCallProcessTypes = 65535;
export const maxnoofCallProcessBreakpoints = 65535;
export const maxnoofInsertIndication = 65535;
export const maxnoofControlAction = 65535;
export const maxnoofPolicyAction = 65535;
export const maxnoofInsertIndicationActions = 63;
export const maxnoofMulCtrlActions = 63;

/** INTEGER (1..65535, ...): the form of most RC identifiers. */
const id16 = () => int(1, 65535, { ext: true });
/** PrintableString (SIZE(1..150, ...)): the form of every RC name. */
const name150 = () => printable(size(1, 150, true));

// ---- general ------------------------------------------------------------------------------------

export const LogicalOR = def("LogicalOR", enumerated(["true", "false"], []));

export const NeighborCell_Item_Choice_NR = def(
  "NeighborCell-Item-Choice-NR",
  seq(
    {
      "nR-CGI": NR_CGI,
      "nR-PCI": NR_PCI,
      "fiveGS-TAC": FiveGS_TAC,
      "nR-mode-info": enumerated(["fdd", "tdd"], []),
      "nR-FreqInfo": NRFrequencyInfo,
      "x2-Xn-established": enumerated(["true", "false"], []),
      "hO-validated": enumerated(["true", "false"], []),
      version: id16(),
    },
    {},
  ),
);

export const NeighborCell_Item_Choice_E_UTRA = def(
  "NeighborCell-Item-Choice-E-UTRA",
  seq(
    {
      "eUTRA-CGI": EUTRA_CGI,
      "eUTRA-PCI": E_UTRA_PCI,
      "eUTRA-ARFCN": E_UTRA_ARFCN,
      "eUTRA-TAC": E_UTRA_TAC,
      "x2-Xn-established": enumerated(["true", "false"], []),
      "hO-validated": enumerated(["true", "false"], []),
      version: id16(),
    },
    {},
  ),
);

export const NeighborCell_Item = def(
  "NeighborCell-Item",
  choice(
    {
      "ranType-Choice-NR": NeighborCell_Item_Choice_NR,
      "ranType-Choice-EUTRA": NeighborCell_Item_Choice_E_UTRA,
    },
    {},
  ),
);

export const NeighborCell_List = def("NeighborCell-List", seqOf(NeighborCell_Item, size(1, maxnoofNeighbourCell)));

export const NeighborRelation_Info = def(
  "NeighborRelation-Info",
  seq(
    {
      servingCellPCI: ServingCell_PCI,
      servingCellARFCN: ServingCell_ARFCN,
      "neighborCell-List": NeighborCell_List,
    },
    {},
  ),
);

export const RRC_State = def("RRC-State", enumerated(["rrc-connected", "rrc-inactive", "rrc-idle", "any"], []));

// ---- RIC service identifiers and names ----------------------------------------------------------

export const RAN_CallProcess_ID = def("RAN-CallProcess-ID", int(1, 4294967295, { ext: true }));
export const RIC_CallProcessType_ID = def("RIC-CallProcessType-ID", id16());
export const RIC_CallProcessType_Name = def("RIC-CallProcessType-Name", name150());
export const RIC_CallProcessBreakpoint_ID = def("RIC-CallProcessBreakpoint-ID", id16());
export const RIC_CallProcessBreakpoint_Name = def("RIC-CallProcessBreakpoint-Name", name150());
export const RIC_ControlAction_ID = def("RIC-ControlAction-ID", id16());
export const RIC_ControlAction_Name = def("RIC-ControlAction-Name", name150());
export const RIC_EventTriggerCondition_ID = def("RIC-EventTriggerCondition-ID", id16());
export const RIC_EventTrigger_UE_ID = def("RIC-EventTrigger-UE-ID", id16());
export const RIC_EventTrigger_UEevent_ID = def("RIC-EventTrigger-UEevent-ID", id16());
export const RIC_EventTrigger_Cell_ID = def("RIC-EventTrigger-Cell-ID", id16());
export const RIC_InsertIndication_ID = def("RIC-InsertIndication-ID", id16());
export const RIC_InsertIndication_Name = def("RIC-InsertIndication-Name", name150());
