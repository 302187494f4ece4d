/**
 * A throw-away NATS server for tests: the `nats-server` binary (Debian package `nats-server`) on a free
 * loopback port, waited for until it speaks NATS, stopped (and its store removed) by `stop()`. A
 * server can be restarted on the same port, to test reconnection. Servers still running when the
 * process exits are killed, so a failing test leaves no process behind.
 *
 *   const nats = await startNatsServer();
 *   const bus = await NatsBus.connect({ servers: nats.url });
 *   ...
 *   await nats.stop();
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { accessSync, constants, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface NatsServerOptions {
  /** Runs JetStream (`-js`) with its store in a temporary folder (removed by `stop`). */
  readonly jetstream?: boolean;
  /** How long the server may take to accept connections (ms, default 10 s). */
  readonly startTimeoutMs?: number;
}

export interface NatsTestServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The JetStream store folder (`-sd`), or null without JetStream. */
  readonly store: string | null;
  /** Kills the server and removes its store; idempotent. */
  stop(): Promise<void>;
  /** Kills the server and starts it again on the same port; resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Kills the server but keeps its port (and store) for a later `restart()`: NATS is down meanwhile. */
  halt(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Where nats-server is: on PATH, or in /usr/sbin (where Debian puts it) or /usr/bin. Missing and running
 * as root, it installs Debian's package first (as the oracle does its Erlang), so `npm test` needs
 * nothing beforehand; TWINRIC_NO_INSTALL=1 forbids that.
 */
export function natsServerBinary(): string {
  const found = findNatsServer();
  if (found) return found;
  if (process.getuid?.() === 0 && !process.env.TWINRIC_NO_INSTALL) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () =>
      execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "nats-server"], {
        env,
        stdio: "ignore",
      });
    try {
      install();
    } catch {
      try {
        execFileSync("apt-get", ["update", "-q"], { env, stdio: "ignore" });
        install();
      } catch {
        // reported below
      }
    }
    const installed = findNatsServer();
    if (installed) return installed;
  }
  throw new Error(
    `nats-server not found (looked on PATH, in /usr/sbin and /usr/bin): install the Debian package ` +
      `nats-server (apt-get install nats-server)`,
  );
}

function findNatsServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/sbin", "/usr/bin"];
  for (const dir of dirs) {
    const candidate = join(dir, "nats-server");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** A loopback port nobody listens on now (the OS picks it; it may in theory be taken again). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no port from the OS"))));
    });
  });
}

/** Whether a NATS server answers on `port` (it greets every client with an INFO line). */
function speaksNats(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let seen = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("data", (chunk) => {
      seen += chunk.toString("latin1");
      if (seen.startsWith("INFO ")) done(true);
    });
    socket.on("error", () => done(false));
    socket.on("close", () => done(seen.startsWith("INFO ")));
  });
}

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

/**
 * nats-server under a small sh watchdog: the server is killed when our end of the watchdog's stdin
 * closes, which happens however this process ends (even SIGKILL, when no exit hook runs), and when
 * the watchdog gets SIGTERM. The watchdog exits once the server is gone.
 */
const WATCHDOG = [
  'exec 3<&0; "$0" "$@" & pid=$!',
  "trap 'kill $pid 2>/dev/null; wait $pid; exit 0' TERM INT HUP",
  "( while read -r _ <&3; do :; done; kill $pid 2>/dev/null ) &",
  "wait $pid",
].join("\n");

async function launch(binary: string, port: number, store: string | null, timeoutMs: number): Promise<Started> {
  const args = ["-a", "127.0.0.1", "-p", String(port), ...(store ? ["-js", "-sd", store] : [])];
  const child = spawn("/bin/sh", ["-c", WATCHDOG, binary, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.stdin?.on("error", () => {}); // the watchdog may be gone already
  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      hasExited = true;
      running.delete(child);
      resolve();
    });
    child.once("error", (e) => {
      output += `\n${e.message}`;
      hasExited = true;
      running.delete(child);
      resolve();
    });
  });
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (hasExited) break;
    if (await speaksNats(port)) return { child, exited };
    await sleep(50);
  }
  await kill({ child, exited });
  throw new Error(
    `nats-server ${args.join(" ")} did not accept connections within ${timeoutMs} ms` +
      `${hasExited ? ` (it exited with ${child.exitCode ?? child.signalCode})` : ""}:\n${output.trim()}`,
  );
}

/** Stops the server (watchdog's SIGTERM and stdin closed), SIGKILL if it lingers; resolves once it is gone. */
async function kill(s: Started): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill("SIGTERM");
  s.child.stdin?.end();
  const gone = await Promise.race([s.exited.then(() => true), sleep(5000).then(() => false)]);
  if (!gone) {
    s.child.kill("SIGKILL");
    await s.exited;
  }
}

export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsTestServer> {
  const binary = natsServerBinary();
  const timeoutMs = opts.startTimeoutMs ?? 10_000;
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const child of running) {
        child.kill("SIGTERM");
        child.stdin?.destroy();
      }
    });
  }
  const store = opts.jetstream ? await mkdtemp(join(tmpdir(), "twinric-nats-")) : null;
  let port = 0;
  let current: Started | null = null;
  // the port may be taken between our probe and the server's bind: try a few
  for (let attempt = 1; !current; attempt++) {
    port = await freePort();
    try {
      current = await launch(binary, port, store, timeoutMs);
    } catch (e) {
      if (attempt >= 3) {
        if (store) rmSync(store, { recursive: true, force: true });
        throw e;
      }
    }
  }
  let stopped = false;
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    store,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (current) await kill(current);
      current = null;
      if (store) rmSync(store, { recursive: true, force: true });
    },
    async restart() {
      if (stopped) throw new Error("the NATS server was stopped");
      if (current) await kill(current);
      current = null;
      current = await launch(binary, port, store, timeoutMs);
    },
    async halt() {
      if (current) await kill(current);
      current = null;
    },
  };
}

/**
 * Closes a bus (NatsBus) but never hangs a test on a connection that cannot drain: after `ms`, the
 * nats.js connection underneath is closed outright, so no connection outlives its test.
 */
export async function closeBusWithin(bus: { close(): Promise<void> }, ms = 1000): Promise<void> {
  const drained = await Promise.race([
    bus.close().then(
      () => true,
      () => true,
    ),
    sleep(ms).then(() => false),
  ]);
  if (!drained) await (bus as { nc?: { close(): Promise<void> } }).nc?.close();
}
