/**
 * Structured logs: one JSON object per line, `{ts, level, app, event, ...detail}`, the shape log
 * collectors (Loki, Elasticsearch) index without parsing rules. The same function type serves the
 * RIC's services (services/e2-termination.ts `Log`).
 */
import type { Log } from "../services/e2-termination.js";

export type { Log };
export type LogLevel = "debug" | "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function jsonLog(opts: { app: string; level?: LogLevel; write?: (line: string) => void }): Log {
  const min = RANK[opts.level ?? "info"];
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  return (level, event, detail) => {
    if (RANK[level] < min) return;
    const line: Record<string, unknown> = { ts: new Date().toISOString(), level, app: opts.app, event };
    // the line's own fields first, and never overwritten by a detail of the same name
    for (const [k, v] of Object.entries(detail)) if (!(k in line)) line[k] = v;
    write(JSON.stringify(line));
  };
}

export const silentLog: Log = () => {};
