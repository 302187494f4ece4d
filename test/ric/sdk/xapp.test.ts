/**
 * The xApp SDK on the embedded RIC with the simulator's gNBs (sim-net.ts): nodes with their models,
 * subscriptions by model short name, OID or id, decoded indications through the async iterator or a
 * callback, the bounded buffer, controls acknowledged (decoded outcome) or refused (ControlRefused), and
 * the metrics each of these counts.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { subscriptionKey } from "../../../ric/bus/contract.js";
import { EmbeddedRic } from "../../../ric/embedded.js";
import { ControlError, SubscriptionError } from "../../../ric/sdk/platform.js";
import type { Indication, Subscription } from "../../../ric/sdk/subscription.js";
import { ControlRefused, XApp } from "../../../ric/sdk/xapp.js";
import { EAST, handoverControl, KPM_V3_OID, kpm, type SimNet, simNet, tinyWorld, until, WEST } from "./sim-net.js";

let sim: SimNet;
let emb: EmbeddedRic;
const apps: XApp[] = [];

beforeAll(() => tinyWorld(), 60_000);

beforeEach(async () => {
  sim = await simNet();
  emb = await EmbeddedRic.start({ controlTimeoutMs: 300 });
  for (const n of sim.e2.nodes) void emb.attach(n.agent);
  await until("both gNBs set up", () => emb.ric.stats().nodes === 2);
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  sim.close();
  await emb.close();
});

async function start(name: string): Promise<XApp> {
  const app = await XApp.start({ name, platform: emb.platform() });
  apps.push(app);
  return app;
}

const MEASURES = ["RRU.PrbUsedDl", "RRC.ConnMean"];
const kpmSpec = (periodMs: number, names = MEASURES) => ({
  node: WEST,
  ranFunction: "kpm" as string | number,
  eventTrigger: kpm.trigger(periodMs),
  actions: [{ id: 1, definition: kpm.nodeAction(names, periodMs) }],
});

/** The next `n` indications an iterator has buffered already (fails rather than wait for more). */
async function drain(sub: Subscription, n: number): Promise<Indication[]> {
  const it = sub[Symbol.asyncIterator]();
  const out: Indication[] = [];
  for (let i = 0; i < n; i++) {
    const next = await Promise.race([it.next(), new Promise<"none">((r) => setTimeout(() => r("none"), 500))]);
    if (next === "none") throw new Error(`only ${out.length} indications of ${n} were there`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

const metric = async (app: XApp, name: string) =>
  (await app.metrics.registry.getSingleMetric(name)?.get())?.values ?? [];

describe("XApp", () => {
  it("lists the nodes with each RAN function's model short name", async () => {
    const app = await start("lister");
    const nodes = await app.nodes();
    expect(nodes.map((n) => n.id).sort()).toEqual([WEST, EAST]);
    for (const n of nodes)
      expect(n.functions.map((f) => [f.id, f.model])).toEqual([
        [1, "kpm"],
        [2, "rc"],
        [3, "bm"],
      ]);
    expect(app.ready).toBe(true);
    expect(app.platformName).toBe("embedded");
    expect((await metric(app, "twinric_e2_nodes"))[0].value).toBe(2);
  });

  it("subscribes by model short name; the iterator yields decoded indications in order", async () => {
    const app = await start("kpm-iter");
    const sub = await app.subscribe(kpmSpec(100));
    expect(sub.state).toBe("active");
    expect(sub.admitted).toEqual([1]);
    expect(sub.id).toBe(subscriptionKey(sub.spec));
    expect(sub.spec.ranFunctionId).toBe(1);
    await sim.steps(30); // 600 ms: six 100 ms periods
    const got = await drain(sub, 5);
    expect(got.map((i) => i.sn)).toEqual([0, 1, 2, 3, 4]);
    for (const ind of got) {
      expect(ind).toMatchObject({ node: WEST, subscription: sub.id, ranFunctionId: 1, actionId: 1, type: "report" });
      const h1 = ind.header["indicationHeader-formats"]["indicationHeader-Format1"];
      expect(h1.colletStartTime).toBeInstanceOf(Uint8Array);
      const f1 = ind.message["indicationMessage-formats"]["indicationMessage-Format1"];
      expect(f1.measInfoList.map((m: any) => m.measType.measName)).toEqual(MEASURES);
      expect(f1.measData.length).toBeGreaterThan(0);
      expect(typeof ind.receivedAt).toBe("number");
    }
    const counted = await metric(app, "twinric_indications_total");
    expect(counted).toEqual([
      expect.objectContaining({ value: 6, labels: expect.objectContaining({ node: WEST, ran_function: 1 }) }),
    ]);
    const states = Object.fromEntries(
      (await metric(app, "twinric_subscriptions")).map((v) => [v.labels.state, v.value]),
    );
    expect(states).toMatchObject({ active: 1, waiting: 0, failed: 0 });
  });

  it("subscribes by OID and by RAN function id too, each its own E2 subscription", async () => {
    const app = await start("kpm-oid");
    const byOid = await app.subscribe({ ...kpmSpec(200), ranFunction: KPM_V3_OID });
    const byId = await app.subscribe({ ...kpmSpec(200, ["RRC.ConnMean"]), ranFunction: 1 });
    expect(byOid.spec.ranFunctionId).toBe(1);
    expect(byOid.id).not.toBe(byId.id);
    expect(emb.ric.stats().subscriptions).toBe(2);
    expect(sim.e2.nodes[0].agent.subscriptionCount).toBe(2);
    await sim.steps(20);
    expect((await drain(byOid, 2)).map((i) => i.sn)).toEqual([0, 1]);
    expect(
      (await drain(byId, 2)).map(
        (i) => i.message["indicationMessage-formats"]["indicationMessage-Format1"].measInfoList.length,
      ),
    ).toEqual([1, 1]);
  });

  it("delivers to a callback instead, and then refuses to iterate", async () => {
    const app = await start("kpm-callback");
    const got: Indication[] = [];
    const sub = await app.subscribe({ ...kpmSpec(100), onIndication: (i) => got.push(i) });
    await sim.steps(20);
    expect(got.map((i) => i.sn)).toEqual([0, 1, 2, 3]);
    await expect(sub[Symbol.asyncIterator]().next()).rejects.toThrow(/onIndication callback/);
  });

  it("keeps the newest indications when the app falls behind, counting the dropped ones", async () => {
    const app = await start("slow");
    const sub = await app.subscribe({ ...kpmSpec(100), buffer: 3 });
    await sim.steps(50); // ten indications, three kept
    const dropped = await metric(app, "twinric_indications_dropped_total");
    expect(dropped[0].value).toBe(7);
    expect(await app.metrics.registry.metrics()).toContain('twinric_indications_dropped_total{app="slow"} 7\n');
    expect((await drain(sub, 3)).map((i) => i.sn)).toEqual([7, 8, 9]);
    // the buffer keeps working afterwards
    await sim.steps(10);
    expect((await drain(sub, 2)).map((i) => i.sn)).toEqual([10, 11]);
  });

  it("ends the iterator when the subscription is closed, deleting it at the node", async () => {
    const app = await start("closer");
    const sub = await app.subscribe(kpmSpec(100));
    await sim.steps(10);
    const it = sub[Symbol.asyncIterator]();
    expect((await it.next()).value?.sn).toBe(0);
    expect((await it.next()).value?.sn).toBe(1);
    const waiting = it.next(); // nothing buffered: waits
    await sub.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await sim.steps(1);
    expect(sub.state).toBe("closed");
    expect(emb.ric.stats().subscriptions).toBe(0);
    expect(sim.e2.nodes[0].agent.subscriptionCount).toBe(0);
  });

  it("refuses a node it does not know and a RAN function the node lacks, saying what there is", async () => {
    const app = await start("picky");
    await expect(app.subscribe({ ...kpmSpec(100), node: "gnb_001_001_000000ff" })).rejects.toSatisfy(
      (e) => e instanceof SubscriptionError && e.retryable && /is not connected/.test(e.message),
    );
    await expect(app.subscribe({ ...kpmSpec(100), ranFunction: "csi" })).rejects.toThrow(
      `E2 node ${WEST} has no RAN function csi (it offers: 1 kpm, 2 rc, 3 bm)`,
    );
  });

  it("fails a subscription the node refuses, with the node's cause", async () => {
    const app = await start("refused");
    // a KPM style the simulated gNB does not offer
    const spec = {
      ...kpmSpec(100),
      actions: [
        {
          id: 1,
          definition: {
            "ric-Style-Type": 1,
            "actionDefinition-formats": {
              "actionDefinition-Format1": {
                measInfoList: [
                  { measType: { measName: "No.Such.Measure" }, labelInfoList: [{ measLabel: { noLabel: "true" } }] },
                ],
                granulPeriod: 100,
              },
            },
          },
        },
      ],
    };
    const error = await app.subscribe(spec).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as SubscriptionError).retryable).toBe(false);
    expect((error as SubscriptionError).e2Cause).toEqual({ ricRequest: "action-not-supported" });
    expect(app.ready).toBe(true); // a refused subscribe is the caller's error, not the app's state
  });

  it("returns the decoded outcome of an acknowledged control, counting it", async () => {
    const app = await start("handover");
    const ue = await sim.connectedUe(0);
    const since = performance.now();
    const result = await app.control(WEST, {
      ranFunction: "rc",
      ...handoverControl(sim.net, ue, sim.e2.nodes[1].config.cells[0]),
      since,
    });
    const f1 = (result.outcome as any)["ric-controlOutcome-formats"]["controlOutcome-Format1"];
    expect(f1["ranP-List"]).toHaveLength(1);
    expect(f1["ranP-List"][0]["ranParameter-value"].valueOctS).toBeInstanceOf(Uint8Array);
    expect(sim.e2.nodes[0].agent.stats.controlsAcked).toBe(1);
    expect((await metric(app, "twinric_controls_sent_total"))[0]).toMatchObject({ value: 1, labels: { node: WEST } });
    expect((await metric(app, "twinric_controls_acked_total"))[0]).toMatchObject({ value: 1, labels: { node: WEST } });
    const latency = await metric(app, "twinric_decision_latency_seconds");
    expect(latency.find((v: any) => v.metricName === "twinric_decision_latency_seconds_count")?.value).toBe(1);
  });

  it("throws ControlRefused with the node's cause (and outcome) when the node refuses", async () => {
    const app = await start("handover");
    const ue = await sim.connectedUe(0);
    // a handover to the cell already serving the UE: the gNB refuses
    const same = handoverControl(sim.net, ue, sim.net.serving[ue]);
    const error = await app.control(WEST, { ranFunction: "rc", ...same }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ControlRefused);
    const refused = error as ControlRefused;
    expect(refused.e2Cause).toEqual({ ricRequest: "control-failed-to-execute" });
    expect(refused.message).toContain(`E2 node ${WEST} refused the control`);
    expect((refused.outcome as any)["ric-controlOutcome-formats"]["controlOutcome-Format1"]["ranP-List"]).toEqual([]);
    expect((await metric(app, "twinric_controls_failed_total"))[0]).toMatchObject({
      value: 1,
      labels: { node: WEST, reason: "refused" },
    });
  });

  it("throws ControlError unknown-node for a node it does not know", async () => {
    const app = await start("handover");
    const error = await app
      .control("gnb_001_001_000000ff", { ranFunction: "rc", header: {}, message: {} })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ControlError);
    expect((error as ControlError).code).toBe("unknown-node");
  });

  it("gives two identical subscriptions of one app every indication each, and closing one keeps the other", async () => {
    const app = await start("twice");
    const a: number[] = [];
    const b: number[] = [];
    const first = await app.subscribe({ ...kpmSpec(100), onIndication: (i) => a.push(i.sn ?? -1) });
    await app.subscribe({ ...kpmSpec(100), onIndication: (i) => b.push(i.sn ?? -1) });
    await sim.steps(20);
    expect(a).toEqual([0, 1, 2, 3]);
    expect(b).toEqual([0, 1, 2, 3]);
    await first.close();
    await sim.steps(20);
    expect(b).toEqual([0, 1, 2, 3, 4, 5, 6, 7]); // the E2 subscription stays for the other
  });
});
