/** The gNB's own CSI (rrm.csiPeriodMs) and precoders imposed on a UE, on the two-site fixture. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { precoder } from "../../sim/ran/csi.js";
import { csiOf } from "../../sim/ran/csi-engine.js";
import { CqiTable, chooseLink } from "../../sim/ran/link.js";
import { Network, Rrc } from "../../sim/ran/network.js";
import { runNetwork } from "../../sim/run.js";
import { loadScenario } from "../../sim/scenario/load.js";
import type { Scenario } from "../../sim/scenario/resolve.js";
import { buildWorld, type World } from "../../sim/world/world.js";

let scenario: Scenario;
let world: World;
beforeAll(async () => {
  scenario = loadScenario(join(import.meta.dirname, "fixtures", "two-sites.yaml"));
  world = await buildWorld(scenario, { cacheDir: null });
});

const network = (s: Scenario) => new Network({ scenario: s, field: world.field, walk: world.walk, roads: world.roads });

describe("CSI in the RAN", () => {
  it("with rrm.csiPeriodMs, adapts every connected UE's link to its Type I CSI (rank and SINR from the true channel)", async () => {
    const plain = await runNetwork(network(scenario), { durationS: 3, speed: "max" });
    const s = { ...scenario, rrm: { ...scenario.rrm, csiPeriodMs: 80 } };
    const net = network(s);
    const engine = csiOf(net, world.actual);
    expect(csiOf(net, world.actual)).toBe(engine); // one engine per network
    const withCsi = await runNetwork(net, { durationS: 3, speed: "max" });
    expect(withCsi.totals.dlThroughputMbps).not.toBe(plain.totals.dlThroughputMbps);
    // the links follow the CSI, not the SSB beam's SINR: some connected UE's CQI or rank is not what
    // the SSB-based link adaptation would choose
    const ssbLink = (u: number) =>
      chooseLink(new CqiTable(s.carrier.cqiTable), net.sinrDb[u], s.carrier.maxLayers, {
        layers: 1,
        cqi: 0,
        efficiency: 0,
      });
    const connected = [...net.rrc.keys()].filter((u) => net.rrc[u] === Rrc.Connected);
    expect(connected.length).toBeGreaterThan(0);
    const differing = connected.filter((u) => {
      const own = ssbLink(u);
      return own.cqi !== net.cqi[u] || own.layers !== net.layers[u];
    });
    expect(differing.length).toBeGreaterThan(0);
  });

  it("serves a UE with an imposed precoder: one turned away from it lowers its CQI until it expires", () => {
    const net = network(scenario);
    const engine = csiOf(net, world.actual);
    for (let i = 0; i < 100; i++) net.step();
    const u = [...net.rrc.keys()].find((v) => net.rrc[v] === Rrc.Connected)!;
    const cell = net.serving[u];
    const ports = engine.ports[cell];
    const report = engine.report(u, engine.channels([u]).get(u)!, 1)!;
    const turned = {
      ...report.pmi,
      i11: (report.pmi.i11 + (ports.n1 * ports.o1) / 2) % (ports.n1 * ports.o1),
      i13: undefined,
    };
    const good = engine.impose(u, {
      rank: 1,
      w: precoder(ports, 1, { ...report.pmi, i13: undefined, i2: report.pmi.i2 % 4 }),
      untilS: net.timeS + 0.2,
    })!;
    const bad = engine.impose(u, { rank: 1, w: precoder(ports, 1, turned), untilS: net.timeS + 0.2 })!;
    expect(bad).toBeLessThan(good - 3);
    net.step();
    if (net.serving[u] === cell && net.rrc[u] === Rrc.Connected) expect(net.cqi[u]).toBeLessThan(report.cqi);
    // after its validity, the UE's own link adaptation is back (the SSB beam's SINR)
    for (let i = 0; i < 15; i++) net.step();
    if (net.rrc[u] === Rrc.Connected) {
      const own = chooseLink(new CqiTable(scenario.carrier.cqiTable), net.sinrDb[u], scenario.carrier.maxLayers, {
        layers: 1,
        cqi: 0,
        efficiency: 0,
      });
      expect([net.cqi[u], net.layers[u]]).toEqual([own.cqi, own.layers]);
    }
  });
});
