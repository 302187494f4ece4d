/**
 * What `twinric sim` and `twinric demo` share: the scenario flags, and the simulated network built on
 * the scenario's true world (traced once, then cached), with progress on stderr.
 */
import { csiOf } from "../sim/ran/csi-engine.js";
import { Network } from "../sim/ran/network.js";
import { loadScenario } from "../sim/scenario/load.js";
import { defaultCacheDir } from "../sim/world/coverage.js";
import { buildWorld, type World } from "../sim/world/world.js";
import { type CliIo, UsageError } from "./io.js";
import { type ParseArgsOptions, positiveNumber } from "./options.js";
import { progress } from "./progress.js";

export const NETWORK_FLAGS = {
  scenario: { type: "string" },
  seed: { type: "string" },
  cache: { type: "string" },
  "no-cache": { type: "boolean" },
  threads: { type: "string" },
} as const satisfies ParseArgsOptions;

export interface PreparedNetwork {
  readonly net: Network;
  readonly world: World;
  /** Seconds spent loading and tracing (or reading the cache). */
  readonly prepareS: number;
}

/** Loads the scenario the flags name (default urban-district) and builds its network. */
export async function prepareNetwork(values: Record<string, unknown>, io: CliIo): Promise<PreparedNetwork> {
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      throw new UsageError(`--seed must be a whole number 0..4294967295, got '${values.seed}'`);
    }
  }
  if (values.cache !== undefined && values["no-cache"]) throw new UsageError("give --cache or --no-cache, not both");
  const threads =
    values.threads === undefined ? undefined : Math.round(positiveNumber(values.threads as string, "--threads"));
  const loaded = loadScenario((values.scenario as string | undefined) ?? "urban-district");
  const scenario = seed === undefined ? loaded : { ...loaded, seed };
  const bar = progress(io);
  const started = performance.now();
  const world = await buildWorld(scenario, {
    cacheDir: values["no-cache"] ? null : ((values.cache as string | undefined) ?? defaultCacheDir()),
    threads,
    onProgress: (what, f) => bar.update(what, f),
  }).finally(() => bar.stop());
  const net = new Network({ scenario, field: world.field, walk: world.walk, roads: world.roads });
  if (scenario.rrm.csiPeriodMs !== undefined) csiOf(net, world.actual);
  return { net, world, prepareS: (performance.now() - started) / 1000 };
}

/** `host:port` or `[v6]:port`. */
export function parseHostPort(text: string, flag: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new UsageError(`${flag} must be HOST:PORT (e.g. 127.0.0.1:36421 or [::1]:36421), got '${text}'`);
  }
  return { host: m[1] ?? m[2], port };
}

export function parseVersion(text: string | undefined, flag: string): 2 | 3 {
  if (text === undefined || text === "v3" || text === "3") return 3;
  if (text === "v2" || text === "2") return 2;
  throw new UsageError(`${flag} must be v2 or v3, got '${text}'`);
}
