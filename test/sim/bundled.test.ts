/**
 * The bundled scenarios: each loads and resolves, and each builds its true world and serves its UEs
 * (traced coarsely here, to keep the test short: the scenarios' own settings are for real runs).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Network, Rrc } from "../../sim/ran/network.js";
import { runNetwork } from "../../sim/run.js";
import { bundledScenarioDir, bundledScenarioNames, loadScenario } from "../../sim/scenario/load.js";
import type { Scenario } from "../../sim/scenario/resolve.js";
import { buildWorld } from "../../sim/world/world.js";

const ETOILE = join(bundledScenarioDir(), "../../../shared/scenes/sionna/etoile/etoile.xml");

const coarse = (s: Scenario): Scenario => ({
  ...s,
  propagation: { ...s.propagation, resM: Math.max(2, s.propagation.resM * 2), rays: 20_000, maxDepth: 1 },
});

describe("bundled scenarios", () => {
  it("are urban-district, factory, paris-etoile and scale-city, and each resolves", () => {
    expect(bundledScenarioNames().sort()).toEqual(["factory", "paris-etoile", "scale-city", "urban-district"]);
    for (const name of bundledScenarioNames()) {
      const s = loadScenario(name);
      expect(s.name).toBe(name);
      expect(s.cells.length).toBeGreaterThan(0);
      expect(s.ues.reduce((n, g) => n + g.count, 0)).toBeGreaterThan(0);
    }
  });

  it("factory: one 28 GHz TRP with two repeaters, 4 beams each, serves the hall inside its roof", async () => {
    const s = loadScenario("factory");
    expect(s.carrier.frequencyHz).toBe(28e9);
    expect(s.cells).toHaveLength(1);
    expect(s.cells[0].points.map((p) => p.id)).toEqual(["trp-1", "repeater-storage", "repeater-production"]);
    const world = await buildWorld(coarse(s), { cacheDir: null });
    expect([...world.field.beamCount]).toEqual([12]);
    const net = new Network({ scenario: s, field: world.field, walk: world.walk, roads: world.roads });
    const report = await runNetwork(net, { durationS: 5, speed: "max" });
    // everyone served: connected, or idle between web pages; nobody dropped
    expect([...net.rrc].filter((r) => r === Rrc.Reestablishing)).toEqual([]);
    expect(report.truth.outageShare).toBeLessThan(0.05);
    expect(report.totals.dlThroughputMbps).toBeGreaterThan(50);
    // the AGVs stay on their routes inside the hall
    for (let u = 0; u < 8; u++) expect(Math.abs(net.mobility.x[u])).toBeLessThan(30);
  }, 120_000);

  it.runIf(existsSync(ETOILE))(
    "paris-etoile: three sites on Sionna's etoile scene serve its UEs",
    async () => {
      const s = loadScenario("paris-etoile");
      const world = await buildWorld(coarse(s), { cacheDir: null });
      const net = new Network({ scenario: s, field: world.field, walk: world.walk, roads: world.roads });
      const report = await runNetwork(net, { durationS: 5, speed: "max" });
      expect(report.cells.filter((c) => (c.meanConnectedUes ?? 0) > 0).length).toBeGreaterThanOrEqual(6);
      expect(report.truth.outageShare).toBeLessThan(0.2);
    },
    300_000,
  );
});
