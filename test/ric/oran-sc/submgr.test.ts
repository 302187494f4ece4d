/**
 * Subscriptions through submgr's REST API against a double written from the published API: the
 * request as the API spells it, the notification that maps each XappEventInstanceId to the RMR sub_id,
 * unsubscribing, listing, and every way it can fail.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import {
  FieldError,
  RicHttpError,
  SubscriptionFailedError,
  SubscriptionTimeoutError,
} from "../../../ric/oran-sc/errors.js";
import {
  SubmgrClient,
  type SubscriptionRequest,
  subscribeAndWait,
  subscriptionParams,
} from "../../../ric/oran-sc/submgr.js";
import {
  NOTIFICATION_PATH,
  SubscriptionNotifications,
  subscriptionNotificationRouter,
} from "../../../ric/oran-sc/submgr-notifications.js";
import { startSubmgrDouble } from "../../support/submgr-double.js";

const XAPP_HOST = "service-ricxapp-beam-http.ricxapp";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The xApp's HTTP side, the submgr double (resolving the xApp's service name to loopback), a client. */
async function setup() {
  const notifications = new SubscriptionNotifications();
  const app = express();
  app.use(subscriptionNotificationRouter(notifications));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  const xappPort = (server.address() as AddressInfo).port;
  const submgr = await startSubmgrDouble((host) => (host === XAPP_HOST ? "127.0.0.1" : host));
  closers.push(() => submgr.close());
  const client = new SubmgrClient({ baseUrl: submgr.baseUrl, timeoutMs: 2000 });
  return { notifications, xappPort, xappUrl: `http://127.0.0.1:${xappPort}`, submgr, client };
}

const request = (httpPort: number, details = [12345]): SubscriptionRequest => ({
  xapp: { name: "beam", httpPort },
  meid: "gnb_001_001_00000001",
  ranFunctionId: 2,
  details: details.map((id) => ({
    xappEventInstanceId: id,
    eventTrigger: Uint8Array.of(8, 39, 15),
    actions: [{ id: 1, type: "report", definition: [1, 2, 3], subsequent: { type: "continue", timeToWait: "zero" } }],
  })),
});

describe("subscriptionParams", () => {
  it("spells the request as submgr's API does, routing needed, bytes as integers", () => {
    expect(subscriptionParams(request(8080))).toEqual({
      ClientEndpoint: { Host: XAPP_HOST, HTTPPort: 8080, RMRPort: 4560 },
      Meid: "gnb_001_001_00000001",
      RANFunctionID: 2,
      E2SubscriptionDirectives: { E2TimeoutTimerValue: 2, E2RetryCount: 2, RMRRoutingNeeded: true },
      SubscriptionDetails: [
        {
          XappEventInstanceId: 12345,
          EventTriggers: [8, 39, 15],
          ActionToBeSetupList: [
            {
              ActionID: 1,
              ActionType: "report",
              ActionDefinition: [1, 2, 3],
              SubsequentAction: { SubsequentActionType: "continue", TimeToWait: "zero" },
            },
          ],
        },
      ],
    });
  });

  it.each([
    [{ ranFunctionId: 4096 }, "SubscriptionParams RANFunctionID: must be an integer 0..4095, got 4096"],
    [{ meid: "" }, 'SubscriptionParams Meid: must be a RAN name of 1..31 characters, got ""'],
    [
      { e2TimeoutS: 0 },
      "SubscriptionParams E2SubscriptionDirectives.E2TimeoutTimerValue: must be an integer 1..10, got 0",
    ],
    [{ details: [] }, "SubscriptionParams SubscriptionDetails: must hold at least one detail"],
    [
      { details: [{ xappEventInstanceId: 1, eventTrigger: [300], actions: [{ id: 1, type: "report" }] }] },
      "SubscriptionParams SubscriptionDetails[0].EventTriggers[0]: must be an integer 0..255, got 300",
    ],
    [
      { details: [{ xappEventInstanceId: 1, eventTrigger: [], actions: [{ id: 256, type: "report" }] }] },
      "SubscriptionParams SubscriptionDetails[0].ActionToBeSetupList[0].ActionID: must be an integer 0..255, got 256",
    ],
    [
      { details: [{ xappEventInstanceId: 1, eventTrigger: [], actions: [{ id: 1, type: "REPORT" }] }] },
      'SubscriptionParams SubscriptionDetails[0].ActionToBeSetupList[0].ActionType: must be insert, policy or report, got "REPORT"',
    ],
    [
      {
        details: [
          { xappEventInstanceId: 7, eventTrigger: [], actions: [{ id: 1, type: "report" }] },
          { xappEventInstanceId: 7, eventTrigger: [], actions: [{ id: 1, type: "report" }] },
        ],
      },
      "SubscriptionParams SubscriptionDetails[1].XappEventInstanceId: 7 is used by an earlier detail",
    ],
    [{ xapp: { name: "Beam_1" } }, "xApp naming name: must be a DNS label (a-z, 0-9, '-'), got \"Beam_1\""],
  ])("refuses %j naming the field", (change, message) => {
    const bad = { ...request(8080), ...change } as SubscriptionRequest;
    expect(() => subscriptionParams(bad)).toThrow(FieldError);
    expect(() => subscriptionParams(bad)).toThrow(message);
  });
});

describe("SubmgrClient with the notification endpoint", () => {
  it("subscribes, and the notification maps each XappEventInstanceId to the RMR sub_id", async () => {
    const { notifications, xappPort, submgr, client } = await setup();
    const params = subscriptionParams(request(xappPort, [12345, 7]));
    const ready = await subscribeAndWait(client, notifications, params, 2000);
    expect(ready.instances.map((i) => [i.xappEventInstanceId, i.e2EventInstanceId, i.ok])).toEqual([
      [12345, 1, true],
      [7, 2, true],
    ]);
    expect(notifications.bySubId(2)?.xappEventInstanceId).toBe(7);
    expect(notifications.bySubId(2)?.subscriptionId).toBe(ready.subscriptionId);
    // what went on the wire: the body as built, a route asked for, each notification answered 200 exactly
    expect(submgr.requests[0]).toEqual({ method: "POST", path: "/ric/v1/subscriptions", body: params });
    expect(submgr.subscriptions.get(ready.subscriptionId)?.routed).toBe(true);
    await submgr.settled();
    expect(submgr.notifications.map((n) => [n.url, n.status])).toEqual([
      [`http://127.0.0.1:${xappPort}${NOTIFICATION_PATH}`, 200],
      [`http://127.0.0.1:${xappPort}${NOTIFICATION_PATH}`, 200],
    ]);
  });

  it("finds a notification that came before submgr's 201", async () => {
    const { notifications, xappPort, submgr, client } = await setup();
    submgr.notifyFirst = true;
    const seen: number[] = [];
    notifications.onOutcome((o) => seen.push(o.e2EventInstanceId));
    const ready = await subscribeAndWait(client, notifications, subscriptionParams(request(xappPort)), 2000);
    expect(ready.instances[0].e2EventInstanceId).toBe(1);
    expect(seen).toEqual([1]);
  });

  it("gives the same id to an identical request, lists and unsubscribes", async () => {
    const { xappPort, submgr, client } = await setup();
    const params = subscriptionParams(request(xappPort));
    const a = await client.subscribe(params);
    expect(a.SubscriptionInstances).toBeNull();
    expect((await client.subscribe(params)).SubscriptionId).toBe(a.SubscriptionId);
    await submgr.settled();
    const list = await client.list();
    expect(list).toHaveLength(1);
    expect(list[0].Meid).toBe("gnb_001_001_00000001");
    await client.unsubscribe(a.SubscriptionId);
    expect(submgr.requests.at(-1)).toMatchObject({
      method: "DELETE",
      path: `/ric/v1/subscriptions/${a.SubscriptionId}`,
    });
    expect(await client.list()).toEqual([]);
    const gone = await client.unsubscribe(a.SubscriptionId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(RicHttpError);
    expect(gone).toMatchObject({ status: 400, method: "DELETE" });
  });

  it("reports a failed instance with submgr's cause, and a missing notification as a timeout", async () => {
    const { notifications, xappPort, submgr, client } = await setup();
    submgr.outcome = { ErrorCause: "RIC_SUB_FAILURE from E2 node", ErrorSource: "E2Node" };
    const failed = await subscribeAndWait(client, notifications, subscriptionParams(request(xappPort)), 2000).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(SubscriptionFailedError);
    expect(failed).toMatchObject({
      xappEventInstanceId: 12345,
      errorCause: "RIC_SUB_FAILURE from E2 node",
      errorSource: "E2Node",
    });
    expect((failed as Error).message).toMatch(
      /subscription \w+ instance 12345 failed: RIC_SUB_FAILURE from E2 node \(E2Node\)/,
    );

    submgr.outcome = "silent";
    const params = subscriptionParams({ ...request(xappPort), meid: "gnb_001_001_00000002" });
    const late = await subscribeAndWait(client, notifications, params, 100).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(SubscriptionTimeoutError);
    expect((late as Error).message).toMatch(
      /no notification from submgr for subscription \w+ instance 12345 in 100 ms/,
    );
  });

  it("turns submgr's refusals into errors with status and body", async () => {
    const { xappPort, submgr, client } = await setup();
    const params = subscriptionParams(request(xappPort));
    submgr.disconnected.add("gnb_001_001_00000001");
    await expect(client.subscribe(params)).rejects.toMatchObject({
      name: "RicHttpError",
      status: 503,
      body: expect.stringContaining("not connected"),
      message: expect.stringMatching(/^submgr POST http:\/\/127\.0\.0\.1:\d+\/ric\/v1\/subscriptions answered 503: /),
    });
    submgr.failNext = { status: 500, body: "internal error" };
    await expect(client.list()).rejects.toMatchObject({ status: 500, body: "internal error" });
    // the double is strict: a field the API does not have is refused, and named
    const sloppy = { ...params, ClientEndpoint: { ...params.ClientEndpoint, Port: 8080 } };
    await expect(client.subscribe(sloppy)).rejects.toMatchObject({
      status: 400,
      body: expect.stringContaining("body/ClientEndpoint has unknown field 'Port'"),
    });
    const noRoute = {
      ...params,
      E2SubscriptionDirectives: { E2TimeoutTimerValue: 0, E2RetryCount: 2, RMRRoutingNeeded: true },
    };
    await expect(client.subscribe(noRoute)).rejects.toMatchObject({
      status: 400,
      body: expect.stringContaining("body/E2SubscriptionDirectives/E2TimeoutTimerValue must be >= 1"),
    });
  });

  it("gives up on a submgr that does not answer", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    closers.push(
      () =>
        new Promise<void>((done) => {
          silent.closeAllConnections();
          silent.close(() => done());
        }),
    );
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/ric/v1`;
    const e = await new SubmgrClient({ baseUrl, timeoutMs: 100 }).list().catch((x: unknown) => x);
    expect(e).toMatchObject({
      name: "RicHttpError",
      status: 0,
      message: expect.stringMatching(/ failed: timed out after 100 ms$/),
    });
  });

  it("says when submgr cannot be reached", async () => {
    const { submgr } = await setup();
    const url = submgr.baseUrl;
    await submgr.close();
    const e = await new SubmgrClient({ baseUrl: url, timeoutMs: 1000 }).list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RicHttpError);
    expect(e).toMatchObject({ status: 0, message: expect.stringMatching(/submgr GET .* failed: ECONNREFUSED/) });
  });
});

describe("the notification endpoint", () => {
  const post = (url: string, body: string, type = "application/json") =>
    fetch(`${url}${NOTIFICATION_PATH}`, { method: "POST", headers: { "content-type": type }, body });

  it.each([
    ["{", /^body is not JSON: /],
    ["[]", /^body must be object$/],
    ['{"SubscriptionId":"s1"}', /^body must have required property 'SubscriptionInstances'$/],
    [
      '{"SubscriptionId":"s1","SubscriptionInstances":[]}',
      /^body\/SubscriptionInstances must NOT have fewer than 1 items$/,
    ],
    [
      '{"SubscriptionId":"s1","SubscriptionInstances":[{"XappEventInstanceId":"1","E2EventInstanceId":7}]}',
      /^body\/SubscriptionInstances\/0\/XappEventInstanceId must be integer$/,
    ],
    [
      '{"SubscriptionId":"s1","SubscriptionInstances":[{"XappEventInstanceId":1}]}',
      /^body\/SubscriptionInstances\/0 must have required property 'E2EventInstanceId'$/,
    ],
    [
      '{"SubscriptionId":"","SubscriptionInstances":[{"XappEventInstanceId":1,"E2EventInstanceId":70000}]}',
      /^body\/SubscriptionId must NOT have fewer than 1 characters, body\/SubscriptionInstances\/0\/E2EventInstanceId must be <= 65535$/,
    ],
  ])("answers %s with 400 and what is wrong", async (body, message) => {
    const { xappUrl, notifications } = await setup();
    const res = await post(xappUrl, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { code: string; message: string };
    expect(answer.code).toBe("SUBMGR_NOTIFICATION_INVALID");
    expect(answer.message).toMatch(message);
    expect(notifications.outcome("s1", 1)).toBeUndefined();
  });

  it("answers 200 to a good notification, whatever its content type, and keeps a bounded number", async () => {
    const { xappUrl, notifications } = await setup();
    const n = (id: string) =>
      JSON.stringify({ SubscriptionId: id, SubscriptionInstances: [{ XappEventInstanceId: 3, E2EventInstanceId: 9 }] });
    notifications.onOutcome(() => {
      throw new Error("a listener's bug");
    });
    expect((await post(xappUrl, n("s1"), "text/plain")).status).toBe(200);
    expect(notifications.outcome("s1", 3)).toMatchObject({ e2EventInstanceId: 9, ok: true });
    await expect(notifications.ready("s1", 3, 10)).resolves.toMatchObject({ e2EventInstanceId: 9 });
    notifications.forget("s1");
    expect(notifications.bySubId(9)).toBeUndefined();

    const small = new SubscriptionNotifications(2);
    for (const id of ["a", "b", "c"])
      small.record({
        SubscriptionId: id,
        SubscriptionInstances: [{ XappEventInstanceId: 1, E2EventInstanceId: id.charCodeAt(0) }],
      });
    expect([small.outcome("a", 1), small.outcome("c", 1)?.e2EventInstanceId]).toEqual([undefined, 99]);
    expect(small.bySubId(97)).toBeUndefined();
  });
});
