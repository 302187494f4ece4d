/**
 * The first closed loop, embedded (`twinric demo`): the simulator's gNBs on the in-process RIC, kpimon
 * and the handover app on it; every RC insert answered by a control the gNB acknowledges, and the
 * handovers it led to counted by the simulator as the RIC's.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/support.js";

const FIXTURE = join(import.meta.dirname, "..", "sim", "fixtures", "two-sites.yaml");

describe("twinric demo (embedded)", () => {
  it("closes the loop: indications in, controls out and acknowledged, handovers made by the RIC", async () => {
    const r = await runCli([
      "demo",
      "--scenario",
      FIXTURE,
      "--duration",
      "40s",
      "--speed",
      "max",
      "--http",
      "127.0.0.1:0",
      "--no-cache",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/metrics {2}http:\/\/127\.0\.0\.1:\d+\/metrics/);
    const s = JSON.parse(r.stdout);
    expect(s.e2Nodes).toBe(2);
    expect(s.simulatedS).toBe(40);
    expect(s.kpmReports).toBeGreaterThan(0);
    expect(s.indicationsReceived).toBeGreaterThan(s.handoverApp.requests);
    // every insert got an answer, and every answer an acknowledge
    expect(s.handoverApp.requests).toBeGreaterThan(0);
    expect(s.controls.sent).toBe(s.handoverApp.requests);
    expect(s.controls.acknowledged + s.controls.failed).toBe(s.controls.sent);
    expect(s.controls.failed).toBe(0);
    expect(s.handoverApp.accepted + s.handoverApp.rejectedServingGood + s.handoverApp.rejectedPingPong).toBe(
      s.handoverApp.requests,
    );
    // the gNBs waited for the RIC each time: no handover went ahead on the gNB's own
    expect(s.handovers.byRic).toBeGreaterThan(0);
    expect(s.handovers.byRic).toBeLessThanOrEqual(s.handoverApp.accepted);
    expect(s.handovers.byNode).toBe(0);
    expect(s.decodeErrors).toBe(0);
    expect(s.decisionLatencyMs.count).toBe(s.controls.sent);
  });

  it("rejects bad flags with a usage error", async () => {
    const r = await runCli(["demo", "--speed", "fast"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--speed must be realtime, max or a multiple like 5x, got 'fast'/);
    const d = await runCli(["demo", "--http", "nowhere"]);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--http must be HOST:PORT/);
  });
});
