/**
 * E2SM-COMMON-IEs: the constants and the IEs taken from 3GPP specifications (S1AP, X2AP, W1AP, NGAP,
 * XnAP, E1AP, F1AP). Re-exported by `ies.ts`; import from there.
 */
import { bits, choice, def, enumerated, int, octets, opt, seq, seqOf, size } from "../schema/builders.js";

// ---- constants ----------------------------------------------------------------------------------

export const maxE1APid = 65535;
export const maxF1APid = 4;
export const maxEARFCN = 65535;
export const maxNRARFCN = 3279165;
export const maxnoofNrCellBands = 32;

const u32 = () => int(0, 4294967295);

// ---- shared basics (NGAP) -----------------------------------------------------------------------

export const PLMNIdentity = def("PLMNIdentity", octets(size(3)));

// ---- S1AP ---------------------------------------------------------------------------------------

export const ENB_ID = def(
  "ENB-ID",
  choice(
    {
      "macro-eNB-ID": bits(size(20)),
      "home-eNB-ID": bits(size(28)),
    },
    {
      "short-Macro-eNB-ID": bits(size(18)),
      "long-Macro-eNB-ID": bits(size(21)),
    },
  ),
);

export const GlobalENB_ID = def("GlobalENB-ID", seq({ pLMNIdentity: PLMNIdentity, "eNB-ID": ENB_ID }, {}));

export const MME_Group_ID = def("MME-Group-ID", octets(size(2)));
export const MME_Code = def("MME-Code", octets(size(1)));

export const GUMMEI = def(
  "GUMMEI",
  seq({ "pLMN-Identity": PLMNIdentity, "mME-Group-ID": MME_Group_ID, "mME-Code": MME_Code }, {}),
);

export const MME_UE_S1AP_ID = def("MME-UE-S1AP-ID", u32());
export const QCI = def("QCI", int(0, 255));
export const SubscriberProfileIDforRFP = def("SubscriberProfileIDforRFP", int(1, 256));

// ---- X2AP ---------------------------------------------------------------------------------------

export const EN_GNB_ID = def("EN-GNB-ID", choice({ "en-gNB-ID": bits(size(22, 32)) }, {}));
export const ENB_UE_X2AP_ID = def("ENB-UE-X2AP-ID", int(0, 4095));
export const ENB_UE_X2AP_ID_Extension = def("ENB-UE-X2AP-ID-Extension", int(0, 4095, { ext: true }));
export const E_UTRA_ARFCN = def("E-UTRA-ARFCN", int(0, maxEARFCN));
export const E_UTRA_PCI = def("E-UTRA-PCI", int(0, 503, { ext: true }));
export const E_UTRA_TAC = def("E-UTRA-TAC", octets(size(2)));

export const GlobalenGNB_ID = def("GlobalenGNB-ID", seq({ "pLMN-Identity": PLMNIdentity, "en-gNB-ID": EN_GNB_ID }, {}));

// ---- W1AP ---------------------------------------------------------------------------------------

export const NGENB_CU_UE_W1AP_ID = def("NGENB-CU-UE-W1AP-ID", u32());
export const NGENB_DU_ID = def("NGENB-DU-ID", int(0, 68719476735));

// ---- NGAP ---------------------------------------------------------------------------------------

export const AMFPointer = def("AMFPointer", bits(size(6)));
export const AMFRegionID = def("AMFRegionID", bits(size(8)));
export const AMFSetID = def("AMFSetID", bits(size(10)));
export const AMF_UE_NGAP_ID = def("AMF-UE-NGAP-ID", int(0, 1099511627775));
export const EUTRACellIdentity = def("EUTRACellIdentity", bits(size(28)));

export const EUTRA_CGI = def(
  "EUTRA-CGI",
  seq({ pLMNIdentity: PLMNIdentity, eUTRACellIdentity: EUTRACellIdentity }, {}),
);

export const FiveQI = def("FiveQI", int(0, 255, { ext: true }));

export const GNB_ID = def("GNB-ID", choice({ "gNB-ID": bits(size(22, 32)) }, {}));
export const GlobalGNB_ID = def("GlobalGNB-ID", seq({ pLMNIdentity: PLMNIdentity, "gNB-ID": GNB_ID }, {}));

export const NgENB_ID = def(
  "NgENB-ID",
  choice(
    {
      "macroNgENB-ID": bits(size(20)),
      "shortMacroNgENB-ID": bits(size(18)),
      "longMacroNgENB-ID": bits(size(21)),
    },
    {},
  ),
);
export const GlobalNgENB_ID = def("GlobalNgENB-ID", seq({ pLMNIdentity: PLMNIdentity, "ngENB-ID": NgENB_ID }, {}));

export const GUAMI = def(
  "GUAMI",
  seq(
    {
      pLMNIdentity: PLMNIdentity,
      aMFRegionID: AMFRegionID,
      aMFSetID: AMFSetID,
      aMFPointer: AMFPointer,
    },
    {},
  ),
);

export const IndexToRFSP = def("IndexToRFSP", int(1, 256, { ext: true }));

export const NRCellIdentity = def("NRCellIdentity", bits(size(36)));
export const NR_CGI = def("NR-CGI", seq({ pLMNIdentity: PLMNIdentity, nRCellIdentity: NRCellIdentity }, {}));

export const QosFlowIdentifier = def("QosFlowIdentifier", int(0, 63, { ext: true }));
export const SD = def("SD", octets(size(3)));
export const SST = def("SST", octets(size(1)));
export const S_NSSAI = def("S-NSSAI", seq({ sST: SST, sD: opt(SD) }, {}));

// ---- XnAP ---------------------------------------------------------------------------------------

export const NG_RANnodeUEXnAPID = def("NG-RANnodeUEXnAPID", u32());
export const GlobalNGRANNodeID = def("GlobalNGRANNodeID", choice({ gNB: GlobalGNB_ID, "ng-eNB": GlobalNgENB_ID }, {}));

// ---- E1AP ---------------------------------------------------------------------------------------

export const GNB_CU_CP_UE_E1AP_ID = def("GNB-CU-CP-UE-E1AP-ID", u32());
export const GNB_CU_UP_ID = def("GNB-CU-UP-ID", int(0, 68719476735));

// ---- F1AP ---------------------------------------------------------------------------------------

export const FiveGS_TAC = def("FiveGS-TAC", octets(size(3)));

const freqBandIndicatorNr = () => int(1, 1024, { ext: true });

export const FreqBandNrItem = def("FreqBandNrItem", seq({ freqBandIndicatorNr: freqBandIndicatorNr() }, {}));
export const GNB_CU_UE_F1AP_ID = def("GNB-CU-UE-F1AP-ID", u32());
export const GNB_DU_ID = def("GNB-DU-ID", int(0, 68719476735));
export const NR_PCI = def("NR-PCI", int(0, 1007));
export const NR_ARFCN = def("NR-ARFCN", seq({ nRARFCN: int(0, maxNRARFCN) }, {}));

export const SupportedSULFreqBandItem = def(
  "SupportedSULFreqBandItem",
  seq({ freqBandIndicatorNr: freqBandIndicatorNr() }, {}),
);
export const SupportedSULBandList = def(
  "SupportedSULBandList",
  seqOf(SupportedSULFreqBandItem, size(0, maxnoofNrCellBands)),
);
export const NRFrequencyBandItem = def(
  "NRFrequencyBandItem",
  seq({ freqBandIndicatorNr: freqBandIndicatorNr(), supportedSULBandList: SupportedSULBandList }, {}),
);
export const NRFrequencyBand_List = def(
  "NRFrequencyBand-List",
  seqOf(NRFrequencyBandItem, size(1, maxnoofNrCellBands)),
);
export const NRFrequencyShift7p5khz = def("NRFrequencyShift7p5khz", enumerated(["false", "true"], []));

export const NRFrequencyInfo = def(
  "NRFrequencyInfo",
  seq(
    {
      nrARFCN: NR_ARFCN,
      "frequencyBand-List": NRFrequencyBand_List,
      frequencyShift7p5khz: opt(NRFrequencyShift7p5khz),
    },
    {},
  ),
);

export const RANUEID = def("RANUEID", octets(size(8)));
