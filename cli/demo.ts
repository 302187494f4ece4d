/**
 * `twinric demo`: everything on one machine, in one process. The simulator runs a scenario (default
 * urban-district) in real time, its gNBs attached to the embedded near-RT RIC; kpimon and the handover
 * app run on the RIC; their metrics and health are served over HTTP. A one-line summary every few
 * seconds, a final one on Ctrl-C or after --duration (--json: machine-readable).
 */
import type { Counter } from "prom-client";
import { EmbeddedRic } from "../ric/embedded.js";
import { serveApps } from "../ric/sdk/http.js";
import { jsonLog, type LogLevel } from "../ric/sdk/log.js";
import { XApp } from "../ric/sdk/xapp.js";
import { keepConnected } from "../sim/agent/connect.js";
import { E2Nodes } from "../sim/agent/e2-nodes.js";
import type { Network } from "../sim/ran/network.js";
import { parseDuration, parseSpeed, runNetwork } from "../sim/run.js";
import type { HandoverApp } from "../xapps/handover/handover.js";
import { XAPPS } from "../xapps/index.js";
import type { Kpimon } from "../xapps/kpimon/kpimon.js";
import { type CliIo, UsageError } from "./io.js";
import { NETWORK_FLAGS, parseHostPort, parseVersion, prepareNetwork } from "./network.js";
import { help, parseOptions } from "./options.js";

export const DEMO_HELP = `usage: twinric demo [--scenario NAME|FILE] [--duration 60s] [--speed realtime|Nx|max]
                    [--http HOST:PORT] [--every 5s] [--json] [--e2ap v2|v3] [--log-level LEVEL]

Runs the whole loop on this machine: the E2 node simulator on a scenario's true world (one gNB per
site), the embedded near-RT RIC (E2 termination, subscription manager, control routing, A1), kpimon
(KPM of every cell and UE as Prometheus metrics) and the handover app (answers each gNB's RC insert
before an A3 handover with an RC handover control: accept, or keep the UE when its link is still
good or it moved moments ago). Runs until Ctrl-C, or for --duration.

  --scenario   a bundled scenario (twinric sim --list) or a scenario YAML file (default urban-district)
  --duration   simulated time to run: 90s, 10m... (default: until Ctrl-C)
  --speed      realtime (default), a multiple such as 5x, or max
  --http       where /metrics and /ric/v1/health/{alive,ready} are served (default 127.0.0.1:8080;
               port 0: any free port)
  --every      how often the one-line summary is printed (default 5s)
  --json       the final summary as JSON on stdout
  --e2ap       E2AP version between the gNBs and the RIC (default v3)
  --log-level  JSON logs on stderr from this level: debug, info, warn (default), error

examples:
  twinric demo
  twinric demo --duration 60s --json > summary.json`;

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...NETWORK_FLAGS,
      duration: { type: "string" },
      speed: { type: "string" },
      http: { type: "string" },
      every: { type: "string" },
      json: { type: "boolean" },
      e2ap: { type: "string" },
      "log-level": { type: "string" },
    },
    DEMO_HELP,
  );
  if (values.help) return help(io, DEMO_HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${DEMO_HELP}`);
  const durationS = values.duration === undefined ? Number.POSITIVE_INFINITY : duration(values.duration, "--duration");
  const everyS = values.every === undefined ? 5 : duration(values.every, "--every");
  const speed = parseSpeed((values.speed as string | undefined) ?? "realtime");
  if (speed === undefined)
    throw new UsageError(`--speed must be realtime, max or a multiple like 5x, got '${values.speed}'`);
  const http = parseHostPort((values.http as string | undefined) ?? "127.0.0.1:8080", "--http");
  const version = parseVersion(values.e2ap as string | undefined, "--e2ap");
  const level = (values["log-level"] as string | undefined) ?? "warn";
  if (!["debug", "info", "warn", "error"].includes(level)) {
    throw new UsageError(`--log-level must be debug, info, warn or error, got '${level}'`);
  }
  const log = (app: string) => jsonLog({ app, level: level as LogLevel });

  const { net, world, prepareS } = await prepareNetwork(values, io);
  const ric = await EmbeddedRic.start({ version, log: log("ric") });
  const e2 = new E2Nodes(net, { version, trueScene: world.actual });
  const links = e2.nodes.map((n) => keepConnected(n.agent, async () => ric.link()));
  const kpimonApp = await XApp.start({ name: "kpimon", platform: ric.platform(), log: log("kpimon") });
  const kpimon = (await XAPPS.kpimon.start(kpimonApp)) as Kpimon;
  let handover: HandoverApp | undefined;
  const handoverApp = await XApp.start({
    name: "handover",
    platform: ric.platform(),
    log: log("handover"),
    policies: XAPPS.handover.policies?.(() => handover),
  });
  handover = (await XAPPS.handover.start(handoverApp)) as HandoverApp;
  const apps = [kpimonApp, handoverApp];
  const server = await serveApps({
    apps,
    host: http.host,
    port: http.port,
    config: { scenario: net.scenario.name, e2ap: version, apps: apps.map((a) => a.name) },
  }).catch((e: Error) => {
    throw new UsageError(`cannot serve HTTP on ${http.host}:${http.port}: ${e.message} (choose another with --http)`);
  });
  io.stderr.write(
    `twinric demo: ${net.scenario.name}, ${e2.nodes.length} gNBs, ${net.ueCount} UEs (world ready in ${prepareS.toFixed(1)} s)\n` +
      `  metrics  ${server.url}/metrics\n  health   ${server.url}/ric/v1/health/ready\n` +
      `  Ctrl-C stops and prints the summary${Number.isFinite(durationS) ? ` (or after ${durationS} s)` : ""}\n`,
  );

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const started = performance.now();
  let lastLine = 0;
  let lastIndications = 0;
  try {
    await runNetwork(net, {
      durationS,
      speed,
      signal: stop.signal,
      onStep: () => e2.tick(),
      mustYield: () => e2.waitingForRic,
      onProgress: (t) => {
        if (t - lastLine < everyS - 1e-9) return;
        lastLine = t;
        void totals(apps, ric, net).then((s) => {
          io.stderr.write(`${line(t, s, s.indications - lastIndications, everyS)}\n`);
          lastIndications = s.indications;
        });
      },
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  const wallS = (performance.now() - started) / 1000;
  const s = await totals(apps, ric, net);
  const summary = {
    scenario: net.scenario.name,
    simulatedS: round(net.timeS, 3),
    wallS: round(wallS, 3),
    e2Nodes: ric.ric.stats().nodes,
    ues: net.ueCount,
    indicationsReceived: s.indications,
    kpmReports: kpimon.reports,
    controls: { sent: s.sent, acknowledged: s.acked, failed: s.failed },
    handovers: { byRic: s.ricHandovers, byNode: s.nodeHandovers },
    handoverApp: { ...handover.stats },
    decisionLatencyMs: s.latency,
    decodeErrors: s.decodeErrors,
    metrics: `${server.url}/metrics`,
  };
  for (const a of apps) await a.stop();
  for (const l of links) l.close();
  await server.close();
  await ric.close();
  e2.close();
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout.write(finalText(summary));
  return 0;
}

function duration(text: unknown, flag: string): number {
  const s = parseDuration(String(text));
  if (s === undefined) throw new UsageError(`${flag} must look like 60s, 500ms, 2m or 1h, got '${text}'`);
  return s;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

async function sumOf(apps: readonly XApp[], pick: (a: XApp) => Counter<string>): Promise<number> {
  let n = 0;
  for (const a of apps) for (const v of (await pick(a).get()).values) n += v.value;
  return n;
}

interface Totals {
  indications: number;
  sent: number;
  acked: number;
  failed: number;
  decodeErrors: number;
  ricHandovers: number;
  nodeHandovers: number;
  latency: { p50: number | null; p99: number | null; count: number };
}

async function totals(apps: readonly XApp[], ric: EmbeddedRic, net: Network): Promise<Totals> {
  const sum = (a: ArrayLike<number>) => {
    let n = 0;
    for (let i = 0; i < a.length; i++) n += a[i];
    return n;
  };
  const all = sum(net.counters.of("handoverSuccesses"));
  const byRic = sum(net.counters.of("ricHandovers"));
  return {
    indications: await sumOf(apps, (a) => a.metrics.indications),
    sent: await sumOf(apps, (a) => a.metrics.controlsSent),
    acked: await sumOf(apps, (a) => a.metrics.controlsAcked),
    failed: await sumOf(apps, (a) => a.metrics.controlsFailed),
    decodeErrors: (await sumOf(apps, (a) => a.metrics.decodeErrors)) + ric.ric.stats().decodeErrors,
    ricHandovers: byRic,
    nodeHandovers: all - byRic,
    latency: await latencyOf(apps),
  };
}

/** p50 / p99 of the decision latency histograms (bucket upper bounds, ms). */
async function latencyOf(apps: readonly XApp[]): Promise<Totals["latency"]> {
  const buckets = new Map<number, number>();
  let count = 0;
  for (const a of apps) {
    for (const v of (await a.metrics.decisionLatency.get()).values) {
      if (v.metricName?.endsWith("_bucket")) {
        const le = Number(v.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : v.labels.le);
        buckets.set(le, (buckets.get(le) ?? 0) + v.value);
      } else if (v.metricName?.endsWith("_count")) count += v.value;
    }
  }
  const at = (q: number) => {
    if (count === 0) return null;
    for (const [le, n] of [...buckets].sort((x, y) => x[0] - y[0])) if (n >= q * count) return le * 1000;
    return null;
  };
  return { p50: at(0.5), p99: at(0.99), count };
}

function line(t: number, s: Totals, newIndications: number, everyS: number): string {
  return (
    `t ${t.toFixed(0).padStart(5)} s | indications ${s.indications} (${(newIndications / everyS).toFixed(0)}/s) | ` +
    `controls ${s.sent} sent, ${s.acked} acked, ${s.failed} failed | handovers by RIC ${s.ricHandovers}, by gNB ${s.nodeHandovers}` +
    (s.decodeErrors ? ` | decode errors ${s.decodeErrors}` : "")
  );
}

function finalText(x: {
  scenario: string;
  simulatedS: number;
  wallS: number;
  indicationsReceived: number;
  controls: { sent: number; acknowledged: number; failed: number };
  handovers: { byRic: number; byNode: number };
  handoverApp: { requests: number; accepted: number; rejectedServingGood: number; rejectedPingPong: number };
  decisionLatencyMs: Totals["latency"];
  decodeErrors: number;
}): string {
  const ms = (v: number | null) => (v === null ? "-" : `<= ${v} ms`);
  return [
    `${x.scenario}: ${x.simulatedS.toFixed(1)} s simulated in ${x.wallS.toFixed(1)} s`,
    `indications received  ${x.indicationsReceived}`,
    `controls              ${x.controls.sent} sent, ${x.controls.acknowledged} acknowledged, ${x.controls.failed} failed`,
    `handovers             ${x.handovers.byRic} by the RIC, ${x.handovers.byNode} by the gNBs themselves`,
    `handover requests     ${x.handoverApp.requests}: ${x.handoverApp.accepted} accepted, ` +
      `${x.handoverApp.rejectedServingGood} kept (serving link good), ${x.handoverApp.rejectedPingPong} kept (ping-pong)`,
    `decision latency      p50 ${ms(x.decisionLatencyMs.p50)}, p99 ${ms(x.decisionLatencyMs.p99)} (${x.decisionLatencyMs.count} decisions)`,
    `decode errors         ${x.decodeErrors}`,
    "",
  ].join("\n");
}
