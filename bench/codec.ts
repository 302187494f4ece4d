/**
 * E2 codec throughput, one core: encode and decode of each benchmark message (the E2AP PDU and the
 * E2SM payload inside it), and the same bytes through the Erlang oracle codec in the same run.
 *
 *   npx tsx bench/codec.ts [--seconds 2] [--runs 5]
 *
 * Each run is a child process, once with node's default V8 settings and once with those the `twinric`
 * command sets (`cli/v8-tuning.ts`), alternating so that both see the same machine. Prints a markdown
 * table (median of the runs) for BENCHMARKS.md, and a yardstick per run (node's own JSON.parse, timed
 * before and after the messages) that shows when a run fell in a slow period of a shared machine.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { V8_FLAGS } from "../cli/v8-tuning.js";
import { decodeSm, E2apCodec, encodeSm } from "../e2sm/index.js";
import { ORACLE_PATH } from "../test/support/oracle.js";
import { benchMessages } from "./fixtures.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "2" },
    runs: { type: "string", default: "5" },
    child: { type: "boolean", default: false },
  },
});
const SECONDS = Number(values.seconds);
const RUNS = Number(values.runs);

const codec = new E2apCodec({ version: 3 });
const messages = benchMessages(codec);

/** Full decode: the PDU, then its E2SM payloads with the model of the RAN function. */
function decodeAll(bytes: Uint8Array) {
  const msg = codec.decode(bytes);
  const sm = codec.serviceModelOf(msg.ies.RANfunctionID);
  if (sm && msg.ies.RICindicationMessage) {
    msg.ies.RICindicationHeader = decodeSm(sm, sm.payloads.RICindicationHeader!, msg.ies.RICindicationHeader);
    msg.ies.RICindicationMessage = decodeSm(sm, sm.payloads.RICindicationMessage!, msg.ies.RICindicationMessage);
  }
  if (sm && msg.ies.RICcontrolMessage) {
    msg.ies.RICcontrolHeader = decodeSm(sm, sm.payloads.RICcontrolHeader!, msg.ies.RICcontrolHeader);
    msg.ies.RICcontrolMessage = decodeSm(sm, sm.payloads.RICcontrolMessage!, msg.ies.RICcontrolMessage);
  }
  if (msg.ies.RANfunctionsAdded) {
    for (const f of msg.ies.RANfunctionsAdded) {
      const fsm = codec.serviceModelOf(f.ranFunctionID)!;
      f.ranFunctionDefinition = decodeSm(fsm, fsm.payloads.RANfunctionDefinition!, f.ranFunctionDefinition);
    }
  }
  return { msg, sm };
}

/** Full encode: the E2SM payloads, then the PDU. */
function encodeAll(decoded: ReturnType<typeof decodeAll>) {
  const { msg, sm } = decoded;
  const ies = { ...msg.ies };
  for (const k of ["RICindicationHeader", "RICindicationMessage", "RICcontrolHeader", "RICcontrolMessage"] as const) {
    if (ies[k] && sm) ies[k] = encodeSm(sm, sm.payloads[k]!, ies[k]);
  }
  if (ies.RANfunctionsAdded) {
    ies.RANfunctionsAdded = ies.RANfunctionsAdded.map((f: any) => {
      const fsm = codec.serviceModelOf(f.ranFunctionID)!;
      return {
        ...f,
        ranFunctionDefinition: encodeSm(fsm, fsm.payloads.RANfunctionDefinition!, f.ranFunctionDefinition),
      };
    });
  }
  return codec.encode({ ...msg, ies });
}

function rate(f: () => void): number {
  // warm up: until the optimizing compiler has settled (it compiles on another thread)
  const warm = performance.now();
  for (let i = 0; i < 200 || performance.now() - warm < 500; i++) f();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < SECONDS * 1000) {
    for (let i = 0; i < 50; i++) f();
    n += 50;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Oracle msgs/s: decode + re-encode (+ its JSON output) of copies streamed through one process. */
function oracleRate(bytes: Uint8Array, type: string): number {
  const dir = mkdtempSync(join(tmpdir(), "twinric-bench-"));
  const line = `E2AP_v3 ${type} ${Buffer.from(bytes).toString("hex")}\n`;
  const time = (n: number) => {
    const file = join(dir, `in-${n}`);
    writeFileSync(file, line.repeat(n));
    const t0 = performance.now();
    execFileSync("bash", ["-c", `"${ORACLE_PATH}" < "${file}" > /dev/null`]);
    return performance.now() - t0;
  };
  // n and 2n copies: the difference leaves out the Erlang VM's start-up
  const n = Math.max(500, Math.round(1_000_000 / bytes.length));
  const once = time(n);
  const twice = time(2 * n);
  return n / ((twice - once) / 1000);
}

/** The text node's own JSON.parse reads as the machine's yardstick (no code of ours in it). */
const YARDSTICK = JSON.stringify(
  Array.from({ length: 200 }, (_, i) => ({ name: `DRB.Meas${i % 20}`, value: i * 37.25, flags: [i, i + 1] })),
);

type Rates = Record<string, { decode: number; encode: number }>;
/** One run: msgs/s of every message, and JSON.parse's rate before and after them (the run's period). */
interface Run {
  messages: Rates;
  yardstick: number;
}

/** One run of every message in this process. */
function measureHere(): Run {
  const out: Rates = {};
  const before = rate(() => JSON.parse(YARDSTICK));
  for (const [name, bytes] of Object.entries(messages)) {
    const decoded = decodeAll(bytes);
    if (Buffer.compare(Buffer.from(encodeAll(decoded)), Buffer.from(bytes)) !== 0)
      throw new Error(`${name}: round trip differs`);
    out[name] = { decode: rate(() => decodeAll(bytes)), encode: rate(() => encodeAll(decoded)) };
  }
  return { messages: out, yardstick: (before + rate(() => JSON.parse(YARDSTICK))) / 2 };
}

/** One run in a fresh node process with `v8Flags`. */
function measureInChild(v8Flags: readonly string[]): Run {
  const args = [...v8Flags, "--import", "tsx", fileURLToPath(import.meta.url), "--child", "--seconds", String(SECONDS)];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
}

if (values.child) {
  console.log(JSON.stringify(measureHere()));
  process.exit(0);
}

const configs = { default: [] as readonly string[], tuned: V8_FLAGS };
const runs: Record<keyof typeof configs, Run[]> = {
  default: [],
  tuned: [],
};
for (let r = 0; r < RUNS; r++) {
  for (const [config, flags] of Object.entries(configs) as [keyof typeof configs, readonly string[]][]) {
    runs[config].push(measureInChild(flags));
    console.error(`run ${r + 1}/${RUNS} (${config}) done`);
  }
}

const fmt = (x: number) => (Number.isNaN(x) ? "n/a" : Math.round(x).toLocaleString("en"));
const rows: string[] = [];
for (const [name, bytes] of Object.entries(messages)) {
  const med = (config: keyof typeof configs, what: "decode" | "encode") =>
    median(runs[config].map((run) => run.messages[name][what]));
  let oracle = Number.NaN;
  try {
    oracle = oracleRate(bytes, "E2AP-PDU");
  } catch (e) {
    console.error(`oracle not measured: ${(e as Error).message.split("\n")[0]}`);
  }
  const d = med("default", "decode");
  rows.push(
    `| ${name} | ${bytes.length} | ${fmt(d)} | ${fmt(med("tuned", "decode"))} | ${fmt(med("default", "encode"))} | ${fmt(med("tuned", "encode"))} | ${fmt(oracle)} | ${Number.isNaN(oracle) ? "n/a" : `${(d / oracle).toFixed(1)}x`} |`,
  );
}
console.log(
  `# E2 codec, ${cpus()[0]?.model} (${cpus().length} cores), Node ${process.version}, ${new Date().toISOString()}; ${RUNS} runs x ${SECONDS} s each, median\n`,
);
console.log(
  "| message | bytes | decode msgs/s | decode, tuned V8 | encode msgs/s | encode, tuned V8 | oracle decode+re-encode msgs/s | decode vs oracle |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
console.log(rows.join("\n"));
const perRun = (config: keyof typeof configs) => runs[config].map((run) => fmt(run.yardstick)).join(", ");
console.log(
  `\nYardstick, node's own JSON.parse of a ${(YARDSTICK.length / 1024).toFixed(1)} KB text in each run (parses/s; ` +
    `a run well below the others fell in a slow period of the machine): default ${perRun("default")}; tuned ${perRun("tuned")}`,
);
