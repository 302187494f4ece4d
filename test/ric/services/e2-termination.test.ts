/**
 * The RIC's E2 termination over the bus contract, with scripted nodes (fake-node.ts): E2 Setup answered,
 * the inventory on `ric.nodes`, node up / updated / down on `ric.events`, RIC Service Update and Reset
 * answered, a node replacing its own old link, what cannot be decoded counted.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type E2apVersion, e2setupRequest, gnbNodeId } from "../../../e2sm/index.js";
import { b64, type NodeInfo, SUBJECTS } from "../../../ric/bus/contract.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { inProcessLinkPair } from "../../../ric/transports/in-process.js";
import { call, DEFAULT_FUNCTIONS, EventLog, FakeNode, KPM_OID, RC_OID, settle } from "./fake-node.js";

let bus: InProcessBus;
let ric: NearRtRic;
let events: EventLog;
const nodes: FakeNode[] = [];

async function startRic(version: E2apVersion = 3) {
  bus = new InProcessBus();
  events = new EventLog(bus);
  ric = await NearRtRic.start({ bus, version });
}

async function attach(o: Parameters<typeof FakeNode.attach>[1] = {}) {
  const node = await FakeNode.attach(ric, o);
  nodes.push(node);
  return node;
}

afterEach(async () => {
  for (const n of nodes.splice(0)) n.close();
  await ric?.close();
  await bus?.close();
});

describe("RIC start", () => {
  it("announces itself with ric-up and its instance id", async () => {
    await startRic();
    const up = await events.wait("ric-up");
    expect(up.instance).toBe(ric.instance);
    expect(ric.instance).toMatch(/^[0-9a-f-]{36}$/);
    expect(await call(bus, SUBJECTS.nodes, {})).toEqual([]);
  });
});

describe.each([2, 3] as const)("E2 Setup over E2AP v%i", (version) => {
  beforeEach(() => startRic(version));

  it("answers the setup with the request's transaction id, accepting every RAN function", async () => {
    const node = await attach({ version });
    const [answer] = node.received;
    expect(answer.msg.procedure).toBe("E2setup");
    expect(answer.msg.kind).toBe("successfulOutcome");
    expect(answer.msg.ies.TransactionID).toBe(7);
    expect(answer.msg.ies.RANfunctionsAccepted).toEqual([
      { ranFunctionID: 1, ranFunctionRevision: 1 },
      { ranFunctionID: 2, ranFunctionRevision: 3 },
    ]);
    expect(answer.msg.ies.GlobalRIC_ID["pLMN-Identity"]).toEqual(Uint8Array.of(0x00, 0xf1, 0x10));
    expect(answer.msg.ies.GlobalRIC_ID["ric-ID"].length).toBe(20);
  });

  it("lists the node on ric.nodes under its RAN name, with its RAN functions as announced", async () => {
    const before = Date.now();
    await attach({ version });
    const list = await call<NodeInfo[]>(bus, SUBJECTS.nodes, {});
    expect(list).toHaveLength(1);
    const [n] = list;
    expect(n.id).toBe("gnb_001_001_000001");
    expect(n.e2ap).toBe(version);
    expect(n.plmn).toBe("001_001");
    expect(n.peer).toBe("in-process fake gnb");
    expect(Date.parse(n.connectedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(n.ranFunctions).toEqual([
      { id: 1, oid: KPM_OID, revision: 1, definition: b64(DEFAULT_FUNCTIONS[0].definition) },
      { id: 2, oid: RC_OID, revision: 3, definition: b64(DEFAULT_FUNCTIONS[1].definition) },
    ]);
    const up = await events.wait("node-up");
    expect(up.node).toEqual(n);
  });
});

describe("the inventory", () => {
  beforeEach(() => startRic());

  it("names nodes by PLMN and gNB id, and keeps them apart", async () => {
    await attach({ gnbId: 1 });
    await attach({ gnbId: 0xdeadbeef, gnbIdBits: 32 });
    await attach({ gnbId: 2, plmn: "130014" });
    const ids = (await call<NodeInfo[]>(bus, SUBJECTS.nodes, {})).map((n) => n.id).sort();
    expect(ids).toEqual(["gnb_001_001_000001", "gnb_001_001_deadbeef", "gnb_310_410_000002"]);
    expect(ric.stats().nodes).toBe(3);
    const plmns = (await call<NodeInfo[]>(bus, SUBJECTS.nodes, {})).map((n) => n.plmn).sort();
    expect(plmns).toEqual(["001_001", "001_001", "310_410"]);
  });

  it("takes a node off and says node-down when its link closes", async () => {
    const a = await attach({ gnbId: 1 });
    await attach({ gnbId: 2 });
    a.close();
    const down = await events.wait("node-down");
    expect(down.node).toEqual({ id: "gnb_001_001_000001" });
    expect(down.reason).toBe("link closed");
    expect((await call<NodeInfo[]>(bus, SUBJECTS.nodes, {})).map((n) => n.id)).toEqual(["gnb_001_001_000002"]);
  });

  it("a node setting up again on a new link replaces the old one, which is closed", async () => {
    const old = await attach({ gnbId: 1 });
    const again = await attach({ gnbId: 1 });
    await settle();
    expect(old.closedWith).not.toBeNull();
    expect(again.closedWith).toBeNull();
    const down = await events.wait("node-down");
    expect(down.reason).toBe("replaced by a new link");
    expect(events.kinds()).toEqual(["ric-up", "node-up", "node-down", "node-up"]);
    expect(await call<NodeInfo[]>(bus, SUBJECTS.nodes, {})).toHaveLength(1);
    // the old link closing later does not take the new node down
    old.close();
    await settle();
    expect(events.kinds().filter((k) => k === "node-down")).toHaveLength(1);
    expect(ric.stats().nodes).toBe(1);
  });

  it("ignores messages before E2 Setup and counts what it cannot decode", async () => {
    const [nodeEnd, ricEnd] = inProcessLinkPair();
    ric.attach(ricEnd);
    const node = new FakeNode(nodeEnd);
    nodes.push(node);
    node.send({
      procedure: "Reset",
      kind: "initiatingMessage",
      ies: { TransactionID: 1, Cause: { misc: "unspecified" } },
    });
    nodeEnd.send(Uint8Array.of(0xff, 0x00, 0x13));
    await settle();
    expect(node.received).toEqual([]); // no answer to a Reset before setup
    expect(ric.stats().decodeErrors).toBe(1);
    expect(ric.stats().nodes).toBe(0);
    // and sets up afterwards
    node.send(
      e2setupRequest({
        transactionId: 3,
        nodeId: gnbNodeId({ plmn: "00f110", gnbId: 9 }),
        ranFunctions: [DEFAULT_FUNCTIONS[1]],
      }),
    );
    const answer = await node.next((m) => m.procedure === "E2setup");
    expect(answer.msg.kind).toBe("successfulOutcome");
    expect(answer.msg.ies.RANfunctionsAccepted).toEqual([{ ranFunctionID: 2, ranFunctionRevision: 3 }]);
    const [listed] = await call<NodeInfo[]>(bus, SUBJECTS.nodes, {});
    expect(listed.id).toBe("gnb_001_001_000009");
    expect(listed.ranFunctions.map((f) => f.id)).toEqual([2]);
  });
});

describe("node-initiated procedures", () => {
  beforeEach(() => startRic());

  it("acknowledges a RIC Service Update and publishes node-updated with the new RAN functions", async () => {
    const node = await attach();
    await events.wait("node-up");
    node.send({
      procedure: "RICserviceUpdate",
      kind: "initiatingMessage",
      ies: {
        TransactionID: 11,
        RANfunctionsAdded: [
          {
            ranFunctionID: 3,
            ranFunctionDefinition: Uint8Array.of(3),
            ranFunctionRevision: 1,
            ranFunctionOID: "1.2.3",
          },
        ],
        RANfunctionsModified: [
          {
            ranFunctionID: 1,
            ranFunctionDefinition: Uint8Array.of(1, 1),
            ranFunctionRevision: 2,
            ranFunctionOID: KPM_OID,
          },
        ],
        RANfunctionsDeleted: [{ ranFunctionID: 2, ranFunctionRevision: 3 }],
      },
    });
    const ack = await node.next((m) => m.procedure === "RICserviceUpdate");
    expect(ack.msg.kind).toBe("successfulOutcome");
    expect(ack.msg.ies.TransactionID).toBe(11);
    expect(ack.msg.ies.RANfunctionsAccepted).toEqual([
      { ranFunctionID: 3, ranFunctionRevision: 1 },
      { ranFunctionID: 1, ranFunctionRevision: 2 },
    ]);
    const updated = await events.wait("node-updated");
    const functions = [
      { id: 1, oid: KPM_OID, revision: 2, definition: b64(Uint8Array.of(1, 1)) },
      { id: 3, oid: "1.2.3", revision: 1, definition: b64(Uint8Array.of(3)) },
    ];
    expect(updated.node.ranFunctions).toEqual(functions);
    expect((await call<NodeInfo[]>(bus, SUBJECTS.nodes, {}))[0].ranFunctions).toEqual(functions);
  });

  it("answers a Reset with the same transaction id; the node stays up", async () => {
    const node = await attach();
    node.send({
      procedure: "Reset",
      kind: "initiatingMessage",
      ies: { TransactionID: 42, Cause: { misc: "om-intervention" } },
    });
    const answer = await node.next((m) => m.procedure === "Reset");
    expect(answer.msg.kind).toBe("successfulOutcome");
    expect(answer.msg.ies.TransactionID).toBe(42);
    expect(ric.stats().nodes).toBe(1);
    expect(events.kinds()).not.toContain("node-down");
  });

  it("closes the links of its nodes when it closes", async () => {
    const node = await attach();
    await ric.close();
    await settle();
    expect(node.closedWith).not.toBeNull();
    expect(ric.stats().nodes).toBe(0);
    expect((await events.wait("node-down")).node.id).toBe("gnb_001_001_000001");
  });
});
