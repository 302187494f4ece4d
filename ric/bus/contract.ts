/**
 * The RIC's bus contract: the subjects its services answer on and the JSON they carry. Embedded and
 * standalone (NATS) RICs speak exactly this; docs/ric.md describes it for other languages.
 *
 *   ric.nodes               request  -> NodeInfo[]
 *   ric.events              publish  <- RicEvent (RIC started, node up / down / updated, subscription gone)
 *   ric.sub.add             request  SubscribeRequest -> SubscribeReply
 *   ric.sub.del             request  UnsubscribeRequest -> { ok }
 *   ric.ind.<subscription>  publish  <- RICindication, E2AP bytes as the node sent them (queue group: the app)
 *   ric.ctl.<node>          request  RICcontrolRequest E2AP bytes -> the node's answer, E2AP bytes; or
 *                                    an empty reply with header `error` (and `code`) when none came
 *   ric.a1.declare          publish  PolicyTypeDeclaration (an app handles these policy types)
 *   ric.a1.policy.<type>    publish  <- PolicyEvent (every replica of every app handling the type)
 *   ric.a1.status           publish  PolicyStatus (an app's verdict on a policy)
 *   ric.a1.query.<type>     request  -> PolicyInstance[] (the current policies of a type)
 *   ric.a1.put / .delete    request  PolicyInstance / { policyTypeId, policyId } -> { ok, error? }
 */

import { createHash } from "node:crypto";

export const SUBJECTS = {
  nodes: "ric.nodes",
  events: "ric.events",
  subAdd: "ric.sub.add",
  subDel: "ric.sub.del",
  indication: (subscription: string) => `ric.ind.${subscription}`,
  control: (node: string) => `ric.ctl.${node}`,
  a1Declare: "ric.a1.declare",
  a1Policy: (type: number | "*") => `ric.a1.policy.${type}`,
  a1Status: "ric.a1.status",
  a1Query: (type: number | "*") => `ric.a1.query.${type}`,
  a1Put: "ric.a1.put",
  a1Delete: "ric.a1.delete",
} as const;

export interface RanFunctionInfo {
  readonly id: number;
  readonly oid: string;
  readonly revision: number;
  /** The E2SM RAN function definition, base64. */
  readonly definition: string;
}

export interface NodeInfo {
  /** The RAN name O-RAN SC uses as meid: `gnb_001_001_00000001`. */
  readonly id: string;
  readonly e2ap: 2 | 3;
  readonly plmn: string;
  readonly ranFunctions: readonly RanFunctionInfo[];
  readonly peer: string;
  readonly connectedAt: string;
}

export type RicEvent =
  | { readonly kind: "ric-up"; readonly instance: string }
  | { readonly kind: "node-up" | "node-updated"; readonly node: NodeInfo }
  | { readonly kind: "node-down"; readonly node: { readonly id: string }; readonly reason: string }
  /** The node dropped a subscription (RIC Subscription Delete Required, or a Reset): subscribe again. */
  | { readonly kind: "subscription-gone"; readonly subscription: string; readonly reason: string };

export interface ActionSpec {
  readonly id: number;
  readonly type: "report" | "insert" | "policy";
  /** The E2SM action definition, base64. */
  readonly definition?: string;
}

export interface SubscribeRequest {
  /** The app's name: its replicas share one queue group on the indication subject. */
  readonly app: string;
  /** One replica, so the subscription lives until the last subscriber leaves. */
  readonly instance: string;
  readonly node: string;
  readonly ranFunctionId: number;
  /** The E2SM event trigger definition, base64. */
  readonly eventTrigger: string;
  readonly actions: readonly ActionSpec[];
}

export type Cause = Record<string, string | number>;

export type SubscribeReply =
  | {
      readonly ok: true;
      /** The subscription's key: identical requests of several apps share it (one E2 subscription). */
      readonly subscription: string;
      readonly admitted: readonly number[];
      readonly notAdmitted: readonly { id: number; cause: Cause }[];
    }
  | { readonly ok: false; readonly error: string; readonly cause?: Cause };

export interface UnsubscribeRequest {
  readonly app: string;
  readonly instance: string;
  readonly subscription: string;
}

/** Header names on a control reply that carries no E2 answer. */
export const CONTROL_ERROR = { message: "error", code: "code" } as const;
export type ControlErrorCode = "timeout" | "unknown-node" | "invalid" | "duplicate-request-id" | "node-down";

export interface PolicyTypeDeclaration {
  readonly app: string;
  readonly policyTypes: readonly { id: number; name: string; schema?: object }[];
}

export interface PolicyInstance {
  readonly policyTypeId: number;
  readonly policyId: string;
  readonly policy: unknown;
}

export type PolicyEvent =
  | ({ readonly op: "create" | "update" } & PolicyInstance)
  | { readonly op: "delete"; readonly policyTypeId: number; readonly policyId: string };

export interface PolicyStatus {
  readonly app: string;
  readonly policyTypeId: number;
  readonly policyId: string;
  readonly status: "OK" | "ERROR" | "DELETED";
  readonly reason?: string;
}

export const b64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");
export const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"));

/**
 * Identical requests share a key (node, RAN function, trigger, actions), so an app knows its
 * indication subject before it asks and misses nothing.
 */
export function subscriptionKey(req: Omit<SubscribeRequest, "app" | "instance">): string {
  const what = JSON.stringify([
    req.node,
    req.ranFunctionId,
    req.eventTrigger,
    req.actions.map((a) => [a.id, a.type, a.definition ?? ""]),
  ]);
  return `${req.node}-${createHash("sha256").update(what).digest("hex").slice(0, 12)}`;
}
