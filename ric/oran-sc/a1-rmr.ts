/**
 * A1 policies over RMR, as O-RAN SC's A1 mediator speaks them (../shared/facts/oran-sc-platform.md §5):
 * A1_POLICY_REQ (20010, sub_id = policy type id) carries JSON whose values the Go mediator sends all as
 * strings (the type id, and the instance body re-serialised) while the documented contract and the
 * older Python mediator use a number and an object, so both are read. The answer, A1_POLICY_RESP
 * (20011), must hold a *number* type id and string fields: the mediator type-asserts them. A1_POLICY_QUERY
 * (20012) asks the mediator to send a type's stored instances again (at start-up).
 */

import type { RmrMessage } from "../rmr/frame.js";
import { MTYPES } from "../rmr/mtypes.js";
import type { ReplyPath, RmrTransport } from "../rmr/transport.js";
import { FieldError } from "./errors.js";

export const { A1_POLICY_REQ, A1_POLICY_RESP, A1_POLICY_QUERY } = MTYPES;
/** The mediator's range for policy type ids. */
export const MAX_POLICY_TYPE_ID = 2147483647;

export type A1Operation = "CREATE" | "UPDATE" | "DELETE";
export type A1PolicyStatus = "OK" | "ERROR" | "DELETED";

export interface A1PolicyRequest {
  readonly operation: A1Operation;
  readonly policyTypeId: number;
  readonly policyInstanceId: string;
  /** The instance body (an object) for CREATE/UPDATE; null for DELETE. */
  readonly payload: Record<string, unknown> | null;
}

const json = new TextDecoder("utf-8", { fatal: true });
const utf8 = new TextEncoder();
const fail = (field: string, reason: string, what = "A1_POLICY_REQ"): never => {
  throw new FieldError(what, field, reason);
};

/** Reads an A1_POLICY_REQ payload. Throws FieldError naming the field. */
export function parseA1PolicyRequest(payload: Uint8Array | string): A1PolicyRequest {
  const m = readObject(payload);
  const operation = m.operation;
  if (operation !== "CREATE" && operation !== "UPDATE" && operation !== "DELETE")
    fail("operation", `must be CREATE, UPDATE or DELETE, got ${JSON.stringify(operation)}`);
  const policyTypeId = policyTypeIdOf(m.policy_type_id);
  const policyInstanceId = m.policy_instance_id;
  if (typeof policyInstanceId !== "string" || policyInstanceId === "")
    fail("policy_instance_id", `must be a non-empty string, got ${JSON.stringify(policyInstanceId)}`);
  return {
    operation: operation as A1Operation,
    policyTypeId,
    policyInstanceId: policyInstanceId as string,
    payload: operation === "DELETE" ? null : instanceBody(m.payload),
  };
}

function readObject(payload: Uint8Array | string): Record<string, unknown> {
  let text: string;
  try {
    text = typeof payload === "string" ? payload : json.decode(payload);
  } catch {
    return fail("(payload)", "is not UTF-8 text");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail("(payload)", `is not JSON: ${(e as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("(payload)", "must be a JSON object");
  return value as Record<string, unknown>;
}

/** A number, or its decimal string (the Go mediator's form), 1..2^31-1. */
function policyTypeIdOf(v: unknown, what?: string): number {
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_POLICY_TYPE_ID)
    fail(
      "policy_type_id",
      `must be an integer 1..${MAX_POLICY_TYPE_ID} or its decimal string, got ${JSON.stringify(v)}`,
      what,
    );
  return n as number;
}

/** The instance body: an object, or a string holding one (the Go mediator's form). */
function instanceBody(v: unknown): Record<string, unknown> {
  let body = v;
  if (typeof v === "string") {
    try {
      body = JSON.parse(v);
    } catch (e) {
      fail("payload", `is a string that is not JSON: ${(e as Error).message}`);
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    fail("payload", `must be a JSON object (or a string holding one), got ${JSON.stringify(v)}`);
  return body as Record<string, unknown>;
}

export interface A1PolicyResponse {
  readonly policyTypeId: number;
  readonly policyInstanceId: string;
  /** Who answers: the xApp instance's name. */
  readonly handlerId: string;
  readonly status: A1PolicyStatus;
}

/** An A1_POLICY_RESP payload: policy_type_id a number, the rest strings. */
export function a1PolicyResponse(r: A1PolicyResponse): Uint8Array {
  return utf8.encode(
    JSON.stringify({
      policy_type_id: r.policyTypeId,
      policy_instance_id: r.policyInstanceId,
      handler_id: r.handlerId,
      status: r.status,
    }),
  );
}

/** An A1_POLICY_QUERY payload: the type whose instances the mediator should send again. */
export function a1PolicyQuery(policyTypeId: number): Uint8Array {
  return utf8.encode(JSON.stringify({ policy_type_id: policyTypeIdOf(policyTypeId, "A1_POLICY_QUERY") }));
}

export type A1PolicyResult = { ok: true } | { ok: false; reason: string };
export type A1PolicyHandler = (req: A1PolicyRequest) => Promise<A1PolicyResult>;

export interface A1RmrEndpointOptions {
  /** Sent as handler_id: the xApp instance's name. */
  readonly handlerId: string;
  /** The types to query at start (the ones the descriptor lists in `rmr.policies`). */
  readonly policyTypeIds: readonly number[];
  readonly handle: A1PolicyHandler;
  /** Where queries go ("host:port", a wormhole); by default the route table's A1_POLICY_QUERY entry. */
  readonly mediator?: string;
  /** Told of every request taken and its result, and of requests that could not be read. */
  readonly onOutcome?: (outcome: { req?: A1PolicyRequest; result: A1PolicyResult }) => void;
  /** Told when an answer could not be sent. */
  readonly onError?: (e: Error) => void;
}

/**
 * An xApp's A1 endpoint on its RMR transport: each A1_POLICY_REQ goes to the handler, one at a time in
 * arrival order (a DELETE must not overtake its CREATE), and is answered by return to sender with
 * OK (DELETED for a delete) or ERROR. A request that cannot be read is answered ERROR when its ids can
 * still be found, and only reported otherwise.
 */
export class A1RmrEndpoint {
  private queue: Promise<void> = Promise.resolve();
  private started = false;

  constructor(
    private readonly transport: RmrTransport,
    private readonly options: A1RmrEndpointOptions,
  ) {}

  /**
   * Starts taking requests and sends one A1_POLICY_QUERY per type. Resolves to the endpoints each
   * query went to: an empty list means no route yet (rtmgr's table has not come): query again later.
   */
  async start(): Promise<string[][]> {
    if (!this.started) {
      this.started = true;
      this.transport.onMessage((m, from) => {
        if (m.mtype !== A1_POLICY_REQ) return;
        // the chain must never reject, or every later request would be skipped
        this.queue = this.queue.then(() => this.take(m, from)).catch((e: Error) => this.report(e));
      });
    }
    return this.query();
  }

  /** Sends A1_POLICY_QUERY for every type. */
  query(): Promise<string[][]> {
    return Promise.all(
      this.options.policyTypeIds.map(async (id) => {
        const m = { mtype: A1_POLICY_QUERY, subId: id, payload: a1PolicyQuery(id) };
        if (!this.options.mediator) return this.transport.send(m);
        await this.transport.sendTo(this.options.mediator, m);
        return [this.options.mediator];
      }),
    );
  }

  private async take(m: RmrMessage, from: ReplyPath): Promise<void> {
    let req: A1PolicyRequest | undefined;
    let result: A1PolicyResult;
    let ids: { policyTypeId: number; policyInstanceId: string } | undefined;
    try {
      req = parseA1PolicyRequest(m.payload);
      ids = req;
      const r = req;
      result = await Promise.resolve()
        .then(() => this.options.handle(r))
        .catch((e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }));
    } catch (e) {
      result = { ok: false, reason: (e as Error).message };
      ids = salvageIds(m.payload);
    }
    try {
      this.options.onOutcome?.({ ...(req ? { req } : {}), result });
    } catch (e) {
      this.report(e as Error); // the mediator still gets its answer
    }
    if (!ids) return;
    const status: A1PolicyStatus = !result.ok ? "ERROR" : req?.operation === "DELETE" ? "DELETED" : "OK";
    const payload = a1PolicyResponse({ ...ids, handlerId: this.options.handlerId, status });
    await this.transport.rts(m, from, { mtype: A1_POLICY_RESP, payload }).catch((e: Error) => this.report(e));
  }

  private report(e: Error): void {
    try {
      this.options.onError?.(e);
    } catch {
      // a failing error reporter must not stop the endpoint
    }
  }
}

/** The type and instance ids of a request that is otherwise unreadable, when they are there. */
function salvageIds(payload: Uint8Array): { policyTypeId: number; policyInstanceId: string } | undefined {
  try {
    const m = readObject(payload);
    const policyTypeId = policyTypeIdOf(m.policy_type_id);
    return typeof m.policy_instance_id === "string" && m.policy_instance_id !== ""
      ? { policyTypeId, policyInstanceId: m.policy_instance_id }
      : undefined;
  } catch {
    return undefined;
  }
}
