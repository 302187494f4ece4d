/**
 * E2SM-KPM as apps use it: the periodic trigger, the action definitions of report styles 1 (a cell or
 * the node) and 4 (every UE meeting a condition), and the measurements of an indication as plain
 * records (name -> value), whatever the indication format.
 */

export const kpmTrigger = (periodMs: number) => ({
  "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: periodMs } },
});

const measInfo = (names: readonly string[]) =>
  names.map((n) => ({ measType: { measName: n }, labelInfoList: [{ measLabel: { noLabel: "true" } }] }));

/** Style 1: measurements of one cell (its NR CGI), or of the whole node without one. */
export const kpmCellAction = (names: readonly string[], granulPeriodMs: number, nrCgi?: unknown) => ({
  "ric-Style-Type": 1,
  "actionDefinition-formats": {
    "actionDefinition-Format1": {
      measInfoList: measInfo(names),
      granulPeriod: granulPeriodMs,
      ...(nrCgi ? { cellGlobalID: { "nR-CGI": nrCgi } } : {}),
    },
  },
});

/** Style 4: each connected UE (RSRP present: every UE the node measures). */
export const kpmUeAction = (names: readonly string[], granulPeriodMs: number) => ({
  "ric-Style-Type": 4,
  "actionDefinition-formats": {
    "actionDefinition-Format4": {
      matchingUeCondList: [{ testCondInfo: { testType: { rSRP: "true" }, testExpr: "present" } }],
      subscriptionInfo: { measInfoList: measInfo(names), granulPeriod: granulPeriodMs },
    },
  },
});

export type KpmRecord = Record<string, number>;

/** The last granularity period of a format-1 report, by measurement name. */
function lastPeriod(report: any): KpmRecord {
  const names: string[] = (report?.measInfoList ?? []).map(
    (i: any) => i.measType?.measName ?? `#${i.measType?.measID}`,
  );
  const data: any[] = report?.measData ?? [];
  const out: KpmRecord = {};
  const last = data[data.length - 1]?.measRecord ?? [];
  last.forEach((v: any, i: number) => {
    const x = v.integer ?? v.real;
    if (x !== undefined && names[i] !== undefined) out[names[i]] = Number(x);
  });
  return out;
}

/** The measurements of a KPM indication message: the report itself (format 1) or per UE (format 3). */
export function kpmRecords(message: any): { ue?: any; values: KpmRecord }[] {
  const formats = message?.["indicationMessage-formats"] ?? {};
  if (formats["indicationMessage-Format1"]) return [{ values: lastPeriod(formats["indicationMessage-Format1"]) }];
  const perUe = formats["indicationMessage-Format3"]?.ueMeasReportList;
  if (perUe) return perUe.map((r: any) => ({ ue: r.ueID, values: lastPeriod(r.measReport) }));
  return [];
}

/** A short, stable label for a UEID: the AMF UE NGAP id of a gNB UE, else the JSON of the id. */
export function ueLabel(ueId: any): string {
  const gnb = ueId?.["gNB-UEID"];
  if (gnb?.["amf-UE-NGAP-ID"] !== undefined) return String(gnb["amf-UE-NGAP-ID"]);
  return JSON.stringify(ueId, (_k, v) => (typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? [...v] : v));
}

/**
 * The collection start time of a KPM indication header (format 1), ms since the NTP epoch (1900): its
 * 8 octets (KPM v3: seconds and a binary fraction) or 4 (v2: seconds); undefined when it has none.
 */
export function kpmCollectionTimeMs(header: any): number | undefined {
  const t = header?.["indicationHeader-formats"]?.["indicationHeader-Format1"]?.colletStartTime;
  if (!(t instanceof Uint8Array) || (t.length !== 4 && t.length !== 8)) return undefined;
  const view = new DataView(t.buffer, t.byteOffset, t.length);
  const fraction = t.length === 8 ? view.getUint32(4) / 2 ** 32 : 0;
  return (view.getUint32(0) + fraction) * 1000;
}
