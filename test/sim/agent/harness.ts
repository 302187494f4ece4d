/** A two-site simulated RAN with one RIC double per E2 node, for the agent tests. */
import { join } from "node:path";
import { setImmediate as turn } from "node:timers/promises";
import { bitString, decodeSm, type E2apVersion, encodeSm, ricSubscriptionRequest } from "../../../e2sm/index.js";
import { inProcessLinkPair } from "../../../ric/transports/in-process.js";
import { E2Nodes } from "../../../sim/agent/e2-nodes.js";
import { Network } from "../../../sim/ran/network.js";
import { loadScenario } from "../../../sim/scenario/load.js";
import type { Scenario } from "../../../sim/scenario/resolve.js";
import { buildWorld, type World } from "../../../sim/world/world.js";
import { RicDouble } from "../../support/ric-double.js";

export const FIXTURE = join(import.meta.dirname, "..", "fixtures", "two-sites.yaml");
export const EPOCH_S = 1_767_225_600; // 2026-01-01T00:00:00Z

let cached: { scenario: Scenario; world: World } | undefined;

export async function twoSites() {
  if (!cached) {
    const scenario = loadScenario(FIXTURE);
    cached = { scenario, world: await buildWorld(scenario, { cacheDir: null }) };
  }
  return cached;
}

export interface Rig {
  readonly net: Network;
  readonly e2: E2Nodes;
  readonly rics: RicDouble[];
  /** Every PDU of node `i`'s link in the order sent, both ways. */
  readonly transcript: Uint8Array[][];
  /** Steps the network `n` times, running the agents and letting the links deliver after each. */
  steps(n: number): Promise<void>;
  /** Lets the links deliver what is in flight. */
  settle(): Promise<void>;
}

export async function rig(version: E2apVersion, opts: { kpmVersion?: 2 | 3; scenario?: Scenario } = {}): Promise<Rig> {
  const { scenario, world } = await twoSites();
  const net = new Network({
    scenario: opts.scenario ?? scenario,
    field: world.field,
    walk: world.walk,
    roads: world.roads,
  });
  const e2 = new E2Nodes(net, { version, kpmVersion: opts.kpmVersion, epochS: EPOCH_S, trueScene: world.actual });
  const transcript: Uint8Array[][] = [];
  const rics = e2.nodes.map((node, i) => {
    const [nodeEnd, ricEnd] = inProcessLinkPair();
    transcript.push([]);
    node.agent.connect(tap(nodeEnd, transcript[i]));
    return new RicDouble(tap(ricEnd, transcript[i]), version);
  });
  const settle = async () => {
    for (let i = 0; i < 4; i++) await turn();
  };
  await settle();
  return {
    net,
    e2,
    rics,
    transcript,
    settle,
    async steps(n) {
      for (let i = 0; i < n; i++) {
        net.step();
        e2.tick();
        await settle();
      }
    },
  };
}

/** The same link, recording what it sends. */
function tap<T extends { send(pdu: Uint8Array): void }>(link: T, into: Uint8Array[]): T {
  const send = link.send.bind(link);
  link.send = (pdu: Uint8Array) => {
    into.push(pdu.slice());
    send(pdu);
  };
  return link;
}

// ---- requests a RIC sends --------------------------------------------------------------------------

export const measInfo = (names: string[]) =>
  names.map((n) => ({ measType: { measName: n }, labelInfoList: [{ measLabel: { noLabel: "true" } }] }));

export function kpmSubscription(
  instance: number,
  periodMs: number,
  action: unknown,
  kpm: "kpm-v3" | "kpm-v2" = "kpm-v3",
) {
  return ricSubscriptionRequest({
    requestId: { requestor: 7, instance },
    ranFunctionId: 1,
    eventTrigger: encodeSm(kpm, "E2SM-KPM-EventTriggerDefinition", {
      "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: periodMs } },
    }),
    actions: [{ id: 1, type: "report", definition: encodeSm(kpm, "E2SM-KPM-ActionDefinition", action) }],
  });
}

/** E2SM-BM action definitions of its two report styles, every UE of the node. */
export const bmAction = {
  beams: (topK: number) => ({
    "ric-Style-Type": 1,
    "actionDefinition-formats": { "actionDefinition-Format1": { topK, scope: {} } },
  }),
  positions: () => ({ "ric-Style-Type": 2, "actionDefinition-formats": { "actionDefinition-Format2": { scope: {} } } }),
};

export function bmSubscription(instance: number, periodMs: number, action: unknown) {
  return ricSubscriptionRequest({
    requestId: { requestor: 7, instance },
    ranFunctionId: 3,
    eventTrigger: encodeSm("bm", "E2SM-BM-EventTrigger", { reportingPeriod: periodMs }),
    actions: [{ id: 1, type: "report", definition: encodeSm("bm", "E2SM-BM-ActionDefinition", action) }],
  });
}

export function rcInsertSubscription(instance: number) {
  return ricSubscriptionRequest({
    requestId: { requestor: 7, instance },
    ranFunctionId: 2,
    eventTrigger: encodeSm("rc", "E2SM-RC-EventTrigger", {
      "ric-eventTrigger-formats": {
        "eventTrigger-Format2": { "ric-callProcessType-ID": 3, "ric-callProcessBreakpoint-ID": 1 },
      },
    }),
    actions: [
      {
        id: 1,
        type: "insert",
        definition: encodeSm("rc", "E2SM-RC-ActionDefinition", {
          "ric-Style-Type": 3,
          "ric-actionDefinition-formats": {
            "actionDefinition-Format3": {
              "ric-InsertIndication-ID": 1,
              "ranP-InsertIndication-List": [{ "ranParameter-ID": 1 }],
            },
          },
        }),
      },
    ],
  });
}

export const decodeIndication = (sm: string, msg: { ies: Record<string, any> }) => ({
  header: decodeSm(
    sm,
    sm.startsWith("kpm")
      ? "E2SM-KPM-IndicationHeader"
      : sm === "rc"
        ? "E2SM-RC-IndicationHeader"
        : "E2SM-BM-IndicationHeader",
    msg.ies.RICindicationHeader,
  ),
  message: decodeSm(
    sm,
    sm.startsWith("kpm")
      ? "E2SM-KPM-IndicationMessage"
      : sm === "rc"
        ? "E2SM-RC-IndicationMessage"
        : "E2SM-BM-IndicationMessage",
    msg.ies.RICindicationMessage,
  ),
});

/** KPM action definitions by format, in a line each. */
export const kpmAction = {
  /** Node- or cell-level measurements. */
  format1: (names: string[], granulPeriod: number) => ({
    "ric-Style-Type": 1,
    "actionDefinition-formats": { "actionDefinition-Format1": { measInfoList: measInfo(names), granulPeriod } },
  }),
  /** One UE's measurements. */
  format2: (ueID: unknown, names: string[], granulPeriod: number) => ({
    "ric-Style-Type": 2,
    "actionDefinition-formats": {
      "actionDefinition-Format2": { ueID, subscriptInfo: { measInfoList: measInfo(names), granulPeriod } },
    },
  }),
  /** One measurement over the UEs meeting a test. */
  format3: (measName: string, test: unknown, granulPeriod: number) => ({
    "ric-Style-Type": 3,
    "actionDefinition-formats": {
      "actionDefinition-Format3": {
        measCondList: [{ measType: { measName }, matchingCond: [{ matchingCondChoice: { testCondInfo: test } }] }],
        granulPeriod,
      },
    },
  }),
  /** Each UE meeting a test. */
  format4: (test: unknown, names: string[], granulPeriod: number) => ({
    "ric-Style-Type": 4,
    "actionDefinition-formats": {
      "actionDefinition-Format4": {
        matchingUeCondList: [{ testCondInfo: test }],
        subscriptionInfo: { measInfoList: measInfo(names), granulPeriod },
      },
    },
  }),
  /** Each UE listed. */
  format5: (ueIDs: unknown[], names: string[], granulPeriod: number) => ({
    "ric-Style-Type": 5,
    "actionDefinition-formats": {
      "actionDefinition-Format5": {
        matchingUEidList: ueIDs.map((ueID) => ({ ueID })),
        subscriptionInfo: { measInfoList: measInfo(names), granulPeriod },
      },
    },
  }),
};

/** A KPM test condition: `testCond("rSRP", "greaterthan", -100)`, `testCond("cQI", "present")`. */
export const testCond = (
  type: "rSRP" | "cQI",
  expr: "equal" | "greaterthan" | "lessthan" | "present",
  value?: number,
) => ({
  testType: { [type]: "true" },
  testExpr: expr,
  ...(value === undefined ? {} : { testValue: { valueInt: value } }),
});

/** The UEID the simulated gNBs give UE `u`. */
export const ueIdOf = (u: number) => ({
  "gNB-UEID": {
    "amf-UE-NGAP-ID": u,
    guami: {
      pLMNIdentity: Uint8Array.of(0x00, 0xf1, 0x10),
      aMFRegionID: bitString(1, 8),
      aMFSetID: bitString(1, 10),
      aMFPointer: bitString(0, 6),
    },
  },
});

export function csiSubscription(instance: number, periodMs: number, scope: unknown = {}) {
  return ricSubscriptionRequest({
    requestId: { requestor: 7, instance },
    ranFunctionId: 4,
    eventTrigger: encodeSm("csi", "E2SM-CSI-EventTrigger", { reportingPeriod: periodMs }),
    actions: [
      {
        id: 1,
        type: "report",
        definition: encodeSm("csi", "E2SM-CSI-ActionDefinition", {
          "ric-Style-Type": 1,
          "actionDefinition-formats": { "actionDefinition-Format1": { scope } },
        }),
      },
    ],
  });
}

/** RC report style 4: RRC state changes to `to` ("rrc-connected", "rrc-idle", "any"), reporting `parameter`. */
export const rcUeInfoSubscription = (instance: number, to: string[], parameter = 202) =>
  ricSubscriptionRequest({
    requestId: { requestor: 7, instance },
    ranFunctionId: 2,
    eventTrigger: encodeSm("rc", "E2SM-RC-EventTrigger", {
      "ric-eventTrigger-formats": {
        "eventTrigger-Format4": {
          "uEInfoChange-List": [
            {
              "ric-eventTriggerCondition-ID": instance,
              triggerType: {
                "triggerType-Choice-RRCstate": {
                  "rrcState-List": to.map((stateChangedTo) => ({ stateChangedTo })),
                },
              },
            },
          ],
        },
      },
    }),
    actions: [
      {
        id: 1,
        type: "report",
        definition: encodeSm("rc", "E2SM-RC-ActionDefinition", {
          "ric-Style-Type": 4,
          "ric-actionDefinition-formats": {
            "actionDefinition-Format1": { "ranP-ToBeReported-List": [{ "ranParameter-ID": parameter }] },
          },
        }),
      },
    ],
  });
