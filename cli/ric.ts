/**
 * `twinric ric` and `twinric xapp <name>`: the standalone near-RT RIC and its apps as separate
 * processes on a NATS bus; E2 nodes dial the RIC over TCP (`twinric sim --ric`).
 */
import { NatsBus } from "../ric/bus/nats.js";
import { BusPlatform } from "../ric/sdk/bus-platform.js";
import { serveApps } from "../ric/sdk/http.js";
import { jsonLog, type LogLevel } from "../ric/sdk/log.js";
import { XApp } from "../ric/sdk/xapp.js";
import { NearRtRic } from "../ric/services/ric.js";
import { XAPPS } from "../xapps/index.js";
import { type CliIo, UsageError } from "./io.js";
import { parseHostPort, parseVersion } from "./network.js";
import { help, parseOptions } from "./options.js";

export const RIC_HELP = `usage: twinric ric [--nats URL] [--e2 HOST:PORT] [--e2ap v2|v3] [--control-timeout MS]
                  [--log-level LEVEL]

The standalone near-RT RIC: E2 termination (E2AP over TCP, each PDU behind a 4-byte length),
subscription manager, control routing and the A1 entry point, serving its apps on a NATS bus
(subjects in docs/ric.md). Runs until Ctrl-C or SIGTERM.

  --nats             NATS server(s), comma-separated (default nats://127.0.0.1:4222)
  --e2               where E2 nodes connect (default 127.0.0.1:36421; port 0: any free port)
  --e2ap             E2AP version of the E2 links (default v3)
  --control-timeout  how long a node may take to answer a control, ms (default 1000)
  --log-level        JSON logs on stderr from this level: debug, info (default), warn, error

example:
  twinric ric --nats nats://127.0.0.1:4222 --e2 0.0.0.0:36421`;

export const XAPP_HELP = `usage: twinric xapp <${Object.keys(XAPPS).join("|")}> [--nats URL] [--http HOST:PORT]
                   [--instance ID] [--log-level LEVEL]

Runs one bundled xApp against the standalone RIC on NATS. Replicas of one xApp (same name) share the
indications (NATS queue groups); each serves /metrics and /ric/v1/health/{alive,ready}.

${Object.entries(XAPPS)
  .map(([n, x]) => `  ${n.padEnd(10)} ${x.description}`)
  .join("\n")}

  --nats       NATS server(s) (default nats://127.0.0.1:4222)
  --http       where /metrics and health are served (default 127.0.0.1:8080; port 0: any free port)
  --instance   this replica's id (default: random)
  --log-level  JSON logs on stderr from this level (default info)

example:
  twinric xapp kpimon --nats nats://127.0.0.1:4222 --http 0.0.0.0:8080`;

function logLevel(values: Record<string, unknown>, fallback: LogLevel): LogLevel {
  const level = (values["log-level"] as string | undefined) ?? fallback;
  if (!["debug", "info", "warn", "error"].includes(level)) {
    throw new UsageError(`--log-level must be debug, info, warn or error, got '${level}'`);
  }
  return level as LogLevel;
}

/** Resolves on Ctrl-C or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}

async function connectNats(values: Record<string, unknown>, name: string): Promise<NatsBus> {
  const servers = (values.nats as string | undefined) ?? "nats://127.0.0.1:4222";
  try {
    return await NatsBus.connect({ servers, name });
  } catch (e) {
    throw new UsageError(`${(e as Error).message} (start nats-server, or point --nats at one)`);
  }
}

export async function ricCommand(argv: string[], io: CliIo, stop = untilSignal()): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      nats: { type: "string" },
      e2: { type: "string" },
      e2ap: { type: "string" },
      "control-timeout": { type: "string" },
      "log-level": { type: "string" },
    },
    RIC_HELP,
  );
  if (values.help) return help(io, RIC_HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n${RIC_HELP}`);
  const e2 = parseHostPort((values.e2 as string | undefined) ?? "127.0.0.1:36421", "--e2");
  const version = parseVersion(values.e2ap as string | undefined, "--e2ap");
  const timeout = Number((values["control-timeout"] as string | undefined) ?? 1000);
  if (!(timeout > 0 && timeout <= 60_000)) throw new UsageError("--control-timeout must be 1..60000 ms");
  const log = jsonLog({ app: "ric", level: logLevel(values, "info") });
  const bus = await connectNats(values, "twinric-ric");
  const ric = await NearRtRic.start({ bus, version, controlTimeoutMs: timeout, log });
  const port = await ric.listen(e2).catch(async (err: Error) => {
    await ric.close();
    await bus.close();
    throw new UsageError(`cannot listen for E2 on ${e2.host}:${e2.port}: ${err.message}`);
  });
  io.stderr.write(`twinric ric: E2AP v${version} on ${e2.host}:${port}, bus ${bus.peer}\n`);
  await stop;
  await ric.close();
  await bus.close();
  return 0;
}

export async function xappCommand(argv: string[], io: CliIo, stop = untilSignal()): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      nats: { type: "string" },
      http: { type: "string" },
      instance: { type: "string" },
      "log-level": { type: "string" },
    },
    XAPP_HELP,
  );
  if (values.help) return help(io, XAPP_HELP);
  const [name, ...extra] = positionals;
  const bundled = name === undefined ? undefined : XAPPS[name];
  if (!bundled) throw new UsageError(`name an xApp: ${Object.keys(XAPPS).join(", ")}\n${XAPP_HELP}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const http = parseHostPort((values.http as string | undefined) ?? "127.0.0.1:8080", "--http");
  const log = jsonLog({ app: name, level: logLevel(values, "info") });
  const bus = await connectNats(values, `twinric-${name}`);
  let logic: unknown;
  const app = await XApp.start({
    name,
    instance: values.instance as string | undefined,
    platform: new BusPlatform(bus),
    log,
    policies: bundled.policies?.(() => logic),
  });
  logic = await bundled.start(app);
  const server = await serveApps({
    apps: [app],
    host: http.host,
    port: http.port,
    config: { name, instance: app.instance },
  });
  io.stderr.write(`twinric xapp ${name} (${app.instance}): metrics ${server.url}/metrics, bus ${bus.peer}\n`);
  await stop;
  await app.stop();
  await server.close();
  await bus.close();
  return 0;
}
