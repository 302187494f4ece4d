/**
 * The RIC's A1 entry point over the bus contract: apps declare policy types (with a JSON Schema),
 * policies are put, checked, handed to every app of the type, queried, deleted, and each app's verdict
 * kept until a deleted policy's verdicts are all DELETED.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type BusMessage, jsonBytes, jsonOf } from "../../../ric/bus/bus.js";
import { type PolicyEvent, type PolicyInstance, type PolicyStatus, SUBJECTS } from "../../../ric/bus/contract.js";
import { InProcessBus } from "../../../ric/bus/in-process.js";
import { NearRtRic } from "../../../ric/services/ric.js";
import { call, settle } from "./fake-node.js";

const TYPE = 20001;
const SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["threshold"],
  properties: { threshold: { type: "number", minimum: 0, maximum: 10 }, note: { type: "string" } },
};

let bus: InProcessBus;
let ric: NearRtRic;

beforeEach(async () => {
  bus = new InProcessBus();
  ric = await NearRtRic.start({ bus });
});

afterEach(async () => {
  await ric.close();
  await bus.close();
});

const declare = async (app: string, types: { id: number; name: string; schema?: object }[]) => {
  bus.publish(SUBJECTS.a1Declare, jsonBytes({ app, policyTypes: types }));
  await settle();
};
const put = (p: PolicyInstance) => call<{ ok: boolean; error?: string }>(bus, SUBJECTS.a1Put, p);
const del = (policyTypeId: number, policyId: string) =>
  call<{ ok: boolean; error?: string }>(bus, SUBJECTS.a1Delete, { policyTypeId, policyId });
const query = (type: number) => call<PolicyInstance[]>(bus, SUBJECTS.a1Query(type), {});
const status = async (s: PolicyStatus) => {
  bus.publish(SUBJECTS.a1Status, jsonBytes(s));
  await settle();
};
function listen(subject: string): PolicyEvent[] {
  const got: PolicyEvent[] = [];
  bus.subscribe(subject, (m: BusMessage) => got.push(jsonOf<PolicyEvent>(m)));
  return got;
}

describe("A1 policies", () => {
  it("keeps the declared types with the apps handling them", async () => {
    await declare("handover", [{ id: TYPE, name: "thresholds", schema: SCHEMA }]);
    await declare("kpimon", [
      { id: TYPE, name: "thresholds v2" },
      { id: 20002, name: "other" },
    ]);
    expect(ric.policies.typeList()).toEqual([
      { id: TYPE, name: "thresholds v2", apps: ["handover", "kpimon"] },
      { id: 20002, name: "other", apps: ["kpimon"] },
    ]);
  });

  it("puts a policy that fits its type's schema and tells the type's subscribers: create, then update", async () => {
    await declare("handover", [{ id: TYPE, name: "thresholds", schema: SCHEMA }]);
    const ofType = listen(SUBJECTS.a1Policy(TYPE));
    const ofAll = listen(SUBJECTS.a1Policy("*"));
    const ofOther = listen(SUBJECTS.a1Policy(20002));
    expect(await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 3 } })).toEqual({ ok: true });
    expect(await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 4, note: "x" } })).toEqual({
      ok: true,
    });
    await settle();
    const expected = [
      { op: "create", policyTypeId: TYPE, policyId: "p1", policy: { threshold: 3 } },
      { op: "update", policyTypeId: TYPE, policyId: "p1", policy: { threshold: 4, note: "x" } },
    ];
    expect(ofType).toEqual(expected);
    expect(ofAll).toEqual(expected);
    expect(ofOther).toEqual([]);
    expect(await query(TYPE)).toEqual([{ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 4, note: "x" } }]);
  });

  it("refuses a policy that does not fit the schema, saying where, and changes nothing", async () => {
    await declare("handover", [{ id: TYPE, name: "thresholds", schema: SCHEMA }]);
    const events = listen(SUBJECTS.a1Policy(TYPE));
    const tooBig = await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 11 } });
    expect(tooBig.ok).toBe(false);
    expect(tooBig.error).toBe(`policy p1 does not fit type ${TYPE}: /threshold must be <= 10`);
    const extra = await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 1, unknown: true } });
    expect(extra.error).toMatch(/must NOT have additional properties/);
    const missing = await put({ policyTypeId: TYPE, policyId: "p1", policy: {} });
    expect(missing.error).toMatch(/^policy p1 does not fit type 20001: \/ must have required property 'threshold'/);
    await settle();
    expect(events).toEqual([]);
    expect(await query(TYPE)).toEqual([]);
  });

  it("checks a policy against the schema of every app that declared its type (each app gets it)", async () => {
    await declare("handover", [{ id: TYPE, name: "thresholds", schema: SCHEMA }]);
    await declare("handover-2", [{ id: TYPE, name: "thresholds", schema: SCHEMA }]); // the same schema: once
    const stricter = { ...SCHEMA, properties: { ...SCHEMA.properties, threshold: { type: "number", maximum: 5 } } };
    await declare("planner", [{ id: TYPE, name: "thresholds", schema: stricter }]);
    expect(await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 4 } })).toEqual({ ok: true });
    expect(await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 7 } })).toEqual({
      ok: false,
      error: "policy p1 does not fit type 20001 (the schema of planner): /threshold must be <= 5",
    });
    expect(await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 11 } })).toMatchObject({
      ok: false,
      error: expect.stringContaining("(the schema of handover, handover-2): /threshold must be <= 10"),
    });
    expect(await query(TYPE)).toEqual([{ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 4 } }]);
  });

  it("takes any policy of a type declared without schema, or not declared at all", async () => {
    await declare("kpimon", [{ id: 20002, name: "free" }]);
    expect(await put({ policyTypeId: 20002, policyId: "a", policy: [1, "two"] })).toEqual({ ok: true });
    expect(await put({ policyTypeId: 30000, policyId: "b", policy: null })).toEqual({ ok: true });
    expect(await query(20002)).toEqual([{ policyTypeId: 20002, policyId: "a", policy: [1, "two"] }]);
    expect(await query(30000)).toEqual([{ policyTypeId: 30000, policyId: "b", policy: null }]);
  });

  it("refuses a policy without an integer type or a policy id, and a payload that is not JSON", async () => {
    const error = "a policy needs an integer policyTypeId and a non-empty string policyId";
    expect(await put({ policyTypeId: 1.5, policyId: "p", policy: {} })).toEqual({ ok: false, error });
    expect(await put({ policyTypeId: TYPE, policyId: "", policy: {} })).toEqual({ ok: false, error });
    expect(await put({ policyTypeId: TYPE, policy: {} } as unknown as PolicyInstance)).toEqual({ ok: false, error });
    const raw = await bus.request(SUBJECTS.a1Put, new TextEncoder().encode("{"), { timeoutMs: 1000 });
    expect(jsonOf<{ ok: boolean; error: string }>(raw).error).toMatch(/^ric\.a1\.put: payload is not JSON/);
  });

  it("deletes a policy, telling the type's subscribers; deleting it again is an error", async () => {
    const events = listen(SUBJECTS.a1Policy(TYPE));
    await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 1 } });
    await put({ policyTypeId: TYPE, policyId: "p2", policy: { threshold: 2 } });
    expect(await del(TYPE, "p1")).toEqual({ ok: true });
    expect(await del(TYPE, "p1")).toEqual({ ok: false, error: `no policy p1 of type ${TYPE}` });
    expect(await del(999, "p2")).toEqual({ ok: false, error: "no policy p2 of type 999" });
    await settle();
    expect(events.map((e) => `${e.op} ${e.policyId}`)).toEqual(["create p1", "create p2", "delete p1"]);
    expect(events[2]).toEqual({ op: "delete", policyTypeId: TYPE, policyId: "p1" });
    expect((await query(TYPE)).map((p) => p.policyId)).toEqual(["p2"]);
    expect(await query(424242)).toEqual([]);
  });

  it("keeps each app's verdict; a deleted policy's verdicts go once every app said DELETED", async () => {
    await put({ policyTypeId: TYPE, policyId: "p1", policy: { threshold: 1 } });
    await status({ app: "handover", policyTypeId: TYPE, policyId: "p1", status: "OK" });
    await status({ app: "kpimon", policyTypeId: TYPE, policyId: "p1", status: "ERROR", reason: "cannot" });
    expect(ric.policies.statusOf(TYPE, "p1")).toEqual([
      { app: "handover", policyTypeId: TYPE, policyId: "p1", status: "OK" },
      { app: "kpimon", policyTypeId: TYPE, policyId: "p1", status: "ERROR", reason: "cannot" },
    ]);
    await del(TYPE, "p1");
    await status({ app: "handover", policyTypeId: TYPE, policyId: "p1", status: "DELETED" });
    expect(ric.policies.statusOf(TYPE, "p1").map((s) => `${s.app} ${s.status}`)).toEqual([
      "handover DELETED",
      "kpimon ERROR",
    ]);
    await status({ app: "kpimon", policyTypeId: TYPE, policyId: "p1", status: "DELETED" });
    expect(ric.policies.statusOf(TYPE, "p1")).toEqual([]);
  });

  it("survives a malformed declaration or status and keeps serving", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      bus.publish(SUBJECTS.a1Declare, new TextEncoder().encode("not json"));
      bus.publish(SUBJECTS.a1Status, new TextEncoder().encode("{"));
      await settle();
      expect(errors).toHaveBeenCalledTimes(2);
      expect(String(errors.mock.calls[0][0])).toContain(SUBJECTS.a1Declare);
      await declare("handover", [{ id: TYPE, name: "thresholds", schema: SCHEMA }]);
      expect((await put({ policyTypeId: TYPE, policyId: "p", policy: { threshold: 99 } })).ok).toBe(false);
      expect((await put({ policyTypeId: TYPE, policyId: "p", policy: { threshold: 9 } })).ok).toBe(true);
    } finally {
      errors.mockRestore();
    }
  });
});
