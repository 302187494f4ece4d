/**
 * Simulator speed: the real-time factor of a scenario's RAN at full speed (radio maps precomputed and
 * cached first; their tracing time is reported apart), with steps per second, UE-steps per second and
 * the process's memory after the run.
 *
 *   npx tsx bench/sim.ts [--scenario urban-district] [--duration 60] [--runs 3]
 */
import { parseArgs } from "node:util";
import { Network } from "../sim/ran/network.js";
import { runNetwork } from "../sim/run.js";
import { loadScenario } from "../sim/scenario/load.js";
import { defaultCacheDir } from "../sim/world/coverage.js";
import { buildWorld } from "../sim/world/world.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "urban-district" },
    duration: { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
  },
});
const durationS = Number(values.duration);
const scenario = loadScenario(values.scenario!);
const started = performance.now();
const world = await buildWorld(scenario, { cacheDir: defaultCacheDir() });
const worldS = (performance.now() - started) / 1000;

const factors: number[] = [];
let ueCount = 0;
let steps = 0;
for (let r = 0; r < Number(values.runs); r++) {
  const net = new Network({ scenario, field: world.field, walk: world.walk, roads: world.roads });
  const report = await runNetwork(net, { durationS, speed: "max" });
  factors.push(report.realTimeFactor);
  ueCount = report.ues.count;
  steps = report.steps;
  process.stderr.write(`run ${r + 1}: ${report.realTimeFactor.toFixed(1)}x real time\n`);
}
const rtf = median(factors);
const mem = process.memoryUsage();
const stepsPerS = (steps / durationS) * rtf;
console.log("| scenario | cells | UEs | step | simulated | real-time factor (median) | steps/s | UE-steps/s | RSS | world ready |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
console.log(
  `| ${scenario.name} | ${scenario.cells.length} | ${ueCount} | ${scenario.rrm.tickMs} ms | ${durationS} s | ` +
    `${rtf.toFixed(1)}x (runs ${factors.map((f) => f.toFixed(1)).join(", ")}) | ${Math.round(stepsPerS)} | ` +
    `${Math.round(stepsPerS * ueCount).toLocaleString("en")} | ${Math.round(mem.rss / 2 ** 20)} MiB | ${worldS.toFixed(1)} s |`,
);
