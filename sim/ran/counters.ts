/**
 * Cumulative per-cell counters, as a gNB keeps performance counters: they only grow, and whoever
 * reports over a window (a KPM subscription, the final report) takes the difference of two snapshots.
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
  /** Sums over served UE-steps of RSRP (dBm) and SINR (dB), and the count of such UE-steps. */
  "rsrpSum",
  "sinrSum",
  "servedSamples",
  "handoverAttempts",
  "handoverSuccesses",
  "handoverFailures",
  "handoversIn",
  "pingPongs",
  "radioLinkFailures",
  "reestablishments",
  "beamSwitches",
  "rrcSetups",
] as const;

export type CellCounter = (typeof CELL_COUNTERS)[number];

export class CellCounters {
  private readonly values: Record<CellCounter, Float64Array>;

  constructor(readonly cellCount: number) {
    this.values = Object.fromEntries(CELL_COUNTERS.map((k) => [k, new Float64Array(cellCount)])) as Record<
      CellCounter,
      Float64Array
    >;
  }

  of(name: CellCounter): Float64Array {
    return this.values[name];
  }

  add(name: CellCounter, cell: number, amount = 1): void {
    this.values[name][cell] += amount;
  }

  /** A copy of every counter now. */
  snapshot(): CountersSnapshot {
    return Object.fromEntries(CELL_COUNTERS.map((k) => [k, Float64Array.from(this.values[k])])) as CountersSnapshot;
  }
}

export type CountersSnapshot = Readonly<Record<CellCounter, Float64Array>>;

/** The counters' growth between two snapshots, per cell. */
export function countersBetween(before: CountersSnapshot, after: CountersSnapshot): CountersSnapshot {
  return Object.fromEntries(
    CELL_COUNTERS.map((k) => [k, after[k].map((v, c) => v - before[k][c])]),
  ) as CountersSnapshot;
}
