/**
 * A tiny simulated RAN for the RIC and SDK tests: two sites of one cell each across one block, a few
 * UEs, the cheapest propagation (its world builds in about a second), and the simulator's E2 agents
 * (gNB ids 1 and 2, PLMN 00f110: gnb_001_001_000001 and gnb_001_001_000002). The test steps the
 * network itself, so nothing runs between its checks.
 */
import { setImmediate as turn } from "node:timers/promises";
import { bitString, type E2apVersion, encodeSm } from "../../../e2sm/index.js";
import { E2Nodes } from "../../../sim/agent/e2-nodes.js";
import { Network, Rrc } from "../../../sim/ran/network.js";
import { parseScenario } from "../../../sim/scenario/load.js";
import type { Scenario } from "../../../sim/scenario/resolve.js";
import { buildWorld, type World } from "../../../sim/world/world.js";

const TINY = `
name: tiny-ric
seed: 11
durationS: 60
scene:
  generator: urban-district
  options: { blocksX: 1, blocksY: 1, stadium: null }
carrier: { frequencyHz: 3.5e9, bandwidthHz: 20e6, numerology: 1 }
propagation: { resM: 10, maxDepth: 0, diffraction: false, rays: 1000 }
sites:
  - id: west
    position: [-60, 0]
    heightM: 25
    cells:
      - { id: west-1, bearingDeg: 90, downtiltDeg: 4, powerDbm: 43, array: { rows: 2, cols: 4 }, codebook: { kind: ssb, count: 4, azimuthSpanDeg: 100 } }
  - id: east
    position: [60, 0]
    heightM: 25
    cells:
      - { id: east-1, bearingDeg: 270, downtiltDeg: 4, powerDbm: 43, array: { rows: 2, cols: 4 }, codebook: { kind: ssb, count: 4, azimuthSpanDeg: 100 } }
ues:
  - name: crowd
    count: 6
    mobility: { model: random-routes }
    traffic: { model: video, bitrateMbps: 2 }
rrm: { tickMs: 20, a3: { offsetDb: 2, hysteresisDb: 1, timeToTriggerMs: 100 } }
reality:
  shadowing: { sigmaDb: 3, decorrelationM: 20 }
`;

/** The RAN names of the two gNBs, as the RIC names them. */
export const WEST = "gnb_001_001_000001";
export const EAST = "gnb_001_001_000002";

export const KPM_V3_OID = "1.3.6.1.4.1.53148.1.3.2.2";
export const RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";

let cached: Promise<{ scenario: Scenario; world: World }> | undefined;

export function tinyWorld(): Promise<{ scenario: Scenario; world: World }> {
  cached ??= (async () => {
    const scenario = parseScenario(TINY, "/tiny-ric.yaml");
    return { scenario, world: await buildWorld(scenario, { cacheDir: null }) };
  })();
  return cached;
}

export interface SimNet {
  readonly net: Network;
  readonly e2: E2Nodes;
  /** Steps the network `n` times (20 ms each), letting every message in flight land after each step. */
  steps(n: number): Promise<void>;
  /** A UE connected to `node`'s cell (0 west, 1 east), stepping until there is one (bounded). */
  connectedUe(node: number): Promise<number>;
  close(): void;
}

export async function simNet(version: E2apVersion = 3): Promise<SimNet> {
  const { scenario, world } = await tinyWorld();
  const net = new Network({ scenario, field: world.field, walk: world.walk, roads: world.roads });
  const e2 = new E2Nodes(net, { version, epochS: 1_767_225_600 });
  const steps = async (n: number) => {
    for (let i = 0; i < n; i++) {
      net.step();
      e2.tick();
      await turn();
    }
  };
  return {
    net,
    e2,
    steps,
    async connectedUe(node) {
      const cells = e2.nodes[node].config.cells;
      for (let i = 0; i < 500; i++) {
        for (let u = 0; u < net.ueCount; u++) {
          if (net.rrc[u] === Rrc.Connected && cells.includes(net.serving[u])) return u;
        }
        await steps(1);
      }
      throw new Error(`no UE connected to node ${node} within 10 simulated seconds`);
    },
    close: () => e2.close(),
  };
}

/** Lets what is in flight (links, bus, SDK) land. */
export const settle = async (turns = 4): Promise<void> => {
  for (let i = 0; i < turns; i++) await turn();
};

/** Waits until `check` holds (polled every few ms, bounded), then returns its value. */
export async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The RC handover control (style 3 action 1) of UE `ue` to cell `cell`, as plain E2SM-RC values. */
export function handoverControl(net: Network, ue: number, cell: number): { header: unknown; message: unknown } {
  const structure = (id: number, items: unknown[]) => ({
    "ranParameter-ID": id,
    "ranParameter-valueType": {
      "ranP-Choice-Structure": { "ranParameter-Structure": { "sequence-of-ranParameters": items } },
    },
  });
  const nrCgi = encodeSm("rc", "NR-CGI", {
    pLMNIdentity: Uint8Array.of(0x00, 0xf1, 0x10),
    nRCellIdentity: bitString(net.scenario.cells[cell].nci, 36),
  });
  const target = structure(1, [
    structure(2, [
      structure(3, [
        {
          "ranParameter-ID": 4,
          "ranParameter-valueType": { "ranP-Choice-ElementFalse": { "ranParameter-value": { valueOctS: nrCgi } } },
        },
      ]),
    ]),
  ]);
  return {
    header: {
      "ric-controlHeader-formats": {
        "controlHeader-Format1": {
          ueID: ueIdOf(ue),
          "ric-Style-Type": 3,
          "ric-ControlAction-ID": 1,
          "ric-ControlDecision": "accept",
        },
      },
    },
    message: { "ric-controlMessage-formats": { "controlMessage-Format1": { "ranP-List": [target] } } },
  };
}

import { ueIdOf } from "../../sim/agent/harness.js";

export { ueIdOf };

/** KPM (v3) as apps ask it: a periodic trigger and a node-level style 1 action. */
export const kpm = {
  trigger: (periodMs: number) => ({
    "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: periodMs } },
  }),
  nodeAction: (names: readonly string[], granulPeriodMs: number) => ({
    "ric-Style-Type": 1,
    "actionDefinition-formats": {
      "actionDefinition-Format1": {
        measInfoList: names.map((n) => ({
          measType: { measName: n },
          labelInfoList: [{ measLabel: { noLabel: "true" } }],
        })),
        granulPeriod: granulPeriodMs,
      },
    },
  }),
};
