/**
 * Simulator speed: the real-time factor of a scenario's RAN at full speed (radio maps precomputed and
 * cached first; their tracing time is reported apart), side by side in one process:
 *
 *   ran       the RAN alone
 *   e2-kpm    + every gNB's E2 agent reporting cell-level KPM (format 1, 7 measurements) every 100 ms
 *             to an in-process RIC
 *   e2-full   + UE-level KPM of every UE (format 4), BM beam and position reports, all every 100 ms,
 *             and RC insert on every A3 handover (the RIC does not answer: the gNB waits the deadline)
 *   e2-csi    + cell-level KPM and Type I CSI reports of every UE every 100 ms (each UE's paths traced
 *             on the true scene whenever it moved a metre)
 *
 * with E2 messages and bytes per second produced and the process's memory after the runs. The RIC
 * answers E2 Setup and subscriptions; indications it only counts (their decoding is the RIC's cost).
 *
 *   npx tsx bench/sim.ts [--scenario urban-district] [--duration 60] [--runs 3] [--modes ran,e2-kpm,e2-full]
 */
import { parseArgs } from "node:util";
import { E2apCodec, type E2Message, e2setupResponse } from "../e2sm/index.js";
import { inProcessLinkPair } from "../ric/transports/in-process.js";
import { E2Nodes } from "../sim/agent/e2-nodes.js";
import { Network } from "../sim/ran/network.js";
import { runNetwork } from "../sim/run.js";
import { loadScenario } from "../sim/scenario/load.js";
import { defaultCacheDir } from "../sim/world/coverage.js";
import { buildWorld } from "../sim/world/world.js";
import {
  bmAction,
  bmSubscription,
  csiSubscription,
  kpmAction,
  kpmSubscription,
  rcInsertSubscription,
  testCond,
} from "../test/sim/agent/harness.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "urban-district" },
    duration: { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
    modes: { type: "string", default: "ran,e2-kpm,e2-full,e2-csi" },
  },
});
const durationS = Number(values.duration);
const scenario = loadScenario(values.scenario!);
const started = performance.now();
const world = await buildWorld(scenario, { cacheDir: defaultCacheDir() });
const worldS = (performance.now() - started) / 1000;

type Mode = "ran" | "e2-kpm" | "e2-full" | "e2-csi";
const ALL_MODES: Mode[] = ["ran", "e2-kpm", "e2-full", "e2-csi"];
const MODES = values.modes!.split(",") as Mode[];
for (const m of MODES) if (!ALL_MODES.includes(m)) throw new Error(`--modes: no mode ${m} (${ALL_MODES.join(", ")})`);

const CELL_MEASURES = [
  "DRB.UEThpDl",
  "DRB.RlcSduTransmittedVolumeDL",
  "RRU.PrbUsedDl",
  "RRU.PrbTotDl",
  "RRC.ConnMean",
  "RSRP",
  "SINR",
];

/** What a RIC subscribes to in each mode, right after E2 Setup. */
function subscriptions(mode: Mode): E2Message[] {
  const kpm = kpmSubscription(1, 100, kpmAction.format1(CELL_MEASURES, 100));
  if (mode === "e2-kpm") return [kpm];
  if (mode === "e2-csi") return [kpm, csiSubscription(6, 100)];
  const ueMeasures = ["DRB.UEThpDl", "RRU.PrbUsedDl", "RSRP", "SINR", "CQI"];
  return [
    kpm,
    kpmSubscription(2, 100, kpmAction.format4(testCond("cQI", "present"), ueMeasures, 100)),
    bmSubscription(3, 100, bmAction.beams(4)),
    bmSubscription(4, 100, bmAction.positions()),
    rcInsertSubscription(5),
  ];
}

/** A RIC end that sets the node up and subscribes, then only counts what arrives. */
function sinkRic(
  link: ReturnType<typeof inProcessLinkPair>[1],
  mode: Mode,
  totals: { messages: number; bytes: number },
) {
  const codec = new E2apCodec({ version: 3 });
  let setUp = false;
  link.listen({
    message(pdu) {
      totals.messages++;
      totals.bytes += pdu.length;
      if (setUp) return;
      const msg = codec.decode(pdu);
      if (msg.procedure !== "E2setup") return;
      setUp = true;
      const accepted = msg.ies.RANfunctionsAdded.map((f: { ranFunctionID: number }) => ({ id: f.ranFunctionID }));
      link.send(
        codec.encode(e2setupResponse({ transactionId: msg.ies.TransactionID, plmn: "00f110", ricId: 1, accepted })),
      );
      for (const s of subscriptions(mode)) link.send(codec.encode(s));
    },
    closed() {},
  });
}

const results = new Map<Mode, { rtf: number[]; messages: number[]; bytes: number[] }>(
  MODES.map((m) => [m, { rtf: [], messages: [], bytes: [] }]),
);
let ueCount = 0;
let steps = 0;
for (let r = 0; r < Number(values.runs); r++) {
  for (const mode of MODES) {
    const net = new Network({ scenario, field: world.field, walk: world.walk, roads: world.roads });
    const totals = { messages: 0, bytes: 0 };
    let e2: E2Nodes | undefined;
    if (mode !== "ran") {
      e2 = new E2Nodes(net, { version: 3, trueScene: mode === "e2-csi" ? world.actual : undefined });
      for (const node of e2.nodes) {
        const [nodeEnd, ricEnd] = inProcessLinkPair();
        void node.agent.connect(nodeEnd);
        sinkRic(ricEnd, mode, totals);
      }
      for (let i = 0; i < 10; i++) await new Promise((done) => setImmediate(done)); // setup and subscriptions
    }
    const report = await runNetwork(net, {
      durationS,
      speed: "max",
      onStep: e2 ? () => e2.tick() : undefined,
      mustYield: e2 ? () => e2.waitingForRic : undefined,
    });
    e2?.close();
    const entry = results.get(mode)!;
    entry.rtf.push(report.realTimeFactor);
    entry.messages.push(totals.messages / report.wallS);
    entry.bytes.push(totals.bytes / report.wallS);
    ueCount = report.ues.count;
    steps = report.steps;
    process.stderr.write(
      `run ${r + 1} ${mode}: ${report.realTimeFactor.toFixed(1)}x real time, ${Math.round(totals.messages / report.wallS)} E2 messages/s\n`,
    );
  }
}
const mem = process.memoryUsage();
console.log(
  `${scenario.name}: ${scenario.cells.length} cells, ${ueCount} UEs, ${scenario.rrm.tickMs} ms steps, ${durationS} s simulated (${steps} steps), world ready in ${worldS.toFixed(1)} s, RSS after the runs ${Math.round(mem.rss / 2 ** 20)} MiB`,
);
console.log("");
console.log("| mode | real-time factor (median) | runs | E2 messages/s | E2 kB/s |");
console.log("|---|---|---|---|---|");
for (const [mode, e] of results) {
  console.log(
    `| ${mode} | ${median(e.rtf).toFixed(1)}x | ${e.rtf.map((f) => f.toFixed(1)).join(", ")} | ` +
      `${Math.round(median(e.messages)).toLocaleString("en")} | ${Math.round(median(e.bytes) / 1000).toLocaleString("en")} |`,
  );
}
