/**
 * An unchanged xApp (the SDK's XApp) on OranScPlatform against O-RAN SC doubles on loopback: submgr
 * and appmgr over REST (test/support), an e2term over RMR answering controls and forwarding
 * indications by sub_id, an A1 mediator over RMR, and a health probe. The app's HTTP server
 * (serveApps with the platform's routers) is where submgr's notifications arrive.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2apCodec, encodeSm, kpmV2, rcV1, ricIndication } from "../../../e2sm/index.js";
import type { PolicyEvent } from "../../../ric/bus/contract.js";
import { OranScPlatform } from "../../../ric/oran-sc/platform.js";
import type { RmrMessage } from "../../../ric/rmr/frame.js";
import { MTYPES } from "../../../ric/rmr/mtypes.js";
import { RouteTables } from "../../../ric/rmr/routes.js";
import { RmrTransport } from "../../../ric/rmr/transport.js";
import { type AppServer, serveApps } from "../../../ric/sdk/http.js";
import { ControlError, SubscriptionError } from "../../../ric/sdk/platform.js";
import type { Indication, Subscription } from "../../../ric/sdk/subscription.js";
import { ControlRefused, XApp } from "../../../ric/sdk/xapp.js";
import { kpmCellAction, kpmRecords, kpmTrigger } from "../../../xapps/common/kpm.js";
import { handoverControl } from "../../../xapps/common/rc.js";
import { type AppmgrDouble, startAppmgrDouble } from "../../support/appmgr-double.js";
import { E2termDouble } from "../../support/e2term-double.js";
import { type SubmgrDouble, startSubmgrDouble } from "../../support/submgr-double.js";

const NODE = "gnb_001_001_00000001";
/** Configured, but e2term's meid map does not know it: controls to it have no route. */
const UNROUTED = "gnb_001_001_00000002";
const POLICY_TYPE = 20008;
const descriptor = {
  name: "kpimon",
  version: "1.0.0",
  messaging: { ports: [{ name: "rmr-data", container: "kpimon", port: 4560 }] },
  rmr: {
    protPort: "tcp:4560",
    txMessages: ["RIC_CONTROL_REQ", "A1_POLICY_RESP", "A1_POLICY_QUERY"],
    rxMessages: ["RIC_INDICATION", "RIC_CONTROL_ACK", "RIC_CONTROL_FAILURE", "A1_POLICY_REQ"],
    policies: [POLICY_TYPE],
  },
};
const functions = [
  { id: 2, oid: kpmV2.oid as string },
  { id: 3, oid: rcV1.oid as string },
];

const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Resolves when `check` holds, polling; fails after `ms`. */
async function waitFor(check: () => boolean, ms = 3000, what = "condition"): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function within<T>(p: Promise<T>, ms = 3000, what = "a result"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} in ${ms} ms`)), ms);
    }),
  ]);
}

/** A real RICindication (E2AP v2) carrying a KPM v2 format-1 report of one measurement. */
function kpmIndication(instance: number, value: number): Uint8Array {
  const header = encodeSm("kpm-v2", "E2SM-KPM-IndicationHeader", {
    "indicationHeader-formats": { "indicationHeader-Format1": { colletStartTime: Uint8Array.of(0, 0, 0, 1) } },
  });
  const message = encodeSm("kpm-v2", "E2SM-KPM-IndicationMessage", {
    "indicationMessage-formats": {
      "indicationMessage-Format1": {
        measData: [{ measRecord: [{ integer: value }] }],
        measInfoList: [
          { measType: { measName: "RRU.PrbUsedDl" }, labelInfoList: [{ measLabel: { noLabel: "true" } }] },
        ],
        granulPeriod: 1000,
      },
    },
  });
  // submgr asks the node as requestor 123, with the E2 instance id it notified
  return new E2apCodec({ version: 2 }).encode(
    ricIndication({ requestId: { requestor: 123, instance }, ranFunctionId: 2, actionId: 1, sn: 1, header, message }),
  );
}

const kpmSubscription = { node: NODE, ranFunction: "kpm", eventTrigger: kpmTrigger(1000) } as const;
const kpmActions = [{ id: 1, definition: kpmCellAction(["RRU.PrbUsedDl"], 1000) }];

const ueId = {
  "gNB-UEID": {
    "amf-UE-NGAP-ID": 7,
    guami: {
      pLMNIdentity: Uint8Array.of(0x00, 0xf1, 0x10),
      aMFRegionID: { bits: Uint8Array.of(0x80), length: 8 },
      aMFSetID: { bits: Uint8Array.of(0x00, 0x40), length: 10 },
      aMFPointer: { bits: Uint8Array.of(0x04), length: 6 },
    },
  },
};
const rcControl = { ranFunction: "rc", ...handoverControl(ueId, "reject", []) };

describe("OranScPlatform: an unchanged xApp on O-RAN SC doubles", () => {
  let submgr: SubmgrDouble;
  let appmgr: AppmgrDouble;
  let e2t: E2termDouble;
  let mediator: RmrTransport;
  const toMediator: RmrMessage[] = [];
  let server: AppServer;
  let platform: OranScPlatform;
  let app: XApp;
  let dir: string;
  let xappRmr: string;
  const policyEvents: PolicyEvent[] = [];

  beforeAll(async () => {
    // the cluster's DNS: every Service name is this machine
    submgr = await startSubmgrDouble(() => "127.0.0.1");
    appmgr = await startAppmgrDouble(() => "127.0.0.1");
    e2t = await E2termDouble.start();
    mediator = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: new RouteTables({ names: [] }),
    });
    mediator.onMessage((m) => toMediator.push(m));

    // the app's HTTP server comes first (submgr needs its port); the platform's routes join it after
    const apps: XApp[] = [];
    const late = express.Router();
    server = await serveApps({ apps, port: 0, routers: [late] });

    dir = await mkdtemp(join(tmpdir(), "oran-sc-platform-"));
    const seed = join(dir, "seed.rt");
    const mediatorAt = `127.0.0.1:${mediator.port}`;
    await writeFile(
      seed,
      [
        "newrt|start",
        `mse|${MTYPES.RIC_CONTROL_REQ}|-1|%meid`,
        `mse|${MTYPES.A1_POLICY_QUERY}|-1|${mediatorAt}`,
        `mse|${MTYPES.A1_POLICY_RESP}|-1|${mediatorAt}`,
        "newrt|end",
        "meid_map|start",
        `mme_ar|${e2t.endpoint}|${NODE}`,
        "meid_map|end|1",
        "",
      ].join("\n"),
    );
    platform = new OranScPlatform({
      name: "kpimon",
      httpPort: server.port,
      rmrPort: 0,
      routePort: 0,
      host: "127.0.0.1",
      srcName: "127.0.0.1",
      submgrUrl: submgr.baseUrl,
      appmgrUrl: appmgr.baseUrl,
      descriptor,
      seedRoutes: seed,
      nodes: [
        { id: NODE, ranFunctions: functions },
        { id: UNROUTED, ranFunctions: functions },
      ],
      subscribeTimeoutMs: 1000,
      retryDelayMs: 50,
    });
    late.use(...platform.routers());
    app = await XApp.start({
      name: "kpimon",
      platform,
      controlTimeoutMs: 1000,
      policies: {
        types: [{ id: POLICY_TYPE, name: "threshold" }],
        handle: (e) => {
          policyEvents.push(e);
          if (e.op !== "delete" && (e.policy as { refuse?: boolean }).refuse) throw new Error("refused on purpose");
        },
      },
    });
    apps.push(app);
    xappRmr = `127.0.0.1:${platform.ports?.rmr}`;
    e2t.routeTo(xappRmr);
  });

  afterAll(async () => {
    await app?.stop();
    await server?.close();
    await Promise.all([submgr?.close(), appmgr?.close(), e2t?.close(), mediator?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("registers with appmgr, serves the config in appmgr's form, and answers RMR health checks", async () => {
    const x = appmgr.xapps.get("kpimon");
    expect(x).toMatchObject({
      appName: "kpimon",
      version: "1.0.0",
      ip: "service-ricxapp-kpimon-rmr.ricxapp",
      port: platform.ports?.rmr,
      policies: [POLICY_TYPE],
      rxMessages: descriptor.rmr.rxMessages,
    });
    const config = await (await fetch(`${server.url}/ric/v1/config`)).json();
    expect(config).toEqual([
      { metadata: { xappName: "kpimon", configType: "json" }, config: JSON.stringify(descriptor) },
    ]);
    expect((await fetch(`${server.url}/ric/v1/health/ready`)).status).toBe(200);

    const probe = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: new RouteTables({ names: [] }),
    });
    try {
      const answer = new Promise<RmrMessage>((resolve) => probe.onMessage(resolve));
      await probe.sendTo(xappRmr, { mtype: MTYPES.RIC_HEALTH_CHECK_REQ, payload: new Uint8Array(0) });
      const m = await within(answer, 2000, "health check answer");
      expect(m.mtype).toBe(MTYPES.RIC_HEALTH_CHECK_RESP);
      expect(text(m.payload)).toBe("OK\n");
    } finally {
      await probe.close();
    }
  });

  it("gives the configured nodes, with their service models", async () => {
    const nodes = await app.nodes();
    expect(nodes.map((n) => n.id)).toEqual([NODE, UNROUTED]);
    expect(nodes[0]).toMatchObject({ e2ap: 2, plmn: "001_001" });
    expect(nodes[0].functions.map((f) => [f.id, f.model, f.definition])).toEqual([
      [2, "kpm", ""],
      [3, "rc", ""],
    ]);
  });

  it("subscribes through submgr, whose notification reaches the app over HTTP; indications come by sub_id", async () => {
    const sub = await app.subscribe({ ...kpmSubscription, actions: kpmActions });
    const id = sub.id; // gone from the handle once closed
    try {
      expect(sub.state).toBe("active");
      const held = submgr.subscriptions.get(sub.id);
      expect(held).toBeDefined();
      const params = held!.params as any;
      expect(params).toMatchObject({
        ClientEndpoint: { Host: "service-ricxapp-kpimon-http.ricxapp", HTTPPort: server.port },
        Meid: NODE,
        RANFunctionID: 2,
        E2SubscriptionDirectives: { RMRRoutingNeeded: true },
      });
      expect(params.SubscriptionDetails[0].EventTriggers).toEqual([
        ...encodeSm("kpm-v2", "E2SM-KPM-EventTriggerDefinition", kpmTrigger(1000)),
      ]);
      expect(params.SubscriptionDetails[0].ActionToBeSetupList[0]).toMatchObject({ ActionID: 1, ActionType: "report" });
      // the double records a notification once our answer is back: the app may be ahead of it
      const notified = () => submgr.notifications.filter((n) => (n.body as any).SubscriptionId === sub.id);
      await waitFor(() => notified().length > 0, 2000, "the notification's record");
      expect(notified().map((n) => [n.url, n.status])).toEqual([
        [`http://127.0.0.1:${server.port}/ric/v1/subscriptions/response`, 200],
      ]);

      const e2Instance = held!.instances[0].E2EventInstanceId;
      const it = sub[Symbol.asyncIterator]();
      // another subscription's sub_id reaches no one; then ours
      expect(await e2t.indicate(NODE, e2Instance + 100, kpmIndication(e2Instance + 100, 1))).toEqual([xappRmr]);
      await e2t.indicate(NODE, e2Instance, kpmIndication(e2Instance, 42));
      const { value } = await within(it.next(), 2000, "indication");
      const ind = value as Indication;
      expect(ind).toMatchObject({ node: NODE, subscription: sub.id, ranFunctionId: 2, actionId: 1, type: "report" });
      expect(kpmRecords(ind.message)).toEqual([{ values: { "RRU.PrbUsedDl": 42 } }]);
    } finally {
      await sub.close();
    }
    // closing deletes it at submgr
    expect(submgr.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toContain(
      `/ric/v1/subscriptions/${id}`,
    );
    expect(submgr.subscriptions.has(id)).toBe(false);
  });

  it("takes indications of a subscription whose notification came before submgr's answer", async () => {
    submgr.notifyFirst = true;
    let sub: Subscription | undefined;
    try {
      const got: Indication[] = [];
      sub = await app.subscribe({ ...kpmSubscription, actions: kpmActions, onIndication: (i) => got.push(i) });
      const e2Instance = submgr.subscriptions.get(sub.id)!.instances[0].E2EventInstanceId;
      await e2t.indicate(NODE, e2Instance, kpmIndication(e2Instance, 7));
      await waitFor(() => got.length === 1, 2000, "indication");
      expect(kpmRecords(got[0].message)).toEqual([{ values: { "RRU.PrbUsedDl": 7 } }]);
    } finally {
      submgr.notifyFirst = false;
      await sub?.close();
    }
  });

  it("refused by the E2 node: a SubscriptionError that is not retryable", async () => {
    submgr.outcome = { ErrorCause: "RICSubscriptionFailure: action not supported", ErrorSource: "E2Node" };
    try {
      const err = await app.subscribe({ ...kpmSubscription, actions: kpmActions }).catch((e) => e);
      expect(err).toBeInstanceOf(SubscriptionError);
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(/action not supported/);
    } finally {
      submgr.outcome = "ok";
    }
  });

  it("node not connected, then no notification: the subscription waits, and is set up once submgr can", async () => {
    submgr.disconnected.add(NODE);
    const sub = await app.subscribe({ ...kpmSubscription, actions: kpmActions });
    try {
      expect(sub.state).toBe("waiting");
      expect(sub.failure?.retryable).toBe(true);
      expect(sub.failure?.message).toMatch(/503/);
      // next: submgr takes it but never notifies; the platform gives up after its timeout and deletes it
      const before = submgr.requests.filter((r) => r.method === "DELETE").length;
      submgr.outcome = "silent";
      submgr.disconnected.delete(NODE);
      await waitFor(() => /no notification/.test(sub.failure?.message ?? ""), 4000, "a notification timeout");
      expect(sub.state).not.toBe("active");
      await waitFor(() => submgr.requests.filter((r) => r.method === "DELETE").length > before, 2000, "DELETE");
      submgr.outcome = "ok";
      await waitFor(() => sub.state === "active", 4000, "the subscription to be set up");
      const e2Instance = submgr.subscriptions.get(sub.id)!.instances[0].E2EventInstanceId;
      const it = sub[Symbol.asyncIterator]();
      await e2t.indicate(NODE, e2Instance, kpmIndication(e2Instance, 9));
      const { value } = await within(it.next(), 2000, "indication");
      expect(kpmRecords((value as Indication).message)).toEqual([{ values: { "RRU.PrbUsedDl": 9 } }]);
    } finally {
      submgr.outcome = "ok";
      submgr.disconnected.delete(NODE);
      await sub.close();
    }
  });

  it("sends controls by meid to e2term and matches each answer by its RICrequestID", async () => {
    e2t.answer = "ack";
    const before = e2t.controls.length;
    const results = await Promise.all([app.control(NODE, rcControl), app.control(NODE, rcControl)]);
    expect(results).toEqual([{}, {}]);
    const sent = e2t.controls.slice(before);
    expect(sent.map((c) => [c.rmr.mtype, c.rmr.meid, c.request.procedure, c.request.ies.RANfunctionID])).toEqual([
      [MTYPES.RIC_CONTROL_REQ, NODE, "RICcontrol", 3],
      [MTYPES.RIC_CONTROL_REQ, NODE, "RICcontrol", 3],
    ]);
    const ids = sent.map((c) => c.request.ies.RICrequestID.ricInstanceID);
    expect(new Set(ids).size).toBe(2);
  });

  it("a RIC Control Failure is ControlRefused with the node's cause", async () => {
    e2t.answer = "failure";
    try {
      const err = await app.control(NODE, rcControl).catch((e) => e);
      expect(err).toBeInstanceOf(ControlRefused);
      expect(err.e2Cause).toEqual({ misc: "unspecified" });
    } finally {
      e2t.answer = "ack";
    }
  });

  it("no answer is a ControlError timeout; no route is no-ric", async () => {
    e2t.answer = "silent";
    try {
      const t0 = Date.now();
      const err = await app.control(NODE, { ...rcControl, timeoutMs: 150 }).catch((e) => e);
      expect(err).toBeInstanceOf(ControlError);
      expect(err.code).toBe("timeout");
      expect(Date.now() - t0).toBeLessThan(1000);
    } finally {
      e2t.answer = "ack";
    }
    const unrouted = await app.control(UNROUTED, rcControl).catch((e) => e);
    expect(unrouted).toBeInstanceOf(ControlError);
    expect(unrouted.code).toBe("no-ric");
    // the answer to a request that timed out is dropped; the next control is answered as usual
    expect(await app.control(NODE, rcControl)).toEqual({});
  });

  it("A1: queries at start; the mediator's requests reach the app's handler and are answered", async () => {
    await waitFor(() => toMediator.some((m) => m.mtype === MTYPES.A1_POLICY_QUERY), 2000, "A1_POLICY_QUERY");
    const query = toMediator.find((m) => m.mtype === MTYPES.A1_POLICY_QUERY)!;
    expect(JSON.parse(text(query.payload))).toEqual({ policy_type_id: POLICY_TYPE });

    const ask = async (body: object) => {
      const n = toMediator.length;
      await mediator.sendTo(xappRmr, {
        mtype: MTYPES.A1_POLICY_REQ,
        subId: POLICY_TYPE,
        payload: utf8.encode(JSON.stringify(body)),
      });
      await waitFor(() => toMediator.slice(n).some((m) => m.mtype === MTYPES.A1_POLICY_RESP), 2000, "A1_POLICY_RESP");
      const resp = toMediator.slice(n).find((m) => m.mtype === MTYPES.A1_POLICY_RESP)!;
      return JSON.parse(text(resp.payload));
    };
    const handlerId = `kpimon-${app.instance}`;
    // the Go mediator's form: every value a string
    expect(
      await ask({
        operation: "CREATE",
        policy_type_id: String(POLICY_TYPE),
        policy_instance_id: "pi-1",
        payload: JSON.stringify({ threshold: 5 }),
      }),
    ).toEqual({ policy_type_id: POLICY_TYPE, policy_instance_id: "pi-1", handler_id: handlerId, status: "OK" });
    expect(
      await ask({
        operation: "UPDATE",
        policy_type_id: POLICY_TYPE,
        policy_instance_id: "pi-2",
        payload: { refuse: true },
      }),
    ).toMatchObject({ policy_instance_id: "pi-2", status: "ERROR" });
    expect(
      await ask({ operation: "DELETE", policy_type_id: String(POLICY_TYPE), policy_instance_id: "pi-1", payload: "" }),
    ).toMatchObject({ policy_instance_id: "pi-1", status: "DELETED" });
    expect(policyEvents).toEqual([
      { op: "create", policyTypeId: POLICY_TYPE, policyId: "pi-1", policy: { threshold: 5 } },
      { op: "update", policyTypeId: POLICY_TYPE, policyId: "pi-2", policy: { refuse: true } },
      { op: "delete", policyTypeId: POLICY_TYPE, policyId: "pi-1" },
    ]);
  });

  it("stop: pending controls end, open subscriptions are deleted, appmgr is told, RMR ports close", async () => {
    const sub = await app.subscribe({ ...kpmSubscription, actions: kpmActions });
    const id = sub.id;
    e2t.answer = "silent";
    const sent = e2t.controls.length;
    const pending = app.control(NODE, { ...rcControl, timeoutMs: 5000 }).catch((e) => e);
    await waitFor(() => e2t.controls.length > sent, 1000, "the control to reach e2term");
    const ports = platform.ports!;
    await app.stop();
    const err = await within(pending, 1000, "the pending control to end");
    expect(err).toBeInstanceOf(ControlError);
    expect(err.code).toBe("no-ric");
    expect(submgr.subscriptions.has(id)).toBe(false);
    expect(appmgr.xapps.has("kpimon")).toBe(false);
    expect(appmgr.requests.map((r) => r.path)).toContain("/ric/v1/deregister");
    for (const port of [ports.rmr, ports.route]) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = createConnection({ host: "127.0.0.1", port });
        s.once("connect", () => {
          s.destroy();
          resolve(false);
        });
        s.once("error", () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });
});

describe("OranScPlatform: route tables from rtmgr", () => {
  it("without a table a control has no route; rtmgr's push is answered and queued A1 queries go then", async () => {
    const mediator = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: new RouteTables({ names: [] }),
    });
    const rtmgr = await RmrTransport.start({
      name: "127.0.0.1",
      port: 0,
      host: "127.0.0.1",
      routes: new RouteTables({ names: [] }),
    });
    const toMediator: RmrMessage[] = [];
    mediator.onMessage((m) => toMediator.push(m));
    // no submgr, no appmgr, no seed: only what rtmgr pushes
    const platform = new OranScPlatform({
      name: "handover",
      rmrPort: 0,
      routePort: 0,
      host: "127.0.0.1",
      srcName: "127.0.0.1",
      seedRoutes: "",
      submgrUrl: "http://127.0.0.1:9/ric/v1",
      nodes: [{ id: NODE, ranFunctions: functions }],
    });
    let app: XApp | undefined;
    try {
      app = await XApp.start({
        name: "handover",
        platform,
        policies: { types: [{ id: 20101, name: "handover" }], handle: () => {} },
      });
      expect(platform.routes.ready).toBe(false);
      const err = await app.control(NODE, rcControl).catch((e) => e);
      expect(err).toBeInstanceOf(ControlError);
      expect(err.code).toBe("no-ric");

      const table = [
        "newrt|start|t1",
        `mse|${MTYPES.A1_POLICY_QUERY}|-1|127.0.0.1:${mediator.port}`,
        "newrt|end|1",
        "",
      ].join("\n");
      const reply = await rtmgr.call(
        `127.0.0.1:${platform.ports?.route}`,
        { mtype: MTYPES.RMRRM_TABLE_DATA, payload: utf8.encode(table) },
        2000,
      );
      expect(reply.mtype).toBe(MTYPES.RMRRM_TABLE_STATE);
      expect(text(reply.payload)).toBe("OK t1 \n\0");
      await waitFor(() => toMediator.some((m) => m.mtype === MTYPES.A1_POLICY_QUERY), 2000, "A1_POLICY_QUERY");
      expect(JSON.parse(text(toMediator[0].payload))).toEqual({ policy_type_id: 20101 });
    } finally {
      await app?.stop();
      await platform.close();
      await Promise.all([mediator.close(), rtmgr.close()]);
    }
  });
});
