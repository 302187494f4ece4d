/**
 * Cumulative counters per cell and per UE, as a gNB keeps performance counters: they only grow, and
 * whoever reports over a window (a KPM subscription, the final report) takes the difference of two
 * readings.
 */

export const CELL_COUNTERS = [
  /** Simulated time the cell has been counted (s). */
  "seconds",
  /** Downlink bits delivered. */
  "dlBits",
  /** Sum over steps of PRBs in use x step length (PRB-seconds). */
  "prbSeconds",
  /** Sum over steps of connected UEs x step length (UE-seconds). */
  "connectedUeSeconds",
  /** Sum over steps of UEs with data x step length. */
  "activeUeSeconds",
  /** Sums over served UE-steps of RSRP (dBm), SINR (dB) and CQI, and the count of such UE-steps. */
  "rsrpSum",
  "sinrSum",
  "cqiSum",
  "servedSamples",
  "handoverAttempts",
  "handoverSuccesses",
  /** Successful handovers the RIC ordered (RC control), a subset of the successes. */
  "ricHandovers",
  "handoverFailures",
  "handoversIn",
  "pingPongs",
  "radioLinkFailures",
  "reestablishments",
  "beamSwitches",
  "rrcSetups",
] as const;

export const UE_COUNTERS = [
  /** Downlink bits delivered to the UE. */
  "dlBits",
  /** Time the UE had data waiting while connected (s). */
  "activeSeconds",
  /** Sum over steps of the PRBs it was given x step length (PRB-seconds). */
  "prbSeconds",
  /** Sums over the UE's served steps of RSRP (dBm), SINR (dB) and CQI, and the count of such steps. */
  "rsrpSum",
  "sinrSum",
  "cqiSum",
  "servedSamples",
] as const;

export type CellCounter = (typeof CELL_COUNTERS)[number];
export type UeCounter = (typeof UE_COUNTERS)[number];

export class Counters<N extends string> {
  /** Every counter's array, for loops that add to several (no name lookup per addition). */
  readonly arrays: Readonly<Record<N, Float64Array>>;

  constructor(
    readonly names: readonly N[],
    readonly size: number,
  ) {
    this.arrays = Object.fromEntries(names.map((k) => [k, new Float64Array(size)])) as Record<N, Float64Array>;
  }

  of(name: N): Float64Array {
    return this.arrays[name];
  }

  add(name: N, index: number, amount = 1): void {
    this.arrays[name][index] += amount;
  }

  /** A copy of every counter now. */
  snapshot(): Snapshot<N> {
    return Object.fromEntries(this.names.map((k) => [k, Float64Array.from(this.arrays[k])])) as Snapshot<N>;
  }
}

export class CellCounters extends Counters<CellCounter> {
  constructor(readonly cellCount: number) {
    super(CELL_COUNTERS, cellCount);
  }
}

export class UeCounters extends Counters<UeCounter> {
  constructor(ueCount: number) {
    super(UE_COUNTERS, ueCount);
  }
}

export type Snapshot<N extends string> = Readonly<Record<N, Float64Array>>;
export type CountersSnapshot = Snapshot<CellCounter>;

/** The counters' growth between two snapshots, per cell (or UE). */
export function countersBetween<N extends string>(before: Snapshot<N>, after: Snapshot<N>): Snapshot<N> {
  return Object.fromEntries(
    (Object.keys(after) as N[]).map((k) => [k, after[k].map((v, c) => v - before[k][c])]),
  ) as Snapshot<N>;
}
