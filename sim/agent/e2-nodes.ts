/**
 * The simulated RAN's E2 side: one E2 node (gNB) per site, each with an agent announcing KPM, RC, BM
 * and (given the true scene) CSI, and the network's handover decisions routed to the RC service of
 * the node serving the UE.
 *
 *   const e2 = new E2Nodes(net, { version: 3 });
 *   e2.nodes[0].agent.connect(link);             // any E2Link: in-process, TCP
 *   runNetwork(net, { ..., onStep: () => e2.tick(), mustYield: () => e2.waitingForRic });
 */
import type { E2apVersion } from "../../e2sm/index.js";
import type { Scene } from "../../twin/scene/index.js";
import { csiOf } from "../ran/csi-engine.js";
import type { Network } from "../ran/network.js";
import type { E2Report } from "../report.js";
import { type AgentEvent, type AgentStats, E2Agent, emptyStats } from "./agent.js";
import { bmService } from "./bm.js";
import { csiService } from "./csi.js";
import { kpmService } from "./kpm.js";
import { DEFAULT_PLMN, type E2NodeConfig, e2NodesOf, NodeContext } from "./node.js";
import { type RcService, rcService } from "./rc.js";

export interface E2NodesOptions {
  /** E2AP version of every connection (default 3). */
  readonly version?: E2apVersion;
  /** E2SM-KPM version announced (default 3). */
  readonly kpmVersion?: 2 | 3;
  readonly plmn?: string;
  /** Unix time (s) that simulated time 0 stands for, in time stamps (default: now). */
  readonly epochS?: number;
  readonly log?: (e: AgentEvent) => void;
  /** The true scene: with it, the gNBs also offer E2SM-CSI (Type I CSI from each UE's traced channel). */
  readonly trueScene?: Scene;
}

export interface SimE2Node {
  readonly config: E2NodeConfig;
  readonly agent: E2Agent;
  readonly rc: RcService;
}

export class E2Nodes {
  readonly nodes: readonly SimE2Node[];
  /** The node of each cell, by cell index. */
  private readonly byCell: SimE2Node[];
  readonly version: E2apVersion;
  readonly kpmVersion: 2 | 3;

  constructor(
    readonly net: Network,
    options: E2NodesOptions = {},
  ) {
    const epochS = options.epochS ?? Date.now() / 1000;
    const version = options.version ?? 3;
    this.version = version;
    this.kpmVersion = options.kpmVersion ?? 3;
    this.nodes = e2NodesOf(net.scenario, options.plmn ?? DEFAULT_PLMN).map((config) => {
      const ctx = new NodeContext(net, config, epochS);
      const rc = rcService(ctx);
      const agent = new E2Agent(ctx, {
        version,
        services: [
          kpmService(ctx, this.kpmVersion),
          rc,
          bmService(ctx, { positionErrorM: net.scenario.reality.positionErrorM }),
          ...(options.trueScene ? [csiService(ctx, csiOf(net, options.trueScene))] : []),
        ],
        log: options.log,
      });
      return { config, agent, rc };
    });
    this.byCell = [];
    for (const node of this.nodes) for (const c of node.config.cells) this.byCell[c] = node;
    // a cell off or back on changes its node's RAN functions: the node tells the RIC
    net.onCellState = (cell) => this.byCell[cell]?.agent.refreshFunctions();
    net.handoverDecider = (ue, source, target) => {
      const node = this.byCell[source];
      return node?.agent.ready ? node.rc.decide(ue, source, target) : "baseline";
    };
  }

  /** Runs every node's subscriptions: call after each network step. */
  tick(): void {
    for (const n of this.nodes) n.agent.tick();
  }

  /** Whether a node waits for the RIC's answer to an insert (the run should let I/O in each step). */
  get waitingForRic(): boolean {
    return this.nodes.some((n) => n.rc.waiting > 0);
  }

  /** Every node's counts, summed. */
  stats(): AgentStats {
    const total = emptyStats();
    for (const { agent } of this.nodes) {
      const s = agent.stats;
      for (const k of Object.keys(total) as (keyof AgentStats)[]) if (k !== "byType") total[k] += s[k];
      for (const [k, v] of Object.entries(s.byType)) total.byType[k] = (total.byType[k] ?? 0) + v;
    }
    return total;
  }

  /** The run report's E2 section. */
  report(wallS: number): E2Report {
    const s = this.stats();
    return {
      e2apVersion: this.version,
      kpmVersion: this.kpmVersion,
      nodes: this.nodes.length,
      nodesReady: this.nodes.filter((n) => n.agent.ready).length,
      messagesIn: s.messagesIn,
      messagesOut: s.messagesOut,
      messagesOutPerSecond: wallS > 0 ? s.messagesOut / wallS : 0,
      indications: s.indications,
      controlsAcked: s.controlsAcked,
      controlsFailed: s.controlsFailed,
      errorIndicationsIn: s.errorIndicationsIn,
      errorIndicationsOut: s.errorIndicationsOut,
      indicationsDropped: s.indicationsDropped,
      byType: s.byType,
    };
  }

  close(): void {
    for (const n of this.nodes) n.agent.close();
    this.net.handoverDecider = () => "baseline";
    this.net.onCellState = () => {};
  }
}
