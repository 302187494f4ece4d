/**
 * Hand-written E2SM-KPM values (v02.03 and v03.00) for every top-level type and every format, in the
 * codec's value model. Each value is type-checked against its descriptor (`Infer`).
 */

import type { LabelInfoList } from "../../../e2sm/kpm/ies.js";
import { buildKpm, type KpmVersion } from "../../../e2sm/kpm/index.js";
import type { BitString, Desc, Infer } from "../../../e2sm/schema/descriptors.js";

export interface Sample {
  type: string;
  value: unknown;
}

// ---- value helpers ------------------------------------------------------------------------------

const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

/** `length` bits of `v`, most significant first. */
function bitStr(v: number | bigint, length: number): BitString {
  const pad = (8 - (length % 8)) % 8;
  let x = BigInt(v) << BigInt(pad);
  const out = new Uint8Array((length + pad) / 8);
  for (let i = out.length - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return { bits: out, length };
}

const PLMN = hex("00f110");
const GNB_ID = 0x0e0a1; // 22-bit gNB ID
const nci = (cell: number) => bitStr((BigInt(GNB_ID) << 14n) | BigInt(cell), 36);
const nrCgi = (cell: number) => ({ "nR-CGI": { pLMNIdentity: PLMN, nRCellIdentity: nci(cell) } });
const guami = { pLMNIdentity: PLMN, aMFRegionID: bitStr(0x80, 8), aMFSetID: bitStr(1, 10), aMFPointer: bitStr(1, 6) };

/** A gNB UE identity (CU-DU split: one F1AP id). */
const gnbUe = (n: number) => ({
  "gNB-UEID": {
    "amf-UE-NGAP-ID": 1_099_000_000 + n,
    guami,
    "gNB-CU-UE-F1AP-ID-List": [{ "gNB-CU-UE-F1AP-ID": 0x1000 + n }],
    "ran-UEID": hex(`00000000000${(0x10000 + n).toString(16)}`.slice(-16)),
  },
});
const duUe = (n: number) => ({ "gNB-DU-UEID": { "gNB-CU-UE-F1AP-ID": 0x1000 + n } });

type Labels = Infer<typeof LabelInfoList>;
const noLabel: Labels = [{ measLabel: { noLabel: "true" } }];
const info = (name: string, labels: Labels = noLabel) => ({ measType: { measName: name }, labelInfoList: labels });

/** 3GPP TS 28.552 measurement names; those ending in `*` carry real values, the rest integers. */
const MEAS = [
  "DRB.UEThpDl*",
  "DRB.UEThpUl*",
  "DRB.PdcpSduVolumeDL",
  "DRB.PdcpSduVolumeUL",
  "DRB.RlcSduDelayDl*",
  "DRB.AirIfDelayUl*",
  "DRB.RlcSduTransmittedVolumeDL",
  "DRB.RlcSduTransmittedVolumeUL",
  "RRU.PrbUsedDl",
  "RRU.PrbUsedUl",
  "RRU.PrbAvailDl",
  "RRU.PrbAvailUl",
  "RRU.PrbTotDl*",
  "RRU.PrbTotUl*",
  "RRC.ConnMean",
  "RRC.ConnMax",
  "TB.TotNbrDl",
  "TB.TotNbrUl",
  "TB.ErrTotalNbrDl",
  "CARR.AverageLayersDl*",
];
const measName = (i: number) => MEAS[i].replace("*", "");
const record = (i: number, seed: number) =>
  MEAS[i].endsWith("*")
    ? { real: Math.round((seed * 37.25 + i * 3.5) * 100) / 100 }
    : { integer: (seed * 7919 + i * 131) % 100000 };

const sliceLabel = { sliceID: { sST: hex("01"), sD: hex("000001") }, fiveQI: 9 };

// ---- samples ------------------------------------------------------------------------------------

function samples(version: KpmVersion): Record<string, Sample> {
  const k = buildKpm(version);
  const sample = <D extends Desc>(d: D, value: Infer<D>): Sample => ({ type: d.name ?? "?", value });

  const format1 = {
    measInfoList: [
      info("DRB.UEThpDl", [{ measLabel: { noLabel: "true" } }, { measLabel: sliceLabel }]),
      info("RRU.PrbUsedDl"),
      { measType: { measID: 2001 }, labelInfoList: [{ measLabel: { plmnID: PLMN, avg: "true" } }] },
    ],
    granulPeriod: 1000,
    cellGlobalID: nrCgi(1),
  } satisfies Infer<typeof k.E2SM_KPM_ActionDefinition_Format1>;

  const distBins = {
    binRangeListX: [
      { binIndex: 1, startValue: { valueInt: -140 }, endValue: { valueInt: -110 } },
      { binIndex: 2, startValue: { valueInt: -110 }, endValue: { valueInt: -90 } },
      { binIndex: 3, startValue: { valueInt: -90 }, endValue: { valueInt: -44 } },
    ],
  };
  const rsrpAbove = {
    testCondInfo: { testType: { rSRP: "true" }, testExpr: "greaterthan", testValue: { valueInt: -110 } },
  } as const;
  const slice1 = {
    testCondInfo: { testType: { sNSSAI: "true" }, testExpr: "equal", testValue: { valueOctS: hex("01000001") } },
  } as const;

  const tsBytes = version === 3 ? "e9a1c3f080000000" : "e9a1c3f0"; // NTP seconds (+ fraction in v3)

  // 20 measurements x 10 granularity periods; period 3 is incomplete and has one missing value.
  const bigF1 = {
    measData: Array.from({ length: 10 }, (_, r) => ({
      measRecord: MEAS.map((_, i) => (r === 3 && i === 5 ? { noValue: null } : record(i, r + 1))),
      ...(r === 3 ? { incompleteFlag: "true" as const } : {}),
    })),
    measInfoList: MEAS.map((_, i) => info(measName(i), i === 0 ? [{ measLabel: sliceLabel }] : noLabel)),
    granulPeriod: 100,
  };

  // 100 UEs x 5 measurements, one period each.
  const ueMeas = [0, 1, 4, 8, 9];
  const ueReports = Array.from({ length: 100 }, (_, u) => ({
    ueID: u % 10 === 9 ? duUe(u) : gnbUe(u),
    measReport: {
      measData: [{ measRecord: ueMeas.map((i) => record(i, u + 1)) }],
      measInfoList: ueMeas.map((i) => info(measName(i))),
      granulPeriod: 1000,
    },
  }));

  const reportStyle = (type: number, name: string, msgFormat: number, meas: string[]) => ({
    "ric-ReportStyle-Type": type,
    "ric-ReportStyle-Name": name,
    "ric-ActionFormat-Type": type,
    "measInfo-Action-List": meas.map((m, i) => ({ measName: m, measID: type * 100 + i + 1 })),
    "ric-IndicationHeaderFormat-Type": 1,
    "ric-IndicationMessageFormat-Type": msgFormat,
  });

  return {
    "eventTrigger-format1": sample(k.E2SM_KPM_EventTriggerDefinition, {
      "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: 1000 } },
    }),
    "actionDefinition-format1": sample(k.E2SM_KPM_ActionDefinition, {
      "ric-Style-Type": 1,
      "actionDefinition-formats": {
        "actionDefinition-Format1": {
          ...format1,
          distMeasBinRangeInfo: [{ measType: { measName: "L1M.SS-RSRP" }, binRangeDef: distBins }],
        },
      },
    }),
    "actionDefinition-format2": sample(k.E2SM_KPM_ActionDefinition, {
      "ric-Style-Type": 2,
      "actionDefinition-formats": { "actionDefinition-Format2": { ueID: gnbUe(7), subscriptInfo: format1 } },
    }),
    "actionDefinition-format3": sample(k.E2SM_KPM_ActionDefinition, {
      "ric-Style-Type": 3,
      "actionDefinition-formats": {
        "actionDefinition-Format3": {
          measCondList: [
            {
              measType: { measName: "DRB.UEThpDl" },
              matchingCond: [
                { matchingCondChoice: { measLabel: sliceLabel } },
                { matchingCondChoice: rsrpAbove, logicalOR: "true" },
              ],
            },
            {
              measType: { measName: "L1M.SS-RSRP" },
              matchingCond: [
                { matchingCondChoice: { testCondInfo: { testType: { isStat: "true" }, testExpr: "present" } } },
              ],
              binRangeDef: distBins,
            },
          ],
          granulPeriod: 1000,
          cellGlobalID: nrCgi(2),
        },
      },
    }),
    "actionDefinition-format4": sample(k.E2SM_KPM_ActionDefinition, {
      "ric-Style-Type": 4,
      "actionDefinition-formats": {
        "actionDefinition-Format4": {
          matchingUeCondList: [slice1, { ...rsrpAbove, logicalOR: "true" }],
          subscriptionInfo: format1,
        },
      },
    }),
    "actionDefinition-format5": sample(k.E2SM_KPM_ActionDefinition, {
      "ric-Style-Type": 5,
      "actionDefinition-formats": {
        "actionDefinition-Format5": {
          matchingUEidList: [{ ueID: gnbUe(1) }, { ueID: gnbUe(2) }, { ueID: duUe(3) }],
          subscriptionInfo: { measInfoList: [info("DRB.UEThpDl"), info("DRB.UEThpUl")], granulPeriod: 500 },
        },
      },
    }),
    "indicationHeader-format1": sample(k.E2SM_KPM_IndicationHeader, {
      "indicationHeader-formats": {
        "indicationHeader-Format1": {
          colletStartTime: hex(tsBytes),
          fileFormatversion: version === 3 ? "V3.0" : "V2.3",
          senderName: "gNB-CU-CP 0E0A1",
          senderType: "CU-CP",
          vendorName: "twinric",
        },
      },
    }),
    "indicationHeader-format1-minimal": sample(k.E2SM_KPM_IndicationHeader, {
      "indicationHeader-formats": { "indicationHeader-Format1": { colletStartTime: hex(tsBytes) } },
    }),
    "indicationMessage-format1": sample(k.E2SM_KPM_IndicationMessage, {
      "indicationMessage-formats": { "indicationMessage-Format1": bigF1 },
    }),
    "indicationMessage-format1-bare": sample(k.E2SM_KPM_IndicationMessage, {
      "indicationMessage-formats": {
        "indicationMessage-Format1": {
          measData: [{ measRecord: [{ integer: 4294967295 }, { real: -0.5 }, { noValue: null }] }],
        },
      },
    }),
    "indicationMessage-format2": sample(k.E2SM_KPM_IndicationMessage, {
      "indicationMessage-formats": {
        "indicationMessage-Format2": {
          measData: [
            { measRecord: [{ real: 48213.75 }, { integer: 12 }] },
            { measRecord: [{ real: 51002.5 }, { integer: 9 }] },
          ],
          measCondUEidList: [
            {
              measType: { measName: "DRB.UEThpDl" },
              matchingCond: [{ matchingCondChoice: rsrpAbove }],
              matchingUEidList: [{ ueID: gnbUe(11) }, { ueID: gnbUe(12) }],
              matchingUEidPerGP: [
                { matchedPerGP: { oneOrMoreUEmatched: [{ ueID: gnbUe(11) }, { ueID: gnbUe(12) }] } },
                { matchedPerGP: { oneOrMoreUEmatched: [{ ueID: gnbUe(11) }] } },
              ],
            },
            {
              measType: { measID: 1002 },
              matchingCond: [{ matchingCondChoice: { measLabel: { qCI: 9, sUM: "true" } } }],
              matchingUEidPerGP: [{ matchedPerGP: { noUEmatched: "true" } }, { matchedPerGP: { noUEmatched: "true" } }],
            },
          ],
          granulPeriod: 1000,
        },
      },
    }),
    "indicationMessage-format3": sample(k.E2SM_KPM_IndicationMessage, {
      "indicationMessage-formats": { "indicationMessage-Format3": { ueMeasReportList: ueReports } },
    }),
    ranFunctionDescription: sample(k.E2SM_KPM_RANfunction_Description, {
      "ranFunction-Name": {
        "ranFunction-ShortName": "ORAN-E2SM-KPM",
        "ranFunction-E2SM-OID": version === 3 ? "1.3.6.1.4.1.53148.1.3.2.2" : "1.3.6.1.4.1.53148.1.2.2.2",
        "ranFunction-Description": "KPM Monitor",
        "ranFunction-Instance": 1,
      },
      "ric-EventTriggerStyle-List": [
        {
          "ric-EventTriggerStyle-Type": 1,
          "ric-EventTriggerStyle-Name": "Periodic Report",
          "ric-EventTriggerFormat-Type": 1,
        },
      ],
      "ric-ReportStyle-List": [
        reportStyle(
          1,
          "E2 Node Measurement",
          1,
          MEAS.map((_, i) => measName(i)),
        ),
        reportStyle(2, "E2 Node Measurement for a single UE", 1, ["DRB.UEThpDl", "DRB.UEThpUl", "RRU.PrbUsedDl"]),
        reportStyle(3, "Condition-based, UE-level E2 Node Measurement", 2, ["DRB.UEThpDl", "DRB.RlcSduDelayDl"]),
        reportStyle(4, "Common Condition-based, UE-level Measurement", 3, ["DRB.UEThpDl", "DRB.UEThpUl"]),
        {
          ...reportStyle(5, "E2 Node Measurement for multiple UEs", 3, ["DRB.UEThpDl", "DRB.UEThpUl"]),
          "measInfo-Action-List": [{ measName: "L1M.SS-RSRP", measID: 501, binRangeDef: distBins }],
        },
      ],
    }),
  };
}

export const kpmSamples: { v2: Record<string, Sample>; v3: Record<string, Sample> } = {
  v2: samples(2),
  v3: samples(3),
};
