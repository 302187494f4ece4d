/** The bus contract's helpers: subscription keys, base64 of byte views, subject tokens, JSON payloads. */
import { describe, expect, it } from "vitest";
import { BusError, checkToken, jsonBytes, jsonOf } from "../../../ric/bus/bus.js";
import { b64, SUBJECTS, subscriptionKey, unb64 } from "../../../ric/bus/contract.js";

const spec = {
  node: "gnb_001_001_00000001",
  ranFunctionId: 1,
  eventTrigger: "AQI=",
  actions: [{ id: 1, type: "report" as const, definition: "Bw==" }],
};

describe("subscriptionKey", () => {
  it("is the node and 12 hex digits, the same for identical requests whoever asks", () => {
    const key = subscriptionKey(spec);
    expect(key).toMatch(/^gnb_001_001_00000001-[0-9a-f]{12}$/);
    expect(subscriptionKey({ ...spec, app: "a", instance: "1" } as typeof spec)).toBe(key);
    expect(subscriptionKey(JSON.parse(JSON.stringify(spec)))).toBe(key);
  });

  it("differs when anything asked differs", () => {
    const key = subscriptionKey(spec);
    const variants = [
      { ...spec, node: "gnb_001_001_00000002" },
      { ...spec, ranFunctionId: 2 },
      { ...spec, eventTrigger: "AQM=" },
      { ...spec, actions: [{ ...spec.actions[0], id: 2 }] },
      { ...spec, actions: [{ ...spec.actions[0], type: "insert" as const }] },
      { ...spec, actions: [{ id: 1, type: "report" as const }] },
      { ...spec, actions: [...spec.actions, { id: 2, type: "report" as const }] },
    ];
    const keys = variants.map(subscriptionKey);
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });

  it("makes a subject token of the key", () => {
    expect(checkToken(subscriptionKey(spec), "subscription")).toBe(subscriptionKey(spec));
    expect(SUBJECTS.indication(subscriptionKey(spec)).split(".")).toHaveLength(3);
  });
});

describe("b64 / unb64", () => {
  it("encodes only the bytes of a view, not its whole buffer", () => {
    const buffer = Uint8Array.of(9, 9, 1, 2, 3, 9);
    expect(b64(buffer.subarray(2, 5))).toBe(Buffer.from([1, 2, 3]).toString("base64"));
    expect([...unb64(b64(buffer.subarray(2, 5)))]).toEqual([1, 2, 3]);
    expect(unb64("")).toEqual(new Uint8Array(0));
  });
});

describe("subjects and payloads", () => {
  it("builds the contract's subjects", () => {
    expect(SUBJECTS.control("gnb_001_001_00000001")).toBe("ric.ctl.gnb_001_001_00000001");
    expect(SUBJECTS.a1Policy(20101)).toBe("ric.a1.policy.20101");
    expect(SUBJECTS.a1Query("*")).toBe("ric.a1.query.*");
  });

  it("takes letters, digits, _ - : as a subject token and refuses the rest", () => {
    for (const ok of ["gnb_001_001_00000001", "kpimon-1", "a:b"]) expect(checkToken(ok, "name")).toBe(ok);
    for (const bad of ["", "a.b", "a b", "a*", "a>", "é"]) {
      expect(() => checkToken(bad, "node")).toThrow(BusError);
      expect(() => checkToken(bad, "node")).toThrow(`node '${bad}' cannot be a subject token`);
    }
  });

  it("round-trips JSON and names the subject of a payload that is not JSON", () => {
    expect(jsonOf({ subject: "x", data: jsonBytes({ a: [1, "é"] }) })).toEqual({ a: [1, "é"] });
    expect(() => jsonOf({ subject: "ric.sub.add", data: new TextEncoder().encode("{") })).toThrow(
      /^ric\.sub\.add: payload is not JSON/,
    );
  });
});
