import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Network, Rrc } from "../../sim/ran/network.js";
import { runNetwork } from "../../sim/run.js";
import { loadScenario } from "../../sim/scenario/load.js";
import type { Scenario } from "../../sim/scenario/resolve.js";
import { buildWorld, type World } from "../../sim/world/world.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "two-sites.yaml");

let scenario: Scenario;
let world: World;

beforeAll(async () => {
  scenario = loadScenario(FIXTURE);
  world = await buildWorld(scenario, { cacheDir: null });
});

const network = (s: Scenario = scenario) =>
  new Network({ scenario: s, field: world.field, walk: world.walk, roads: world.roads });

/** A report without its wall-clock figures. */
async function replay(s: Scenario, seconds: number) {
  const { wallS: _w, realTimeFactor: _r, ...rest } = await runNetwork(network(s), { durationS: seconds, speed: "max" });
  return rest;
}

describe("Network", () => {
  it("replays bit for bit with the same seed, and differs with another", async () => {
    const a = await replay(scenario, 5);
    const b = await replay(scenario, 5);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = await replay({ ...scenario, seed: scenario.seed + 1 }, 5);
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it("hands a UE walking from one site to the other over, and keeps it connected", async () => {
    const net = network();
    const cells = new Set<number>();
    let handovers = 0;
    let last = -1;
    for (let i = 0; i < 1000; i++) {
      net.step();
      if (net.rrc[0] === Rrc.Connected) {
        if (last >= 0 && net.serving[0] !== last) handovers++;
        last = net.serving[0];
        cells.add(last);
      }
    }
    // the walker crosses from x = -90 to x = 90 at 10 m/s: done in 18 s of the 20
    expect(net.mobility.x[0]).toBeGreaterThan(85);
    expect(cells.size).toBe(2);
    expect(handovers).toBeGreaterThanOrEqual(1);
    const counted = net.counters.of("handoverSuccesses").reduce((a, b) => a + b, 0);
    const into = net.counters.of("handoversIn").reduce((a, b) => a + b, 0);
    expect(into).toBe(counted);
  });

  it("reports KPIs within their ranges and the truth consistently", async () => {
    const r = await runNetwork(network(), { durationS: 10, speed: "max" });
    expect(r.simulatedS).toBeCloseTo(10, 9);
    expect(r.steps).toBe(500);
    for (const c of r.cells) {
      expect(c.prbUsagePercent).toBeGreaterThanOrEqual(0);
      expect(c.prbUsagePercent).toBeLessThanOrEqual(100 + 1e-9);
      expect(c.handoverSuccesses + c.handoverFailures).toBeLessThanOrEqual(c.handoverAttempts);
    }
    expect(r.totals.dlThroughputMbps).toBeGreaterThan(0);
    expect(r.totals.handovers).toBe(r.cells.reduce((a, c) => a + c.handoverSuccesses, 0));
    expect(r.truth.outageShare).toBeGreaterThanOrEqual(0);
    expect(r.truth.outageShare).toBeLessThanOrEqual(1);
    expect(r.truth.rateVsOracle!).toBeGreaterThan(0);
    expect(r.truth.rateVsOracle!).toBeLessThanOrEqual(1 + 1e-12);
    expect(r.truth.meanBeamGainLossDb!).toBeGreaterThanOrEqual(0);
    expect(Object.values(r.ues.rrcAtEnd).reduce((a, b) => a + b, 0)).toBe(r.ues.count);
  });

  it("executes a handover control after the preparation time, and refuses impossible ones", () => {
    const net = network();
    for (let i = 0; i < 100 && net.rrc[0] !== Rrc.Connected; i++) net.step();
    expect(net.rrc[0]).toBe(Rrc.Connected);
    const source = net.serving[0];
    const target = 1 - source;
    expect(net.handover(0, source)).toEqual({ ok: false, reason: "same-cell" });
    expect(net.handover(0, 7)).toEqual({ ok: false, reason: "unknown-cell" });
    expect(net.handover(999, target)).toEqual({ ok: false, reason: "unknown-ue" });
    expect(net.handover(0, target)).toEqual({ ok: true });
    // preparation 40 ms = 2 steps; then the UE is on the target (or failed there and re-establishes)
    net.step();
    net.step();
    const attempts = net.counters.of("handoverAttempts")[source];
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect([Rrc.Interrupted, Rrc.Reestablishing]).toContain(net.rrc[0]);
    if (net.rrc[0] === Rrc.Interrupted) expect(net.serving[0]).toBe(target);
  });

  it("switches beams on command and refuses a beam the cell does not have", () => {
    const net = network();
    for (let i = 0; i < 100 && net.rrc[0] !== Rrc.Connected; i++) net.step();
    const beams = world.field.beamCount[net.serving[0]];
    const other = (net.servingBeam[0] + 1) % beams;
    expect(net.switchBeam(0, other)).toEqual({ ok: true });
    expect(net.servingBeam[0]).toBe(other);
    expect(net.switchBeam(0, beams)).toEqual({ ok: false, reason: "unknown-beam" });
  });

  it("declares radio-link failure after N310 out-of-sync steps and T310, then re-establishes", () => {
    // Qout above any SINR: every connected UE goes out of sync at once
    const rrm = { ...scenario.rrm, rlf: { ...scenario.rrm.rlf, qOutDb: 80, qInDb: 90, n310: 5, t310Ms: 200 } };
    const net = network({ ...scenario, rrm });
    let connectedAt = -1;
    let failedAt = -1;
    for (let i = 0; i < 200 && failedAt < 0; i++) {
      net.step();
      if (connectedAt < 0 && net.rrc[0] === Rrc.Connected) connectedAt = net.steps;
      if (connectedAt >= 0 && net.rrc[0] === Rrc.Reestablishing) failedAt = net.steps;
    }
    expect(failedAt).toBeGreaterThan(0);
    // monitoring starts the step after connecting; the 5th out-of-sync step starts T310, 200 ms = 10 steps
    expect(failedAt - connectedAt).toBe(5 + 10);
    const rlf = net.counters.of("radioLinkFailures").reduce((a, b) => a + b, 0);
    expect(rlf).toBeGreaterThanOrEqual(1);
    // re-establishment after 200 ms (the default), then it fails again and again
    for (let i = 0; i < 11; i++) net.step();
    expect(net.counters.of("reestablishments").reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it("lets the RIC decide a triggered handover, going ahead alone after the deadline", () => {
    // the walker alone, so every handover attempt is its own
    const net = network({ ...scenario, ues: [scenario.ues[0]] });
    const asked: [number, number, number][] = [];
    net.handoverDecider = (ue, source, target) => {
      asked.push([ue, source, target]);
      return "defer";
    };
    net.ricDeadlineS = 0.5;
    for (let i = 0; i < 1000 && asked.length === 0; i++) net.step();
    expect(asked).toHaveLength(1);
    const [ue, source, target] = asked[0];
    expect(ue).toBe(0);
    expect(target).toBe(1 - source);
    const attempts = () => net.counters.of("handoverAttempts")[source];
    // preparation 40 ms + the RIC's 500 ms = 27 steps without a handover, then the gNB's own
    for (let i = 0; i < 26; i++) {
      net.step();
      expect(attempts()).toBe(0);
    }
    net.step();
    expect(attempts()).toBe(1);
    expect(asked).toHaveLength(1);
  });

  it("switches a cell off (its UEs re-establish elsewhere) and back on (UEs return), telling whoever listens", () => {
    const net = network({
      ...scenario,
      events: [
        { atS: 2, cell: 0, on: false },
        { atS: 6, cell: 0, on: true },
      ],
    });
    const told: [number, boolean][] = [];
    net.onCellState = (cell, on) => told.push([cell, on]);
    const servedBy = (c: number) => [...net.serving].filter((s, u) => s === c && net.rrc[u] !== Rrc.Idle).length;
    for (let i = 0; i < 100; i++) net.step();
    expect(servedBy(0)).toBeGreaterThan(0);
    // off at 2 s: within Qout's N310 + T310 (1.2 s) and re-establishment, nobody is left on it
    for (let i = 0; i < 125; i++) net.step();
    expect(told).toEqual([[0, false]]);
    expect(servedBy(0)).toBe(0);
    const connected = [...net.rrc].findIndex((r) => r === Rrc.Connected);
    expect(net.handover(connected, 0)).toEqual({ ok: false, reason: "cell-off" });
    // back on at 6 s: by 10 s UEs near it have returned
    for (let i = 0; i < 250; i++) net.step();
    expect(told).toEqual([
      [0, false],
      [0, true],
    ]);
    expect(servedBy(0)).toBeGreaterThan(0);
  });

  it("executes the RIC's handover control for a deferred trigger", () => {
    const net = network({ ...scenario, ues: [scenario.ues[0]] });
    let trigger: [number, number] | undefined;
    net.handoverDecider = (_ue, source, target) => {
      trigger = [source, target];
      return "defer";
    };
    for (let i = 0; i < 1000 && !trigger; i++) net.step();
    const [source, target] = trigger!;
    expect(net.handover(0, target)).toEqual({ ok: true });
    net.step();
    net.step();
    expect(net.counters.of("handoverAttempts")[source]).toBe(1);
  });
});
