/**
 * E2 nodes from O-RAN SC's e2mgr: the REST client against a double written from e2mgr's API (and the
 * jsonpb JSON it really writes), the mapping of its NodebInfo to our NodeInfo, discovery's events as
 * nodes come, change and go, and an unchanged xApp on OranScPlatform hearing them. Loopback only.
 */
import express from "express";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeSm, encodeSm, kpmV2, rcV1 } from "../../../e2sm/index.js";
import type { NodeInfo, RicEvent } from "../../../ric/bus/contract.js";
import { E2mgrClient, parseNodebInfo, toNodeInfo } from "../../../ric/oran-sc/e2mgr.js";
import { FieldError, RicHttpError } from "../../../ric/oran-sc/errors.js";
import { diffNodes, NodeDiscovery, type NodeEvent } from "../../../ric/oran-sc/node-discovery.js";
import { OranScPlatform } from "../../../ric/oran-sc/platform.js";
import { type AppServer, serveApps } from "../../../ric/sdk/http.js";
import { XApp } from "../../../ric/sdk/xapp.js";
import type { Log } from "../../../ric/services/e2-termination.js";
import { kpmCellAction, kpmTrigger } from "../../../xapps/common/kpm.js";
import { type DoubleRanFunction, type E2mgrDouble, startE2mgrDouble, xerHex } from "../../support/e2mgr-double.js";
import { type SubmgrDouble, startSubmgrDouble } from "../../support/submgr-double.js";

const GNB = "gnb_001_001_00000001";
const OTHER = "gnb_001_001_00000002";

const kpmDefinition = encodeSm("kpm-v2", "E2SM-KPM-RANfunction-Description", {
  "ranFunction-Name": {
    "ranFunction-ShortName": "ORAN-E2SM-KPM",
    "ranFunction-E2SM-OID": kpmV2.oid,
    "ranFunction-Description": "KPM Monitor",
    "ranFunction-Instance": 1,
  },
});
const rcDefinition = encodeSm("rc", "E2SM-RC-RANFunctionDefinition", {
  "ranFunction-Name": {
    "ranFunction-ShortName": "ORAN-E2SM-RC",
    "ranFunction-E2SM-OID": rcV1.oid,
    "ranFunction-Description": "RAN Control",
    "ranFunction-Instance": 1,
  },
});
const kpm: DoubleRanFunction = { id: 2, oid: kpmV2.oid as string, revision: 1, definition: kpmDefinition };
const rc: DoubleRanFunction = { id: 3, oid: rcV1.oid as string, revision: 1, definition: rcDefinition };
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** RMR on free loopback ports, no route table: the platform options every test here shares. */
const loopback = { rmrPort: 0, routePort: 0, host: "127.0.0.1", srcName: "127.0.0.1", seedRoutes: "" } as const;

/** Polls `check` every 10 ms until it gives something; fails after `ms`. */
async function until<T>(check: () => T | undefined | false, what: string, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (let got = check(); ; got = check()) {
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A Log that keeps its lines. */
function keptLog(): { log: Log; lines: { level: string; event: string; detail: Record<string, unknown> }[] } {
  const lines: { level: string; event: string; detail: Record<string, unknown> }[] = [];
  return { log: (level, event, detail) => lines.push({ level, event, detail }), lines };
}

describe("E2mgrClient against an e2mgr double", () => {
  let e2mgr: E2mgrDouble;
  let client: E2mgrClient;

  beforeAll(async () => {
    e2mgr = await startE2mgrDouble();
    client = new E2mgrClient({ baseUrl: e2mgr.baseUrl, timeoutMs: 2000 });
  });
  afterAll(() => e2mgr?.close());
  beforeEach(() => {
    e2mgr.nodes.clear();
    e2mgr.failNext = undefined;
  });

  it("lists the nodes' states, zero values (left out by jsonpb) read as such", async () => {
    e2mgr.setup(GNB, [kpm, rc], { plmnId: "02F839" });
    e2mgr.setup(OTHER, [kpm], { plmnId: undefined, nbId: undefined });
    e2mgr.setStatus(OTHER, "UNKNOWN_CONNECTION_STATUS");
    // on the wire: enum names, no zero values
    const raw = await (await fetch(`${e2mgr.baseUrl}/nodeb/states`)).json();
    expect(raw).toEqual([
      {
        inventoryName: GNB,
        globalNbId: { plmnId: "02F839", nbId: "0000000000000000000000000001" },
        connectionStatus: "CONNECTED",
      },
      { inventoryName: OTHER },
    ]);
    expect(await client.states()).toEqual([
      {
        inventoryName: GNB,
        globalNbId: { plmnId: "02F839", nbId: "0000000000000000000000000001" },
        connectionStatus: "CONNECTED",
      },
      { inventoryName: OTHER, connectionStatus: "UNKNOWN_CONNECTION_STATUS" },
    ]);
    expect(e2mgr.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/nodeb/states" });
  });

  it("reads one node: its RAN functions with the definitions as e2term's XER printed them", async () => {
    const node = e2mgr.setup(GNB, [kpm, { ...rc, id: 0, revision: 0 }]);
    const raw = (await (await fetch(`${e2mgr.baseUrl}/nodeb/${GNB}`)).json()) as any;
    // uint64 as a string; a zero id and revision are left out; long definitions wrap
    expect(raw.statusUpdateTimeStamp).toBe(String(node.statusUpdateNs));
    expect(raw.gnb.ranFunctions[1]).toEqual({ ranFunctionDefinition: xerHex(rcDefinition), ranFunctionOid: rc.oid });
    expect(raw.gnb.ranFunctions[0].ranFunctionDefinition).toMatch(/^\n\t+[0-9A-F]{2}( [0-9A-F]{2}){15}\n/);

    const nb = await client.nodeb(GNB);
    expect(nb).toMatchObject({
      ranName: GNB,
      connectionStatus: "CONNECTED",
      nodeType: "GNB",
      ip: "",
      port: 0,
      associatedE2tInstanceAddress: "10.0.2.15:38000",
      statusUpdateTimeStamp: String(node.statusUpdateNs),
    });
    expect(nb.gnb?.ranFunctions.map((f) => [f.ranFunctionId, f.ranFunctionRevision, f.ranFunctionOid])).toEqual([
      [2, 1, kpm.oid],
      [0, 0, rc.oid],
    ]);
  });

  it("says what e2mgr answered when it refuses, and when it cannot be reached", async () => {
    const missing = await client.nodeb("gnb_999_999_00000009").catch((e) => e);
    expect(missing).toBeInstanceOf(RicHttpError);
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/e2mgr GET .*\/v1\/nodeb\/gnb_999_999_00000009 answered 404: .*Resource not found/);

    e2mgr.failNext = { status: 500, body: '{"errorCode":500,"errorMessage":"RNIB error"}' };
    const broken = await client.states().catch((e) => e);
    expect(broken).toBeInstanceOf(RicHttpError);
    expect(broken.status).toBe(500);
    expect(broken.message).toContain("RNIB error");

    e2mgr.failNext = { status: 200, body: "<html>not json</html>" };
    expect((await client.states().catch((e) => e)).message).toMatch(/answered 200 with a body that is not JSON/);

    const nowhere = await new E2mgrClient({ baseUrl: "http://127.0.0.1:9/v1", timeoutMs: 1000 })
      .states()
      .catch((e) => e);
    expect(nowhere).toBeInstanceOf(RicHttpError);
    expect(nowhere.status).toBe(0);
  });

  it.each([
    ["the list is not a list", "/nodeb/states", { nodes: [] }, "(body)", /must be a JSON array/],
    ["a node without a name", "/nodeb/states", [{ connectionStatus: "CONNECTED" }], "[0].inventoryName", /non-empty/],
    [
      "a status nodeb-rnib does not have",
      "/nodeb/states",
      [{ inventoryName: GNB, connectionStatus: "UP" }],
      "[0].connectionStatus",
      /one of UNKNOWN_CONNECTION_STATUS, CONNECTED/,
    ],
    ["a node's record not an object", `/nodeb/${GNB}`, [GNB], "(body)", /must be a JSON object/],
    [
      "another node's record",
      `/nodeb/${GNB}`,
      { ranName: OTHER },
      "ranName",
      new RegExp(`is ${OTHER}, not the ${GNB}`),
    ],
    [
      "a RAN function id as text",
      `/nodeb/${GNB}`,
      { ranName: GNB, gnb: { ranFunctions: [{ ranFunctionId: "kpm" }] } },
      "gnb.ranFunctions[0].ranFunctionId",
      /integer 0..4095, got "kpm"/,
    ],
    [
      "RAN functions not a list",
      `/nodeb/${GNB}`,
      { ranName: GNB, gnb: { ranFunctions: {} } },
      "gnb.ranFunctions",
      /JSON array/,
    ],
    [
      "a definition not in hex",
      `/nodeb/${GNB}`,
      { ranName: GNB, gnb: { ranFunctions: [{ ranFunctionDefinition: "KPM!" }] } },
      "gnb.ranFunctions[0].ranFunctionDefinition",
      /in hex/,
    ],
    [
      "a PLMN id not 3 octets",
      `/nodeb/${GNB}`,
      { ranName: GNB, globalNbId: { plmnId: "001-01" } },
      "globalNbId.plmnId",
      /3 octets in hex/,
    ],
    [
      "a status time not a number",
      `/nodeb/${GNB}`,
      { ranName: GNB, statusUpdateTimeStamp: "yesterday" },
      "statusUpdateTimeStamp",
      /unsigned 64-bit/,
    ],
  ])("names the field of a malformed answer: %s", async (_what, path, body, field, reason) => {
    e2mgr.failNext = { status: 200, body: JSON.stringify(body) };
    const err = await (path === "/nodeb/states" ? client.states() : client.nodeb(GNB)).catch((e) => e);
    expect(err).toBeInstanceOf(FieldError);
    expect(err.what).toBe(`e2mgr GET ${e2mgr.baseUrl}${path}`);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(reason);
  });
});

describe("e2mgr's NodebInfo as our NodeInfo", () => {
  const context = { e2ap: 2, seenAt: "2026-01-01T00:00:00.000Z" } as const;

  it("maps a gNB with KPM and RC: PLMN as in RAN names, definitions in base64, the status time", () => {
    const info = toNodeInfo(
      parseNodebInfo({
        ranName: "gnb_208_093_00000a01",
        connectionStatus: "CONNECTED",
        globalNbId: { plmnId: "02F839", nbId: "0000000000000000101000000001" },
        nodeType: "GNB",
        gnb: {
          ranFunctions: [
            {
              ranFunctionId: 2,
              ranFunctionDefinition: xerHex(kpmDefinition),
              ranFunctionRevision: 1,
              ranFunctionOid: kpmV2.oid,
            },
            {
              ranFunctionId: 3,
              ranFunctionDefinition: xerHex(rcDefinition),
              ranFunctionRevision: 2,
              ranFunctionOid: rcV1.oid,
            },
          ],
          gnbType: "GNB",
        },
        associatedE2tInstanceAddress: "10.0.2.15:38000",
        setupFromNetwork: true,
        statusUpdateTimeStamp: "1767225600123456789",
        gnbNodeType: "gNB",
      }),
      context,
    );
    expect(info).toEqual({
      id: "gnb_208_093_00000a01",
      e2ap: 2,
      plmn: "208_093",
      ranFunctions: [
        { id: 2, oid: kpmV2.oid, revision: 1, definition: b64(kpmDefinition) },
        { id: 3, oid: rcV1.oid, revision: 2, definition: b64(rcDefinition) },
      ],
      peer: "10.0.2.15:38000",
      connectedAt: "2026-01-01T00:00:00.123Z",
    });
    // the definitions decode as their service models'
    const kpmDef = decodeSm(
      "kpm-v2",
      "E2SM-KPM-RANfunction-Description",
      Buffer.from(info.ranFunctions[0].definition, "base64"),
    );
    expect(kpmDef["ranFunction-Name"]["ranFunction-ShortName"]).toBe("ORAN-E2SM-KPM");
    const rcDef = decodeSm(
      "rc",
      "E2SM-RC-RANFunctionDefinition",
      Buffer.from(info.ranFunctions[1].definition, "base64"),
    );
    expect(rcDef["ranFunction-Name"]["ranFunction-E2SM-OID"]).toBe(rcV1.oid);
  });

  it("fills what e2mgr left out: PLMN from the RAN name, the time first seen, no functions", () => {
    const info = toNodeInfo(
      parseNodebInfo({ ranName: "enB_macro_001_010_00abcd", ip: "10.1.1.1", port: 36422 }),
      context,
    );
    expect(info).toEqual({
      id: "enB_macro_001_010_00abcd",
      e2ap: 2,
      plmn: "001_010",
      ranFunctions: [],
      peer: "10.1.1.1:36422",
      connectedAt: context.seenAt,
    });
    expect(toNodeInfo(parseNodebInfo({ ranName: "odd" }), context)).toMatchObject({ plmn: "", peer: "e2term" });
  });

  it("reads an enum by number and 64-bit integers as numbers too", () => {
    expect(parseNodebInfo({ ranName: GNB, connectionStatus: 2, nodeType: 2, statusUpdateTimeStamp: 5 })).toMatchObject({
      connectionStatus: "DISCONNECTED",
      nodeType: "GNB",
      statusUpdateTimeStamp: "5",
    });
  });
});

const node = (id: string, functions: DoubleRanFunction[], connectedAt = "t1"): NodeInfo => ({
  id,
  e2ap: 2,
  plmn: "001_001",
  ranFunctions: functions.map((f) => ({ id: f.id, oid: f.oid, revision: f.revision, definition: b64(f.definition) })),
  peer: "e2term",
  connectedAt,
});

describe("diffNodes", () => {
  const before = new Map([[GNB, node(GNB, [kpm, rc])]]);

  it("a new node is up, a changed one updated, an unchanged one nothing (whatever the functions' order)", () => {
    expect(diffNodes(before, [node(GNB, [rc, kpm]), node(OTHER, [kpm])], new Map())).toEqual([
      { kind: "node-up", node: node(OTHER, [kpm]) },
    ]);
    const changed = node(GNB, [kpm, { ...rc, revision: 2 }]);
    expect(diffNodes(before, [changed], new Map())).toEqual([{ kind: "node-updated", node: changed }]);
  });

  it("a node no longer connected is down, saying what e2mgr reports; one set up again is down, then up", () => {
    expect(diffNodes(before, [], new Map([[GNB, "DISCONNECTED"]]))).toEqual([
      { kind: "node-down", node: { id: GNB }, reason: "e2mgr reports it DISCONNECTED" },
    ]);
    expect(diffNodes(before, [], new Map())).toEqual([
      { kind: "node-down", node: { id: GNB }, reason: "e2mgr no longer lists it" },
    ]);
    const again = node(GNB, [kpm, rc], "t2");
    expect(diffNodes(before, [again], new Map()).map((e) => e.kind)).toEqual(["node-down", "node-up"]);
  });
});

describe("NodeDiscovery against an e2mgr double", () => {
  let e2mgr: E2mgrDouble;
  let discovery: NodeDiscovery;
  let events: NodeEvent[];
  let kept: ReturnType<typeof keptLog>;

  beforeEach(async () => {
    e2mgr = await startE2mgrDouble();
    events = [];
    kept = keptLog();
    discovery = new NodeDiscovery({
      e2mgr: new E2mgrClient({ baseUrl: e2mgr.baseUrl, timeoutMs: 1000 }),
      e2ap: 2,
      periodMs: 20,
      log: kept.log,
      onEvent: (e) => events.push(e),
    });
  });
  afterEach(async () => {
    discovery.stop();
    await e2mgr.close();
  });

  const kinds = () =>
    events.splice(0).map((e) => `${e.kind} ${e.node.id}${e.kind === "node-down" ? ` (${e.reason})` : ""}`);

  it("hears a node come, change its functions, go, and come back", async () => {
    e2mgr.setup(GNB, [kpm]);
    e2mgr.setup(OTHER, [kpm]);
    e2mgr.setStatus(OTHER, "CONNECTING");
    await discovery.tick();
    expect(kinds()).toEqual([`node-up ${GNB}`]);
    expect(discovery.nodes().map((n) => [n.id, n.ranFunctions.map((f) => f.id)])).toEqual([[GNB, [2]]]);

    await discovery.tick();
    expect(kinds()).toEqual([]);

    e2mgr.nodes.get(GNB)!.ranFunctions = [kpm, rc];
    e2mgr.setStatus(OTHER, "CONNECTED");
    await discovery.tick();
    expect(events.find((e) => e.kind === "node-updated")).toMatchObject({
      node: { id: GNB, ranFunctions: [{ id: 2 }, { id: 3 }] },
    });
    expect(kinds()).toEqual([`node-updated ${GNB}`, `node-up ${OTHER}`]);

    e2mgr.setStatus(GNB, "DISCONNECTED");
    e2mgr.nodes.delete(OTHER);
    await discovery.tick();
    expect(kinds()).toEqual([
      `node-down ${GNB} (e2mgr reports it DISCONNECTED)`,
      `node-down ${OTHER} (e2mgr no longer lists it)`,
    ]);
    expect(discovery.nodes()).toEqual([]);

    e2mgr.setStatus(GNB, "CONNECTED");
    await discovery.tick();
    expect(kinds()).toEqual([`node-up ${GNB}`]);
    // reset and back between two looks: its subscriptions are gone all the same
    e2mgr.setStatus(GNB, "UNDER_RESET");
    e2mgr.setStatus(GNB, "CONNECTED");
    await discovery.tick();
    expect(kinds()).toEqual([
      `node-down ${GNB} (it connected again (or was reset) since the last look)`,
      `node-up ${GNB}`,
    ]);
  });

  it("logs a failing e2mgr once, keeps its view, and carries on when it answers again", async () => {
    e2mgr.setup(GNB, [kpm]);
    await discovery.tick();
    kinds();
    for (let i = 0; i < 2; i++) {
      e2mgr.failNext = { status: 503, body: "unavailable" };
      await discovery.tick();
    }
    expect(kinds()).toEqual([]);
    expect(discovery.nodes().map((n) => n.id)).toEqual([GNB]);
    const warned = kept.lines.filter((l) => l.event === "e2mgr-poll-failed");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: "warn", detail: { error: expect.stringMatching(/answered 503/) } });

    e2mgr.nodes.get(GNB)!.ranFunctions = [kpm, rc];
    await discovery.tick(); // answers again
    expect(kept.lines.map((l) => l.event)).toContain("e2mgr-read-again");
    expect(kinds()).toEqual([`node-updated ${GNB}`]);

    // a node whose record cannot be read keeps its last view
    e2mgr.nodes.get(GNB)!.ranFunctions = [{ ...kpm, id: 5000 }];
    await discovery.tick();
    expect(kinds()).toEqual([]);
    expect(kept.lines.find((l) => l.event === "e2mgr-node-unreadable")).toMatchObject({
      level: "warn",
      detail: { node: GNB, error: expect.stringContaining("gnb.ranFunctions[0].ranFunctionId") },
    });
    expect(discovery.nodes()[0].ranFunctions.map((f) => f.id)).toEqual([2, 3]);
  });

  it("polls by itself once started, and stops", async () => {
    await discovery.start();
    expect(events).toEqual([]);
    e2mgr.setup(GNB, [kpm]);
    await until(() => events.length > 0, "node-up");
    expect(kinds()).toEqual([`node-up ${GNB}`]);
    discovery.stop();
    await new Promise((r) => setTimeout(r, 50)); // a poll under way ends
    const asked = e2mgr.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(e2mgr.requests.length).toBe(asked);
  });

  it("an app handler that throws does not stop the others' events", async () => {
    const heard: string[] = [];
    const d = new NodeDiscovery({
      e2mgr: new E2mgrClient({ baseUrl: e2mgr.baseUrl }),
      e2ap: 2,
      log: kept.log,
      onEvent: (e) => {
        heard.push(e.node.id);
        throw new Error("the app's bug");
      },
    });
    e2mgr.setup(GNB, [kpm]);
    e2mgr.setup(OTHER, [kpm]);
    await d.tick();
    expect(heard).toEqual([GNB, OTHER]);
    expect(kept.lines.filter((l) => l.event === "node-event-failed")).toHaveLength(2);
  });
});

describe("OranScPlatform discovering nodes from e2mgr: an unchanged xApp hears them", () => {
  const CONFIGURED = "gnb_001_001_000000c0";
  let e2mgr: E2mgrDouble;
  let submgr: SubmgrDouble;
  let server: AppServer;
  let platform: OranScPlatform;
  let app: XApp;
  const heard: RicEvent[] = [];
  const kept = keptLog();

  beforeAll(async () => {
    e2mgr = await startE2mgrDouble();
    submgr = await startSubmgrDouble(() => "127.0.0.1");
    e2mgr.setup(GNB, [kpm, rc]);
    e2mgr.setup(OTHER, [kpm]);
    e2mgr.setStatus(OTHER, "DISCONNECTED");
    // e2mgr knows the configured node too, otherwise: the configuration wins
    e2mgr.setup(CONFIGURED, [rc]);
    const apps: XApp[] = [];
    const late = express.Router();
    server = await serveApps({ apps, port: 0, routers: [late] });
    platform = new OranScPlatform({
      name: "kpimon",
      httpPort: server.port,
      ...loopback,
      submgrUrl: submgr.baseUrl,
      e2mgrUrl: e2mgr.baseUrl,
      e2mgrPollMs: 20,
      nodes: [{ id: CONFIGURED, ranFunctions: [{ id: 2, oid: kpmV2.oid as string }] }],
      subscribeTimeoutMs: 1000,
      retryDelayMs: 50,
      log: kept.log,
    });
    late.use(...platform.routers());
    app = await XApp.start({ name: "kpimon", platform });
    apps.push(app);
    app.onEvent((e) => heard.push(e));
  });

  afterAll(async () => {
    await app?.stop();
    await server?.close();
    await Promise.all([e2mgr?.close(), submgr?.close()]);
  });

  it("gives the configured nodes and the connected ones e2mgr lists, with their definitions", async () => {
    const nodes = await app.nodes();
    expect(nodes.map((n) => n.id)).toEqual([CONFIGURED, GNB]);
    expect(nodes[0].functions.map((f) => [f.id, f.model, f.definition])).toEqual([[2, "kpm", ""]]);
    expect(nodes[1]).toMatchObject({ e2ap: 2, plmn: "001_001", peer: "10.0.2.15:38000" });
    expect(nodes[1].functions.map((f) => [f.id, f.model, f.definition])).toEqual([
      [2, "kpm", b64(kpmDefinition)],
      [3, "rc", b64(rcDefinition)],
    ]);
  });

  it("hears nodes come, change and go; a subscription waits out its node's absence", async () => {
    const sub = await app.subscribe({
      node: GNB,
      ranFunction: "kpm",
      eventTrigger: kpmTrigger(1000),
      actions: [{ id: 1, definition: kpmCellAction(["RRU.PrbUsedDl"], 1000) }],
    });
    try {
      expect(sub.state).toBe("active");
      expect(submgr.subscriptions.get(sub.id)?.params).toMatchObject({ Meid: GNB, RANFunctionID: 2 });

      e2mgr.setStatus(OTHER, "CONNECTED");
      await until(() => heard.find((e) => e.kind === "node-up" && e.node.id === OTHER), "node-up of the new node");
      expect((await app.nodes()).map((n) => n.id)).toEqual([CONFIGURED, GNB, OTHER]);

      e2mgr.nodes.get(OTHER)!.ranFunctions = [kpm, rc];
      const updated = await until(
        () => heard.find((e) => e.kind === "node-updated" && e.node.id === OTHER),
        "node-updated",
      );
      expect((updated as { node: NodeInfo }).node.ranFunctions.map((f) => f.id)).toEqual([2, 3]);

      e2mgr.setStatus(GNB, "DISCONNECTED");
      const down = await until(() => heard.find((e) => e.kind === "node-down" && e.node.id === GNB), "node-down");
      expect(down).toEqual({ kind: "node-down", node: { id: GNB }, reason: "e2mgr reports it DISCONNECTED" });
      expect(sub.state).toBe("waiting");
      expect((await app.nodes()).map((n) => n.id)).toEqual([CONFIGURED, OTHER]);

      const before = submgr.requests.filter((r) => r.method === "POST").length;
      e2mgr.setStatus(GNB, "CONNECTED");
      await until(() => sub.state === "active", "the subscription set up again");
      expect(submgr.requests.filter((r) => r.method === "POST").length).toBe(before + 1);
    } finally {
      await sub.close();
    }
  });

  it("keeps the configured node whatever e2mgr says, and rides out a failing e2mgr", async () => {
    e2mgr.setStatus(CONFIGURED, "DISCONNECTED");
    e2mgr.failNext = { status: 500, body: '{"errorCode":500,"errorMessage":"RNIB error"}' };
    const asked = e2mgr.requests.length;
    await until(() => e2mgr.requests.length > asked + 4, "a few more polls");
    expect(heard.filter((e) => "node" in e && e.node.id === CONFIGURED)).toEqual([]);
    expect((await app.nodes()).map((n) => n.id)).toContain(CONFIGURED);
    expect(kept.lines.find((l) => l.event === "e2mgr-poll-failed")).toMatchObject({ level: "warn" });
  });

  it("stops asking e2mgr once closed", async () => {
    await platform.close();
    await new Promise((r) => setTimeout(r, 50));
    const asked = e2mgr.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(e2mgr.requests.length).toBe(asked);
  });
});

describe("OranScPlatform's node options", () => {
  it("wants nodes, e2mgr or both, and a sane poll period", () => {
    expect(() => new OranScPlatform({ name: "kpimon" })).toThrow(/nodes: must be given, or e2mgrUrl, or both/);
    expect(() => new OranScPlatform({ name: "kpimon", e2mgrUrl: "http://127.0.0.1:9/v1", e2mgrPollMs: 0 })).toThrow(
      FieldError,
    );
  });

  it("starts when e2mgr is not there yet, and says so", async () => {
    const kept = keptLog();
    const platform = new OranScPlatform({
      name: "kpimon",
      ...loopback,
      submgrUrl: "http://127.0.0.1:9/ric/v1",
      e2mgrUrl: "http://127.0.0.1:9/v1",
      log: kept.log,
    });
    const app = await XApp.start({ name: "kpimon", platform });
    try {
      expect(await app.nodes()).toEqual([]);
      expect(kept.lines.find((l) => l.event === "e2mgr-poll-failed")).toMatchObject({ level: "warn" });
    } finally {
      await app.stop();
    }
  });
});
