/**
 * A1 policies through the SDK: XApp.start({ policies }) declares the app's types (the RIC checks
 * policies against their schema), the handler gets create / update / delete, including the policies set
 * before the app came, and its verdict (a throw is ERROR with the message) is kept at the RIC.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonBytes } from "../../../ric/bus/bus.js";
import { type PolicyEvent, type PolicyInstance, SUBJECTS } from "../../../ric/bus/contract.js";
import { EmbeddedRic } from "../../../ric/embedded.js";
import { type PolicyTypeSpec, XApp } from "../../../ric/sdk/xapp.js";
import { call } from "../services/fake-node.js";
import { until } from "./sim-net.js";

const TYPE: PolicyTypeSpec = {
  id: 20101,
  name: "handover thresholds",
  schema: {
    type: "object",
    additionalProperties: false,
    properties: { keepRsrpDbm: { type: "number", minimum: -156, maximum: -31 }, fail: { type: "boolean" } },
  },
};

let emb: EmbeddedRic;
const apps: XApp[] = [];

beforeEach(async () => {
  emb = await EmbeddedRic.start();
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await emb.close();
});

/** An app handling TYPE; its handler records events and throws on a policy with `fail: true`. */
async function startApp(name = "handover", instance?: string): Promise<PolicyEvent[]> {
  const handled: PolicyEvent[] = [];
  const app = await XApp.start({
    name,
    instance,
    platform: emb.platform(),
    policies: {
      types: [TYPE],
      handle: async (e) => {
        handled.push(e);
        if (e.op !== "delete" && (e.policy as { fail?: boolean }).fail) throw new Error("cannot apply this one");
      },
    },
  });
  apps.push(app);
  return handled;
}

const put = (policyId: string, policy: unknown) =>
  call<{ ok: boolean; error?: string }>(emb.bus, SUBJECTS.a1Put, {
    policyTypeId: TYPE.id,
    policyId,
    policy,
  } satisfies PolicyInstance);
const statuses = (policyId: string) =>
  emb.ric.policies.statusOf(TYPE.id, policyId).map((s) => [s.app, s.status, s.reason]);

describe("A1 policies in an app", () => {
  it("declares the app's policy types at the RIC, with their schema", async () => {
    await startApp();
    await until("the type declared", () => emb.ric.policies.typeList().length === 1);
    expect(emb.ric.policies.typeList()).toEqual([{ id: TYPE.id, name: TYPE.name, apps: ["handover"] }]);
    const refused = await put("p0", { keepRsrpDbm: 0 });
    expect(refused.ok).toBe(false);
    expect(refused.error).toContain("/keepRsrpDbm must be <= -31");
  });

  it("hands the handler create, update and delete, answering OK and DELETED", async () => {
    const handled = await startApp();
    expect(await put("p1", { keepRsrpDbm: -100 })).toEqual({ ok: true });
    await until("OK at the RIC", () => statuses("p1").length === 1);
    expect(statuses("p1")).toEqual([["handover", "OK", undefined]]);
    expect(await put("p1", { keepRsrpDbm: -90 })).toEqual({ ok: true });
    expect(await call(emb.bus, SUBJECTS.a1Delete, { policyTypeId: TYPE.id, policyId: "p1" })).toEqual({ ok: true });
    await until("three events handled", () => handled.length === 3);
    expect(handled).toEqual([
      { op: "create", policyTypeId: TYPE.id, policyId: "p1", policy: { keepRsrpDbm: -100 } },
      { op: "update", policyTypeId: TYPE.id, policyId: "p1", policy: { keepRsrpDbm: -90 } },
      { op: "delete", policyTypeId: TYPE.id, policyId: "p1" },
    ]);
    // every app said DELETED: the verdicts are gone with the policy
    await until("the verdicts gone", () => statuses("p1").length === 0);
  });

  it("answers ERROR with the handler's message when it throws", async () => {
    const handled = await startApp();
    expect(await put("bad", { fail: true })).toEqual({ ok: true });
    await until("a verdict at the RIC", () => statuses("bad").length === 1);
    expect(statuses("bad")).toEqual([["handover", "ERROR", "cannot apply this one"]]);
    expect(handled).toHaveLength(1);
  });

  it("hands a starting app the policies set before it came, as create", async () => {
    // another app declared the type and a policy was set before this one started
    emb.bus.publish(SUBJECTS.a1Declare, jsonBytes({ app: "planner", policyTypes: [TYPE] }));
    expect(await put("early", { keepRsrpDbm: -110 })).toEqual({ ok: true });
    const handled = await startApp();
    expect(handled).toEqual([
      { op: "create", policyTypeId: TYPE.id, policyId: "early", policy: { keepRsrpDbm: -110 } },
    ]);
    await until("OK at the RIC", () => statuses("early").length === 1);
    expect(statuses("early")).toEqual([["handover", "OK", undefined]]);
  });

  it("hands every replica of every app handling the type each event", async () => {
    const r1 = await startApp("handover", "r1");
    const r2 = await startApp("handover", "r2");
    const other = await startApp("planner");
    await put("p", { keepRsrpDbm: -80 });
    await until("all three handled it", () => r1.length + r2.length + other.length === 3);
    for (const h of [r1, r2, other]) expect(h.map((e) => `${e.op} ${e.policyId}`)).toEqual(["create p"]);
    await until("both apps' verdicts", () => statuses("p").length === 2);
    expect(
      statuses("p")
        .map((s) => s[0])
        .sort(),
    ).toEqual(["handover", "planner"]);
  });
});
