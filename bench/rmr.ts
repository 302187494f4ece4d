/**
 * RMR throughput over loopback between two twinric processes (issue target: >= 200,000 msgs/s with a
 * 200-byte payload). This process sends with an RmrTransport and a static route table (mtype 12050 to
 * the receiver); the receiver is a child process (this script re-run with --receiver) with its own
 * RmrTransport. Two measurements:
 *
 *   one-way   messages the receiver counts per second, after a warm-up; the sender keeps at most
 *             --window messages unacknowledged (the receiver reports its count every 50 ms over IPC),
 *             so the rate is the sustained one, not the speed of filling socket buffers
 *   rts       round trips per second: the receiver answers each message by return to sender, the
 *             sender keeps --rts-window messages in flight and counts the answers
 *
 *   npx tsx bench/rmr.ts [--seconds 3] [--warmup 1] [--runs 3] [--payload 200] [--modes one-way,rts]
 *
 * Prints a markdown table (median of the runs, each run with a fresh receiver process); progress on stderr.
 */
import { type ChildProcess, fork } from "node:child_process";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { RouteTables } from "../ric/rmr/routes.js";
import { RmrTransport } from "../ric/rmr/transport.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
    runs: { type: "string", default: "3" },
    payload: { type: "string", default: "200" },
    modes: { type: "string", default: "one-way,rts" },
    window: { type: "string", default: "20000" },
    "rts-window": { type: "string", default: "2000" },
    receiver: { type: "string" }, // internal: run as the receiver, in this mode
  },
});

const MTYPE = 12050; // RIC_INDICATION
const HOST = "127.0.0.1";

/** Messages from the receiver to its parent. */
type Report = { ready: number } | { count: number; at: number };

/** The child: counts what arrives (and answers it by return to sender in rts mode); reports every 50 ms. */
async function receiver(mode: string): Promise<void> {
  const t = await RmrTransport.start({
    name: HOST,
    port: 0,
    host: HOST,
    routes: new RouteTables({ names: [] }),
  });
  let count = 0;
  t.onMessage((m, from) => {
    count++;
    if (mode === "rts") void t.rts(m, from, { payload: m.payload }).catch(() => {});
  });
  const send = (r: Report) => {
    if (process.connected) process.send?.(r, undefined, {}, () => {}); // an error (the parent gone) is no matter
  };
  // every 50 ms: IPC costs the receiver a system call and the parent a wake-up, 10 ms cost it ~5 %
  const timer = setInterval(() => send({ count, at: performance.now() }), 50);
  process.on("disconnect", () => {
    clearInterval(timer);
    void t.close().finally(() => process.exit(0));
  });
  send({ ready: t.port });
}

interface Child {
  proc: ChildProcess;
  port: number;
  last: { count: number; at: number };
  /** Resolves at the next report. */
  next(): Promise<{ count: number; at: number }>;
}

function startReceiver(mode: string): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = fork(import.meta.filename, ["--receiver", mode], { execArgv: process.execArgv });
    let waiters: ((r: { count: number; at: number }) => void)[] = [];
    const child: Child = {
      proc,
      port: 0,
      last: { count: 0, at: 0 },
      next: () => new Promise((r) => waiters.push(r)),
    };
    proc.on("message", (r: Report) => {
      if ("ready" in r) {
        child.port = r.ready;
        resolve(child);
        return;
      }
      child.last = r;
      const w = waiters;
      waiters = [];
      for (const f of w) f(r);
    });
    proc.once("error", reject);
    proc.once("exit", (code) => reject(new Error(`receiver exited (${code})`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sendErrors = 0;
const failed = () => {
  sendErrors++;
};
const tick = () => new Promise((r) => setImmediate(r));

async function sender(port: number): Promise<RmrTransport> {
  const routes = new RouteTables({ names: [] });
  routes.apply(`newrt|start|bench\nmse|${MTYPE}|-1|${HOST}:${port}\nnewrt|end\n`);
  return RmrTransport.start({ name: HOST, port: 0, host: HOST, routes });
}

/** One-way: messages/s the receiver counted over `seconds`, after `warmup`. */
async function oneWay(payload: Uint8Array, seconds: number, warmup: number, window: number): Promise<number> {
  const child = await startReceiver("one-way");
  const t = await sender(child.port);
  const msg = { mtype: MTYPE, payload, meid: "gnb_001_001_00000001", xid: "bench" };
  let sent = 0;
  let stop = false;
  const pump = (async () => {
    while (!stop) {
      if (sent - child.last.count >= window) {
        await child.next();
        continue;
      }
      for (let i = 0; i < 256; i++) t.send(msg).catch(failed);
      sent += 256;
      await tick();
    }
  })();
  await sleep(warmup * 1000);
  const a = await child.next();
  await sleep(seconds * 1000);
  const b = await child.next();
  stop = true;
  await pump;
  child.proc.disconnect();
  await t.close();
  return ((b.count - a.count) * 1000) / (b.at - a.at);
}

/** Round trips: answers/s the sender received over `seconds`, after `warmup`, `window` in flight. */
async function roundTrips(payload: Uint8Array, seconds: number, warmup: number, window: number): Promise<number> {
  const child = await startReceiver("rts");
  const t = await sender(child.port);
  const msg = { mtype: MTYPE, payload, meid: "gnb_001_001_00000001", xid: "bench" };
  let answered = 0;
  let stop = false;
  t.onMessage(() => {
    answered++;
    if (!stop) t.send(msg).catch(failed);
  });
  for (let i = 0; i < window; i++) t.send(msg).catch(failed);
  await sleep(warmup * 1000);
  const a = { n: answered, at: performance.now() };
  await sleep(seconds * 1000);
  const b = { n: answered, at: performance.now() };
  stop = true;
  child.proc.disconnect();
  await t.close();
  return ((b.n - a.n) * 1000) / (b.at - a.at);
}

async function main(): Promise<void> {
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const runs = Number(values.runs);
  const payload = new Uint8Array(Number(values.payload)).map((_, i) => i & 0xff);
  const modes = values.modes!.split(",");
  for (const m of modes) if (m !== "one-way" && m !== "rts") throw new Error(`--modes: no mode ${m} (one-way, rts)`);
  const frameBytes = 50 + 280 + 4 + payload.length;
  const results = new Map<string, number[]>();
  for (let r = 0; r < runs; r++) {
    for (const mode of modes) {
      const rate =
        mode === "one-way"
          ? await oneWay(payload, seconds, warmup, Number(values.window))
          : await roundTrips(payload, seconds, warmup, Number(values["rts-window"]));
      if (!results.has(mode)) results.set(mode, []);
      results.get(mode)!.push(rate);
      process.stderr.write(`run ${r + 1} ${mode}: ${Math.round(rate).toLocaleString("en-US")} msgs/s\n`);
    }
  }
  if (sendErrors) process.stderr.write(`${sendErrors} sends failed\n`);
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(
    `\nNode ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "?"}; ${payload.length}-byte payload (${frameBytes}-byte RMR frames), ` +
      `sender and receiver in two processes over 127.0.0.1; median of ${runs} runs of ${seconds} s after ${warmup} s warm-up.\n`,
  );
  console.log("| mode | msgs/s (median) | runs | MB/s on the wire | target 200,000 |");
  console.log("|---|---:|---|---:|---|");
  for (const [mode, rates] of results) {
    const m = median(rates);
    const label = mode === "one-way" ? "one-way (received)" : "round trip (rts answers)";
    console.log(
      `| ${label} | ${n(m)} | ${rates.map(n).join(", ")} | ${((m * frameBytes * (mode === "rts" ? 2 : 1)) / 1e6).toFixed(1)} | ${mode === "one-way" && payload.length === 200 ? (m >= 200_000 ? "met" : "not met") : "-"} |`,
    );
  }
}

if (values.receiver) await receiver(values.receiver);
else await main();
