/**
 * The KPM measurements the simulated gNB offers, with the names and units real E2 nodes use (TS 28.552
 * names as srsRAN reports them; RSRP, SINR and CQI as plain means, which 28.552 only has as
 * distributions). Each is a ratio of two cumulative quantities, so one mechanism serves every window
 * and every level: over a window, the measurement is (growth of the numerator) / (growth of the
 * denominator). Over several cells or UEs, a mean per sample (throughput, RSRP, PRB %) pools the parts,
 * and a count or amount per cell (connected UEs, PRBs) adds the targets' own values.
 */
import type { Network } from "../ran/network.js";

export interface Measure {
  readonly name: string;
  /** The measurement's id: its place in the full list below, from 1 (a level's list may skip some). */
  readonly id: number;
  readonly unit: string;
  readonly integer: boolean;
  /** Cumulative (numerator, denominator) of cell `c`; undefined when not measured per cell. */
  readonly cell?: (net: Network, c: number, out: Float64Array) => void;
  /** The same for UE `u`; undefined when not measured per UE. */
  readonly ue?: (net: Network, u: number, out: Float64Array) => void;
  /** The measurement from the growth of its parts (a zero denominator gives no value). */
  readonly scale: number;
  /** Over several targets: add each one's value (a count or amount) instead of pooling the parts. */
  readonly additive?: boolean;
}

type Parts = (net: Network, i: number, out: Float64Array) => void;

const cellRatio =
  (num: Parameters<Network["counters"]["of"]>[0], den: Parameters<Network["counters"]["of"]>[0]): Parts =>
  (net, c, out) => {
    out[0] = net.counters.of(num)[c];
    out[1] = net.counters.of(den)[c];
  };

const ueRatio =
  (num: Parameters<Network["ueCounters"]["of"]>[0], den: Parameters<Network["ueCounters"]["of"]>[0] | "time"): Parts =>
  (net, u, out) => {
    out[0] = net.ueCounters.of(num)[u];
    out[1] = den === "time" ? net.timeS : net.ueCounters.of(den)[u];
  };

const defs: Omit<Measure, "id">[] = [
  {
    name: "DRB.UEThpDl",
    unit: "kbit/s, mean over the UEs' active time",
    integer: false,
    cell: cellRatio("dlBits", "activeUeSeconds"),
    ue: ueRatio("dlBits", "activeSeconds"),
    scale: 1e-3,
  },
  {
    name: "DRB.RlcSduTransmittedVolumeDL",
    unit: "kbit",
    integer: true,
    cell: (net, c, out) => {
      out[0] = net.counters.of("dlBits")[c];
      out[1] = Number.NaN; // a volume: no denominator
    },
    ue: (net, u, out) => {
      out[0] = net.ueCounters.of("dlBits")[u];
      out[1] = Number.NaN;
    },
    scale: 1e-3,
  },
  {
    name: "RRU.PrbUsedDl",
    unit: "PRBs, mean",
    integer: true,
    additive: true,
    cell: cellRatio("prbSeconds", "seconds"),
    ue: ueRatio("prbSeconds", "time"),
    scale: 1,
  },
  {
    name: "RRU.PrbAvailDl",
    unit: "PRBs",
    integer: true,
    additive: true,
    cell: (net, c, out) => {
      out[0] = net.counters.of("seconds")[c] * net.scenario.carrier.prbs;
      out[1] = net.counters.of("seconds")[c];
    },
    scale: 1,
  },
  {
    name: "RRU.PrbTotDl",
    unit: "%, mean PRB usage",
    integer: true,
    cell: cellRatio("prbSeconds", "seconds"),
    ue: ueRatio("prbSeconds", "time"),
    scale: Number.NaN, // per carrier: 100 / PRBs (set by measureValue)
  },
  {
    name: "RRC.ConnMean",
    unit: "UEs, mean connected",
    integer: false,
    additive: true,
    cell: cellRatio("connectedUeSeconds", "seconds"),
    scale: 1,
  },
  {
    name: "DRB.MeanActiveUeDl",
    unit: "UEs, mean with data",
    integer: false,
    additive: true,
    cell: cellRatio("activeUeSeconds", "seconds"),
    scale: 1,
  },
  {
    name: "RSRP",
    unit: "dBm, mean SS-RSRP of the serving beam",
    integer: false,
    cell: cellRatio("rsrpSum", "servedSamples"),
    ue: ueRatio("rsrpSum", "servedSamples"),
    scale: 1,
  },
  {
    name: "SINR",
    unit: "dB, mean",
    integer: false,
    cell: cellRatio("sinrSum", "servedSamples"),
    ue: ueRatio("sinrSum", "servedSamples"),
    scale: 1,
  },
  {
    name: "CQI",
    unit: "mean wideband CQI",
    integer: false,
    cell: cellRatio("cqiSum", "servedSamples"),
    ue: ueRatio("cqiSum", "servedSamples"),
    scale: 1,
  },
];

export const MEASURES: readonly Measure[] = defs.map((d, i) => ({ ...d, id: i + 1 }));
export const CELL_MEASURES = MEASURES.filter((m) => m.cell);
export const UE_MEASURES = MEASURES.filter((m) => m.ue);

/** A measurement named by name or id (KPM MeasurementType), or undefined. */
export function measureOf(type: { measName?: string; measID?: number } | undefined): Measure | undefined {
  if (!type) return undefined;
  if (type.measName !== undefined) return MEASURES.find((m) => m.name === type.measName);
  return MEASURES.find((m) => m.id === type.measID);
}

/** The measurement over a window from the growth of its parts, unrounded; undefined when it has no value. */
export function rawMeasure(m: Measure, net: Network, dNum: number, dDen: number): number | undefined {
  const scale = Number.isNaN(m.scale) ? 100 / net.scenario.carrier.prbs : m.scale;
  let v: number;
  if (Number.isNaN(dDen)) v = dNum * scale;
  else if (dDen > 0) v = (dNum / dDen) * scale;
  else return undefined;
  return Number.isFinite(v) ? v : undefined;
}

/** A measured value as it is reported: integers rounded and never negative. */
export const reported = (m: Measure, v: number): number => (m.integer ? Math.max(0, Math.round(v)) : v);
