/**
 * The HTTP side of apps (serveApps): O-RAN SC's health probes, /metrics merging several apps' registries
 * whose metrics share names (metrics-text.ts), the config, 404s in JSON; and the JSON log lines.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedRic } from "../../../ric/embedded.js";
import { type AppServer, serveApps } from "../../../ric/sdk/http.js";
import { jsonLog } from "../../../ric/sdk/log.js";
import { metricsText } from "../../../ric/sdk/metrics-text.js";
import { XApp } from "../../../ric/sdk/xapp.js";

describe("serveApps", () => {
  let emb: EmbeddedRic;
  let kpimon: XApp;
  let handover: XApp;
  let server: AppServer | undefined;

  beforeEach(async () => {
    emb = await EmbeddedRic.start();
    kpimon = await XApp.start({ name: "kpimon", platform: emb.platform() });
    handover = await XApp.start({ name: "handover", platform: emb.platform() });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await kpimon.stop();
    await handover.stop();
    await emb.close();
  });

  const serve = async (extra: { config?: unknown; registries?: Registry[] } = {}) => {
    server = await serveApps({ apps: [kpimon, handover], port: 0, ...extra });
    return server;
  };

  it("listens on a free loopback port when given port 0", async () => {
    const s = await serve();
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
  });

  it("answers alive with 200", async () => {
    const s = await serve();
    const res = await fetch(`${s.url}/ric/v1/health/alive`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "alive" });
  });

  it("answers ready with 200 when every app is, 503 (naming the one that is not) otherwise", async () => {
    const s = await serve();
    const ready = await fetch(`${s.url}/ric/v1/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      apps: [
        { name: "kpimon", ready: true, platform: "embedded" },
        { name: "handover", ready: true, platform: "embedded" },
      ],
    });
    await handover.stop();
    const notReady = await fetch(`${s.url}/ric/v1/health/ready`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { apps: unknown[] }).apps).toEqual([
      { name: "kpimon", ready: true, platform: "embedded" },
      { name: "handover", ready: false, platform: "embedded" },
    ]);
  });

  it("merges both apps' same-named metrics on /metrics, one HELP and TYPE per name, told apart by app", async () => {
    kpimon.metrics.controlsSent.inc({ node: "gnb_001_001_000001" }, 3);
    handover.metrics.controlsSent.inc({ node: "gnb_001_001_000001" });
    handover.metrics.indicationsDropped.inc(2);
    const ric = new Registry();
    new Gauge({ name: "ric_nodes", help: "the RIC's nodes", registers: [ric] }).set(4);
    const s = await serve({ registries: [ric] });
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const lines = text.split("\n");
    expect(lines.filter((l) => l === "# TYPE twinric_controls_sent_total counter")).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("# HELP twinric_controls_sent_total "))).toHaveLength(1);
    expect(lines).toContain('twinric_controls_sent_total{node="gnb_001_001_000001",app="kpimon"} 3');
    expect(lines).toContain('twinric_controls_sent_total{node="gnb_001_001_000001",app="handover"} 1');
    expect(lines).toContain('twinric_indications_dropped_total{app="kpimon"} 0');
    expect(lines).toContain('twinric_indications_dropped_total{app="handover"} 2');
    expect(lines).toContain('twinric_decision_latency_seconds_count{app="handover"} 0');
    expect(lines).toContain("ric_nodes 4");
    // each family's series follow its header
    const header = lines.indexOf("# TYPE twinric_controls_sent_total counter");
    expect(lines[header + 1]).toMatch(/^twinric_controls_sent_total\{/);
    expect(lines[header + 2]).toMatch(/^twinric_controls_sent_total\{/);
  });

  it("shows the configuration on /ric/v1/config", async () => {
    const s = await serve({ config: { periodMs: 500, nodes: ["a"] } });
    expect(await (await fetch(`${s.url}/ric/v1/config`)).json()).toEqual({ periodMs: 500, nodes: ["a"] });
  });

  it("answers unknown routes with 404 and a JSON error", async () => {
    const s = await serve();
    const res = await fetch(`${s.url}/nope?x=1`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: "no route GET /nope" });
    const post = await fetch(`${s.url}/metrics`, { method: "POST" });
    expect(post.status).toBe(404);
    expect(await post.json()).toEqual({ error: "no route POST /metrics" });
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("frees its port when closed", async () => {
    const s = await serve();
    await s.close();
    server = undefined;
    await expect(fetch(`${s.url}/ric/v1/health/alive`)).rejects.toThrow();
  });
});

describe("metricsText", () => {
  it("groups same-named metrics of several registries under one header, escaping label values", async () => {
    const a = new Registry();
    const b = new Registry();
    a.setDefaultLabels({ app: "a" });
    b.setDefaultLabels({ app: 'b "quoted"\\n' });
    new Counter({ name: "hits_total", help: "Hits\nwith a newline and a \\", registers: [a] }).inc(2);
    new Counter({ name: "hits_total", help: "Hits again", registers: [b] }).inc(5);
    new Gauge({ name: "only_b", help: "b alone", registers: [b] }).set(Number.NaN);
    expect(await metricsText([a, b])).toBe(
      [
        "# HELP hits_total Hits\\nwith a newline and a \\\\",
        "# TYPE hits_total counter",
        'hits_total{app="a"} 2',
        'hits_total{app="b \\"quoted\\"\\\\n"} 5',
        "# HELP only_b b alone",
        "# TYPE only_b gauge",
        'only_b{app="b \\"quoted\\"\\\\n"} NaN',
        "",
      ].join("\n"),
    );
  });

  it("writes infinities as Prometheus does and histograms with their buckets, sum and count", async () => {
    const r = new Registry();
    new Gauge({ name: "up", help: "u", registers: [r] }).set(Number.POSITIVE_INFINITY);
    new Gauge({ name: "down", help: "d", registers: [r] }).set(Number.NEGATIVE_INFINITY);
    new Histogram({ name: "lat", help: "l", buckets: [0.1, 1], registers: [r] }).observe(0.5);
    const text = await metricsText([r]);
    expect(text).toContain("up +Inf\n");
    expect(text).toContain("down -Inf\n");
    expect(text).toContain(
      'lat_bucket{le="0.1"} 0\nlat_bucket{le="1"} 1\nlat_bucket{le="+Inf"} 1\nlat_sum 0.5\nlat_count 1\n',
    );
  });

  it("is empty for no registries", async () => {
    expect(await metricsText([])).toBe("");
  });
});

describe("jsonLog", () => {
  const capture = (level?: "debug" | "info" | "warn" | "error") => {
    const lines: string[] = [];
    const log = jsonLog({ app: "kpimon", level, write: (l) => lines.push(l) });
    return { lines, log };
  };

  it("writes one JSON object per line: ts, level, app, event, then the detail", () => {
    const { lines, log } = capture();
    const before = Date.now();
    log("info", "subscribed", { node: "gnb_001_001_000001", admitted: [1] });
    log("error", "gone", {});
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).not.toContain("\n");
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first)).toEqual(["ts", "level", "app", "event", "node", "admitted"]);
    expect(first).toMatchObject({
      level: "info",
      app: "kpimon",
      event: "subscribed",
      node: "gnb_001_001_000001",
      admitted: [1],
    });
    expect(Date.parse(first.ts)).toBeGreaterThanOrEqual(before - 1000);
    expect(first.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.parse(lines[1])).toMatchObject({ level: "error", event: "gone" });
  });

  it("keeps the levels at or above its own (info by default)", () => {
    const byDefault = capture();
    byDefault.log("info", "a", {});
    byDefault.log("warn", "b", {});
    expect(byDefault.lines.map((l) => JSON.parse(l).event)).toEqual(["a", "b"]);
    const warnOnly = capture("warn");
    warnOnly.log("info", "dropped", {});
    warnOnly.log("warn", "kept", {});
    warnOnly.log("error", "kept too", {});
    expect(warnOnly.lines.map((l) => JSON.parse(l).event)).toEqual(["kept", "kept too"]);
    const errorOnly = capture("error");
    errorOnly.log("warn", "dropped", {});
    expect(errorOnly.lines).toEqual([]);
  });

  it("never lets a detail field overwrite ts, level, app or event", () => {
    const { lines, log } = capture();
    log("error", "policy-refused", { app: "planner", level: "debug", event: "other" });
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", app: "kpimon", event: "policy-refused" });
  });
});
