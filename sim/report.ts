/**
 * The simulator's end-of-run report: per-cell KPIs from the counters, UE counts, mobility events, and
 * the score against the ground truth (true best beam and cell, the oracle's rate).
 */
import { type CountersSnapshot, countersBetween } from "./ran/counters.js";
import { type Network, RRC_NAMES } from "./ran/network.js";

export interface CellReport {
  readonly id: string;
  readonly site: string;
  readonly nci: number;
  readonly pci: number;
  readonly dlThroughputMbps: number;
  readonly prbUsagePercent: number;
  readonly meanConnectedUes: number;
  readonly meanActiveUes: number;
  /** Means over served UE-steps (null when none was served). */
  readonly meanRsrpDbm: number | null;
  readonly meanSinrDb: number | null;
  readonly handoverAttempts: number;
  readonly handoverSuccesses: number;
  /** Of the successes, those the RIC ordered (RC handover control or an accepted insert). */
  readonly ricHandovers: number;
  readonly handoverFailures: number;
  readonly handoversIn: number;
  readonly pingPongs: number;
  readonly radioLinkFailures: number;
  readonly reestablishments: number;
  readonly beamSwitches: number;
  readonly rrcSetups: number;
}

export interface SimReport {
  readonly scenario: string;
  readonly seed: number;
  readonly simulatedS: number;
  readonly steps: number;
  readonly stepMs: number;
  readonly wallS: number;
  /** Simulated seconds per wall-clock second (precomputation excluded). */
  readonly realTimeFactor: number;
  readonly ues: { readonly count: number; readonly rrcAtEnd: Record<string, number> };
  readonly totals: {
    readonly dlThroughputMbps: number;
    readonly handovers: number;
    readonly ricHandovers: number;
    readonly handoverFailures: number;
    readonly pingPongs: number;
    readonly radioLinkFailures: number;
    readonly beamSwitches: number;
  };
  readonly truth: {
    /** Share of connected UE-steps on the true best beam of the serving cell / on the true best cell. */
    readonly bestBeamShare: number | null;
    readonly bestCellShare: number | null;
    /** Mean true gain lost to not using the serving cell's best beam (dB). */
    readonly meanBeamGainLossDb: number | null;
    /** UE-seconds without service (re-establishing, or connected below Qout), and their share. */
    readonly outageUeSeconds: number;
    readonly outageShare: number;
    /** Bits delivered over the bits an oracle (true best cell and beam, same share) would deliver. */
    readonly rateVsOracle: number | null;
  };
  readonly cells: readonly CellReport[];
  /** The E2 side, when the run spoke E2: what went over the links, summed over the E2 nodes. */
  readonly e2?: E2Report;
}

export interface E2Report {
  readonly e2apVersion: number;
  readonly kpmVersion: number;
  readonly nodes: number;
  /** Nodes set up with the RIC at the end of the run. */
  readonly nodesReady: number;
  readonly messagesIn: number;
  readonly messagesOut: number;
  /** Messages sent per second of wall time. */
  readonly messagesOutPerSecond: number;
  readonly indications: number;
  readonly controlsAcked: number;
  readonly controlsFailed: number;
  readonly errorIndicationsIn: number;
  readonly errorIndicationsOut: number;
  /** Indications a service model could not carry (values beyond its ranges), dropped and logged. */
  readonly indicationsDropped: number;
  /** Messages per `procedure/kind`, both ways. */
  readonly byType: Readonly<Record<string, number>>;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function buildReport(
  net: Network,
  run: {
    readonly from: CountersSnapshot;
    readonly truthFrom: Network["truth"];
    readonly wallS: number;
    readonly steps: number;
  },
  e2?: SimReport["e2"],
): SimReport {
  const d = countersBetween(run.from, net.counters.snapshot());
  const s = net.scenario;
  const simulatedS = run.steps * net.dtS;
  const cells = s.cells.map((c, i): CellReport => {
    const secs = d.seconds[i];
    const served = d.servedSamples[i];
    return {
      id: c.id,
      site: c.site,
      nci: c.nci,
      pci: c.pci,
      dlThroughputMbps: secs > 0 ? d.dlBits[i] / secs / 1e6 : 0,
      prbUsagePercent: secs > 0 ? (100 * d.prbSeconds[i]) / secs / s.carrier.prbs : 0,
      meanConnectedUes: secs > 0 ? d.connectedUeSeconds[i] / secs : 0,
      meanActiveUes: secs > 0 ? d.activeUeSeconds[i] / secs : 0,
      meanRsrpDbm: served > 0 ? d.rsrpSum[i] / served : null,
      meanSinrDb: served > 0 ? d.sinrSum[i] / served : null,
      handoverAttempts: d.handoverAttempts[i],
      handoverSuccesses: d.handoverSuccesses[i],
      ricHandovers: d.ricHandovers[i],
      handoverFailures: d.handoverFailures[i],
      handoversIn: d.handoversIn[i],
      pingPongs: d.pingPongs[i],
      radioLinkFailures: d.radioLinkFailures[i],
      reestablishments: d.reestablishments[i],
      beamSwitches: d.beamSwitches[i],
      rrcSetups: d.rrcSetups[i],
    };
  });
  const sum = (f: (c: CellReport) => number) => cells.reduce((a, c) => a + f(c), 0);
  const rrcAtEnd: Record<string, number> = Object.fromEntries(RRC_NAMES.map((n) => [n, 0]));
  for (const r of net.rrc) rrcAtEnd[RRC_NAMES[r]]++;
  const t = Object.fromEntries(
    Object.entries(net.truth).map(([k, v]) => [k, v - run.truthFrom[k as keyof Network["truth"]]]),
  ) as Network["truth"];
  return {
    scenario: s.name,
    seed: s.seed,
    simulatedS,
    steps: run.steps,
    stepMs: s.rrm.tickMs,
    wallS: run.wallS,
    realTimeFactor: run.wallS > 0 ? simulatedS / run.wallS : Infinity,
    ues: { count: net.ueCount, rrcAtEnd },
    totals: {
      dlThroughputMbps: sum((c) => c.dlThroughputMbps),
      handovers: sum((c) => c.handoverSuccesses),
      ricHandovers: sum((c) => c.ricHandovers),
      handoverFailures: sum((c) => c.handoverFailures),
      pingPongs: sum((c) => c.pingPongs),
      radioLinkFailures: sum((c) => c.radioLinkFailures),
      beamSwitches: sum((c) => c.beamSwitches),
    },
    truth: {
      bestBeamShare: ratio(t.bestBeamSamples, t.connectedSamples),
      bestCellShare: ratio(t.bestCellSamples, t.connectedSamples),
      meanBeamGainLossDb: ratio(t.beamLossDbSum, t.connectedSamples),
      outageUeSeconds: t.outageUeSeconds,
      outageShare: simulatedS > 0 && net.ueCount > 0 ? t.outageUeSeconds / (simulatedS * net.ueCount) : 0,
      rateVsOracle: ratio(t.achievedBits, t.oracleBits),
    },
    cells,
    ...(e2 ? { e2 } : {}),
  };
}
