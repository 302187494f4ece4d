/**
 * E2SM-CSI v1 (module E2SM-CSI-IEs, docs/service-models/E2SM-CSI-IEs.asn): twinric's channel-state
 * information service model. Every type by its ASN.1 name with `-` replaced by `_`, and the module's
 * constants.
 */
import { NR_CGI, RANfunction_Name, RIC_Style_Type } from "../common/ies.js";
import { controlStyleItem, reportStyleItem } from "../common/styles.js";
import { choice, def, int, octets, opt, seq, seqOf, size } from "../schema/builders.js";

// ---- constants ----------------------------------------------------------------------------------

export const maxnoofCsiStyles = 16;
export const maxnoofCsiCells = 1024;
export const maxnoofCsiUEs = 65535;
export const maxnoofCsiLayers = 8;
export const maxnoofCsiPorts = 32;

// ---- common IEs ---------------------------------------------------------------------------------

/** AMF UE NGAP ID, as in UEID-GNB of E2SM-KPM / E2SM-RC (below 2^53: a number). */
export const CSI_UE_Id = def("CSI-UE-Id", int(0, 1099511627775));
/** 64-bit NTP time stamp. */
export const CSI_TimeStamp = def("CSI-TimeStamp", octets(size(8)));

/** Type I single-panel PMI (TS 38.214 5.2.2.2.1); i13 only for ranks 2 to 4. */
export const CSI_TypeI_PMI = def(
  "CSI-TypeI-PMI",
  seq({ i11: int(0, 255), i12: int(0, 255), i13: opt(int(0, 3)), i2: int(0, 15) }, {}),
);

export const CSI_Scope = def(
  "CSI-Scope",
  seq({ cells: opt(seqOf(NR_CGI, size(1, maxnoofCsiCells))), ues: opt(seqOf(CSI_UE_Id, size(1, maxnoofCsiUEs))) }, {}),
);

// ---- RAN function definition --------------------------------------------------------------------

/** A cell's CSI-RS port layout (TS 38.214 table 5.2.2.2.1-2). */
export const CSI_CellConfig = def(
  "CSI-CellConfig",
  seq(
    {
      cellGlobalID: NR_CGI,
      n1: int(1, 16),
      n2: int(1, 16),
      o1: int(1, 4),
      o2: int(1, 4),
      codebookMode: int(1, 2),
      maxRank: int(1, maxnoofCsiLayers),
    },
    {},
  ),
);

export const CSI_ReportStyle = reportStyleItem("CSI-ReportStyle");

export const CSI_ControlStyle = controlStyleItem("CSI-ControlStyle");

export const E2SM_CSI_RANFunctionDefinition = def(
  "E2SM-CSI-RANFunctionDefinition",
  seq(
    {
      "ranFunction-Name": RANfunction_Name,
      reportStyles: seqOf(CSI_ReportStyle, size(1, maxnoofCsiStyles)),
      controlStyles: seqOf(CSI_ControlStyle, size(1, maxnoofCsiStyles)),
      cells: seqOf(CSI_CellConfig, size(1, maxnoofCsiCells)),
    },
    {},
  ),
);

// ---- event trigger ------------------------------------------------------------------------------

/** reportingPeriod in ms. */
export const E2SM_CSI_EventTrigger = def("E2SM-CSI-EventTrigger", seq({ reportingPeriod: int(1, 65535) }, {}));

// ---- action definition --------------------------------------------------------------------------

export const E2SM_CSI_ActionDefinition_Format1 = def(
  "E2SM-CSI-ActionDefinition-Format1",
  seq({ scope: CSI_Scope }, {}),
);

export const E2SM_CSI_ActionDefinition = def(
  "E2SM-CSI-ActionDefinition",
  seq(
    {
      "ric-Style-Type": RIC_Style_Type,
      "actionDefinition-formats": choice({ "actionDefinition-Format1": E2SM_CSI_ActionDefinition_Format1 }, {}),
    },
    {},
  ),
);

// ---- indication ---------------------------------------------------------------------------------

export const E2SM_CSI_IndicationHeader = def("E2SM-CSI-IndicationHeader", seq({ collectionTime: CSI_TimeStamp }, {}));

export const CSI_UE_Report = def(
  "CSI-UE-Report",
  seq({ ueId: CSI_UE_Id, servingCell: NR_CGI, ri: int(1, maxnoofCsiLayers), pmi: CSI_TypeI_PMI, cqi: int(0, 15) }, {}),
);

export const E2SM_CSI_IndicationMessage_Format1 = def(
  "E2SM-CSI-IndicationMessage-Format1",
  seq({ ueReports: seqOf(CSI_UE_Report, size(1, maxnoofCsiUEs)) }, {}),
);

export const E2SM_CSI_IndicationMessage = def(
  "E2SM-CSI-IndicationMessage",
  seq(
    {
      "indicationMessage-formats": choice({ "indicationMessage-Format1": E2SM_CSI_IndicationMessage_Format1 }, {}),
    },
    {},
  ),
);

// ---- control ------------------------------------------------------------------------------------

/** Real and imaginary parts scaled by 2^15. No extension marker. */
export const CSI_ComplexWeight = def("CSI-ComplexWeight", seq({ re: int(-32768, 32767), im: int(-32768, 32767) }));

/** One weight per CSI-RS port. */
export const CSI_LayerWeights = def("CSI-LayerWeights", seqOf(CSI_ComplexWeight, size(1, maxnoofCsiPorts)));

export const CSI_Precoder = def(
  "CSI-Precoder",
  choice(
    {
      typeI: seq({ ri: int(1, maxnoofCsiLayers), pmi: CSI_TypeI_PMI }, {}),
      weights: seqOf(CSI_LayerWeights, size(1, maxnoofCsiLayers)),
    },
    {},
  ),
);

export const E2SM_CSI_ControlHeader = def(
  "E2SM-CSI-ControlHeader",
  seq({ ueId: CSI_UE_Id, "ric-Style-Type": RIC_Style_Type }, {}),
);

/** validity in ms. */
export const E2SM_CSI_ControlMessage_Format1 = def(
  "E2SM-CSI-ControlMessage-Format1",
  seq({ precoder: CSI_Precoder, validity: opt(int(1, 65535)) }, {}),
);

export const E2SM_CSI_ControlMessage = def(
  "E2SM-CSI-ControlMessage",
  seq({ "controlMessage-formats": choice({ "controlMessage-Format1": E2SM_CSI_ControlMessage_Format1 }, {}) }, {}),
);

/** sinr in 0.1 dB. */
export const E2SM_CSI_ControlOutcome = def(
  "E2SM-CSI-ControlOutcome",
  seq({ appliedRank: int(1, maxnoofCsiLayers), sinr: opt(int(-300, 600)) }, {}),
);
