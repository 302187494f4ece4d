/**
 * Subscriptions outlive nodes and RICs, without the app doing anything: the node's link drops and the
 * node comes back; the RIC restarts (cleanly, or dies without a word); the node resets. Each time the
 * SDK sets the subscription up again and indications resume, through the same Subscription.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { E2apCodec } from "../../../e2sm/index.js";
import { type Bus, type BusHandler, type Headers, jsonBytes } from "../../../ric/bus/bus.js";
import { SUBJECTS } from "../../../ric/bus/contract.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { EmbeddedRic } from "../../../ric/embedded.js";
import { BusPlatform } from "../../../ric/sdk/bus-platform.js";
import type { Indication } from "../../../ric/sdk/subscription.js";
import { XApp } from "../../../ric/sdk/xapp.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { inProcessLinkPair } from "../../../ric/transports/in-process.js";
import type { E2Link } from "../../../ric/transports/link.js";
import type { E2Agent } from "../../../sim/agent/agent.js";
import { kpm, type SimNet, simNet, tinyWorld, until, WEST } from "./sim-net.js";

let sim: SimNet;
let emb: EmbeddedRic;
let app: XApp | undefined;
const extraRics: NearRtRic[] = [];
const logged: { level: string; event: string; detail: Record<string, unknown> }[] = [];

beforeAll(() => tinyWorld(), 60_000);

beforeEach(async () => {
  logged.length = 0;
  sim = await simNet();
  emb = await EmbeddedRic.start();
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  sim.close();
  for (const r of extraRics.splice(0)) await r.close();
  await emb.close();
});

const agent = (): E2Agent => sim.e2.nodes[0].agent;

/** Attaches the west gNB to `ric` on a new link; returns the gNB's end of it. */
function attach(ric: NearRtRic): E2Link {
  const [nodeEnd, ricEnd] = inProcessLinkPair(["west gnb", "ric"]);
  ric.attach(ricEnd);
  void agent().connect(nodeEnd);
  return nodeEnd;
}

async function startApp(
  platform = emb.platform(),
): Promise<{ got: Indication[]; sub: Awaited<ReturnType<XApp["subscribe"]>> }> {
  app = await XApp.start({
    name: "kpm-watch",
    platform,
    log: (level, event, detail) => logged.push({ level, event, detail }),
  });
  const got: Indication[] = [];
  const sub = await app.subscribe({
    node: WEST,
    ranFunction: "kpm",
    eventTrigger: kpm.trigger(100),
    actions: [{ id: 1, definition: kpm.nodeAction(["RRC.ConnMean"], 100) }],
    onIndication: (i) => got.push(i),
  });
  return { got, sub };
}

describe("subscriptions kept up", () => {
  it("when the node's link drops and the node re-attaches", async () => {
    const link = attach(emb.ric);
    await until("west set up", () => emb.ric.stats().nodes === 1);
    const { got, sub } = await startApp();
    await sim.steps(10);
    expect(got.length).toBe(2);

    link.close(new Error("cable cut"));
    await until("the subscription waiting", () => sub.state === "waiting");
    expect(emb.ric.stats()).toMatchObject({ nodes: 0, subscriptions: 0 });
    await sim.steps(10);
    expect(got.length).toBe(2); // nothing while the node is away
    expect(logged.find((l) => l.event === "subscription-lost")?.detail.reason).toBe("node down: cable cut");

    attach(emb.ric); // the node comes back; the app does nothing
    await until("the subscription active again", () => sub.state === "active");
    expect(emb.ric.stats().subscriptions).toBe(1);
    expect(agent().subscriptionCount).toBe(1);
    await sim.steps(10);
    expect(got.length).toBe(4);
    expect(got.slice(2).map((i) => i.sn)).toEqual([0, 1]); // a new E2 subscription: numbering starts again
    expect(got.every((i) => i.subscription === sub.id)).toBe(true);
  });

  it("when the RIC restarts: node-down from the old RIC, the new RIC's ric-up, the node re-attaching", async () => {
    attach(emb.ric);
    await until("west set up", () => emb.ric.stats().nodes === 1);
    const { got, sub } = await startApp();
    await sim.steps(10);
    expect(got.length).toBe(2);

    await emb.ric.close();
    await until("the subscription waiting", () => sub.state === "waiting");
    const ric2 = await NearRtRic.start({ bus: emb.bus });
    extraRics.push(ric2);
    attach(ric2);
    await until(
      "the subscription active on the new RIC",
      () => sub.state === "active" && ric2.stats().subscriptions === 1,
    );
    await sim.steps(10);
    expect(got.length).toBe(4);
    expect(ric2.stats().indications).toBe(2);
  });

  /**
   * A RIC that dies without a word (its process killed): no node-down comes. The first RIC runs on a bus
   * we can cut; once cut, it neither hears nor says anything. Only the new RIC's ric-up tells the SDK.
   */
  async function crash(o: { appHeardTheFirstRicStart: boolean }) {
    const bus = new InProcessBus();
    const cut = new CuttableBus(bus);
    try {
      const ric1 = await NearRtRic.start({ bus: cut });
      extraRics.push(ric1);
      attach(ric1);
      await until("west set up", () => ric1.stats().nodes === 1);
      const { got, sub } = await startApp(new BusPlatform(bus));
      // an app running when the first RIC started heard its ric-up
      if (o.appHeardTheFirstRicStart)
        bus.publish(SUBJECTS.events, jsonBytes({ kind: "ric-up", instance: ric1.instance }));
      await sim.steps(10);
      expect(got.length).toBe(2);

      cut.cut();
      const ric2 = await NearRtRic.start({ bus });
      extraRics.push(ric2);
      await until("the SDK heard the new RIC", () => logged.some((l) => l.event === "ric-restarted"), 1000);
      expect(sub.state).toBe("waiting");
      attach(ric2); // the gNB redials the new RIC
      await until(
        "the subscription active on the new RIC",
        () => sub.state === "active" && ric2.stats().subscriptions === 1,
      );
      await sim.steps(10);
      expect(got.length).toBe(4);
    } finally {
      // the RICs go before their bus: a RIC closing says node-down on it
      await app?.stop();
      app = undefined;
      for (const r of extraRics.splice(0)) await r.close();
      await bus.close();
    }
  }

  it("when the RIC dies without a word: the new RIC's ric-up alone sends the SDK subscribing again", async () => {
    await crash({ appHeardTheFirstRicStart: true });
  });

  it("when the RIC dies without a word, the app having started after it", async () => {
    await crash({ appHeardTheFirstRicStart: false });
  });

  it("when the node resets: subscription-gone, then subscribed again at once", async () => {
    const link = attach(emb.ric);
    await until("west set up", () => emb.ric.stats().nodes === 1);
    const { got, sub } = await startApp();
    await sim.steps(10);
    expect(got.length).toBe(2);
    const firstE2 = agent().stats.byType["RICsubscription/initiatingMessage"];
    expect(firstE2).toBe(1);

    // the gNB's Reset (the simulated agent never starts one: sent here on its link)
    link.send(
      new E2apCodec({ version: 3 }).encode({
        procedure: "Reset",
        kind: "initiatingMessage",
        ies: { TransactionID: 5, Cause: { misc: "om-intervention" } },
      }),
    );
    await until(
      "a second E2 subscription at the gNB",
      () => agent().stats.byType["RICsubscription/initiatingMessage"] === 2,
    );
    await until("the subscription active again", () => sub.state === "active" && emb.ric.stats().subscriptions === 1);
    expect(logged.find((l) => l.event === "subscription-lost")?.detail.reason).toBe("the node reset");
    const before = got.length;
    await sim.steps(10);
    // the new E2 subscription's indications arrive (the old one, which this agent kept, is stray now)
    expect(got.length - before).toBe(2);
    expect(got.slice(before).map((i) => i.sn)).toEqual([0, 1]);
    expect(emb.ric.stats().strayIndications).toBeGreaterThan(0);
  });

  it("when the node resets under two identical subscriptions: both move to one new E2 subscription", async () => {
    const link = attach(emb.ric);
    await until("west set up", () => emb.ric.stats().nodes === 1);
    const { got, sub } = await startApp();
    const twin: Indication[] = [];
    const other = await app!.subscribe({
      node: WEST,
      ranFunction: "kpm",
      eventTrigger: kpm.trigger(100),
      actions: [{ id: 1, definition: kpm.nodeAction(["RRC.ConnMean"], 100) }],
      onIndication: (i) => twin.push(i),
    });
    expect(other.id).toBe(sub.id); // one platform subscription for both
    link.send(
      new E2apCodec({ version: 3 }).encode({
        procedure: "Reset",
        kind: "initiatingMessage",
        ies: { TransactionID: 6, Cause: { misc: "om-intervention" } },
      }),
    );
    // a new E2 subscription for both (joining the deleted one would send none)
    await until(
      "a second E2 subscription at the gNB",
      () => agent().stats.byType["RICsubscription/initiatingMessage"] === 2,
    );
    await until("both active again", () => sub.state === "active" && other.state === "active");
    expect(other.id).toBe(sub.id);
    const [a, b] = [got.length, twin.length];
    await sim.steps(10);
    // both hear the new E2 subscription (joining the deleted one would have left them deaf)
    expect(got.length - a).toBe(2);
    expect(twin.length - b).toBe(2);
  });
});

/** A bus that can be cut: afterwards what its user publishes goes nowhere and nothing reaches it. */
class CuttableBus implements Bus {
  readonly peer = "in-process";
  private isCut = false;

  constructor(private readonly inner: Bus) {}

  cut(): void {
    this.isCut = true;
  }

  publish(subject: string, data: Uint8Array, opts?: { reply?: string; headers?: Headers }): void {
    if (!this.isCut) this.inner.publish(subject, data, opts);
  }

  subscribe(subject: string, handler: BusHandler, opts?: { queue?: string }) {
    return this.inner.subscribe(subject, (m) => (this.isCut ? undefined : handler(m)), opts);
  }

  request(subject: string, data: Uint8Array, opts: { timeoutMs: number; headers?: Headers }) {
    return this.inner.request(subject, data, opts);
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
