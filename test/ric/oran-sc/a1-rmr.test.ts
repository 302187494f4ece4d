/**
 * A1 policies over RMR: requests in the Go mediator's all-strings form and the documented
 * number/object form, answers as the mediator type-asserts them, and an xApp's endpoint answering a
 * mediator over real RMR transports on loopback.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  A1_POLICY_QUERY,
  A1_POLICY_REQ,
  A1_POLICY_RESP,
  type A1PolicyRequest,
  type A1PolicyResult,
  A1RmrEndpoint,
  a1PolicyQuery,
  a1PolicyResponse,
  parseA1PolicyRequest,
} from "../../../ric/oran-sc/a1-rmr.js";
import { FieldError } from "../../../ric/oran-sc/errors.js";
import type { RmrMessage } from "../../../ric/rmr/frame.js";
import { RouteTables } from "../../../ric/rmr/routes.js";
import { RmrTransport } from "../../../ric/rmr/transport.js";

const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("parseA1PolicyRequest", () => {
  it("reads the Go mediator's form: every value a string, the body re-serialised", () => {
    const go =
      '{"operation":"CREATE","policy_type_id":"20008","policy_instance_id":"pi-1","payload":"{\\"threshold\\":5}"}';
    expect(parseA1PolicyRequest(utf8.encode(go))).toEqual({
      operation: "CREATE",
      policyTypeId: 20008,
      policyInstanceId: "pi-1",
      payload: { threshold: 5 },
    });
  });

  it("reads the documented form: a number and an object; a DELETE's payload is dropped", () => {
    expect(
      parseA1PolicyRequest(
        '{"operation":"UPDATE","policy_type_id":20008,"policy_instance_id":"pi-1","payload":{"threshold":6}}',
      ),
    ).toEqual({ operation: "UPDATE", policyTypeId: 20008, policyInstanceId: "pi-1", payload: { threshold: 6 } });
    expect(
      parseA1PolicyRequest('{"operation":"DELETE","policy_type_id":"20008","policy_instance_id":"pi-1","payload":""}'),
    ).toEqual({
      operation: "DELETE",
      policyTypeId: 20008,
      policyInstanceId: "pi-1",
      payload: null,
    });
  });

  const ok = { operation: "CREATE", policy_type_id: 20008, policy_instance_id: "pi-1", payload: { a: 1 } };
  it.each([
    ["{", /^A1_POLICY_REQ \(payload\): is not JSON: /],
    ["[1]", /^A1_POLICY_REQ \(payload\): must be a JSON object$/],
    [
      JSON.stringify({ ...ok, operation: undefined }),
      /^A1_POLICY_REQ operation: must be CREATE, UPDATE or DELETE, got undefined$/,
    ],
    [
      JSON.stringify({ ...ok, operation: "create" }),
      /^A1_POLICY_REQ operation: must be CREATE, UPDATE or DELETE, got "create"$/,
    ],
    [
      JSON.stringify({ ...ok, policy_type_id: "abc" }),
      /^A1_POLICY_REQ policy_type_id: must be an integer 1\.\.2147483647 or its decimal string, got "abc"$/,
    ],
    [JSON.stringify({ ...ok, policy_type_id: 0 }), /^A1_POLICY_REQ policy_type_id: .* got 0$/],
    [JSON.stringify({ ...ok, policy_type_id: 2147483648 }), /^A1_POLICY_REQ policy_type_id: .* got 2147483648$/],
    [JSON.stringify({ ...ok, policy_type_id: 1.5 }), /^A1_POLICY_REQ policy_type_id: .* got 1\.5$/],
    [JSON.stringify({ ...ok, policy_type_id: undefined }), /^A1_POLICY_REQ policy_type_id: .* got undefined$/],
    [
      JSON.stringify({ ...ok, policy_instance_id: 7 }),
      /^A1_POLICY_REQ policy_instance_id: must be a non-empty string, got 7$/,
    ],
    [
      JSON.stringify({ ...ok, policy_instance_id: undefined }),
      /^A1_POLICY_REQ policy_instance_id: must be a non-empty string, got undefined$/,
    ],
    [JSON.stringify({ ...ok, payload: "{oops" }), /^A1_POLICY_REQ payload: is a string that is not JSON: /],
    [
      JSON.stringify({ ...ok, payload: [1] }),
      /^A1_POLICY_REQ payload: must be a JSON object \(or a string holding one\), got \[1\]$/,
    ],
    [JSON.stringify({ ...ok, payload: undefined }), /^A1_POLICY_REQ payload: must be a JSON object .* got undefined$/],
  ])("refuses %s naming the field", (payload, message) => {
    const e = (() => {
      try {
        parseA1PolicyRequest(payload);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(FieldError);
    expect((e as Error).message).toMatch(message);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(() => parseA1PolicyRequest(Uint8Array.of(0x7b, 0xff, 0x7d))).toThrow(
      "A1_POLICY_REQ (payload): is not UTF-8 text",
    );
  });
});

describe("A1_POLICY_RESP and A1_POLICY_QUERY payloads", () => {
  it("put the type id as a number and the rest as strings", () => {
    expect(
      text(a1PolicyResponse({ policyTypeId: 20008, policyInstanceId: "pi-1", handlerId: "beam", status: "OK" })),
    ).toBe('{"policy_type_id":20008,"policy_instance_id":"pi-1","handler_id":"beam","status":"OK"}');
    expect(text(a1PolicyQuery(20008))).toBe('{"policy_type_id":20008}');
    expect(() => a1PolicyQuery(0)).toThrow("A1_POLICY_QUERY policy_type_id: must be an integer");
  });
});

describe("A1RmrEndpoint over RMR on loopback", () => {
  const open: RmrTransport[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });
  const start = async (routes = "") => {
    const rt = new RouteTables({ names: [] });
    const t = await RmrTransport.start({ name: "127.0.0.1", port: 0, host: "127.0.0.1", routes: rt });
    if (routes) rt.apply(routes);
    open.push(t);
    return t;
  };
  /** The mediator: every message it gets, and a way to wait for the n-th. */
  const mediatorOf = async () => {
    const t = await start();
    const got: RmrMessage[] = [];
    const waits: [number, (m: RmrMessage[]) => void][] = [];
    t.onMessage((m) => {
      got.push(m);
      for (const [n, done] of waits) if (got.length >= n) done(got);
    });
    const received = (n: number) =>
      new Promise<RmrMessage[]>((done) => (got.length >= n ? done(got) : waits.push([n, done])));
    return { t, got, received };
  };
  const request = (operation: string, instance: string, payload: unknown = "{}") =>
    utf8.encode(JSON.stringify({ operation, policy_type_id: "20008", policy_instance_id: instance, payload }));

  it("queries its types at start, answers each request by return to sender, in order", async () => {
    const mediator = await mediatorOf();
    const xapp = await start(`newrt|start\nmse|${A1_POLICY_QUERY}|-1|127.0.0.1:${mediator.t.port}\nnewrt|end\n`);
    const handled: A1PolicyRequest[] = [];
    const endpoint = new A1RmrEndpoint(xapp, {
      handlerId: "beam",
      policyTypeIds: [20008],
      handle: async (req): Promise<A1PolicyResult> => {
        // the first request is slow: a later one must still wait its turn
        if (handled.length === 0) await new Promise((r) => setTimeout(r, 30));
        handled.push(req);
        return req.policyInstanceId === "bad" ? { ok: false, reason: "threshold out of range" } : { ok: true };
      },
    });
    expect(await endpoint.start()).toEqual([[`127.0.0.1:${mediator.t.port}`]]);
    const [query] = await mediator.received(1);
    expect([query.mtype, query.subId, text(query.payload)]).toEqual([
      A1_POLICY_QUERY,
      20008,
      '{"policy_type_id":20008}',
    ]);

    const to = `127.0.0.1:${xapp.port}`;
    await mediator.t.sendTo(to, {
      mtype: A1_POLICY_REQ,
      subId: 20008,
      xid: "a1-1",
      payload: request("CREATE", "pi-1", '{"t":5}'),
    });
    await mediator.t.sendTo(to, { mtype: A1_POLICY_REQ, subId: 20008, payload: request("DELETE", "pi-1", "") });
    await mediator.t.sendTo(to, { mtype: A1_POLICY_REQ, subId: 20008, payload: request("CREATE", "bad") });
    const replies = (await mediator.received(4)).slice(1);
    expect(handled.map((r) => `${r.operation} ${r.policyInstanceId}`)).toEqual([
      "CREATE pi-1",
      "DELETE pi-1",
      "CREATE bad",
    ]);
    expect(replies.map((m) => [m.mtype, m.subId, JSON.parse(text(m.payload))])).toEqual([
      [A1_POLICY_RESP, 20008, { policy_type_id: 20008, policy_instance_id: "pi-1", handler_id: "beam", status: "OK" }],
      [
        A1_POLICY_RESP,
        20008,
        { policy_type_id: 20008, policy_instance_id: "pi-1", handler_id: "beam", status: "DELETED" },
      ],
      [
        A1_POLICY_RESP,
        20008,
        { policy_type_id: 20008, policy_instance_id: "bad", handler_id: "beam", status: "ERROR" },
      ],
    ]);
    expect(text(replies[0].xid).replace(/\0+$/, "")).toBe("a1-1"); // a return to sender keeps the xid
  });

  it("answers ERROR when the handler throws or the request is unreadable but names its ids; reports the rest", async () => {
    const mediator = await mediatorOf();
    const xapp = await start();
    const outcomes: string[] = [];
    const endpoint = new A1RmrEndpoint(xapp, {
      handlerId: "beam",
      policyTypeIds: [20008],
      handle: async () => {
        throw new Error("store down");
      },
      onOutcome: ({ req, result }) =>
        outcomes.push(`${req?.policyInstanceId ?? "-"} ${result.ok ? "ok" : result.reason}`),
    });
    expect(await endpoint.start()).toEqual([[]]); // no route to the mediator yet
    const to = `127.0.0.1:${xapp.port}`;
    await mediator.t.sendTo(to, { mtype: A1_POLICY_REQ, subId: 20008, payload: request("CREATE", "pi-2") });
    await mediator.t.sendTo(to, { mtype: A1_POLICY_REQ, subId: 20008, payload: request("PATCH", "pi-3") });
    await mediator.t.sendTo(to, { mtype: A1_POLICY_REQ, subId: 20008, payload: utf8.encode("not json") });
    await mediator.t.sendTo(to, { mtype: A1_POLICY_REQ, subId: 20008, payload: request("CREATE", "pi-4") });
    const replies = await mediator.received(3);
    expect(replies.map((m) => JSON.parse(text(m.payload)))).toEqual([
      { policy_type_id: 20008, policy_instance_id: "pi-2", handler_id: "beam", status: "ERROR" },
      { policy_type_id: 20008, policy_instance_id: "pi-3", handler_id: "beam", status: "ERROR" },
      { policy_type_id: 20008, policy_instance_id: "pi-4", handler_id: "beam", status: "ERROR" },
    ]);
    expect(outcomes).toEqual([
      "pi-2 store down",
      '- A1_POLICY_REQ operation: must be CREATE, UPDATE or DELETE, got "PATCH"',
      expect.stringMatching(/^- A1_POLICY_REQ \(payload\): is not JSON/),
      "pi-4 store down",
    ]);
  });

  it("queries a mediator named directly, bypassing the routes", async () => {
    const mediator = await mediatorOf();
    const xapp = await start();
    const endpoint = new A1RmrEndpoint(xapp, {
      handlerId: "beam",
      policyTypeIds: [20008, 20009],
      handle: async () => ({ ok: true }),
      mediator: `127.0.0.1:${mediator.t.port}`,
    });
    await endpoint.start();
    const got = await mediator.received(2);
    expect(got.map((m) => text(m.payload)).sort()).toEqual(['{"policy_type_id":20008}', '{"policy_type_id":20009}']);
  });
});
