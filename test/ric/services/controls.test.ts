/**
 * Control routing over the bus contract: an app's RIC Control Request on `ric.ctl.<node>` reaches the
 * node byte for byte; the node's acknowledge or failure goes back, as the node sent it, to the app that
 * asked; when no E2 answer comes the reply is empty with headers `error` and `code`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  E2apCodec,
  ricControlAcknowledge,
  ricControlFailure,
  ricControlRequest,
  ricSubscriptionRequest,
} from "../../../e2sm/index.js";
import type { BusMessage } from "../../../ric/bus/bus.js";
import { CONTROL_ERROR, SUBJECTS } from "../../../ric/bus/contract.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { FakeNode, type Received, settle } from "./fake-node.js";

const NODE = "gnb_001_001_000001";
const OTHER = "gnb_001_001_000002";
const codec = new E2apCodec({ version: 3 });

const controlBytes = (instance: number, o: { requestor?: number; ack?: "ack" | "noAck" } = {}) =>
  codec.encode(
    ricControlRequest({
      requestId: { requestor: o.requestor ?? 500, instance },
      ranFunctionId: 2,
      header: Uint8Array.of(0xc0, instance),
      message: Uint8Array.of(0xc1, instance, 0xff),
      ackRequest: o.ack ?? "ack",
    }),
  );

let bus: InProcessBus;
let ric: NearRtRic;
let node: FakeNode;
let other: FakeNode;

beforeEach(async () => {
  bus = new InProcessBus();
  ric = await NearRtRic.start({ bus, controlTimeoutMs: 150 });
  node = await FakeNode.attach(ric, { gnbId: 1 });
  other = await FakeNode.attach(ric, { gnbId: 2 });
});

afterEach(async () => {
  node.close();
  other.close();
  await ric.close();
  await bus.close();
});

const control = (to: string, bytes: Uint8Array) => bus.request(SUBJECTS.control(to), bytes, { timeoutMs: 2000 });
const controlAt = (n: FakeNode, skip = 0) =>
  n.next((m) => m.procedure === "RICcontrol" && m.kind === "initiatingMessage", 2000, skip);
const idOf = (r: Received) => ({
  requestor: r.msg.ies.RICrequestID.ricRequestorID as number,
  instance: r.msg.ies.RICrequestID.ricInstanceID as number,
});
const ack = (n: FakeNode, r: Received, outcome = Uint8Array.of(0x0a)) =>
  n.send(ricControlAcknowledge({ requestId: idOf(r), ranFunctionId: 2, outcome }));
const refuse = (n: FakeNode, r: Received) =>
  n.send(ricControlFailure({ requestId: idOf(r), ranFunctionId: 2, cause: { ricRequest: "control-message-invalid" } }));
const errorOf = (m: BusMessage) => ({
  code: m.headers?.[CONTROL_ERROR.code],
  error: m.headers?.[CONTROL_ERROR.message],
  bytes: m.data.length,
});

describe("control routing", () => {
  it("hands the node the app's bytes unchanged and the app the node's acknowledge unchanged", async () => {
    const sent = controlBytes(1);
    const reply = control(NODE, sent);
    const atNode = await controlAt(node);
    expect([...atNode.bytes]).toEqual([...sent]);
    expect(ric.stats().controlsInFlight).toBe(1);
    const acked = ack(node, atNode, Uint8Array.of(1, 2, 3));
    const answer = await reply;
    expect([...answer.data]).toEqual([...acked]);
    expect(answer.headers?.[CONTROL_ERROR.code]).toBeUndefined();
    expect(codec.decode(answer.data).ies.RICcontrolOutcome).toEqual(Uint8Array.of(1, 2, 3));
    expect(ric.stats()).toMatchObject({ controls: 1, controlsInFlight: 0 });
    expect(other.of("RICcontrol")).toHaveLength(0);
  });

  it("returns each answer to the app that asked, whatever order the node answers in", async () => {
    const first = control(NODE, controlBytes(1));
    const second = control(NODE, controlBytes(2, { requestor: 600 }));
    const r1 = await controlAt(node, 0);
    const r2 = await controlAt(node, 1);
    const refused = refuse(node, r2);
    const acked = ack(node, r1);
    const [a1, a2] = await Promise.all([first, second]);
    expect([...a1.data]).toEqual([...acked]);
    expect([...a2.data]).toEqual([...refused]);
    expect(codec.decode(a2.data)).toMatchObject({
      kind: "unsuccessfulOutcome",
      ies: { Cause: { ricRequest: "control-message-invalid" } },
    });
  });

  it("tells apart the same request id sent to two nodes", async () => {
    const toNode = control(NODE, controlBytes(7));
    const toOther = control(OTHER, controlBytes(7));
    const [rn, ro] = [await controlAt(node), await controlAt(other)];
    const fromOther = ack(other, ro, Uint8Array.of(2));
    const fromNode = ack(node, rn, Uint8Array.of(1));
    expect([...(await toNode).data]).toEqual([...fromNode]);
    expect([...(await toOther).data]).toEqual([...fromOther]);
  });

  it("refuses a request id already in flight with code duplicate-request-id; the first still gets its answer", async () => {
    const first = control(NODE, controlBytes(3));
    const r = await controlAt(node);
    const dup = await control(NODE, controlBytes(3));
    expect(errorOf(dup)).toEqual({
      code: "duplicate-request-id",
      error: `RIC request id ${NODE}/500/3/2 is already in flight`,
      bytes: 0,
    });
    await settle();
    expect(node.of("RICcontrol")).toHaveLength(1);
    const acked = ack(node, r);
    expect([...(await first).data]).toEqual([...acked]);
    // answered: the id is free again
    const again = control(NODE, controlBytes(3));
    ack(node, await controlAt(node, 1));
    expect(errorOf(await again).code).toBeUndefined();
  });

  it("answers code timeout when the node stays silent, and counts its late answer", async () => {
    const started = performance.now();
    const reply = await control(NODE, controlBytes(4));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(errorOf(reply)).toEqual({
      code: "timeout",
      error: `E2 node ${NODE} did not answer the control within 150 ms`,
      bytes: 0,
    });
    expect(ric.stats().controlsInFlight).toBe(0);
    ack(node, await controlAt(node));
    await settle();
    expect(ric.controls.lateAnswers).toBe(1);
  });

  it("answers code node-down at once when the node goes while a control is in flight", async () => {
    const reply = control(NODE, controlBytes(5));
    await controlAt(node);
    node.close();
    expect(errorOf(await reply)).toEqual({ code: "node-down", error: `E2 node ${NODE}: link closed`, bytes: 0 });
    expect(ric.stats().controlsInFlight).toBe(0);
  });

  it("answers code unknown-node for a node that is not connected", async () => {
    expect(errorOf(await control("gnb_001_001_0000beef", controlBytes(1)))).toEqual({
      code: "unknown-node",
      error: "E2 node gnb_001_001_0000beef is not connected",
      bytes: 0,
    });
  });

  it("answers code invalid for bytes that are not E2AP, or not a RIC Control Request", async () => {
    const garbage = errorOf(await control(NODE, Uint8Array.of(1, 2, 3)));
    expect(garbage.code).toBe("invalid");
    expect(garbage.error).toMatch(/^not an E2AP message/);
    const subscription = codec.encode(
      ricSubscriptionRequest({
        requestId: { requestor: 1, instance: 1 },
        ranFunctionId: 1,
        eventTrigger: Uint8Array.of(1),
        actions: [{ id: 1 }],
      }),
    );
    expect(errorOf(await control(NODE, subscription))).toEqual({
      code: "invalid",
      error: "expected a RIC Control Request, got RICsubscription/initiatingMessage",
      bytes: 0,
    });
    await settle();
    expect(node.of("RICcontrol")).toHaveLength(0);
    expect(node.of("RICsubscription")).toHaveLength(0);
  });

  it("answers a noAck control at once with an empty reply without error, having sent it", async () => {
    const sent = controlBytes(6, { ack: "noAck" });
    const reply = await control(NODE, sent);
    expect(errorOf(reply)).toEqual({ code: undefined, error: undefined, bytes: 0 });
    expect([...(await controlAt(node)).bytes]).toEqual([...sent]);
    expect(ric.stats().controlsInFlight).toBe(0);
  });
});
