/**
 * E2SM-BM v1 (module E2SM-BM-IEs, docs/service-models/E2SM-BM-IEs.asn): twinric's beam-management
 * service model. Every type by its ASN.1 name with `-` replaced by `_`, and the module's constants.
 */
import { NR_CGI, RANfunction_Name, RIC_Style_Type } from "../common/ies.js";
import { controlStyleItem, reportStyleItem } from "../common/styles.js";
import { choice, def, int, octets, opt, seq, seqOf, size } from "../schema/builders.js";

// ---- constants ----------------------------------------------------------------------------------

export const maxnoofBmStyles = 16;
export const maxnoofBmCells = 1024;
export const maxnoofBmBeams = 64;
export const maxnoofBmUEs = 65535;

// ---- common IEs ---------------------------------------------------------------------------------

/** AMF UE NGAP ID, as in UEID-GNB of E2SM-KPM / E2SM-RC (below 2^53: a number). */
export const BM_UE_Id = def("BM-UE-Id", int(0, 1099511627775));
/** Index in the cell's SSB codebook. */
export const BM_BeamId = def("BM-BeamId", int(0, 63));
/** SS-RSRP, 0.1 dBm, clamped to the TS 38.133 range. */
export const BM_RSRP = def("BM-RSRP", int(-1560, -310));
/** 64-bit NTP time stamp. */
export const BM_TimeStamp = def("BM-TimeStamp", octets(size(8)));

/** cm in the scene's local frame (x east, y north, z up). */
export const BM_LocalPosition = def(
  "BM-LocalPosition",
  seq({ x: int(-10000000, 10000000), y: int(-10000000, 10000000), z: int(-100000, 100000) }, {}),
);

/** Horizontal velocity, cm/s. */
export const BM_Velocity = def("BM-Velocity", seq({ vx: int(-10000, 10000), vy: int(-10000, 10000) }, {}));

export const BM_Scope = def(
  "BM-Scope",
  seq({ cells: opt(seqOf(NR_CGI, size(1, maxnoofBmCells))), ues: opt(seqOf(BM_UE_Id, size(1, maxnoofBmUEs))) }, {}),
);

// ---- RAN function definition --------------------------------------------------------------------

/** Boresight in 0.1 degree steps. */
export const BM_BeamInfo = def(
  "BM-BeamInfo",
  seq({ beamId: BM_BeamId, azimuth: int(-1800, 1800), elevation: int(-900, 900) }, {}),
);

export const BM_CellBeams = def(
  "BM-CellBeams",
  seq({ cellGlobalID: NR_CGI, ssbBeams: seqOf(BM_BeamInfo, size(1, maxnoofBmBeams)) }, {}),
);

export const BM_ReportStyle = reportStyleItem("BM-ReportStyle");

export const BM_ControlStyle = controlStyleItem("BM-ControlStyle");

export const E2SM_BM_RANFunctionDefinition = def(
  "E2SM-BM-RANFunctionDefinition",
  seq(
    {
      "ranFunction-Name": RANfunction_Name,
      reportStyles: seqOf(BM_ReportStyle, size(1, maxnoofBmStyles)),
      controlStyles: seqOf(BM_ControlStyle, size(1, maxnoofBmStyles)),
      cells: seqOf(BM_CellBeams, size(1, maxnoofBmCells)),
    },
    {},
  ),
);

// ---- event trigger ------------------------------------------------------------------------------

/** reportingPeriod in ms. */
export const E2SM_BM_EventTrigger = def("E2SM-BM-EventTrigger", seq({ reportingPeriod: int(1, 65535) }, {}));

// ---- action definitions -------------------------------------------------------------------------

export const E2SM_BM_ActionDefinition_Format1 = def(
  "E2SM-BM-ActionDefinition-Format1",
  seq({ topK: int(1, maxnoofBmBeams), scope: BM_Scope }, {}),
);

export const E2SM_BM_ActionDefinition_Format2 = def("E2SM-BM-ActionDefinition-Format2", seq({ scope: BM_Scope }, {}));

export const E2SM_BM_ActionDefinition = def(
  "E2SM-BM-ActionDefinition",
  seq(
    {
      "ric-Style-Type": RIC_Style_Type,
      "actionDefinition-formats": choice(
        {
          "actionDefinition-Format1": E2SM_BM_ActionDefinition_Format1,
          "actionDefinition-Format2": E2SM_BM_ActionDefinition_Format2,
        },
        {},
      ),
    },
    {},
  ),
);

// ---- indication ---------------------------------------------------------------------------------

export const E2SM_BM_IndicationHeader = def("E2SM-BM-IndicationHeader", seq({ collectionTime: BM_TimeStamp }, {}));

export const BM_BeamMeasurement = def("BM-BeamMeasurement", seq({ beamId: BM_BeamId, rsrp: BM_RSRP }, {}));

export const BM_UE_BeamReport = def(
  "BM-UE-BeamReport",
  seq(
    {
      ueId: BM_UE_Id,
      servingCell: NR_CGI,
      servingBeam: BM_BeamId,
      beams: seqOf(BM_BeamMeasurement, size(1, maxnoofBmBeams)),
    },
    {},
  ),
);

export const BM_UE_Position = def(
  "BM-UE-Position",
  seq(
    {
      ueId: BM_UE_Id,
      servingCell: NR_CGI,
      position: BM_LocalPosition,
      accuracy: int(0, 100000),
      velocity: opt(BM_Velocity),
    },
    {},
  ),
);

export const E2SM_BM_IndicationMessage_Format1 = def(
  "E2SM-BM-IndicationMessage-Format1",
  seq({ ueReports: seqOf(BM_UE_BeamReport, size(1, maxnoofBmUEs)) }, {}),
);

export const E2SM_BM_IndicationMessage_Format2 = def(
  "E2SM-BM-IndicationMessage-Format2",
  seq({ uePositions: seqOf(BM_UE_Position, size(1, maxnoofBmUEs)) }, {}),
);

export const E2SM_BM_IndicationMessage = def(
  "E2SM-BM-IndicationMessage",
  seq(
    {
      "indicationMessage-formats": choice(
        {
          "indicationMessage-Format1": E2SM_BM_IndicationMessage_Format1,
          "indicationMessage-Format2": E2SM_BM_IndicationMessage_Format2,
        },
        {},
      ),
    },
    {},
  ),
);

// ---- control ------------------------------------------------------------------------------------

export const E2SM_BM_ControlHeader = def(
  "E2SM-BM-ControlHeader",
  seq({ ueId: BM_UE_Id, "ric-Style-Type": RIC_Style_Type }, {}),
);

/** holdTime in ms (absent: 1000 ms). */
export const E2SM_BM_ControlMessage_Format1 = def(
  "E2SM-BM-ControlMessage-Format1",
  seq({ targetBeam: BM_BeamId, holdTime: opt(int(1, 65535)) }, {}),
);

export const E2SM_BM_ControlMessage = def(
  "E2SM-BM-ControlMessage",
  seq({ "controlMessage-formats": choice({ "controlMessage-Format1": E2SM_BM_ControlMessage_Format1 }, {}) }, {}),
);

export const E2SM_BM_ControlOutcome = def(
  "E2SM-BM-ControlOutcome",
  seq({ servingCell: NR_CGI, servingBeam: BM_BeamId }, {}),
);
