/**
 * `twinric sim`: the E2 node simulator's RAN on a scenario's true world, run for a duration, with a
 * summary on stdout and the full JSON report on request.
 */
import { writeFileSync } from "node:fs";
import { connectE2 } from "../ric/transports/tcp.js";
import { keepConnected } from "../sim/agent/connect.js";
import { E2Nodes } from "../sim/agent/e2-nodes.js";
import type { SimReport } from "../sim/report.js";
import { parseDuration, parseSpeed, runNetwork } from "../sim/run.js";
import { bundledScenarioNames } from "../sim/scenario/load.js";
import { WorldError } from "../sim/world/scene.js";
import { ConfigFileError } from "../twin/config/yaml-config.js";
import { isSceneError } from "../twin/scene/index.js";
import { type CliIo, UsageError } from "./io.js";
import { NETWORK_FLAGS, parseHostPort, parseVersion, prepareNetwork } from "./network.js";
import { help, parseOptions } from "./options.js";
import { progress } from "./progress.js";

export const SIM_HELP = `usage: twinric sim [--scenario NAME|FILE] [--ric HOST:PORT] [--e2ap v2|v3] [--kpm v2|v3]
                   [--duration 60s] [--speed max|realtime|Nx] [--report out.json]
                   [--seed N] [--cache DIR | --no-cache] [--threads N] [--list]

Runs the RAN of a scenario on its true world: UEs moving and loading the cells, measurements with
fading and noise, SSB beam management, A3 handovers, radio-link failures, proportional-fair
scheduling, and the ground truth (true best beam and cell, the oracle's rate). The first run of a
scenario traces its radio maps on the true scene (progress on stderr) and caches them (--cache,
default $TWINRIC_CACHE or ~/.cache/twinric); later runs start at once.

  --scenario   a bundled scenario (--list shows them; default urban-district) or a scenario YAML file
  --ric        connect every gNB (one per site) to a RIC's E2 endpoint: E2AP over TCP, each PDU behind a
               4-byte big-endian length (twinric's RIC). The gNBs announce E2SM-KPM, E2SM-RC (UE
               information reports, handover control, insert style 3), E2SM-BM and E2SM-CSI, and dial
               again when the link drops
  --e2ap       E2AP version of the connections (default v3; O-RAN SC's e2term speaks v2)
  --kpm        E2SM-KPM version announced (default v3)
  --duration   simulated time: 90, 90s, 500ms, 2m, 1h (default: the scenario's durationS)
  --speed      max, realtime, or a multiple of real time such as 10x (default: max, realtime with --ric)
  --report     write the JSON report (per-cell KPIs, handovers, ping-pongs, RLFs, beam switches,
               beam-gain loss against the true best beam, rate against the oracle, real-time factor)
  --seed       override the scenario's seed (same seed, same run, bit for bit)

examples:
  twinric sim --scenario urban-district --duration 60s --report report.json
  twinric sim --scenario urban-district --ric 127.0.0.1:36421 --e2ap v2 --duration 10m`;

export async function simCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await simulate(argv, io);
  } catch (e) {
    // broken scenario files, scenes and settings: one line, exit status 2
    if (e instanceof ConfigFileError || e instanceof WorldError || e instanceof RangeError || isSceneError(e)) {
      io.stderr.write(`twinric: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function simulate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ...NETWORK_FLAGS,
      duration: { type: "string" },
      speed: { type: "string" },
      report: { type: "string" },
      list: { type: "boolean" },
      ric: { type: "string" },
      e2ap: { type: "string" },
      kpm: { type: "string" },
    },
    SIM_HELP,
  );
  if (values.help) return help(io, SIM_HELP);
  if (values.list) {
    io.stdout.write(`${bundledScenarioNames().join("\n")}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${SIM_HELP}`);
  const ric = values.ric === undefined ? undefined : parseHostPort(values.ric as string, "--ric");
  const e2apVersion = parseVersion(values.e2ap as string | undefined, "--e2ap");
  const kpmVersion = parseVersion(values.kpm as string | undefined, "--kpm");
  const speed = parseSpeed((values.speed as string | undefined) ?? (ric ? "realtime" : "max"));
  if (speed === undefined)
    throw new UsageError(`--speed must be max, realtime or a multiple like 10x, got '${values.speed}'`);
  let durationS: number | undefined;
  if (values.duration !== undefined) {
    durationS = parseDuration(values.duration as string);
    if (durationS === undefined)
      throw new UsageError(`--duration must look like 60s, 500ms, 2m or 1h, got '${values.duration}'`);
  }
  const { net, world, prepareS } = await prepareNetwork(values, io);
  const bar = progress(io);
  const duration = durationS ?? net.scenario.durationS;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  const e2 = ric ? new E2Nodes(net, { version: e2apVersion, kpmVersion, trueScene: world.actual }) : undefined;
  const dialers = (e2?.nodes ?? []).map((node) =>
    keepConnected(
      node.agent,
      () => connectE2(ric!),
      (event, detail) => io.stderr.write(`e2 ${node.config.name}: ${event} ${detail}\n`),
    ),
  );
  let report: SimReport;
  try {
    report = await runNetwork(net, {
      durationS: duration,
      speed,
      signal: stop.signal,
      onProgress: (t) => bar.update(`simulating ${duration} s`, t / duration),
      onStep: e2 ? () => e2.tick() : undefined,
      mustYield: e2 ? () => e2.waitingForRic : undefined,
      e2: e2 ? (wallS) => e2.report(wallS) : undefined,
    });
  } finally {
    bar.stop();
    process.off("SIGINT", onSignal);
    for (const d of dialers) d.close();
  }
  io.stdout.write(summary(report, prepareS));
  if (values.report) {
    writeFileSync(values.report as string, `${JSON.stringify(report, null, 2)}\n`);
    io.stderr.write(`report: ${values.report}\n`);
  }
  return 0;
}

function summary(r: SimReport, prepareS: number): string {
  const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)} %`);
  const fixed = (x: number | null, d = 1) => (x === null ? "-" : x.toFixed(d));
  const lines = [
    `${r.scenario} (seed ${r.seed}): ${r.simulatedS.toFixed(1)} s simulated in ${r.wallS.toFixed(1)} s ` +
      `(${fixed(r.realTimeFactor)}x real time; world ready in ${prepareS.toFixed(1)} s), ${r.ues.count} UEs`,
    "",
    "cell        DL Mbps   PRB %   UEs   SINR dB   HO out   HO fail   ping-pong   RLF   beam sw",
    ...r.cells.map(
      (c) =>
        `${c.id.padEnd(10)} ${fixed(c.dlThroughputMbps).padStart(8)} ${fixed(c.prbUsagePercent).padStart(7)} ` +
        `${fixed(c.meanConnectedUes).padStart(5)} ${fixed(c.meanSinrDb).padStart(9)} ${String(c.handoverSuccesses).padStart(8)} ` +
        `${String(c.handoverFailures).padStart(9)} ${String(c.pingPongs).padStart(11)} ${String(c.radioLinkFailures).padStart(5)} ` +
        `${String(c.beamSwitches).padStart(9)}`,
    ),
    "",
    `truth: on the best beam ${pct(r.truth.bestBeamShare)}, on the best cell ${pct(r.truth.bestCellShare)}, ` +
      `beam-gain loss ${fixed(r.truth.meanBeamGainLossDb, 2)} dB, outage ${pct(r.truth.outageShare)}, ` +
      `rate vs oracle ${pct(r.truth.rateVsOracle)}`,
  ];
  if (r.e2) {
    const e = r.e2;
    lines.push(
      `E2 (E2AP v${e.e2apVersion}, KPM v${e.kpmVersion}): ${e.nodesReady}/${e.nodes} gNBs set up, ` +
        `${e.messagesOut} messages out (${fixed(e.messagesOutPerSecond, 0)}/s), ${e.messagesIn} in, ` +
        `${e.indications} indications, controls ${e.controlsAcked} acknowledged / ${e.controlsFailed} failed`,
    );
  }
  return `${lines.join("\n")}\n`;
}
