/**
 * The RIC platform under load: one xApp process (the handover app) taking KPM UE reports and
 * answering RC handover inserts, on the embedded RIC (one process) and over NATS (a real nats-server
 * on loopback; the app in its own process, as deployed, the RIC and the gNB in this one). A synthetic gNB (ric-load-node.ts) sends at
 * fixed rates and times each insert until its control arrives (indication-to-control latency: node ->
 * RIC -> bus -> app decision -> bus -> RIC -> node), then sends UE reports as fast as the app keeps up.
 *
 *   npx tsx bench/ric.ts [--platforms embedded,nats] [--seconds 5] [--runs 3] [--ue-rate 10000]
 *                        [--insert-rates 1000,10000] [--ues-per-report 100]
 */
import { spawn } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Bus } from "../ric/bus/bus.js";
import { InProcessBus } from "../ric/bus/in-process.js";
import { NatsBus } from "../ric/bus/nats.js";
import { BusPlatform } from "../ric/sdk/bus-platform.js";
import { XApp } from "../ric/sdk/xapp.js";
import { NearRtRic } from "../ric/services/ric.js";
import { inProcessLinkPair } from "../ric/transports/in-process.js";
import { startNatsServer } from "../test/support/nats-server.js";
import { HandoverApp } from "../xapps/handover/handover.js";
import { median } from "./median.js";
import { LoadNode } from "./ric-load-node.js";

const { values } = parseArgs({
  options: {
    platforms: { type: "string", default: "embedded,nats" },
    seconds: { type: "string", default: "5" },
    runs: { type: "string", default: "3" },
    "ue-rate": { type: "string", default: "10000" },
    "insert-rates": { type: "string", default: "1000,10000" },
    "ues-per-report": { type: "string", default: "100" },
    "app-only": { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const RUNS = Number(values.runs);
const UE_RATE = Number(values["ue-rate"]);
const INSERT_RATES = values["insert-rates"].split(",").map(Number);
const PER_REPORT = Number(values["ues-per-report"]);
/** The drivers pace themselves by a 1 ms timer: a setImmediate loop would spin a core the RIC and app need. */
const tick = () => new Promise<void>((r) => setTimeout(r, 1));

interface Rig {
  node: LoadNode;
  /** UE reports the app has taken in so far. */
  ueReports(): number;
  close(): Promise<void>;
}

/** The app: the handover xApp without its ping-pong guard (every insert treated alike). */
async function startApp(bus: Bus) {
  const app = await XApp.start({ name: "handover", platform: new BusPlatform(bus), controlTimeoutMs: 2000 });
  return { app, handover: await HandoverApp.start(app, { thresholds: { minStayMs: 0 } }) };
}

async function rig(platform: string, natsUrl: string | undefined): Promise<Rig> {
  const bus: Bus =
    platform === "nats" ? await NatsBus.connect({ servers: natsUrl!, name: "bench-ric" }) : new InProcessBus();
  const ric = await NearRtRic.start({ bus, version: 3, controlTimeoutMs: 2000 });
  const node = new LoadNode(10_000, PER_REPORT);
  const [nodeEnd, ricEnd] = inProcessLinkPair();
  ric.attach(ricEnd);
  const ready = node.start(nodeEnd);
  let ueReports: () => number;
  let stopApp: () => Promise<void>;
  if (platform === "nats") {
    // the app in its own process, as deployed; it publishes its count of UE reports every 20 ms
    let count = 0;
    const stats = bus.subscribe("bench.ue-reports", (m) => {
      count = Number(new TextDecoder().decode(m.data));
    });
    // the parent's node flags (a loader, --cpu-prof when profiling) go to the app too
    const flags = process.execArgv.length ? process.execArgv : ["--import", "tsx"];
    const child = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), "--app-only", natsUrl!], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    ueReports = () => count;
    stopApp = async () => {
      stats.unsubscribe();
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    };
  } else {
    const { app, handover } = await startApp(bus);
    ueReports = () => handover.stats.ueReports;
    stopApp = () => app.stop();
  }
  await ready;
  return {
    node,
    ueReports: () => ueReports(),
    async close() {
      await stopApp();
      await ric.close();
      nodeEnd.close();
      await bus.close();
    },
  };
}

if (values["app-only"]) {
  const bus = await NatsBus.connect({ servers: values["app-only"], name: "bench-app" });
  const { app, handover } = await startApp(bus);
  const timer = setInterval(
    () => bus.publish("bench.ue-reports", new TextEncoder().encode(String(handover.stats.ueReports))),
    20,
  );
  process.once("SIGTERM", async () => {
    clearInterval(timer);
    await app.stop();
    await bus.close();
    process.exit(0);
  });
  await new Promise(() => {});
}

/** Sends UE reports and inserts at the given rates for `seconds`; returns the latencies after the first second. */
async function drive(r: Rig, ueRate: number, insertRate: number, seconds: number) {
  const start = performance.now();
  let reports = 0;
  let inserts = 0;
  let warm = false;
  const ueReportsAtWarm = { n: 0, t: 0 };
  for (;;) {
    const now = performance.now();
    const t = (now - start) / 1000;
    if (t >= seconds) break;
    if (!warm && t >= 1) {
      warm = true;
      r.node.latencies = [];
      ueReportsAtWarm.n = r.ueReports();
      ueReportsAtWarm.t = now;
    }
    while (reports < (t * ueRate) / PER_REPORT) {
      r.node.sendUeReport();
      reports++;
    }
    while (inserts < t * insertRate) {
      r.node.sendInsert();
      inserts++;
    }
    await tick();
  }
  // let the last answers come
  for (let i = 0; i < 200 && r.node.controls < inserts; i++) await new Promise((res) => setTimeout(res, 5));
  const lat = [...r.node.latencies].sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? Number.NaN;
  const ueReportsPerS = ((r.ueReports() - ueReportsAtWarm.n) * 1000) / (performance.now() - ueReportsAtWarm.t);
  return { p50: q(0.5), p99: q(0.99), samples: lat.length, ueReportsPerS, lost: inserts - r.node.controls };
}

/** UE reports as fast as the app takes them in: a window of reports in flight. */
async function saturate(r: Rig, seconds: number, window: number) {
  let sent = 0;
  const taken = () => r.ueReports() / PER_REPORT;
  const base = taken();
  const start = performance.now();
  let warmAt = 0;
  let warmTaken = 0;
  for (;;) {
    const t = (performance.now() - start) / 1000;
    if (t >= seconds) break;
    if (!warmAt && t >= 1) {
      warmAt = performance.now();
      warmTaken = taken();
    }
    while (sent - (taken() - base) < window) {
      r.node.sendUeReport();
      sent++;
    }
    await tick();
  }
  return ((taken() - warmTaken) * PER_REPORT * 1000) / (performance.now() - warmAt);
}

const nats = values.platforms.includes("nats") ? await startNatsServer() : undefined;
console.log(
  `# RIC platform, ${cpus()[0]?.model} (${cpus().length} cores), Node ${process.version}; ${RUNS} runs x ${SECONDS} s, median`,
);
console.log(`# UE reports: KPM format 3 with ${PER_REPORT} UEs each; inserts: RC insert style 3, one UE each\n`);
console.log("| platform | load | insert->control p50 (ms) | p99 (ms) | UE reports/s taken | unanswered |");
console.log("|---|---|---:|---:|---:|---:|");
try {
  for (const platform of values.platforms.split(",")) {
    for (const insertRate of INSERT_RATES) {
      const runs: Awaited<ReturnType<typeof drive>>[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await rig(platform, nats?.url);
        runs.push(await drive(r, UE_RATE, insertRate, SECONDS));
        await r.close();
      }
      const m = (f: (x: (typeof runs)[number]) => number) => median(runs.map(f));
      console.log(
        `| ${platform} | ${UE_RATE} UE reports/s + ${insertRate} inserts/s | ${m((x) => x.p50).toFixed(3)} | ${m((x) => x.p99).toFixed(3)} | ` +
          `${m((x) => x.ueReportsPerS).toFixed(0)} | ${m((x) => x.lost)} |`,
      );
    }
    const sat: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await rig(platform, nats?.url);
      // a window of UE reports in flight (the NATS app's count comes every 20 ms: a wider one keeps it busy meanwhile)
      const windowUes = platform === "nats" ? 51_200 : 6_400;
      sat.push(await saturate(r, SECONDS, Math.ceil(windowUes / PER_REPORT)));
      await r.close();
    }
    console.log(`| ${platform} | UE reports only, as fast as taken | - | - | ${median(sat).toFixed(0)} | - |`);
  }
} finally {
  await nats?.stop();
}
