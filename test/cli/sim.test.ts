/** `twinric sim` end to end: a short run with its report, the cache, and bad flags and files. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./support.js";

const FIXTURE = join(import.meta.dirname, "..", "sim", "fixtures", "two-sites.yaml");
const dir = mkdtempSync(join(tmpdir(), "twinric-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("twinric sim", () => {
  it("runs a scenario, prints a summary, writes the report, and caches the radio maps", async () => {
    const cache = join(dir, "cache");
    const report = join(dir, "report.json");
    const r = await runCli(["sim", "--scenario", FIXTURE, "--duration", "3s", "--cache", cache, "--report", report]);
    expect(r.stderr).not.toMatch(/twinric:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/two-sites \(seed 7\): 3\.0 s simulated/);
    expect(r.stdout).toMatch(/west-1/);
    const json = JSON.parse(readFileSync(report, "utf8"));
    expect(json.scenario).toBe("two-sites");
    expect(json.steps).toBe(150);
    expect(json.cells.map((c: { id: string }) => c.id)).toEqual(["west-1", "east-1"]);
    expect(json.ues.count).toBe(21);
    expect(json.realTimeFactor).toBeGreaterThan(0);
    expect(readdirSync(cache).filter((f) => f.endsWith(".bin"))).toHaveLength(2);
    // the same run from the cache, with another seed: the same maps, another run
    const again = await runCli(["sim", "--scenario", FIXTURE, "--duration", "3s", "--cache", cache, "--seed", "8"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/seed 8/);
    expect(readdirSync(cache).filter((f) => f.endsWith(".bin"))).toHaveLength(2);
  });

  it("lists the bundled scenarios", async () => {
    const r = await runCli(["sim", "--list"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toContain("urban-district");
  });

  it("rejects bad flags and files with one line and exit status 2", async () => {
    const cases: [string[], RegExp][] = [
      [["sim", "--speed", "fast"], /--speed must be/],
      [["sim", "--duration", "ten"], /--duration must look like/],
      [["sim", "--seed", "-3"], /--seed must be/],
      [["sim", "--cache", dir, "--no-cache"], /not both/],
      [["sim", "--scenario", "no-such-scenario"], /no bundled scenario 'no-such-scenario' \(bundled: .*urban-district/],
      [["sim", "--scenario", join(dir, "missing.yaml")], /cannot read/],
    ];
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(FIXTURE, "utf8").replace("heightM: 25", "heightM: -25"));
    cases.push([["sim", "--scenario", bad], /bad\.yaml:\d+: sites\[0\]\.heightM: must be > 0/]);
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });

  it("prints help with an example", async () => {
    const r = await runCli(["sim", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/examples:\n {2}twinric sim --scenario urban-district/);
    expect(r.stdout).toMatch(/--ric 127.0.0.1:36421 --e2ap v2/);
  });
});
