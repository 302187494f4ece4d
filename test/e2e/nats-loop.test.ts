/**
 * The same loop over NATS with every part its own process: nats-server, `twinric ric`, `twinric sim
 * --ric`, kpimon, and two replicas of the handover app sharing the load through a queue group.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsTestServer, startNatsServer } from "../support/nats-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "test", "support", "twinric-cli.ts");
const FIXTURE = join(ROOT, "test", "sim", "fixtures", "two-sites.yaml");

interface Proc {
  readonly child: ChildProcess;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function twinric(args: string[]): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: ROOT, stdio: "pipe" });
  const p: Proc = {
    child,
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stderr?.on("data", (d) => {
    p.stderr += d;
  });
  child.stdout?.resume();
  return p;
}

/** Waits until a process's stderr matches, and returns the match. */
async function waitFor(p: Proc, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = p.stderr.match(pattern);
    if (m) return m;
    if (p.child.exitCode !== null) throw new Error(`process exited (${p.child.exitCode}): ${p.stderr}`);
    if (Date.now() > until) throw new Error(`no ${pattern} in time; stderr: ${p.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sum of a metric's series on a /metrics page. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  let sum = 0;
  for (const line of text.split("\n"))
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.split(" ").pop());
  return sum;
}

describe("the standalone RIC on NATS, every part a process", () => {
  let nats: NatsTestServer;
  const procs: Proc[] = [];
  const dir = mkdtempSync(join(tmpdir(), "twinric-nats-loop-"));

  beforeAll(async () => {
    nats = await startNatsServer();
  });

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGTERM");
    await Promise.all(
      procs.map((p) =>
        Promise.race([p.exited, new Promise((r) => setTimeout(r, 5000)).then(() => p.child.kill("SIGKILL"))]),
      ),
    );
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the loop: replicas share the inserts, every control is acknowledged, the RIC's handovers are counted", async () => {
    const ric = twinric(["ric", "--nats", nats.url, "--e2", "127.0.0.1:0", "--log-level", "warn"]);
    procs.push(ric);
    const e2port = (await waitFor(ric, /on 127\.0\.0\.1:(\d+)/))[1];
    const apps = ["kpimon", "handover", "handover"].map((name) =>
      twinric(["xapp", name, "--nats", nats.url, "--http", "127.0.0.1:0", "--log-level", "warn"]),
    );
    procs.push(...apps);
    const urls = await Promise.all(apps.map(async (a) => (await waitFor(a, /metrics (http:\/\/[^\s,]+)/))[1]));
    const report = join(dir, "report.json");
    // 4x real time: fast, yet the apps' wall-clock thresholds still mean something
    const sim = twinric([
      "sim",
      "--scenario",
      FIXTURE,
      "--no-cache",
      "--ric",
      `127.0.0.1:${e2port}`,
      "--duration",
      "40s",
      "--speed",
      "4x",
      "--report",
      report,
    ]);
    procs.push(sim);
    expect(await sim.exited, sim.stderr).toBe(0);
    const r = JSON.parse(readFileSync(report, "utf8"));

    const [kpimonUrl, ho1, ho2] = urls;
    expect(await metric(kpimonUrl, "kpimon_cell_kpi")).toBeGreaterThan(0);
    expect(await metric(kpimonUrl, "twinric_indications_total")).toBeGreaterThan(0);
    const sent = [await metric(ho1, "twinric_controls_sent_total"), await metric(ho2, "twinric_controls_sent_total")];
    const acked = [
      await metric(ho1, "twinric_controls_acked_total"),
      await metric(ho2, "twinric_controls_acked_total"),
    ];
    // the queue group: both replicas took inserts, none was answered twice
    expect(sent[0]).toBeGreaterThan(0);
    expect(sent[1]).toBeGreaterThan(0);
    expect(acked[0] + acked[1]).toBe(r.e2.controlsAcked);
    // the gNBs' count: acknowledged plus refused (a UE may have left) is every control sent
    expect(r.e2.controlsAcked + r.e2.controlsFailed).toBe(sent[0] + sent[1]);
    expect(r.e2.controlsAcked).toBeGreaterThan(0);
    expect(r.totals.ricHandovers).toBeGreaterThan(0);
    // (a gNB goes ahead on its own only when an answer misses its 100 ms deadline: rare on loopback)
    expect(r.totals.ricHandovers).toBeLessThanOrEqual(r.totals.handovers);
    expect(r.totals.ricHandovers).toBeGreaterThanOrEqual(r.totals.handovers / 2);
    for (const p of [ric, ...apps]) expect(p.stderr).not.toMatch(/"level":"error"/);
  });
});
