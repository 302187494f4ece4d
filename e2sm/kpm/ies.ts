/**
 * E2SM-KPM IEs and lists shared by v02.03 and v03.00 (everything but TimeStamp and the indication
 * header, which are built per version in `schema.ts`).
 */
import { FiveQI, PLMNIdentity, QCI, QosFlowIdentifier, S_NSSAI, UEID } from "../common/ies.js";
import {
  bits,
  bool,
  choice,
  def,
  enumerated,
  int,
  nul,
  octets,
  opt,
  printable,
  real,
  seq,
  seqOf,
  size,
} from "../schema/builders.js";

// ---- constants ----------------------------------------------------------------------------------

export const maxnoofCells = 16384;
export const maxnoofRICStyles = 63;
export const maxnoofMeasurementInfo = 65535;
export const maxnoofLabelInfo = 2147483647;
export const maxnoofMeasurementRecord = 65535;
export const maxnoofMeasurementValue = 2147483647;
export const maxnoofConditionInfo = 32768;
export const maxnoofUEID = 65535;
export const maxnoofConditionInfoPerSub = 32768;
export const maxnoofUEIDPerSub = 65535;
export const maxnoofUEMeasReport = 65535;
export const maxnoofBin = 65535;

/** `ENUMERATED {true, ...}`, used inline throughout the module. */
const flag = () => enumerated(["true"], []);
/** `INTEGER (1..65535, ...)`, used inline in MeasurementLabel. */
const u16ext = () => int(1, 65535, { ext: true });

// ---- basic IEs ----------------------------------------------------------------------------------

export const BinIndex = def("BinIndex", int(1, 65535, { ext: true }));
export const BinRangeValue = def("BinRangeValue", choice({ valueInt: int(), valueReal: real() }, {}));
export const GranularityPeriod = def("GranularityPeriod", int(1, 4294967295));
export const LogicalOR = def("LogicalOR", enumerated(["true"], []));

export const MeasurementTypeName = def("MeasurementTypeName", printable(size(1, 150, true)));
export const MeasurementTypeID = def("MeasurementTypeID", int(1, 65536, { ext: true }));
export const MeasurementType = def(
  "MeasurementType",
  choice({ measName: MeasurementTypeName, measID: MeasurementTypeID }, {}),
);

export const MeasurementLabel = def(
  "MeasurementLabel",
  seq(
    {
      noLabel: opt(flag()),
      plmnID: opt(PLMNIdentity),
      sliceID: opt(S_NSSAI),
      fiveQI: opt(FiveQI),
      qFI: opt(QosFlowIdentifier),
      qCI: opt(QCI),
      qCImax: opt(QCI),
      qCImin: opt(QCI),
      aRPmax: opt(int(1, 15, { ext: true })),
      aRPmin: opt(int(1, 15, { ext: true })),
      bitrateRange: opt(u16ext()),
      "layerMU-MIMO": opt(u16ext()),
      sUM: opt(flag()),
      distBinX: opt(u16ext()),
      distBinY: opt(u16ext()),
      distBinZ: opt(u16ext()),
      preLabelOverride: opt(flag()),
      startEndInd: opt(enumerated(["start", "end"], [])),
      min: opt(flag()),
      max: opt(flag()),
      avg: opt(flag()),
    },
    {
      ssbIndex: opt(u16ext()),
      "nonGoB-BFmode-Index": opt(u16ext()),
      "mIMO-mode-Index": opt(int(1, 2, { ext: true })),
    },
  ),
);

// ---- test conditions ----------------------------------------------------------------------------

export const TestCond_Type = def(
  "TestCond-Type",
  choice(
    {
      gBR: flag(),
      aMBR: flag(),
      isStat: flag(),
      isCatM: flag(),
      rSRP: flag(),
      rSRQ: flag(),
    },
    {
      "ul-rSRP": flag(),
      cQI: flag(),
      fiveQI: flag(),
      qCI: flag(),
      sNSSAI: flag(),
    },
  ),
);

export const TestCond_Expression = def(
  "TestCond-Expression",
  enumerated(["equal", "greaterthan", "lessthan", "contains", "present"], []),
);

export const TestCond_Value = def(
  "TestCond-Value",
  choice(
    {
      valueInt: int(),
      valueEnum: int(),
      valueBool: bool(),
      valueBitS: bits(),
      valueOctS: octets(),
      valuePrtS: printable(),
    },
    { valueReal: real() },
  ),
);

export const TestCondInfo = def(
  "TestCondInfo",
  seq({ testType: TestCond_Type, testExpr: opt(TestCond_Expression), testValue: opt(TestCond_Value) }, {}),
);

// ---- distribution bins --------------------------------------------------------------------------

export const BinRangeItem = def(
  "BinRangeItem",
  seq({ binIndex: BinIndex, startValue: BinRangeValue, endValue: BinRangeValue }, {}),
);
export const BinRangeList = def("BinRangeList", seqOf(BinRangeItem, size(1, maxnoofBin)));
export const BinRangeDefinition = def(
  "BinRangeDefinition",
  seq({ binRangeListX: BinRangeList, binRangeListY: opt(BinRangeList), binRangeListZ: opt(BinRangeList) }, {}),
);

export const DistMeasurementBinRangeItem = def(
  "DistMeasurementBinRangeItem",
  seq({ measType: MeasurementType, binRangeDef: BinRangeDefinition }, {}),
);
export const DistMeasurementBinRangeList = def(
  "DistMeasurementBinRangeList",
  seqOf(DistMeasurementBinRangeItem, size(1, maxnoofMeasurementInfo)),
);

// ---- measurement information and data -----------------------------------------------------------

export const LabelInfoItem = def("LabelInfoItem", seq({ measLabel: MeasurementLabel }, {}));
export const LabelInfoList = def("LabelInfoList", seqOf(LabelInfoItem, size(1, maxnoofLabelInfo)));

export const MeasurementInfoItem = def(
  "MeasurementInfoItem",
  seq({ measType: MeasurementType, labelInfoList: LabelInfoList }, {}),
);
export const MeasurementInfoList = def(
  "MeasurementInfoList",
  seqOf(MeasurementInfoItem, size(1, maxnoofMeasurementInfo)),
);

export const MeasurementRecordItem = def(
  "MeasurementRecordItem",
  choice({ integer: int(0, 4294967295), real: real(), noValue: nul() }, {}),
);
export const MeasurementRecord = def(
  "MeasurementRecord",
  seqOf(MeasurementRecordItem, size(1, maxnoofMeasurementValue)),
);

export const MeasurementDataItem = def(
  "MeasurementDataItem",
  seq({ measRecord: MeasurementRecord, incompleteFlag: opt(flag()) }, {}),
);
export const MeasurementData = def("MeasurementData", seqOf(MeasurementDataItem, size(1, maxnoofMeasurementRecord)));

export const MeasurementInfo_Action_Item = def(
  "MeasurementInfo-Action-Item",
  seq({ measName: MeasurementTypeName, measID: opt(MeasurementTypeID) }, { binRangeDef: opt(BinRangeDefinition) }),
);
export const MeasurementInfo_Action_List = def(
  "MeasurementInfo-Action-List",
  seqOf(MeasurementInfo_Action_Item, size(1, maxnoofMeasurementInfo)),
);

// ---- matching conditions and UE lists -----------------------------------------------------------

export const MatchingCondItem_Choice = def(
  "MatchingCondItem-Choice",
  choice({ measLabel: MeasurementLabel, testCondInfo: TestCondInfo }, {}),
);
export const MatchingCondItem = def(
  "MatchingCondItem",
  seq({ matchingCondChoice: MatchingCondItem_Choice, logicalOR: opt(LogicalOR) }, {}),
);
export const MatchingCondList = def("MatchingCondList", seqOf(MatchingCondItem, size(1, maxnoofConditionInfo)));

export const MatchingUEidItem = def("MatchingUEidItem", seq({ ueID: UEID }, {}));
export const MatchingUEidList = def("MatchingUEidList", seqOf(MatchingUEidItem, size(1, maxnoofUEID)));

export const MatchingUEidItem_PerGP = def("MatchingUEidItem-PerGP", seq({ ueID: UEID }, {}));
export const MatchingUEidList_PerGP = def(
  "MatchingUEidList-PerGP",
  seqOf(MatchingUEidItem_PerGP, size(1, maxnoofUEID)),
);
export const MatchingUEidPerGP_Item = def(
  "MatchingUEidPerGP-Item",
  seq({ matchedPerGP: choice({ noUEmatched: flag(), oneOrMoreUEmatched: MatchingUEidList_PerGP }, {}) }, {}),
);
export const MatchingUEidPerGP = def(
  "MatchingUEidPerGP",
  seqOf(MatchingUEidPerGP_Item, size(1, maxnoofMeasurementRecord)),
);

export const MeasurementCondItem = def(
  "MeasurementCondItem",
  seq({ measType: MeasurementType, matchingCond: MatchingCondList }, { binRangeDef: opt(BinRangeDefinition) }),
);
export const MeasurementCondList = def(
  "MeasurementCondList",
  seqOf(MeasurementCondItem, size(1, maxnoofMeasurementInfo)),
);

export const MeasurementCondUEidItem = def(
  "MeasurementCondUEidItem",
  seq(
    { measType: MeasurementType, matchingCond: MatchingCondList, matchingUEidList: opt(MatchingUEidList) },
    { matchingUEidPerGP: opt(MatchingUEidPerGP) },
  ),
);
export const MeasurementCondUEidList = def(
  "MeasurementCondUEidList",
  seqOf(MeasurementCondUEidItem, size(1, maxnoofMeasurementInfo)),
);

export const MatchingUeCondPerSubItem = def(
  "MatchingUeCondPerSubItem",
  seq({ testCondInfo: TestCondInfo }, { logicalOR: opt(LogicalOR) }),
);
export const MatchingUeCondPerSubList = def(
  "MatchingUeCondPerSubList",
  seqOf(MatchingUeCondPerSubItem, size(1, maxnoofConditionInfoPerSub)),
);

export const MatchingUEidPerSubItem = def("MatchingUEidPerSubItem", seq({ ueID: UEID }, {}));
export const MatchingUEidPerSubList = def(
  "MatchingUEidPerSubList",
  seqOf(MatchingUEidPerSubItem, size(2, maxnoofUEIDPerSub)),
);
