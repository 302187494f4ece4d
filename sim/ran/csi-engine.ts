/**
 * CSI in the RAN: each UE's Type I report from its true channel, link adaptation that follows it, and
 * precoders imposed from outside (a RIC's) served at the SINR they achieve on the true channel. The
 * gNB's own baseline runs it for every connected UE when the scenario asks (`rrm.csiPeriodMs`); the
 * E2SM-CSI service runs it for the UEs a subscription covers.
 */
import { perSubcarrierDbm } from "../../twin/radio-map/index.js";
import type { Scene } from "../../twin/scene/index.js";
import { Periodic } from "../periodic.js";
import { type CsiChannel, type CsiPorts, type CsiReport, evaluatePrecoder, sinrDbOfRate, typeIReport } from "./csi.js";
import { type CsiPanel, csiPanelOf, portChannels, subbandOffsets, UePaths } from "./csi-channel.js";
import { CqiTable } from "./link.js";
import { type Network, Rrc } from "./network.js";

/** E2SM-CSI's largest N1 (CSI-CellConfig n1 1..16). */
const MAX_N1 = 16;
/** Subbands the wideband CSI averages over. */
const SUBBANDS = 8;
/** How often an imposed precoder is evaluated again on the moving channel (s). */
const REFRESH_S = 0.1;

export interface ImposedPrecoder {
  readonly rank: number;
  /** P x rank, port-major, unit Frobenius norm. */
  readonly w: Float64Array;
  readonly untilS: number;
}

export class CsiEngine {
  /** Each cell's CSI-RS port layout, as configured (the nominal panel). */
  readonly ports: readonly CsiPorts[];
  private readonly actual: readonly CsiPanel[];
  private readonly perReMw: readonly number[];
  private readonly paths: UePaths;
  private readonly offsets: Float64Array;
  private readonly table: CqiTable;
  private readonly imposed = new Map<number, ImposedPrecoder & { cell: number }>();
  private nextRefreshS = 0;
  private readonly baseline: Periodic | undefined;

  constructor(
    private readonly net: Network,
    trueScene: Scene,
  ) {
    const s = net.scenario;
    // the panel of each cell (repeaters carry SSB beams; CSI-RS comes from the panel itself)
    const maxRank = Math.min(2, s.carrier.maxLayers) as 1 | 2;
    this.actual = s.cells.map((c) => csiPanelOf(c.points[0].actual, maxRank));
    this.ports = s.cells.map((c) => csiPanelOf(c.points[0].nominal, maxRank).ports);
    this.perReMw = s.cells.map(
      (c) =>
        10 **
        (perSubcarrierDbm(c.points[0].actual.powerDbm, s.carrier.bandwidthHz, s.carrier.subcarrierSpacingHz) / 10),
    );
    this.paths = new UePaths(
      trueScene,
      s.cells.map((c) => c.points[0].actual),
      {
        frequencyHz: s.carrier.frequencyHz,
        maxDepth: s.propagation.maxDepth,
        diffraction: s.propagation.diffraction,
        heightM: s.propagation.heightM,
      },
    );
    this.offsets = subbandOffsets(s.carrier.bandwidthHz, SUBBANDS);
    this.table = new CqiTable(s.carrier.cqiTable);
    this.baseline = s.rrm.csiPeriodMs === undefined ? undefined : new Periodic(s.rrm.csiPeriodMs / 1000, net.timeS);
  }

  /**
   * Whether cell `c` serves CSI now: on air, with a port layout E2SM-CSI can describe (N1 <= 16,
   * at most 32 ports).
   */
  serves(c: number): boolean {
    return this.net.cellOn[c] === 1 && this.ports[c].n1 <= MAX_N1;
  }

  /** Each UE's port channel now (paths traced again for those that moved a metre). */
  channels(ues: readonly number[]): Map<number, CsiChannel> {
    const net = this.net;
    const traced = this.paths.pathsOf(
      ues.map((u) => ({ u, cell: net.serving[u], x: net.mobility.x[u], y: net.mobility.y[u] })),
    );
    return new Map(
      ues.map((u) => {
        const c = net.serving[u];
        const p = this.ports[c];
        return [
          u,
          {
            rx: 2,
            ports: 2 * p.n1 * p.n2,
            subbands: portChannels(this.actual[c], traced.get(u)!, this.offsets),
            snr: this.perReMw[c] / net.interferenceAndNoiseMw(u),
          },
        ];
      }),
    );
  }

  /**
   * The UE's CSI report on its channel; the gNB adapts the link to it for `holdS` unless a precoder
   * imposed on the UE is in force (then that one is served, evaluated on this channel).
   */
  report(u: number, ch: CsiChannel, holdS: number): CsiReport | undefined {
    const c = this.net.serving[u];
    if (!this.serves(c)) return undefined;
    const r = typeIReport(this.ports[c], ch, this.table);
    const o = this.imposed.get(u);
    if (o && o.cell === c && o.untilS > this.net.timeS) this.serve(u, o, ch);
    else this.net.setCsiLink(u, c, sinrDbOfRate(r.rate / r.ri), r.ri, this.net.timeS + holdS);
    return r;
  }

  /** Serves UE `u` with precoder `p` from now until it expires or the UE leaves its cell: the SINR (dB). */
  impose(u: number, p: ImposedPrecoder): number | undefined {
    if (!this.serves(this.net.serving[u])) return undefined;
    const o = { ...p, cell: this.net.serving[u] };
    this.imposed.set(u, o);
    return this.serve(u, o, this.channels([u]).get(u)!);
  }

  /** Every step: keep imposed precoders current, and run the baseline CSI when the scenario has it. */
  step(t: number): void {
    const net = this.net;
    if (this.imposed.size > 0 && t + 1e-9 >= this.nextRefreshS) {
      this.nextRefreshS = t + REFRESH_S;
      const live: number[] = [];
      for (const [u, o] of this.imposed) {
        if (o.untilS <= t || net.serving[u] !== o.cell || net.rrc[u] !== Rrc.Connected || !this.serves(o.cell)) {
          this.imposed.delete(u);
        } else live.push(u);
      }
      const chs = this.channels(live);
      for (const u of live) this.serve(u, this.imposed.get(u)!, chs.get(u)!);
    }
    if (this.baseline?.due(t)) {
      const ues: number[] = [];
      for (let u = 0; u < net.ueCount; u++) {
        if (net.rrc[u] === Rrc.Connected && this.serves(net.serving[u])) ues.push(u);
      }
      const chs = this.channels(ues);
      for (const u of ues) this.report(u, chs.get(u)!, 2 * this.baseline.periodS);
    }
  }

  private serve(u: number, o: ImposedPrecoder & { cell: number }, ch: CsiChannel): number {
    const sinrDb = sinrDbOfRate(evaluatePrecoder(ch, o.w, o.rank) / o.rank);
    this.net.setCsiLink(u, o.cell, sinrDb, o.rank, o.untilS);
    return sinrDb;
  }
}

/** The network's CSI engine, made on first use from the true scene. */
export function csiOf(net: Network, trueScene: Scene): CsiEngine {
  if (net.csi instanceof CsiEngine) return net.csi;
  const engine = new CsiEngine(net, trueScene);
  net.csi = engine;
  return engine;
}
