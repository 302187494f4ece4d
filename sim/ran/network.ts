/**
 * The RAN on the true world, one step at a time: UEs move, traffic arrives, every UE measures the
 * cells around it (true power from the radio field, fast fading, measurement noise, layer-3
 * filtering), and the gNBs do what they do without a RIC: SSB beam management from L1-RSRP reports,
 * A3 handover with hysteresis, time-to-trigger and cell offsets, radio-link monitoring (Qout/Qin, N310,
 * T310) with re-establishment, RRC setup and release, and proportional-fair scheduling with link
 * adaptation. The ground truth (true best cell and beam, the rate an oracle would get) is kept beside.
 *
 * State lives in flat typed arrays indexed by UE (and UE x candidate slot), so 10,000 UEs cost no
 * objects. Each UE measures only its `measuredCells` strongest cells, looked up per 25 m tile.
 */
import { dbToLinear } from "../../twin/antenna/pattern.js";
import { noisePerSubcarrierDbm } from "../../twin/radio-map/index.js";
import type { Lattice } from "../mobility/lattice.js";
import { Mobility } from "../mobility/mobility.js";
import { Rng } from "../random.js";
import type { Scenario } from "../scenario/resolve.js";
import { NO_PATH_DB, type RadioField } from "../world/field.js";
import { CellCounters, UeCounters } from "./counters.js";
import { CqiTable, chooseLink, type LinkChoice, overhead, resourceElementsPerSecond } from "./link.js";
import { waterFill } from "./scheduler.js";
import { Traffic } from "./traffic.js";

export enum Rrc {
  Idle = 0,
  Connected = 1,
  /** RRC setup under way (no data yet). */
  Setup = 2,
  /** After a radio-link failure: no service until re-establishment. */
  Reestablishing = 3,
  /** Handover execution: connected to the target, no data during the interruption. */
  Interrupted = 4,
}

export const RRC_NAMES = ["idle", "connected", "setup", "reestablishing", "interrupted"] as const;

/** Edge of the tiles whose strongest cells the UEs in them measure (m). */
const TILE_M = 25;
/** Load assumed for a cell before its first step, and the least a cell radiates (SSB, PDCCH, CSI-RS). */
const INITIAL_LOAD = 0.5;
const MIN_LOAD = 0.05;
/** Doppler floor (Hz): people and things around a static UE still stir its channel. */
const MIN_DOPPLER_HZ = 1;
const SPEED_OF_LIGHT = 299_792_458;

/** How the network decides a handover that A3 triggered (the RIC's insert service can take it). */
export type HandoverDecider = (ue: number, source: number, target: number) => "baseline" | "defer";

export interface NetworkInput {
  readonly scenario: Scenario;
  readonly field: RadioField;
  readonly walk: Lattice;
  readonly roads: (clearanceM: number) => Lattice;
}

export interface ControlResult {
  readonly ok: boolean;
  /** Why it failed (for E2 control failure causes). */
  readonly reason?:
    | "unknown-ue"
    | "unknown-cell"
    | "unknown-beam"
    | "not-connected"
    | "not-neighbour"
    | "same-cell"
    | "cell-off"
    | "no-handover";
}

export class Network {
  readonly scenario: Scenario;
  readonly field: RadioField;
  readonly mobility: Mobility;
  readonly traffic: Traffic;
  readonly counters: CellCounters;
  readonly ueCounters: UeCounters;
  readonly ueCount: number;
  readonly cellCount: number;
  /** Simulated time (s) and steps done. */
  timeS = 0;
  steps = 0;
  readonly dtS: number;
  /** Decides handovers triggered by A3 (default: the gNB itself). */
  handoverDecider: HandoverDecider = () => "baseline";
  /** CSI from the true channel (made with the true scene by `csiOf`, sim/ran/csi-engine.ts), stepped with the network. */
  csi: { step(t: number): void } | undefined = undefined;
  /** Told when a cell goes off or comes back on (the E2 node announces it to the RIC). */
  onCellState: (cell: number, on: boolean) => void = () => {};
  /** Per cell: 1 while it transmits, 0 while it is off (an outage, energy saving). */
  readonly cellOn: Uint8Array;
  private nextEvent = 0;

  // --- per UE ---
  readonly rrc: Uint8Array;
  readonly serving: Int16Array;
  readonly servingBeam: Int16Array;
  /** Latest serving-beam SINR (dB), CQI, rank and serving RSRP (dBm, measured), per UE. */
  readonly sinrDb: Float64Array;
  readonly cqi: Uint8Array;
  readonly layers: Uint8Array;
  readonly rsrpDbm: Float64Array;
  /** Latest L1-RSRP beam report of the serving cell: `beamReportTopK` (beam, dBm) pairs per UE. */
  readonly beamReport: Float64Array;
  /** Truth: the strongest cell and, in the serving cell, the strongest beam (true mean power). */
  readonly trueBestCell: Int16Array;
  readonly trueBestBeam: Int16Array;
  /** Until when the UE stays in Setup / Reestablishing / Interrupted (s). */
  private readonly until: Float64Array;
  private readonly lastDataS: Float64Array;
  private readonly outOfSync: Uint16Array;
  private readonly inSync: Uint16Array;
  /** T310 start (s), NaN when not running. */
  private readonly t310: Float64Array;
  /** Handover under way: target cell (-1 none), when it executes (s), or the RIC's deadline. */
  private readonly hoTarget: Int16Array;
  private readonly hoAt: Float64Array;
  /** Whether UE u's pending handover was ordered by the RIC (counted apart when it succeeds). */
  private readonly hoByRic: Uint8Array;
  private readonly lastHoFrom: Int16Array;
  private readonly lastHoS: Float64Array;
  /** Until when the beam the RIC chose holds against the gNB's own beam management (s). */
  private readonly beamHeldUntil: Float64Array;
  /** The step of each UE's last measurement, and how many steps apart idle UEs measure. */
  private readonly measuredAt: Int32Array;
  private readonly idleEvery: number;
  /** CSI-based link adaptation per UE: cell, effective SINR (dB), layers, until when (s). */
  private readonly csiCell: Int16Array;
  private readonly csiSinrDb: Float64Array;
  private readonly csiLayers: Uint8Array;
  private readonly csiUntil: Float64Array;
  /** Until when A3 stays quiet after the RIC kept the UE (s). */
  private readonly a3QuietUntil: Float64Array;
  private readonly tile: Int32Array;

  // --- per UE x measured-cell slot ---
  private readonly k: number;
  private readonly cand: Int16Array;
  private readonly l3: Float64Array;
  private readonly ttt: Float64Array;
  private readonly fade: Float64Array;
  /** Per slot, from the last lookup: every beam's true power (dBm), the best beam and its power, the mean (mW). */
  private readonly slotBeams: Float64Array;
  private readonly bestDbm: Float64Array;
  private readonly bestBeam: Int16Array;
  private readonly meanMw: Float64Array;
  /** Where each UE's last lookup was made, and how far it may move before the next (m). */
  private readonly lookedX: Float64Array;
  private readonly lookedY: Float64Array;
  private readonly refreshM: number;
  /** Per UE, the fading's correlation from one step to the next (its speed is fixed). */
  private readonly fadeRho: Float64Array;
  /** This step's fading per slot as a power factor, and what the slot interferes (mW). */
  private readonly fadeGain: Float64Array;
  private readonly interferenceMw: Float64Array;
  /** Per UE: the sum of its slots' interference (mW). */
  private readonly interferenceSumMw: Float64Array;

  /** True power of the serving beam and of the serving cell's best beam this step (dBm). */
  private readonly servingDbm: Float64Array;
  private readonly servingTrueBestDbm: Float64Array;

  // --- per cell ---
  readonly load: Float64Array;
  /** Whether cell b is a neighbour of cell a, at a * cells + b (A3 asks for every measured cell). */
  private readonly isNeighbour: Uint8Array;
  private readonly tiles = new Map<number, Int16Array>();

  // --- scratch ---
  private readonly beams: Float64Array;
  /** Scheduling, per active UE of a cell: rate at full share, oracle rate, need, share, UE. */
  private readonly rateScratch: Float64Array;
  private readonly oracleScratch: Float64Array;
  private readonly needScratch: Float64Array;
  private readonly shareScratch: Float64Array;
  private readonly orderScratch: Int32Array;
  private readonly sortScratch: Int32Array;
  /** UEs grouped by serving cell: where each cell's run starts, and the runs. */
  private readonly cellStart: Int32Array;
  private readonly cellFill: Int32Array;
  private readonly members: Int32Array;
  private readonly maxBeams: number;
  private readonly rng: Rng;
  private readonly cqiTable: CqiTable;
  private readonly link: LinkChoice = { layers: 1, cqi: 0, efficiency: 0 };
  private readonly noiseMw: number;
  private readonly dlBitsPerSecond: number;
  private readonly a3Filter: number;
  private readonly reportEvery: number;

  /** Ground-truth sums for scoring. */
  readonly truth = {
    connectedSamples: 0,
    beamLossDbSum: 0,
    bestBeamSamples: 0,
    bestCellSamples: 0,
    outageUeSeconds: 0,
    achievedBits: 0,
    oracleBits: 0,
  };

  constructor(input: NetworkInput) {
    const s = input.scenario;
    this.scenario = s;
    this.field = input.field;
    this.dtS = s.rrm.tickMs / 1000;
    this.mobility = new Mobility({ groups: s.ues, walk: input.walk, roads: input.roads, seed: s.seed });
    this.ueCount = this.mobility.count;
    this.cellCount = s.cells.length;
    if (input.field.cellCount !== this.cellCount) {
      throw new RangeError(`the radio field has ${input.field.cellCount} cells, the scenario ${this.cellCount}`);
    }
    this.traffic = new Traffic(
      Array.from(this.mobility.group, (g) => s.ues[g].traffic),
      s.seed,
    );
    this.counters = new CellCounters(this.cellCount);
    this.ueCounters = new UeCounters(this.ueCount);
    this.cellOn = new Uint8Array(this.cellCount).fill(1);
    this.isNeighbour = new Uint8Array(this.cellCount * this.cellCount);
    for (const c of s.cells) for (const n of c.neighbours) this.isNeighbour[c.index * this.cellCount + n] = 1;
    const n = this.ueCount;
    this.rrc = new Uint8Array(n);
    this.serving = new Int16Array(n).fill(-1);
    this.servingBeam = new Int16Array(n).fill(-1);
    this.sinrDb = new Float64Array(n).fill(Number.NaN);
    this.cqi = new Uint8Array(n);
    this.layers = new Uint8Array(n);
    this.rsrpDbm = new Float64Array(n).fill(Number.NaN);
    this.beamReport = new Float64Array(n * 2 * s.rrm.beamReportTopK).fill(Number.NaN);
    this.trueBestCell = new Int16Array(n).fill(-1);
    this.trueBestBeam = new Int16Array(n).fill(-1);
    this.until = new Float64Array(n);
    this.lastDataS = new Float64Array(n);
    this.outOfSync = new Uint16Array(n);
    this.inSync = new Uint16Array(n);
    this.t310 = new Float64Array(n).fill(Number.NaN);
    this.hoTarget = new Int16Array(n).fill(-1);
    this.hoAt = new Float64Array(n);
    this.hoByRic = new Uint8Array(n);
    this.lastHoFrom = new Int16Array(n).fill(-1);
    this.lastHoS = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.a3QuietUntil = new Float64Array(n);
    this.csiCell = new Int16Array(n).fill(-1);
    this.csiSinrDb = new Float64Array(n);
    this.csiLayers = new Uint8Array(n);
    this.csiUntil = new Float64Array(n);
    this.measuredAt = new Int32Array(n).fill(-1_000_000);
    this.idleEvery = Math.max(1, Math.round(s.rrm.idleMeasurementMs / s.rrm.tickMs));
    this.beamHeldUntil = new Float64Array(n);
    this.tile = new Int32Array(n).fill(-1);
    this.k = Math.min(s.rrm.measuredCells, this.cellCount);
    this.cand = new Int16Array(n * this.k).fill(-1);
    this.l3 = new Float64Array(n * this.k).fill(Number.NaN);
    this.ttt = new Float64Array(n * this.k);
    this.fade = new Float64Array(n * this.k);
    this.bestDbm = new Float64Array(n * this.k).fill(Number.NEGATIVE_INFINITY);
    this.maxBeams = input.field.maxBeams;
    this.slotBeams = new Float64Array(n * this.k * this.maxBeams);
    this.bestBeam = new Int16Array(n * this.k).fill(-1);
    this.meanMw = new Float64Array(n * this.k);
    this.lookedX = new Float64Array(n).fill(Number.NaN);
    this.lookedY = new Float64Array(n).fill(Number.NaN);
    this.refreshM = s.propagation.resM / 4;
    this.fadeGain = new Float64Array(n * this.k).fill(1);
    // fast fading: a Gauss-Markov process in dB, correlated over the coherence time of the UE's Doppler
    this.fadeRho = Float64Array.from(this.mobility.speedMps, (v) => {
      const doppler = Math.max(MIN_DOPPLER_HZ, (v * s.carrier.frequencyHz) / SPEED_OF_LIGHT);
      return Math.exp((-this.dtS * doppler) / 0.423);
    });
    this.interferenceMw = new Float64Array(n * this.k);
    this.interferenceSumMw = new Float64Array(n);
    this.servingDbm = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.servingTrueBestDbm = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.load = new Float64Array(this.cellCount).fill(INITIAL_LOAD);
    this.rateScratch = new Float64Array(n);
    this.oracleScratch = new Float64Array(n);
    this.needScratch = new Float64Array(n);
    this.shareScratch = new Float64Array(n);
    this.orderScratch = new Int32Array(n);
    this.sortScratch = new Int32Array(n);
    this.cellStart = new Int32Array(this.cellCount + 1);
    this.cellFill = new Int32Array(this.cellCount);
    this.members = new Int32Array(n);
    this.maxBeams = input.field.maxBeams;
    this.beams = new Float64Array(this.k * this.maxBeams);
    this.rng = new Rng(s.seed, "network");
    this.cqiTable = new CqiTable(s.carrier.cqiTable);
    this.noiseMw = 10 ** (noisePerSubcarrierDbm(s.carrier.subcarrierSpacingHz, s.carrier.ueNoiseFigureDb) / 10);
    this.dlBitsPerSecond =
      resourceElementsPerSecond(s.carrier.prbs, s.carrier.numerology) * (1 - overhead(true, s.carrier.frequencyHz));
    this.a3Filter = 1 / 2 ** (s.rrm.l3FilterK / 4);
    this.reportEvery = Math.max(1, Math.round(s.rrm.beamReportPeriodMs / s.rrm.tickMs));
    // everyone starts camped on its strongest cell; UEs with data connect through RRC setup
    this.measureAll();
    for (let u = 0; u < n; u++) {
      const best = this.bestMeasuredSlot(u);
      if (best >= 0) this.serving[u] = this.cand[u * this.k + best];
    }
  }

  /** One step of `rrm.tickMs`. */
  step(): void {
    const dt = this.dtS;
    const t = this.timeS + dt;
    this.mobility.step(t, dt);
    this.traffic.arrive(t);
    this.timeS = t;
    this.steps++;
    const events = this.scenario.events;
    while (this.nextEvent < events.length && events[this.nextEvent].atS <= t + 1e-9) {
      const e = events[this.nextEvent++];
      this.setCellState(e.cell, e.on);
    }
    this.measureAll();
    const reportNow = this.steps % this.reportEvery === 0;
    for (let u = 0; u < this.ueCount; u++) {
      this.rrcStep(u, t);
      if (this.rrc[u] === Rrc.Connected) {
        if (reportNow) this.beamManagement(u);
        this.a3(u, t, dt);
      }
      this.handoverStep(u, t);
    }
    this.csi?.step(t);
    this.schedule(t, dt);
  }

  // ------------------------------------------------------------------------------------------------
  // Measurements

  private measureAll(): void {
    const k = this.k;
    const mb = this.maxBeams;
    const sigmaFf = this.scenario.reality.fastFading.enabled ? this.scenario.reality.fastFading.sigmaDb : 0;
    const sigmaNoise = this.scenario.reality.measurementNoiseDb;
    const refresh2 = this.refreshM * this.refreshM;
    for (let u = 0; u < this.ueCount; u++) {
      // idle UEs measure once per DRX cycle; their fading moves on by the steps since
      const gap = this.steps - this.measuredAt[u];
      if (this.rrc[u] === Rrc.Idle && gap < this.idleEvery) continue;
      this.measuredAt[u] = this.steps;
      const x = this.mobility.x[u];
      const y = this.mobility.y[u];
      // the radio field changes over metres: look it up again once the UE has moved a quarter cell
      const moved = (x - this.lookedX[u]) ** 2 + (y - this.lookedY[u]) ** 2;
      if (this.refreshCandidates(u, x, y) || !(moved < refresh2)) this.lookUp(u, x, y);
      const rho = gap === 1 ? this.fadeRho[u] : this.fadeRho[u] ** gap;
      const innovation = sigmaFf * Math.sqrt(1 - rho * rho);
      let bestCell = -1;
      let bestCellDbm = Number.NEGATIVE_INFINITY;
      let interference = 0;
      for (let j = 0; j < k; j++) {
        const slot = u * k + j;
        const c = this.cand[slot];
        if (c < 0) continue;
        const best = this.bestDbm[slot];
        if (best > bestCellDbm) {
          bestCellDbm = best;
          bestCell = c;
        }
        this.fade[slot] = sigmaFf > 0 ? rho * this.fade[slot] + innovation * this.rng.normal() : 0;
        const gain = dbToLinear(this.fade[slot]);
        this.fadeGain[slot] = gain;
        this.interferenceMw[slot] = Math.max(MIN_LOAD, this.load[c]) * this.meanMw[slot] * gain;
        interference += this.interferenceMw[slot];
        // layer 3: cell RSRP (its best beam) with fading and noise, filtered (TS 38.331 5.5.3.2)
        const measured = best + this.fade[slot] + (sigmaNoise > 0 ? sigmaNoise * this.rng.normal() : 0);
        this.l3[slot] = Number.isNaN(this.l3[slot])
          ? measured
          : (1 - this.a3Filter) * this.l3[slot] + this.a3Filter * measured;
      }
      this.trueBestCell[u] = bestCell;
      this.interferenceSumMw[u] = interference;
      const js = this.slotOf(u, this.serving[u]);
      if (js < 0) {
        this.servingDbm[u] = Number.NEGATIVE_INFINITY;
        this.servingTrueBestDbm[u] = Number.NEGATIVE_INFINITY;
        this.trueBestBeam[u] = -1;
        continue;
      }
      const slot = u * k + js;
      const beam = this.servingBeam[u];
      this.trueBestBeam[u] = this.bestBeam[slot];
      this.servingTrueBestDbm[u] = this.bestDbm[slot];
      this.servingDbm[u] = beam >= 0 ? this.slotBeams[slot * mb + beam] : this.bestDbm[slot];
    }
  }

  /** The true power of every beam of every measured cell of UE `u` at (x, y). */
  private lookUp(u: number, x: number, y: number): void {
    const mb = this.maxBeams;
    this.lookedX[u] = x;
    this.lookedY[u] = y;
    for (let j = 0; j < this.k; j++) {
      const slot = u * this.k + j;
      const c = this.cand[slot];
      if (c < 0) continue;
      if (this.cellOn[c]) this.meanMw[slot] = this.field.measure(c, x, y, this.slotBeams, slot * mb);
      else {
        this.meanMw[slot] = 0;
        this.slotBeams.fill(NO_PATH_DB, slot * mb, slot * mb + this.field.beamCount[c]);
      }
      let best = Number.NEGATIVE_INFINITY;
      let bestBeam = -1;
      for (let b = 0; b < this.field.beamCount[c]; b++) {
        const v = this.slotBeams[slot * mb + b];
        if (v > best) {
          best = v;
          bestBeam = b;
        }
      }
      this.bestDbm[slot] = best;
      this.bestBeam[slot] = bestBeam;
    }
  }

  private noise(): number {
    const sigma = this.scenario.reality.measurementNoiseDb;
    return sigma > 0 ? sigma * this.rng.normal() : 0;
  }

  /**
   * On entering a new tile: measure its strongest cells (and the serving one), keeping what carries
   * over. Returns whether the cells changed.
   */
  private refreshCandidates(u: number, x: number, y: number): boolean {
    const tile = tileOf(x, y);
    if (tile === this.tile[u] && (this.serving[u] < 0 || this.slotOf(u, this.serving[u]) >= 0)) return false;
    this.tile[u] = tile;
    const wanted = this.tileCells(tile, x, y);
    const k = this.k;
    const base = u * k;
    const old = Array.from({ length: k }, (_, j) => ({
      c: this.cand[base + j],
      l3: this.l3[base + j],
      ttt: this.ttt[base + j],
      fade: this.fade[base + j],
    }));
    const cells: number[] = [];
    if (this.serving[u] >= 0) cells.push(this.serving[u]);
    for (const c of wanted) if (cells.length < k && !cells.includes(c)) cells.push(c);
    for (let j = 0; j < k; j++) {
      const c = j < cells.length ? cells[j] : -1;
      const kept = old.find((o) => o.c === c && c >= 0);
      this.cand[base + j] = c;
      this.l3[base + j] = kept ? kept.l3 : Number.NaN;
      this.ttt[base + j] = kept ? kept.ttt : 0;
      this.fade[base + j] = kept ? kept.fade : this.stationaryFade();
    }
    return true;
  }

  private stationaryFade(): number {
    const f = this.scenario.reality.fastFading;
    return f.enabled ? f.sigmaDb * this.rng.normal() : 0;
  }

  /** The strongest cells (by best beam) around a tile's centre, computed once per tile. */
  private tileCells(tile: number, x: number, y: number): Int16Array {
    let cells = this.tiles.get(tile);
    if (cells) return cells;
    const cx = (Math.floor(x / TILE_M) + 0.5) * TILE_M;
    const cy = (Math.floor(y / TILE_M) + 0.5) * TILE_M;
    const strength = new Float64Array(this.cellCount);
    const scratch = new Float64Array(this.maxBeams);
    for (let c = 0; c < this.cellCount; c++) {
      // the strongest of the centre and the corners: a cell that covers part of the tile counts
      let best = Number.NEGATIVE_INFINITY;
      for (const [dx, dy] of TILE_PROBES) {
        this.field.measure(c, cx + dx * TILE_M, cy + dy * TILE_M, scratch, 0);
        const nb = this.field.beamCount[c];
        for (let b = 0; b < nb; b++) if (scratch[b] > best) best = scratch[b];
      }
      strength[c] = best;
    }
    const order = Array.from({ length: this.cellCount }, (_, c) => c).sort((a, b) => strength[b] - strength[a]);
    cells = Int16Array.from(order.slice(0, this.k));
    this.tiles.set(tile, cells);
    return cells;
  }

  private slotOf(u: number, cell: number): number {
    if (cell < 0) return -1;
    const base = u * this.k;
    for (let j = 0; j < this.k; j++) if (this.cand[base + j] === cell) return j;
    return -1;
  }

  private bestMeasuredSlot(u: number, except = -1): number {
    const base = u * this.k;
    let best = -1;
    for (let j = 0; j < this.k; j++) {
      if (this.cand[base + j] < 0 || this.cand[base + j] === except || Number.isNaN(this.l3[base + j])) continue;
      if (best < 0 || this.l3[base + j] > this.l3[base + best]) best = j;
    }
    return best;
  }

  /** SINR (dB) of UE `u` served by slot `j` on a beam of true power `signalDbm`: the other slots interfere. */
  private sinrOf(u: number, j: number, signalDbm: number): number {
    const slot = u * this.k + j;
    const signal = dbToLinear(signalDbm) * this.fadeGain[slot];
    // (clamped: the difference of sums can dip below zero by rounding)
    const interference = Math.max(0, this.interferenceSumMw[u] - this.interferenceMw[slot]);
    return 10 * Math.log10(signal / (interference + this.noiseMw));
  }

  // ------------------------------------------------------------------------------------------------
  // RRC, radio-link monitoring

  private rrcStep(u: number, t: number): void {
    const rlf = this.scenario.rrm.rlf;
    const hasData = this.traffic.buffer[u] > 0;
    if (hasData) this.lastDataS[u] = t;
    switch (this.rrc[u]) {
      case Rrc.Idle: {
        // camped on the strongest cell; data brings an RRC setup there
        const best = this.bestMeasuredSlot(u);
        if (best >= 0) this.serving[u] = this.cand[u * this.k + best];
        if (hasData && this.serving[u] >= 0) {
          this.rrc[u] = Rrc.Setup;
          this.until[u] = t + this.scenario.rrm.rrcSetupMs / 1000;
        }
        return;
      }
      case Rrc.Setup:
      case Rrc.Reestablishing:
        if (t + 1e-9 >= this.until[u]) this.connect(u, t);
        return;
      case Rrc.Interrupted:
        if (t + 1e-9 >= this.until[u]) this.rrc[u] = Rrc.Connected;
        break;
    }
    // connected (or in a handover's interruption): radio-link monitoring on the serving beam
    const j = this.slotOf(u, this.serving[u]);
    const sinr = j >= 0 ? this.sinrOf(u, j, this.servingDbm[u]) : Number.NEGATIVE_INFINITY;
    this.sinrDb[u] = sinr;
    if (sinr < rlf.qOutDb) {
      this.outOfSync[u]++;
      this.inSync[u] = 0;
      if (this.outOfSync[u] >= rlf.n310 && Number.isNaN(this.t310[u])) this.t310[u] = t;
    } else if (sinr > rlf.qInDb) {
      this.inSync[u]++;
      this.outOfSync[u] = 0;
      if (this.inSync[u] >= rlf.n311) this.t310[u] = Number.NaN;
    }
    if (!Number.isNaN(this.t310[u]) && t - this.t310[u] >= rlf.t310Ms / 1000 - 1e-9) {
      this.radioLinkFailure(u, t);
      return;
    }
    if (!hasData && t - this.lastDataS[u] >= this.scenario.rrm.inactivityS && this.hoTarget[u] < 0) {
      this.rrc[u] = Rrc.Idle;
      this.servingBeam[u] = -1;
    }
  }

  private radioLinkFailure(u: number, t: number): void {
    this.counters.add("radioLinkFailures", this.serving[u]);
    this.rrc[u] = Rrc.Reestablishing;
    this.until[u] = t + this.scenario.rrm.rlf.reestablishmentMs / 1000;
    this.t310[u] = Number.NaN;
    this.outOfSync[u] = 0;
    this.inSync[u] = 0;
    this.hoTarget[u] = -1;
    this.freshLink(u);
  }

  /** A new link (setup, re-establishment, handover, failure): nothing of the old one carries over. */
  private freshLink(u: number): void {
    this.beamHeldUntil[u] = 0;
    this.a3QuietUntil[u] = 0;
    this.csiUntil[u] = 0;
    const topK = this.scenario.rrm.beamReportTopK;
    this.beamReport.fill(Number.NaN, u * 2 * topK, (u + 1) * 2 * topK);
  }

  /** Connects (setup or re-establishment) to the strongest measured cell on its strongest beam. */
  private connect(u: number, t: number): void {
    const j = this.bestMeasuredSlot(u);
    if (j < 0) {
      this.until[u] = t + this.scenario.rrm.rlf.reestablishmentMs / 1000;
      return;
    }
    const c = this.cand[u * this.k + j];
    const wasReestablishing = this.rrc[u] === Rrc.Reestablishing;
    this.serving[u] = c;
    this.servingBeam[u] = this.bestBeamOf(c, u);
    this.rrc[u] = Rrc.Connected;
    this.freshLink(u);
    this.lastDataS[u] = t;
    this.outOfSync[u] = 0;
    this.inSync[u] = 0;
    for (let i = 0; i < this.k; i++) this.ttt[u * this.k + i] = 0;
    this.counters.add(wasReestablishing ? "reestablishments" : "rrcSetups", c);
  }

  /** The strongest beam of `cell` at UE `u` as measured now (true power plus noise per beam). */
  private bestBeamOf(cell: number, u: number): number {
    this.beamsOf(u, cell);
    const nb = this.field.beamCount[cell];
    let best = 0;
    let bestDbm = Number.NEGATIVE_INFINITY;
    for (let b = 0; b < nb; b++) {
      const m = this.beams[b] + this.noise();
      if (m > bestDbm) {
        bestDbm = m;
        best = b;
      }
    }
    return best;
  }

  /** The true power of `cell`'s beams at UE `u` into `this.beams`: from the lookup when measured. */
  private beamsOf(u: number, cell: number): void {
    const j = this.slotOf(u, cell);
    const nb = this.field.beamCount[cell];
    if (j < 0) {
      this.field.measure(cell, this.mobility.x[u], this.mobility.y[u], this.beams, 0);
      return;
    }
    const at = (u * this.k + j) * this.maxBeams;
    for (let b = 0; b < nb; b++) this.beams[b] = this.slotBeams[at + b];
  }

  // ------------------------------------------------------------------------------------------------
  // Beam management: L1-RSRP reports of the serving cell's SSB beams, top K, and the gNB's switch

  private beamManagement(u: number): void {
    const rrm = this.scenario.rrm;
    const c = this.serving[u];
    const j = this.slotOf(u, c);
    if (j < 0) return;
    this.beamsOf(u, c);
    const nb = this.field.beamCount[c];
    const fade = this.fade[u * this.k + j];
    for (let b = 0; b < nb; b++) this.beams[b] += fade + this.noise();
    const topK = rrm.beamReportTopK;
    const report = this.beamReport;
    const at = u * 2 * topK;
    // top K by selection (K is small)
    const taken = new Uint8Array(nb);
    for (let r = 0; r < topK; r++) {
      let best = -1;
      for (let b = 0; b < nb; b++) if (!taken[b] && (best < 0 || this.beams[b] > this.beams[best])) best = b;
      if (best < 0) {
        report[at + 2 * r] = Number.NaN;
        report[at + 2 * r + 1] = Number.NaN;
        continue;
      }
      taken[best] = 1;
      report[at + 2 * r] = best;
      report[at + 2 * r + 1] = this.beams[best];
    }
    if (this.timeS < this.beamHeldUntil[u]) return; // the RIC chose the beam
    const current = this.servingBeam[u];
    const bestBeam = report[at];
    const currentDbm = current >= 0 && current < nb ? this.beams[current] : Number.NEGATIVE_INFINITY;
    if (bestBeam !== current && report[at + 1] > currentDbm + rrm.beamSwitchHysteresisDb) {
      this.servingBeam[u] = bestBeam;
      this.counters.add("beamSwitches", c);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Handover: A3 (Mn + Ocn - Hys > Ms + Off for time-to-trigger), preparation, execution

  private a3(u: number, t: number, dt: number): void {
    if (this.hoTarget[u] >= 0 || t < this.a3QuietUntil[u]) return;
    const s = this.serving[u];
    const cell = this.scenario.cells[s];
    const base = u * this.k;
    const js = this.slotOf(u, s);
    if (js < 0) return;
    const ms = this.l3[base + js];
    let fire = -1;
    let fireDbm = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < this.k; j++) {
      const n = this.cand[base + j];
      if (n < 0 || n === s || !this.isNeighbour[s * this.cellCount + n]) {
        this.ttt[base + j] = 0;
        continue;
      }
      const mn = this.l3[base + j] + cell.cellOffsetsDb[n];
      if (mn - cell.a3.hysteresisDb > ms + cell.a3.offsetDb) {
        this.ttt[base + j] += dt * 1000;
        if (this.ttt[base + j] >= cell.a3.timeToTriggerMs - 1e-9 && mn > fireDbm) {
          fire = n;
          fireDbm = mn;
        }
      } else this.ttt[base + j] = 0;
    }
    if (fire < 0) return;
    // the measurement report: the gNB prepares a handover to the strongest triggered neighbour, or
    // hands the decision to the RIC (RC insert) and waits for its control until the deadline
    this.hoTarget[u] = fire;
    this.hoByRic[u] = 0;
    const wait = this.handoverDecider(u, s, fire) === "defer" ? this.ricDeadlineS : 0;
    this.hoAt[u] = t + this.scenario.rrm.handover.preparationMs / 1000 + wait;
  }

  /** How long a deferred handover waits for the RIC before the gNB goes ahead itself (s). */
  ricDeadlineS = 0.1;

  private handoverStep(u: number, t: number): void {
    const target = this.hoTarget[u];
    if (target < 0 || t + 1e-9 < this.hoAt[u]) return;
    this.hoTarget[u] = -1;
    if (this.rrc[u] !== Rrc.Connected) return;
    this.executeHandover(u, target, t);
  }

  private executeHandover(u: number, target: number, t: number): void {
    const source = this.serving[u];
    this.counters.add("handoverAttempts", source);
    const j = this.slotOf(u, target);
    const beam = this.bestBeamOf(target, u);
    const targetDbm = this.beams[beam];
    const sinr = j >= 0 ? this.sinrOf(u, j, targetDbm) : Number.NEGATIVE_INFINITY;
    if (sinr < this.scenario.rrm.rlf.qOutDb) {
      // the UE cannot hear the target: handover failure, then re-establishment
      this.counters.add("handoverFailures", source);
      this.radioLinkFailure(u, t);
      return;
    }
    this.counters.add("handoverSuccesses", source);
    if (this.hoByRic[u]) this.counters.add("ricHandovers", source);
    this.counters.add("handoversIn", target);
    if (this.lastHoFrom[u] === target && t - this.lastHoS[u] <= this.scenario.rrm.handover.pingPongS) {
      this.counters.add("pingPongs", source);
    }
    this.lastHoFrom[u] = source;
    this.lastHoS[u] = t;
    this.serving[u] = target;
    this.servingBeam[u] = beam;
    this.freshLink(u);
    this.rrc[u] = Rrc.Interrupted;
    this.until[u] = t + this.scenario.rrm.handover.interruptionMs / 1000;
    this.t310[u] = Number.NaN;
    this.outOfSync[u] = 0;
    for (let i = 0; i < this.k; i++) this.ttt[u * this.k + i] = 0;
  }

  // ------------------------------------------------------------------------------------------------
  // Controls (from the RIC)

  /** Hands UE `u` over to `target` now (RC handover control). */
  handover(u: number, target: number): ControlResult {
    if (!(u >= 0 && u < this.ueCount)) return { ok: false, reason: "unknown-ue" };
    if (!(target >= 0 && target < this.cellCount)) return { ok: false, reason: "unknown-cell" };
    if (this.rrc[u] !== Rrc.Connected) return { ok: false, reason: "not-connected" };
    if (this.serving[u] === target) return { ok: false, reason: "same-cell" };
    if (!this.cellOn[target]) return { ok: false, reason: "cell-off" };
    if (!this.isNeighbour[this.serving[u] * this.cellCount + target]) return { ok: false, reason: "not-neighbour" };
    this.hoTarget[u] = target;
    this.hoByRic[u] = 1;
    this.hoAt[u] = this.timeS + this.scenario.rrm.handover.preparationMs / 1000;
    return { ok: true };
  }

  /**
   * Switches cell `c` off (it stops transmitting: its UEs lose it and re-establish elsewhere after
   * radio-link failure) or back on. Scenario events call it; so may a test or an operator.
   */
  setCellState(c: number, on: boolean): void {
    if (this.cellOn[c] === (on ? 1 : 0)) return;
    this.cellOn[c] = on ? 1 : 0;
    this.lookedX.fill(Number.NaN); // every UE looks its cells up again
    this.onCellState(c, on);
  }

  /**
   * Link adaptation from CSI for UE `u` on `cell` until `untilS`: the rank and the effective SINR of the
   * precoder in use (the UE's reported PMI, or the RIC's). Ends early when the UE leaves the cell.
   */
  setCsiLink(u: number, cell: number, sinrDb: number, layers: number, untilS: number): void {
    this.csiCell[u] = cell;
    this.csiSinrDb[u] = sinrDb;
    this.csiLayers[u] = layers;
    this.csiUntil[u] = untilS;
  }

  /** Interference plus noise a UE sees per resource element (mW), from its last measurement. */
  interferenceAndNoiseMw(u: number): number {
    const j = this.slotOf(u, this.serving[u]);
    const own = j >= 0 ? this.interferenceMw[u * this.k + j] : 0;
    return Math.max(0, this.interferenceSumMw[u] - own) + this.noiseMw;
  }

  private csiLink(u: number): void {
    const layers = Math.min(this.csiLayers[u], this.scenario.carrier.maxLayers);
    this.link.layers = layers;
    this.link.cqi = this.cqiTable.cqi(this.csiSinrDb[u]);
    this.link.efficiency = layers * this.cqiTable.efficiencyOf(this.link.cqi);
  }

  /** Drops the handover UE `u` waits for (the RIC answered an insert request with "stay"). */
  cancelHandover(u: number): ControlResult {
    if (!(u >= 0 && u < this.ueCount)) return { ok: false, reason: "unknown-ue" };
    if (this.hoTarget[u] < 0) return { ok: false, reason: "no-handover" };
    this.hoTarget[u] = -1;
    // the UE reports again after its report interval if A3 still holds
    this.a3QuietUntil[u] = this.timeS + this.scenario.cells[this.serving[u]].a3.reportIntervalMs / 1000;
    return { ok: true };
  }

  /**
   * Switches UE `u` to beam `beam` of its serving cell (beam management control) and keeps it there
   * for `holdS`: the gNB's own beam management leaves the UE alone meanwhile.
   */
  switchBeam(u: number, beam: number, holdS = 1): ControlResult {
    if (!(u >= 0 && u < this.ueCount)) return { ok: false, reason: "unknown-ue" };
    if (this.rrc[u] !== Rrc.Connected) return { ok: false, reason: "not-connected" };
    if (!(beam >= 0 && beam < this.field.beamCount[this.serving[u]])) return { ok: false, reason: "unknown-beam" };
    if (beam !== this.servingBeam[u]) this.counters.add("beamSwitches", this.serving[u]);
    this.servingBeam[u] = beam;
    this.beamHeldUntil[u] = this.timeS + holdS;
    return { ok: true };
  }

  // ------------------------------------------------------------------------------------------------
  // Scheduling, link adaptation, KPIs and the truth

  private schedule(t: number, dt: number): void {
    const n = this.ueCount;
    const rate = this.rateScratch;
    const oracle = this.oracleScratch;
    const need = this.needScratch;
    const share = this.shareScratch;
    const order = this.orderScratch;
    // UEs by serving cell (counting sort), then water-filling per cell
    const start = this.cellStart;
    start.fill(0);
    for (let u = 0; u < n; u++) {
      if (this.rrc[u] === Rrc.Connected || this.rrc[u] === Rrc.Interrupted) start[this.serving[u] + 1]++;
    }
    for (let c = 0; c < this.cellCount; c++) start[c + 1] += start[c];
    const fill = this.cellFill;
    fill.set(start.subarray(0, this.cellCount));
    const members = this.members;
    for (let u = 0; u < n; u++) {
      if (this.rrc[u] === Rrc.Connected || this.rrc[u] === Rrc.Interrupted) members[fill[this.serving[u]]++] = u;
    }
    const cells = this.counters.arrays;
    const ues = this.ueCounters.arrays;
    const truth = this.truth;
    const maxLayers = this.scenario.carrier.maxLayers;
    const prbs = this.scenario.carrier.prbs;
    for (let c = 0; c < this.cellCount; c++) {
      cells.seconds[c] += dt;
      const from = start[c];
      const count = start[c + 1] - from;
      cells.connectedUeSeconds[c] += count * dt;
      let active = 0;
      for (let m = 0; m < count; m++) {
        const u = members[from + m];
        const sinr = this.sinrDb[u];
        if (this.csiUntil[u] > t && this.csiCell[u] === c && this.cellOn[c]) this.csiLink(u);
        else chooseLink(this.cqiTable, sinr, maxLayers, this.link);
        this.cqi[u] = this.link.cqi;
        this.layers[u] = this.link.layers;
        const js = this.slotOf(u, c);
        this.rsrpDbm[u] = js >= 0 ? this.servingDbm[u] + this.fade[u * this.k + js] : Number.NaN;
        const bits = this.link.efficiency * this.dlBitsPerSecond * dt;
        // truth: the beam and cell an oracle would use, and its rate
        truth.connectedSamples++;
        const loss = this.servingTrueBestDbm[u] - this.servingDbm[u];
        if (Number.isFinite(loss)) truth.beamLossDbSum += loss;
        if (this.servingBeam[u] === this.trueBestBeam[u]) truth.bestBeamSamples++;
        if (c === this.trueBestCell[u]) truth.bestCellSamples++;
        if (this.rrc[u] !== Rrc.Connected || bits === 0 || this.traffic.buffer[u] <= 0) continue;
        rate[active] = bits;
        oracle[active] = this.oracleBits(u, dt);
        need[active] = this.traffic.buffer[u] / bits;
        order[active] = u;
        active++;
        cells.rsrpSum[c] += this.rsrpDbm[u];
        cells.sinrSum[c] += sinr;
        cells.cqiSum[c] += this.cqi[u];
        cells.servedSamples[c]++;
        ues.rsrpSum[u] += this.rsrpDbm[u];
        ues.sinrSum[u] += sinr;
        ues.cqiSum[u] += this.cqi[u];
        ues.servedSamples[u]++;
        ues.activeSeconds[u] += dt;
      }
      cells.activeUeSeconds[c] += active * dt;
      const used = waterFill(need, active, share, this.sortScratch);
      for (let a = 0; a < active; a++) {
        const u = order[a];
        const waiting = this.traffic.buffer[u];
        const bits = this.traffic.serve(u, share[a] * rate[a], t);
        cells.dlBits[c] += bits;
        ues.dlBits[u] += bits;
        ues.prbSeconds[u] += share[a] * prbs * dt;
        truth.achievedBits += bits;
        // the oracle gets the same share of the carrier, on the best cell and beam
        truth.oracleBits += Math.max(bits, Math.min(waiting, share[a] * oracle[a]));
      }
      cells.prbSeconds[c] += used * prbs * dt;
      this.load[c] = used;
    }
    for (let u = 0; u < n; u++) {
      if (
        this.rrc[u] === Rrc.Reestablishing ||
        (this.rrc[u] === Rrc.Connected && this.sinrDb[u] < this.scenario.rrm.rlf.qOutDb)
      ) {
        truth.outageUeSeconds += dt;
      }
    }
  }

  /** Bits per step UE `u` would get on the true best cell's true best beam, at full share. */
  private oracleBits(u: number, dt: number): number {
    const best = this.trueBestCell[u];
    const j = this.slotOf(u, best);
    if (j < 0) return 0;
    const sinr = this.sinrOf(u, j, this.bestDbm[u * this.k + j]);
    chooseLink(this.cqiTable, sinr, this.scenario.carrier.maxLayers, this.link);
    return this.link.efficiency * this.dlBitsPerSecond * dt;
  }
}

const TILE_PROBES: readonly (readonly [number, number])[] = [
  [0, 0],
  [-0.5, -0.5],
  [0.5, -0.5],
  [-0.5, 0.5],
  [0.5, 0.5],
];

function tileOf(x: number, y: number): number {
  // 2^15 tiles each way around the origin: 800 km at 25 m
  return (Math.floor(x / TILE_M) + 16384) * 32768 + (Math.floor(y / TILE_M) + 16384);
}
