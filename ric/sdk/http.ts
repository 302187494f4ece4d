/**
 * The HTTP side of apps, as O-RAN SC probes it: /ric/v1/health/alive and /ric/v1/health/ready (200 or
 * 503), Prometheus metrics on /metrics, and /ric/v1/config (the running configuration). One server can
 * carry several apps (the demo): ready when all are, metrics merged.
 */
import type { Server } from "node:http";
import express from "express";
import type { Registry } from "prom-client";
import { metricsText } from "./metrics-text.js";
import type { XApp } from "./xapp.js";

export interface AppServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function serveApps(opts: {
  apps: readonly XApp[];
  port?: number;
  host?: string;
  /** Shown on /ric/v1/config. */
  config?: unknown;
  /** More registries to merge on /metrics (the RIC's own, in the demo). */
  registries?: readonly Registry[];
  /**
   * The platform's own endpoints (O-RAN SC: submgr's notifications, appmgr's /ric/v1/config). Mounted
   * first, so they win: appmgr needs its form of /ric/v1/config, not the plain one below.
   */
  routers?: readonly express.Router[];
}): Promise<AppServer> {
  const web = express();
  web.disable("x-powered-by");
  for (const r of opts.routers ?? []) web.use(r);
  web.get("/ric/v1/health/alive", (_req, res) => {
    res.json({ status: "alive" });
  });
  web.get("/ric/v1/health/ready", (_req, res) => {
    const apps = opts.apps.map((a) => ({ name: a.name, ready: a.ready, platform: a.platformName }));
    res.status(apps.every((a) => a.ready) ? 200 : 503).json({ apps });
  });
  web.get("/ric/v1/config", (_req, res) => {
    res.json(opts.config ?? {});
  });
  web.get("/metrics", async (_req, res) => {
    const text = await metricsText([...opts.apps.map((a) => a.metrics.registry), ...(opts.registries ?? [])]);
    res.type("text/plain; version=0.0.4; charset=utf-8").send(text);
  });
  web.use((req, res) => {
    res.status(404).json({ error: `no route ${req.method} ${req.path}` });
  });
  const host = opts.host ?? "127.0.0.1";
  const server: Server = await new Promise((resolve, reject) => {
    const s = web.listen(opts.port ?? 8080, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (opts.port ?? 8080);
  return {
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
