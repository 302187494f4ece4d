/** `twinric sim --ric`: the gNBs over E2AP/TCP to a RIC double on loopback, both E2AP versions. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { E2apVersion } from "../../e2sm/index.js";
import { listenE2 } from "../../ric/transports/tcp.js";
import { kpmAction, kpmSubscription } from "../sim/agent/harness.js";
import { RicDouble } from "../support/ric-double.js";
import { runCli } from "./support.js";

const FIXTURE = join(import.meta.dirname, "..", "sim", "fixtures", "two-sites.yaml");
const dir = mkdtempSync(join(tmpdir(), "twinric-sim-ric-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([2, 3] as E2apVersion[])("twinric sim --ric, E2AP v%i", (version) => {
  it("sets every gNB up over TCP, reports KPM to the RIC, and counts the messages", async () => {
    const rics: RicDouble[] = [];
    const kpm = version === 3 ? "kpm-v3" : "kpm-v2";
    const server = await listenE2({ host: "127.0.0.1", port: 0 }, (link) => {
      const ric = new RicDouble(link, version);
      rics.push(ric);
      ric
        .next((m) => m.procedure === "E2setup")
        .then(() => ric.send(kpmSubscription(1, 500, kpmAction.format1(["DRB.UEThpDl", "RRC.ConnMean"], 500), kpm)));
    });
    try {
      const report = join(dir, `report-v${version}.json`);
      const r = await runCli([
        "sim",
        "--scenario",
        FIXTURE,
        "--ric",
        `127.0.0.1:${server.port}`,
        "--e2ap",
        `v${version}`,
        "--kpm",
        `v${version}`,
        "--duration",
        "4s",
        "--speed",
        "4x",
        "--cache",
        join(dir, "cache"),
        "--report",
        report,
      ]);
      expect(r.stderr).not.toMatch(/twinric:|unreachable/);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/e2 west: connected tcp 127\.0\.0\.1/);
      expect(r.stdout).toMatch(new RegExp(`E2 \\(E2AP v${version}, KPM v${version}\\): 2/2 gNBs set up`));
      const json = JSON.parse(readFileSync(report, "utf8"));
      expect(rics).toHaveLength(2);
      const indications = rics.flatMap((ric) => ric.of("RICindication"));
      expect(indications.length).toBeGreaterThanOrEqual(2 * 6); // 4 s at 500 ms, some lost to setup time
      expect(json.e2.indications).toBe(indications.length);
      expect(json.e2.messagesOut).toBe(rics.reduce((n, ric) => n + ric.received.length, 0));
      expect(json.e2.byType["RICsubscription/successfulOutcome"]).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe("twinric sim --ric", () => {
  it("keeps running and says so when the RIC is not there", async () => {
    const server = await listenE2({ host: "127.0.0.1", port: 0 }, () => {});
    const port = server.port;
    await server.close();
    const r = await runCli([
      "sim",
      "--scenario",
      FIXTURE,
      "--ric",
      `127.0.0.1:${port}`,
      "--duration",
      "1s",
      "--speed",
      "max",
      "--cache",
      join(dir, "cache"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`e2 west: unreachable cannot reach 127\\.0\\.0\\.1:${port}`));
    expect(r.stdout).toMatch(/0\/2 gNBs set up/);
  });

  it("rejects a malformed --ric, --e2ap or --kpm", async () => {
    for (const [args, message] of [
      [["--ric", "localhost"], /--ric must be HOST:PORT/],
      [["--ric", "127.0.0.1:70000"], /--ric must be HOST:PORT/],
      [["--e2ap", "v4"], /--e2ap must be v2 or v3/],
      [["--kpm", "1"], /--kpm must be v2 or v3/],
    ] as [string[], RegExp][]) {
      const r = await runCli(["sim", "--scenario", FIXTURE, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
