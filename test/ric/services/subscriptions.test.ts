/**
 * The subscription manager over the bus contract, with a scripted node answering (or not) each E2
 * request: identical requests of several apps merged into one E2 subscription, indications to every
 * app once (queue group per app), delete on the last unsubscribe, refusals, timeouts, strays, nodes
 * resetting or dropping subscriptions, and malformed requests.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ricIndication, ricSubscriptionFailure, ricSubscriptionResponse } from "../../../e2sm/index.js";
import { type BusMessage, jsonOf } from "../../../ric/bus/bus.js";
import {
  b64,
  SUBJECTS,
  type SubscribeReply,
  type SubscribeRequest,
  subscriptionKey,
} from "../../../ric/bus/contract.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { call, EventLog, FakeNode, type Received, settle } from "./fake-node.js";

const NODE = "gnb_001_001_000001";
const TRIGGER = b64(Uint8Array.of(0x10, 0x20, 0x30));

const request = (app: string, instance: string, over: Partial<SubscribeRequest> = {}): SubscribeRequest => ({
  app,
  instance,
  node: NODE,
  ranFunctionId: 1,
  eventTrigger: TRIGGER,
  actions: [{ id: 1, type: "report", definition: b64(Uint8Array.of(7, 7)) }],
  ...over,
});
const keyOf = (r: SubscribeRequest) => subscriptionKey(r);

let bus: InProcessBus;
let ric: NearRtRic;
let events: EventLog;
let node: FakeNode;

beforeEach(async () => {
  bus = new InProcessBus();
  events = new EventLog(bus);
  ric = await NearRtRic.start({ bus, subscriptionTimeoutMs: 200 });
  node = await FakeNode.attach(ric);
});

afterEach(async () => {
  node.close();
  await ric.close();
  await bus.close();
});

const subscribe = (r: SubscribeRequest) => call<SubscribeReply>(bus, SUBJECTS.subAdd, r);
const unsubscribe = (app: string, instance: string, subscription: string) =>
  call<{ ok: boolean; error?: string }>(bus, SUBJECTS.subDel, { app, instance, subscription });

/** The n-th RIC Subscription Request the node got (0-based). */
const subRequest = (n = 0) =>
  node.next((m) => m.procedure === "RICsubscription" && m.kind === "initiatingMessage", 2000, n);
const requestIdOf = (r: Received) => ({
  requestor: r.msg.ies.RICrequestID.ricRequestorID as number,
  instance: r.msg.ies.RICrequestID.ricInstanceID as number,
});
const admit = (r: Received, admitted = [1], notAdmitted?: { id: number; cause: Record<string, string> }[]) =>
  node.send(
    ricSubscriptionResponse({
      requestId: requestIdOf(r),
      ranFunctionId: r.msg.ies.RANfunctionID,
      admitted,
      notAdmitted,
    }),
  );
const indicate = (r: Received, sn: number) =>
  node.send(
    ricIndication({
      requestId: requestIdOf(r),
      ranFunctionId: 1,
      actionId: 1,
      sn,
      header: Uint8Array.of(0xaa, sn),
      message: Uint8Array.of(0xbb, sn, sn),
    }),
  );

/** One replica of an app, listening on a subscription's indication subject in its app's queue group. */
function replica(app: string, subscription: string) {
  const got: BusMessage[] = [];
  bus.subscribe(SUBJECTS.indication(subscription), (m) => got.push(m), { queue: app });
  return got;
}

describe("merging identical subscriptions", () => {
  it("sends one E2 subscription for identical requests of several apps, answering each with the same key", async () => {
    const key = keyOf(request("kpimon", "k1"));
    const replies = Promise.all([
      subscribe(request("kpimon", "k1")),
      subscribe(request("kpimon", "k2")),
      subscribe(request("handover", "h1")),
    ]);
    const e2 = await subRequest();
    await settle();
    expect(node.of("RICsubscription")).toHaveLength(1);
    // what reached the node is what was asked
    expect(e2.msg.ies.RANfunctionID).toBe(1);
    expect(e2.msg.ies.RICrequestID.ricRequestorID).toBe(1);
    expect(e2.msg.ies.RICsubscriptionDetails.ricEventTriggerDefinition).toEqual(Uint8Array.of(0x10, 0x20, 0x30));
    expect(e2.msg.ies.RICsubscriptionDetails["ricAction-ToBeSetup-List"]).toEqual([
      { ricActionID: 1, ricActionType: "report", ricActionDefinition: Uint8Array.of(7, 7) },
    ]);
    admit(e2);
    for (const reply of await replies) {
      expect(reply).toEqual({ ok: true, subscription: key, admitted: [1], notAdmitted: [] });
    }
    expect(key).toMatch(/^gnb_001_001_000001-[0-9a-f]{12}$/);
    expect(ric.stats().subscriptions).toBe(1);
  });

  it("gives each app every indication once, as the node sent it; replicas of an app share them", async () => {
    const key = keyOf(request("kpimon", "k1"));
    const k1 = replica("kpimon", key);
    const k2 = replica("kpimon", key);
    const h1 = replica("handover", key);
    const replies = Promise.all([subscribe(request("kpimon", "k1")), subscribe(request("kpimon", "k2"))]);
    admit(await subRequest());
    await replies;
    expect((await subscribe(request("handover", "h1"))).ok).toBe(true); // joins the live one
    expect(node.of("RICsubscription")).toHaveLength(1);
    const e2 = await subRequest();
    const sent = Array.from({ length: 10 }, (_, sn) => indicate(e2, sn));
    await settle();
    const kpimon = [...k1, ...k2];
    expect(kpimon).toHaveLength(10);
    expect(k1.length).toBeGreaterThan(0);
    expect(k2.length).toBeGreaterThan(0);
    expect(h1.map((m) => [...m.data])).toEqual(sent.map((b) => [...b])); // byte-identical, in order
    const kpimonSns = kpimon.map((m) =>
      sent.findIndex((b) => Buffer.compare(Buffer.from(b), Buffer.from(m.data)) === 0),
    );
    expect(kpimonSns.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ric.stats().indications).toBe(10);
    expect(ric.stats().strayIndications).toBe(0);
  });

  it("keeps the E2 subscription while one subscriber is left, deletes it at the node when the last leaves", async () => {
    const key = keyOf(request("kpimon", "k1"));
    const h1 = replica("handover", key);
    const both = Promise.all([subscribe(request("kpimon", "k1")), subscribe(request("handover", "h1"))]);
    const e2 = await subRequest();
    admit(e2);
    await both;

    expect(await unsubscribe("kpimon", "k1", key)).toEqual({ ok: true });
    await settle();
    expect(node.of("RICsubscriptionDelete")).toHaveLength(0);
    indicate(e2, 1);
    await settle();
    expect(h1).toHaveLength(1);
    expect(await unsubscribe("kpimon", "k1", key)).toEqual({
      ok: false,
      error: `kpimon/k1 has no subscription ${key}`,
    });

    expect(await unsubscribe("handover", "h1", key)).toEqual({ ok: true });
    const del = await node.next((m) => m.procedure === "RICsubscriptionDelete");
    expect(del.msg.kind).toBe("initiatingMessage");
    expect(del.msg.ies.RICrequestID).toEqual(e2.msg.ies.RICrequestID);
    expect(del.msg.ies.RANfunctionID).toBe(1);
    expect(ric.stats().subscriptions).toBe(0);
    // what the node still sends for it goes nowhere, counted
    indicate(e2, 2);
    await settle();
    expect(h1).toHaveLength(1);
    expect(ric.stats().strayIndications).toBe(1);
    // asking again sets up a new E2 subscription, under a new RIC instance id
    const again = subscribe(request("handover", "h1"));
    const e2b = await subRequest(1);
    expect(e2b.msg.ies.RICrequestID.ricInstanceID).not.toBe(e2.msg.ies.RICrequestID.ricInstanceID);
    admit(e2b);
    expect(await again).toMatchObject({ ok: true, subscription: key });
  });

  it("gives different requests their own E2 subscription and routes indications by RIC instance id", async () => {
    const a = request("kpimon", "k1");
    const b = request("kpimon", "k1", { actions: [{ id: 1, type: "report", definition: b64(Uint8Array.of(8)) }] });
    expect(keyOf(a)).not.toBe(keyOf(b));
    const gotA = replica("kpimon", keyOf(a));
    const gotB = replica("kpimon", keyOf(b));
    const replies = Promise.all([subscribe(a), subscribe(b)]);
    const [e2a, e2b] = [await subRequest(0), await subRequest(1)];
    expect(e2a.msg.ies.RICrequestID.ricInstanceID).not.toBe(e2b.msg.ies.RICrequestID.ricInstanceID);
    admit(e2b);
    admit(e2a);
    expect((await replies).map((r) => r.ok && r.subscription)).toEqual([keyOf(a), keyOf(b)]);
    const toA = [indicate(e2a, 1)];
    const toB = [indicate(e2b, 2), indicate(e2b, 3)];
    await settle();
    const bytes = (list: readonly Uint8Array[]) => list.map((b) => [...b]);
    expect(bytes(gotA.map((m) => m.data))).toEqual(bytes(toA));
    expect(bytes(gotB.map((m) => m.data))).toEqual(bytes(toB));
    expect(ric.stats().subscriptions).toBe(2);
  });

  it("reports actions the node did not admit", async () => {
    const r = request("kpimon", "k1", {
      actions: [
        { id: 1, type: "report" },
        { id: 2, type: "insert" },
      ],
    });
    const reply = subscribe(r);
    admit(await subRequest(), [1], [{ id: 2, cause: { ricRequest: "action-not-supported" } }]);
    expect(await reply).toEqual({
      ok: true,
      subscription: keyOf(r),
      admitted: [1],
      notAdmitted: [{ id: 2, cause: { ricRequest: "action-not-supported" } }],
    });
  });
});

describe("failures", () => {
  it("passes the node's refusal on with its cause, and forgets the subscription", async () => {
    const reply = subscribe(request("kpimon", "k1"));
    const e2 = await subRequest();
    node.send(
      ricSubscriptionFailure({
        requestId: requestIdOf(e2),
        ranFunctionId: 1,
        cause: { ricRequest: "action-not-supported" },
      }),
    );
    expect(await reply).toEqual({
      ok: false,
      error: `E2 node ${NODE} refused the subscription`,
      cause: { ricRequest: "action-not-supported" },
    });
    expect(ric.stats().subscriptions).toBe(0);
    // a new attempt goes to the node again
    const again = subscribe(request("kpimon", "k1"));
    admit(await subRequest(1));
    expect((await again).ok).toBe(true);
  });

  it("answers with a timeout error when the node does not answer, and deletes what it accepts late", async () => {
    const started = performance.now();
    const reply = await subscribe(request("kpimon", "k1"));
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(reply).toEqual({ ok: false, error: `E2 node ${NODE} did not answer the subscription in 200 ms` });
    expect(ric.stats().subscriptions).toBe(0);
    const e2 = await subRequest();
    indicate(e2, 1);
    admit(e2); // too late: the RIC tells the node to delete it
    const deletion = await node.next((m) => m.procedure === "RICsubscriptionDelete" && m.kind === "initiatingMessage");
    expect(deletion.msg.ies.RICrequestID).toEqual(e2.msg.ies.RICrequestID);
    expect(deletion.msg.ies.RANfunctionID).toBe(1);
    await settle();
    expect(ric.stats().subscriptions).toBe(0);
    expect(ric.stats().strayIndications).toBe(1);
  });

  it("leaves alone a late refusal, and answers of another requestor", async () => {
    await subscribe(request("kpimon", "k1")); // times out
    const e2 = await subRequest();
    node.send(
      ricSubscriptionFailure({ requestId: requestIdOf(e2), ranFunctionId: 1, cause: { ricRequest: "unspecified" } }),
    );
    node.send(
      ricSubscriptionResponse({
        requestId: { requestor: requestIdOf(e2).requestor + 1, instance: requestIdOf(e2).instance },
        ranFunctionId: 1,
        admitted: [1],
      }),
    );
    await settle();
    expect(node.received.filter((m) => m.msg.procedure === "RICsubscriptionDelete")).toEqual([]);
  });

  it("refuses at once a node that is not connected, or a RAN function it does not have", async () => {
    expect(await subscribe(request("kpimon", "k1", { node: "gnb_001_001_0000beef" }))).toEqual({
      ok: false,
      error: "E2 node gnb_001_001_0000beef is not connected",
    });
    expect(await subscribe(request("kpimon", "k1", { ranFunctionId: 9 }))).toEqual({
      ok: false,
      error: `E2 node ${NODE} has no RAN function 9`,
    });
    await settle();
    expect(node.of("RICsubscription")).toHaveLength(0);
  });

  it("counts as stray an indication whose RIC instance id matches no subscription, and publishes nothing", async () => {
    const anything: BusMessage[] = [];
    bus.subscribe("ric.ind.>", (m) => anything.push(m));
    node.send(
      ricIndication({
        requestId: { requestor: 1, instance: 999 },
        ranFunctionId: 1,
        actionId: 1,
        header: Uint8Array.of(1),
        message: Uint8Array.of(2),
      }),
    );
    // also one for a subscription still waiting for the node's answer
    const pending = subscribe(request("kpimon", "k1"));
    indicate(await subRequest(), 5);
    await settle();
    expect(ric.stats().strayIndications).toBe(2);
    expect(ric.stats().indications).toBe(0);
    expect(anything).toEqual([]);
    await pending;
  });
});

describe("subscriptions the node drops", () => {
  it("on a node Reset: subscription-gone for live ones, a failed reply for pending ones", async () => {
    const live = request("kpimon", "k1");
    const reply = subscribe(live);
    admit(await subRequest());
    await reply;
    const pending = subscribe(request("handover", "h1", { ranFunctionId: 2 }));
    await subRequest(1);
    node.send({
      procedure: "Reset",
      kind: "initiatingMessage",
      ies: { TransactionID: 3, Cause: { misc: "om-intervention" } },
    });
    const gone = await events.wait("subscription-gone");
    expect(gone).toEqual({ kind: "subscription-gone", subscription: keyOf(live), reason: "the node reset" });
    expect(await pending).toEqual({ ok: false, error: `E2 node ${NODE}: the node reset` });
    await settle();
    expect(events.kinds().filter((k) => k === "subscription-gone")).toHaveLength(1);
    expect(ric.stats().subscriptions).toBe(0);
  });

  it("on RIC Subscription Delete Required: subscription-gone with the node's cause", async () => {
    const r = request("kpimon", "k1");
    const reply = subscribe(r);
    const e2 = await subRequest();
    admit(e2);
    await reply;
    node.send({
      procedure: "RICsubscriptionDeleteRequired",
      kind: "initiatingMessage",
      ies: {
        RICsubscriptionToBeRemoved: [
          {
            ricRequestID: e2.msg.ies.RICrequestID,
            ranFunctionID: 1,
            cause: { ricService: "ran-function-not-supported" },
          },
        ],
      },
    });
    const gone = await events.wait("subscription-gone");
    expect(gone.subscription).toBe(keyOf(r));
    expect(gone.reason).toContain("ran-function-not-supported");
    expect(ric.stats().subscriptions).toBe(0);
  });

  it("on the node going down: pending replies fail, and no subscription-gone (node-down says it)", async () => {
    const pending = subscribe(request("kpimon", "k1"));
    await subRequest();
    node.close();
    expect(await pending).toEqual({ ok: false, error: `E2 node ${NODE}: link closed` });
    await events.wait("node-down");
    expect(events.kinds()).not.toContain("subscription-gone");
  });
});

describe("malformed requests", () => {
  const raw = async (subject: string, text: string) =>
    jsonOf<{ ok: boolean; error: string }>(
      await bus.request(subject, new TextEncoder().encode(text), { timeoutMs: 1000 }),
    );

  it("answers a payload that is not JSON with ok false, naming the subject", async () => {
    const reply = await raw(SUBJECTS.subAdd, "{not json");
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/^ric\.sub\.add: payload is not JSON/);
    expect((await raw(SUBJECTS.subDel, "")).error).toMatch(/^ric\.sub\.del: payload is not JSON/);
  });

  it.each([
    ["no app", { app: undefined }, "ric.sub.add: app and instance must be strings"],
    ["a numeric instance", { instance: 3 }, "ric.sub.add: app and instance must be strings"],
    ["no node", { node: undefined }, "ric.sub.add: node must be a string"],
    ["a string RAN function id", { ranFunctionId: "1" }, "ric.sub.add: ranFunctionId must be an integer"],
    ["a fractional RAN function id", { ranFunctionId: 1.5 }, "ric.sub.add: ranFunctionId must be an integer"],
    ["no event trigger", { eventTrigger: undefined }, "ric.sub.add: eventTrigger must be base64 text"],
    ["no actions", { actions: [] }, "ric.sub.add: actions must be a non-empty array"],
    ["actions not a list", { actions: { id: 1 } }, "ric.sub.add: actions must be a non-empty array"],
    [
      "an action of an unknown type",
      { actions: [{ id: 1, type: "suggest" }] },
      "ric.sub.add: each action needs an integer id and a type report | insert | policy",
    ],
    [
      "an action without id",
      { actions: [{ type: "report" }] },
      "ric.sub.add: each action needs an integer id and a type report | insert | policy",
    ],
  ])("answers a request with %s with ok false and what is wrong", async (_what, change, error) => {
    const body = { ...request("kpimon", "k1"), ...change };
    expect(await call(bus, SUBJECTS.subAdd, body)).toEqual({ ok: false, error });
    await settle();
    expect(node.of("RICsubscription")).toHaveLength(0);
  });

  it("answers a JSON null with ok false too", async () => {
    expect(await call(bus, SUBJECTS.subAdd, null)).toEqual({
      ok: false,
      error: "ric.sub.add: app and instance must be strings",
    });
  });
});
