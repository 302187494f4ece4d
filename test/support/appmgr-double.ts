/**
 * An appmgr for tests, written from its published API and behaviour (../shared/facts/oran-sc-platform.md
 * §4.1): POST /ric/v1/register (required appName, appInstanceName, httpEndpoint, rmrEndpoint; optional
 * appVersion, configPath, config; all strings, nothing else) answers 201; the descriptor comes from
 * `config` when it is not "" (it must parse as a JSON object), else from GET <httpEndpoint><configPath>
 * in its list form with the config as a string. Like appmgr it records the RMR endpoint as
 * `service-ricxapp-<appInstanceName>-rmr.ricxapp:<port of rmrEndpoint>` and the messages from `rmr`
 * or else the union over `messaging.ports`, which GET /ric/v1/xapps lists (as rtmgr reads them).
 * POST /ric/v1/deregister {appName, appInstanceName} answers 204.
 */
import type { Express } from "express";
import { checker, RestDouble, rejected, strictObject } from "./rest-double.js";

const str = { type: "string" };
const checkRegister = checker(
  strictObject(
    {
      appName: str,
      appInstanceName: str,
      appVersion: str,
      httpEndpoint: str,
      rmrEndpoint: str,
      configPath: str,
      config: str,
    },
    ["appName", "appInstanceName", "httpEndpoint", "rmrEndpoint"],
  ),
);
const checkDeregister = checker(strictObject({ appName: str, appInstanceName: str }, ["appName", "appInstanceName"]));

export interface RegisteredXapp {
  readonly appName: string;
  readonly name: string;
  readonly version: string;
  /** What appmgr records, whatever address was registered. */
  readonly ip: string;
  readonly port: number;
  readonly descriptor: Record<string, unknown>;
  readonly txMessages: string[];
  readonly rxMessages: string[];
  readonly policies: number[];
}

interface Register {
  appName: string;
  appInstanceName: string;
  appVersion?: string;
  httpEndpoint: string;
  rmrEndpoint: string;
  configPath?: string;
  config?: string;
}

export class AppmgrDouble extends RestDouble {
  protected readonly prefix = "/ric/v1";
  readonly xapps = new Map<string, RegisteredXapp>();

  /** `resolve` maps a registered host to one this machine reaches (cluster DNS, in a test). */
  constructor(private readonly resolve: (host: string) => string = (h) => h) {
    super();
  }

  protected routes(app: Express): void {
    app.post("/ric/v1/register", async (req, res) => {
      if (rejected(res, checkRegister(req.body))) return;
      const r = req.body as Register;
      const port = /:(\d+)$/.exec(r.rmrEndpoint);
      if (rejected(res, port ? undefined : `body/rmrEndpoint must end in :<port>, got '${r.rmrEndpoint}'`)) return;
      const descriptor = r.config ? parseConfig(r.config) : await this.fetchConfig(r);
      if (rejected(res, typeof descriptor === "string" ? descriptor : undefined)) return;
      const d = descriptor as Record<string, unknown>;
      this.xapps.set(r.appInstanceName, {
        appName: r.appName,
        name: r.appInstanceName,
        version: r.appVersion ?? "",
        ip: `service-ricxapp-${r.appInstanceName}-rmr.ricxapp`,
        port: Number(port![1]),
        descriptor: d,
        ...messagesOf(d),
      });
      res.status(201).end();
    });
    app.post("/ric/v1/deregister", (req, res) => {
      if (rejected(res, checkDeregister(req.body))) return;
      this.xapps.delete((req.body as { appInstanceName: string }).appInstanceName);
      res.status(204).end();
    });
    app.get("/ric/v1/xapps", (_req, res) => {
      res.json(
        [...this.xapps.values()].map((x) => ({
          name: x.name,
          status: "deployed",
          version: x.version,
          instances: [
            {
              name: x.name,
              status: "running",
              ip: x.ip,
              port: x.port,
              txMessages: x.txMessages,
              rxMessages: x.rxMessages,
              policies: x.policies,
            },
          ],
        })),
      );
    });
  }

  /** The descriptor from the xApp's config endpoint, as appmgr reads it; a string says what is wrong. */
  private async fetchConfig(r: Register): Promise<Record<string, unknown> | string> {
    const [host, port] = [r.httpEndpoint.replace(/:\d+$/, ""), r.httpEndpoint.replace(/^.*:/, "")];
    const url = `http://${this.resolve(host)}:${port}${r.configPath ?? ""}`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const list = (await res.json()) as { config?: unknown }[];
      // appmgr formats data[0].config with %v and parses that: only a string survives
      if (!Array.isArray(list) || typeof list[0]?.config !== "string")
        return `config at ${url} is not [{config: "<json>"}]`;
      return parseConfig(list[0].config);
    } catch (e) {
      return `cannot read config at ${url}: ${(e as Error).message}`;
    }
  }
}

function parseConfig(text: string): Record<string, unknown> | string {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : "body/config must hold a JSON object";
  } catch (e) {
    return `body/config is not JSON: ${(e as Error).message}`;
  }
}

/** `rmr` when there is one, else the union over `messaging.ports`. */
function messagesOf(d: Record<string, unknown>): { txMessages: string[]; rxMessages: string[]; policies: number[] } {
  type Lists = { txMessages?: string[]; rxMessages?: string[]; policies?: number[] };
  const sources: Lists[] =
    typeof d.rmr === "object" && d.rmr !== null
      ? [d.rmr as Lists]
      : (((d.messaging as { ports?: Lists[] } | undefined)?.ports ?? []) as Lists[]);
  const union = (k: keyof Lists) => [...new Set(sources.flatMap((s) => (s[k] ?? []) as unknown[]))];
  return {
    txMessages: union("txMessages") as string[],
    rxMessages: union("rxMessages") as string[],
    policies: union("policies") as number[],
  };
}

export const startAppmgrDouble = (resolve?: (host: string) => string) => new AppmgrDouble(resolve).start();
