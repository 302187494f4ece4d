/**
 * E2 nodes from e2mgr (e2mgr.ts), for OranScPlatform: every period it lists the nodes, reads each
 * CONNECTED one, and tells what changed since the last look as the bus contract's events:
 *
 *   node-up       a node is CONNECTED that was not, or its status time moved (it set up again or
 *                 came out of a reset in between: its subscriptions are gone, so a node-down precedes)
 *   node-updated  a connected node's RAN functions changed (a RIC Service Update)
 *   node-down     a node is no longer CONNECTED (the reason says what e2mgr reports), or no longer listed
 *
 * The diff is pure (`diffNodes`); `NodeDiscovery` does the calls. A poll that fails is logged (once
 * per distinct error) and the view kept until the next one; a node that cannot be read keeps its last
 * view. Nothing here throws into the app.
 */
import type { E2apVersion } from "../../e2sm/index.js";
import type { NodeInfo, RicEvent } from "../bus/contract.js";
import type { Log } from "../services/e2-termination.js";
import type { ConnectionStatus, NbIdentity, NodebInfo } from "./e2mgr.js";
import { toNodeInfo } from "./e2mgr.js";
import { RicHttpError } from "./errors.js";

export const DEFAULT_E2MGR_POLL_MS = 5000;
/** How many nodes are read at once. */
const READS_AT_ONCE = 8;

export type NodeEvent = Extract<RicEvent, { kind: "node-up" | "node-updated" | "node-down" }>;

/**
 * The events that lead from `before` (the nodes up at the last look) to `up` (the nodes up now);
 * `status` is what e2mgr reports of each node it lists, for the reason of a node-down. Downs first.
 */
export function diffNodes(
  before: ReadonlyMap<string, NodeInfo>,
  up: readonly NodeInfo[],
  status: ReadonlyMap<string, string>,
): NodeEvent[] {
  const now = new Map(up.map((n) => [n.id, n]));
  const events: NodeEvent[] = [];
  for (const [id, old] of before) {
    const n = now.get(id);
    if (!n) {
      const s = status.get(id);
      events.push({
        kind: "node-down",
        node: { id },
        reason: s ? `e2mgr reports it ${s}` : "e2mgr no longer lists it",
      });
    } else if (n.connectedAt !== old.connectedAt)
      events.push({ kind: "node-down", node: { id }, reason: "it connected again (or was reset) since the last look" });
  }
  for (const n of up) {
    const old = before.get(n.id);
    if (!old || old.connectedAt !== n.connectedAt) events.push({ kind: "node-up", node: n });
    else if (!sameFunctions(old, n)) events.push({ kind: "node-updated", node: n });
  }
  return events;
}

function sameFunctions(a: NodeInfo, b: NodeInfo): boolean {
  const key = (n: NodeInfo) =>
    JSON.stringify([...n.ranFunctions].sort((x, y) => x.id - y.id).map((f) => [f.id, f.oid, f.revision, f.definition]));
  return key(a) === key(b);
}

/** Configured nodes are always there and as configured: discovery adds the others. */
export function withConfigured(configured: readonly NodeInfo[], discovered: readonly NodeInfo[]): NodeInfo[] {
  const ids = new Set(configured.map((n) => n.id));
  return [...configured, ...discovered.filter((n) => !ids.has(n.id))];
}

/** What discovery reads: e2mgr's client, or a stand-in. */
export interface E2mgrReader {
  states(): Promise<NbIdentity[]>;
  nodeb(ranName: string): Promise<NodebInfo>;
}

export interface NodeDiscoveryOptions {
  readonly e2mgr: E2mgrReader;
  readonly e2ap: E2apVersion;
  /** Between the end of one poll and the start of the next (ms, default 5,000). */
  readonly periodMs?: number;
  readonly log: Log;
  readonly onEvent: (e: NodeEvent) => void;
}

export class NodeDiscovery {
  private view = new Map<string, NodeInfo>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** What went wrong last, by what was being read ("" for the list): logged when it changes. */
  private readonly problems = new Map<string, string>();

  constructor(private readonly options: NodeDiscoveryOptions) {}

  /** The nodes up at the last look, in e2mgr's order. */
  nodes(): NodeInfo[] {
    return [...this.view.values()];
  }

  /** Looks once (its events come before this resolves), then every period until stop(). */
  async start(): Promise<void> {
    await this.tick();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One look at e2mgr: the events of what changed go out. Throws nothing. */
  async tick(): Promise<void> {
    try {
      await this.poll();
    } catch (e) {
      this.options.log("error", "node-discovery-failed", { error: (e as Error).message });
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.tick().then(() => this.schedule()),
      this.options.periodMs ?? DEFAULT_E2MGR_POLL_MS,
    );
  }

  private async poll(): Promise<void> {
    let states: NbIdentity[];
    try {
      states = await this.options.e2mgr.states();
      this.solved("");
    } catch (e) {
      this.problem("", "e2mgr-poll-failed", e as Error);
      return;
    }
    const status = new Map<string, ConnectionStatus>(states.map((s) => [s.inventoryName, s.connectionStatus]));
    const connected = states.filter((s) => s.connectionStatus === "CONNECTED").map((s) => s.inventoryName);
    const read = new Array<NodeInfo | undefined>(connected.length);
    await inTurns(connected, READS_AT_ONCE, async (name, i) => {
      const before = this.view.get(name);
      try {
        const nb = await this.options.e2mgr.nodeb(name);
        this.solved(name);
        // the node's own record is the later word on its status
        status.set(name, nb.connectionStatus);
        if (nb.connectionStatus !== "CONNECTED") return;
        read[i] = toNodeInfo(nb, {
          e2ap: this.options.e2ap,
          seenAt: before?.connectedAt ?? new Date().toISOString(),
        });
      } catch (e) {
        // gone between the two calls: it is down; anything else, keep what we knew
        if (e instanceof RicHttpError && e.status === 404) status.delete(name);
        else {
          this.problem(name, "e2mgr-node-unreadable", e as Error);
          read[i] = before;
        }
      }
    });
    if (this.stopped) return;
    const up = read.filter((n): n is NodeInfo => n !== undefined);
    const events = diffNodes(this.view, up, status);
    this.view = new Map(up.map((n) => [n.id, n]));
    for (const e of events) {
      this.options.log("info", `e2mgr-${e.kind}`, {
        node: e.node.id,
        ...(e.kind === "node-down" ? { reason: e.reason } : {}),
      });
      try {
        this.options.onEvent(e);
      } catch (err) {
        // the app's handler, not e2mgr: the other events still go
        this.options.log("error", "node-event-failed", { node: e.node.id, error: (err as Error).message });
      }
    }
  }

  private problem(key: string, event: string, e: Error): void {
    if (this.problems.get(key) === e.message) return;
    this.problems.set(key, e.message);
    this.options.log("warn", event, { ...(key ? { node: key } : {}), error: e.message });
  }

  private solved(key: string): void {
    if (this.problems.delete(key)) this.options.log("info", "e2mgr-read-again", key ? { node: key } : {});
  }
}

/** Runs `f` over `items`, at most `limit` at a time. */
async function inTurns<T>(items: readonly T[], limit: number, f: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
