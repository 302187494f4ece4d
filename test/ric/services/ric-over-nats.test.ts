/**
 * The standalone RIC's configuration: the same services on NATS (a real nats-server on loopback), the
 * RIC and the apps on separate connections. The contract holds across the server: inventory, merged
 * subscriptions with indications to each app's queue group, controls and their error headers.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { E2apCodec, ricControlRequest, ricIndication, ricSubscriptionResponse } from "../../../e2sm/index.js";
import type { BusMessage } from "../../../ric/bus/bus.js";
import {
  b64,
  CONTROL_ERROR,
  type NodeInfo,
  SUBJECTS,
  type SubscribeReply,
  type SubscribeRequest,
} from "../../../ric/bus/contract.js";
import { NatsBus } from "../../../ric/bus/nats.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { closeBusWithin, type NatsTestServer, startNatsServer } from "../../support/nats-server.js";
import { call, FakeNode } from "./fake-node.js";

const NODE = "gnb_001_001_000001";
const codec = new E2apCodec({ version: 3 });

let server: NatsTestServer;
let ricBus: NatsBus;
let appBus: NatsBus;
let ric: NearRtRic;
let node: FakeNode;

beforeAll(async () => {
  server = await startNatsServer();
}, 20_000);

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  ricBus = await NatsBus.connect({ servers: server.url, name: "twinric-ric" });
  appBus = await NatsBus.connect({ servers: server.url, name: "apps" });
  ric = await NearRtRic.start({ bus: ricBus, controlTimeoutMs: 200, subscriptionTimeoutMs: 500 });
  node = await FakeNode.attach(ric);
});

afterEach(async () => {
  node.close();
  await ric.close();
  await closeBusWithin(ricBus);
  await closeBusWithin(appBus);
});

/** Waits (bounded) until `list` has `n` entries. */
async function count<T>(list: T[], n: number, timeoutMs = 2000): Promise<T[]> {
  const deadline = performance.now() + timeoutMs;
  while (list.length < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return list;
}

describe("NearRtRic over NATS", () => {
  it("answers ric.nodes for an app on another connection", async () => {
    const list = await call<NodeInfo[]>(appBus, SUBJECTS.nodes, {});
    expect(list.map((n) => n.id)).toEqual([NODE]);
    expect(list[0].ranFunctions.map((f) => f.id)).toEqual([1, 2]);
  });

  it("merges identical subscriptions and gives each app's queue group every indication once", async () => {
    const req = (app: string, instance: string): SubscribeRequest => ({
      app,
      instance,
      node: NODE,
      ranFunctionId: 1,
      eventTrigger: b64(Uint8Array.of(1)),
      actions: [{ id: 1, type: "report" }],
    });
    const [k1, k2, h1]: BusMessage[][] = [[], [], []];
    const replies = Promise.all([
      call<SubscribeReply>(appBus, SUBJECTS.subAdd, req("kpimon", "k1")),
      call<SubscribeReply>(appBus, SUBJECTS.subAdd, req("kpimon", "k2")),
      call<SubscribeReply>(appBus, SUBJECTS.subAdd, req("handover", "h1")),
    ]);
    const e2 = await node.next((m) => m.procedure === "RICsubscription");
    const requestId = { requestor: 1, instance: e2.msg.ies.RICrequestID.ricInstanceID };
    node.send(ricSubscriptionResponse({ requestId, ranFunctionId: 1, admitted: [1] }));
    const answers = await replies;
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(node.of("RICsubscription")).toHaveLength(1);
    const key = answers[0].ok ? answers[0].subscription : "";
    appBus.subscribe(SUBJECTS.indication(key), (m) => k1.push(m), { queue: "kpimon" });
    appBus.subscribe(SUBJECTS.indication(key), (m) => k2.push(m), { queue: "kpimon" });
    appBus.subscribe(SUBJECTS.indication(key), (m) => h1.push(m), { queue: "handover" });
    await appBus.flush();
    const sent = Array.from({ length: 20 }, (_, sn) =>
      node.send(
        ricIndication({
          requestId,
          ranFunctionId: 1,
          actionId: 1,
          sn,
          header: Uint8Array.of(sn),
          message: Uint8Array.of(sn),
        }),
      ),
    );
    await count(h1, 20);
    const kpimon = await (async () => {
      const deadline = performance.now() + 2000;
      while (k1.length + k2.length < 20 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      return [...k1, ...k2];
    })();
    expect(h1.map((m) => [...m.data])).toEqual(sent.map((b) => [...b]));
    expect(kpimon).toHaveLength(20);
    expect(new Set(kpimon.map((m) => Buffer.from(m.data).toString("hex"))).size).toBe(20);
  });

  it("routes a control and its acknowledge, and says timeout in the reply headers when the node is silent", async () => {
    const bytes = (instance: number) =>
      codec.encode(
        ricControlRequest({
          requestId: { requestor: 9, instance },
          ranFunctionId: 2,
          header: Uint8Array.of(1),
          message: Uint8Array.of(2),
        }),
      );
    const reply = appBus.request(SUBJECTS.control(NODE), bytes(1), { timeoutMs: 2000 });
    const at = await node.next((m) => m.procedure === "RICcontrol");
    expect([...at.bytes]).toEqual([...bytes(1)]);
    const ack = node.send({
      procedure: "RICcontrol",
      kind: "successfulOutcome",
      ies: { RICrequestID: at.msg.ies.RICrequestID, RANfunctionID: 2 },
    });
    expect([...(await reply).data]).toEqual([...ack]);
    const silent = await appBus.request(SUBJECTS.control(NODE), bytes(2), { timeoutMs: 2000 });
    expect(silent.data.length).toBe(0);
    expect(silent.headers?.[CONTROL_ERROR.code]).toBe("timeout");
    expect(silent.headers?.[CONTROL_ERROR.message]).toMatch(/did not answer the control within 200 ms/);
  });

  it("keeps serving after a client publishes a malformed A1 declaration", async () => {
    const quiet = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      appBus.publish(SUBJECTS.a1Declare, new TextEncoder().encode("not json"));
      await appBus.flush();
      await new Promise((r) => setTimeout(r, 100));
      const list = await call<NodeInfo[]>(appBus, SUBJECTS.nodes, {}, 1000);
      expect(list.map((n) => n.id)).toEqual([NODE]);
    } finally {
      quiet.mockRestore();
    }
  });
});
