/**
 * The RIC with the simulator's E2 agents (two gNBs of a tiny network, test/ric/sdk/sim-net.ts) on
 * in-process links, driven through the bus contract alone, as an app in another language would: the
 * inventory, a KPM subscription whose indications decode, an RC handover control acknowledged.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BM_OID, decodeSm, E2apCodec, encodeSm, ricControlRequest } from "../../../e2sm/index.js";
import type { BusMessage } from "../../../ric/bus/bus.js";
import { b64, type NodeInfo, SUBJECTS, type SubscribeReply, type SubscribeRequest } from "../../../ric/bus/contract.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { inProcessLinkPair } from "../../../ric/transports/in-process.js";
import {
  EAST,
  handoverControl,
  KPM_V3_OID,
  kpm,
  RC_OID,
  type SimNet,
  simNet,
  tinyWorld,
  WEST,
} from "../sdk/sim-net.js";
import { call, EventLog } from "./fake-node.js";

let sim: SimNet;
let bus: InProcessBus;
let ric: NearRtRic;
let events: EventLog;
const codec = new E2apCodec({ version: 3 });

beforeAll(() => tinyWorld(), 60_000);

beforeEach(async () => {
  sim = await simNet(3);
  bus = new InProcessBus();
  events = new EventLog(bus);
  ric = await NearRtRic.start({ bus, controlTimeoutMs: 500 });
  for (const n of sim.e2.nodes) {
    const [nodeEnd, ricEnd] = inProcessLinkPair(["sim gnb", "ric"]);
    ric.attach(ricEnd);
    void n.agent.connect(nodeEnd);
  }
  await events.wait("node-up", (e) => e.node.id === EAST);
  await events.wait("node-up", (e) => e.node.id === WEST);
});

afterEach(async () => {
  sim.close();
  await ric.close();
  await bus.close();
});

describe("the RIC with simulated gNBs", () => {
  it("lists both gNBs under their RAN names with KPM, RC and BM", async () => {
    const list = await call<NodeInfo[]>(bus, SUBJECTS.nodes, {});
    expect(list.map((n) => n.id).sort()).toEqual([WEST, EAST]);
    for (const n of list) {
      expect(n.e2ap).toBe(3);
      expect(n.plmn).toBe("001_001");
      expect(n.ranFunctions.map((f) => f.id)).toEqual([1, 2, 3]);
      expect(n.ranFunctions[0].oid).toBe(KPM_V3_OID);
      expect(n.ranFunctions[1].oid).toBe(RC_OID);
      expect(n.ranFunctions[2].oid).toBe(BM_OID);
      // the definitions are the node's, and decode as its service model's
      const def = decodeSm(
        "kpm-v3",
        "E2SM-KPM-RANfunction-Description",
        Buffer.from(n.ranFunctions[0].definition, "base64"),
      );
      expect(Object.keys(def)).toContain("ranFunction-Name");
      expect(def["ranFunction-Name"]["ranFunction-ShortName"]).toMatch(/KPM/);
    }
    expect(sim.e2.nodes.every((n) => n.agent.ready)).toBe(true);
  });

  it("sets up a KPM subscription on a gNB and publishes its indications, which decode", async () => {
    const req: SubscribeRequest = {
      app: "kpm-reader",
      instance: "1",
      node: WEST,
      ranFunctionId: 1,
      eventTrigger: b64(encodeSm("kpm-v3", "E2SM-KPM-EventTriggerDefinition", kpm.trigger(200))),
      actions: [
        {
          id: 1,
          type: "report",
          definition: b64(
            encodeSm("kpm-v3", "E2SM-KPM-ActionDefinition", kpm.nodeAction(["RRU.PrbUsedDl", "RRC.ConnMean"], 200)),
          ),
        },
      ],
    };
    const got: BusMessage[] = [];
    const reply = await call<SubscribeReply>(bus, SUBJECTS.subAdd, req);
    expect(reply).toMatchObject({ ok: true, admitted: [1], notAdmitted: [] });
    if (!reply.ok) return;
    bus.subscribe(SUBJECTS.indication(reply.subscription), (m) => got.push(m), { queue: "kpm-reader" });
    expect(sim.e2.nodes[0].agent.subscriptionCount).toBe(1);
    expect(sim.e2.nodes[1].agent.subscriptionCount).toBe(0);
    await sim.steps(50); // 1 s: five 200 ms periods
    expect(got.length).toBeGreaterThanOrEqual(4);
    expect(got.length).toBeLessThanOrEqual(6);
    const msgs = got.map((m) => codec.decode(m.data));
    expect(msgs.map((m) => m.ies.RICindicationSN)).toEqual(msgs.map((_, i) => i));
    const message = decodeSm("kpm-v3", "E2SM-KPM-IndicationMessage", msgs[0].ies.RICindicationMessage);
    const f1 = message["indicationMessage-formats"]["indicationMessage-Format1"];
    expect(f1.measInfoList.map((i: any) => i.measType.measName)).toEqual(["RRU.PrbUsedDl", "RRC.ConnMean"]);
    expect(ric.stats().indications).toBe(got.length);
    // the last subscriber leaving deletes it at the gNB
    expect(
      await call(bus, SUBJECTS.subDel, { app: "kpm-reader", instance: "1", subscription: reply.subscription }),
    ).toEqual({ ok: true });
    await sim.steps(1);
    expect(sim.e2.nodes[0].agent.subscriptionCount).toBe(0);
  });

  it("routes an RC handover control to the serving gNB and returns its acknowledge", async () => {
    const ue = await sim.connectedUe(0);
    const { header, message } = handoverControl(sim.net, ue, sim.e2.nodes[1].config.cells[0]);
    const bytes = codec.encode(
      ricControlRequest({
        requestId: { requestor: 321, instance: 1 },
        ranFunctionId: 2,
        header: encodeSm("rc", "E2SM-RC-ControlHeader", header),
        message: encodeSm("rc", "E2SM-RC-ControlMessage", message),
        ackRequest: "ack",
      }),
    );
    const answer = codec.decode((await bus.request(SUBJECTS.control(WEST), bytes, { timeoutMs: 2000 })).data);
    expect(answer.procedure).toBe("RICcontrol");
    expect(answer.kind).toBe("successfulOutcome");
    expect(answer.ies.RICrequestID).toEqual({ ricRequestorID: 321, ricInstanceID: 1 });
    const outcome = decodeSm("rc", "E2SM-RC-ControlOutcome", answer.ies.RICcontrolOutcome);
    expect(outcome["ric-controlOutcome-formats"]["controlOutcome-Format1"]["ranP-List"]).toHaveLength(1);
    expect(sim.e2.nodes[0].agent.stats.controlsAcked).toBe(1);
    // the same control to the other gNB, which does not serve the UE, is refused there
    const refused = codec.decode((await bus.request(SUBJECTS.control(EAST), bytes, { timeoutMs: 2000 })).data);
    expect(refused.kind).toBe("unsuccessfulOutcome");
    expect(refused.ies.Cause).toEqual({ ricRequest: "control-failed-to-execute" });
  });

  it("says node-down when a gNB's link goes", async () => {
    sim.e2.nodes[1].agent.close();
    const down = await events.wait("node-down");
    expect(down.node.id).toBe(EAST);
    expect((await call<NodeInfo[]>(bus, SUBJECTS.nodes, {})).map((n) => n.id)).toEqual([WEST]);
  });
});
