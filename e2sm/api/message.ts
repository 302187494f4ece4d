/**
 * E2 messages as an xApp author thinks of them: a procedure, a message kind and IEs by name.
 *
 *   { procedure: "RICindication", kind: "initiatingMessage",
 *     ies: { RICrequestID: {...}, RANfunctionID: 1, RICactionID: 1, RICindicationType: "report", ... } }
 *
 * `toPdu` fills in procedure codes and criticalities from the version's tables, orders the IEs as the
 * standard lists them and checks that mandatory ones are there; item lists of single-IE containers
 * (RANfunctionsAdded, ricAction-ToBeSetup-List...) are plain arrays of items. `fromPdu` is the inverse.
 * One mechanism for every procedure: nothing here is written per message.
 */
import { type E2apBuild, type IeSpec, ieSetOf, type ProcedureSpec } from "../e2ap/index.js";
import { E2CodecError } from "../errors.js";
import { type Desc, resolve } from "../schema/descriptors.js";

export type MessageKind = "initiatingMessage" | "successfulOutcome" | "unsuccessfulOutcome";

export interface E2Message {
  /** The procedure name without `id-`: `E2setup`, `RICsubscription`, `RICindication`, `RICcontrol`... */
  procedure: string;
  kind: MessageKind;
  /** IE values by IE name (`RICrequestID`, `GlobalE2node_ID`); item lists as arrays of items. */
  ies: Record<string, any>;
  /** IEs whose id this version does not know, kept as received. */
  unknownIes?: { id: number; criticality: string; value: Uint8Array }[];
}

const KIND_TO_SPEC = {
  initiatingMessage: "initiating",
  successfulOutcome: "successful",
  unsuccessfulOutcome: "unsuccessful",
} as const;

const invalid = (path: string, reason: string): never => {
  throw new E2CodecError("E2_ENCODE_INVALID", path, -1, reason);
};

function procedureNamed(parts: E2apBuild, procedure: string): ProcedureSpec {
  const spec = parts.procedureByName.get(procedure);
  if (!spec)
    invalid(
      procedure,
      `E2AP v${parts.version} has no procedure ${procedure} (known: ${parts.procedures.map((p) => p.name).join(", ")})`,
    );
  return spec!;
}

/** The message type of a procedure and kind. */
export function messageDesc(parts: E2apBuild, procedure: string, kind: MessageKind): Desc {
  return kindOf(procedureNamed(parts, procedure), kind);
}

function kindOf(proc: ProcedureSpec, kind: MessageKind): Desc {
  const desc = proc[KIND_TO_SPEC[kind]];
  if (!desc) invalid(proc.name, `${proc.name} has no ${kind}`);
  return desc!;
}

/** An IE of a message type, and whether its values can hold item lists. */
interface IePlan {
  readonly spec: IeSpec;
  readonly lists: boolean;
}

/** What converting a message type needs, worked out once per type. */
interface MessagePlan {
  readonly ies: readonly IePlan[];
  readonly byId: ReadonlyMap<number, IePlan>;
  readonly byName: ReadonlyMap<string, IePlan>;
}

const plans = new WeakMap<Desc, MessagePlan>();

function planOf(desc: Desc): MessagePlan {
  let plan = plans.get(desc);
  if (!plan) {
    const ies = ieSetOf(desc)!.ies.map((spec) => ({ spec, lists: holdsLists(spec.type) }));
    plan = { ies, byId: new Map(ies.map((p) => [p.spec.id, p])), byName: new Map(ies.map((p) => [p.spec.name, p])) };
    plans.set(desc, plan);
  }
  return plan;
}

/** The E2AP-PDU value of a message. */
export function toPdu(parts: E2apBuild, msg: E2Message): unknown {
  const proc = procedureNamed(parts, msg.procedure);
  const desc = kindOf(proc, msg.kind);
  const plan = planOf(desc);
  for (const name in msg.ies) {
    if (!Object.hasOwn(msg.ies, name)) continue; // as Object.keys: own names only
    if (!plan.byName.has(name) && msg.ies[name] !== undefined) {
      invalid(
        `${desc.name}.${name}`,
        `${desc.name} has no IE ${name} (its IEs: ${[...plan.byName.keys()].join(", ")})`,
      );
    }
  }
  const protocolIEs: unknown[] = [];
  for (const { spec, lists } of plan.ies) {
    const v = msg.ies[spec.name];
    if (v === undefined) {
      if (spec.presence === "mandatory") invalid(`${desc.name}.${spec.name}`, `mandatory IE ${spec.name} is missing`);
      continue;
    }
    protocolIEs.push({ id: spec.id, criticality: spec.criticality, value: lists ? wrapLists(spec.type, v) : v });
  }
  if (msg.unknownIes) for (const u of msg.unknownIes) protocolIEs.push(u);
  return { [msg.kind]: { procedureCode: proc.code, criticality: proc.criticality, value: { protocolIEs } } };
}

/** The message of an E2AP-PDU value. */
export function fromPdu(parts: E2apBuild, pdu: any): E2Message {
  let kind: MessageKind | undefined;
  for (const k in pdu) {
    kind = k as MessageKind;
    break;
  }
  const body = kind === undefined ? undefined : pdu[kind];
  const proc = parts.procedureByCode.get(body?.procedureCode);
  if (!proc) {
    throw new E2CodecError(
      "E2_DECODE_INVALID",
      `E2AP-PDU.${kind}`,
      -1,
      `unknown procedure code ${body?.procedureCode}`,
    );
  }
  const desc = proc[KIND_TO_SPEC[kind!]];
  const fields = body.value?.protocolIEs;
  if (!desc || !Array.isArray(fields)) {
    // a procedure code valid in another message kind (RICindication has no unsuccessfulOutcome)
    throw new E2CodecError("E2_DECODE_INVALID", `E2AP-PDU.${kind}`, -1, `${proc.name} has no ${kind}`);
  }
  const plan = planOf(desc);
  const msg: E2Message = { procedure: proc.name, kind: kind!, ies: {} };
  for (const f of fields as { id: number; criticality: string; value: unknown }[]) {
    const ie = plan.byId.get(f.id);
    if (ie) msg.ies[ie.spec.name] = ie.lists ? unwrapLists(ie.spec.type, f.value) : f.value;
    else (msg.unknownIes ??= []).push(f as { id: number; criticality: string; value: Uint8Array });
  }
  return msg;
}

/** A SEQUENCE OF ProtocolIE-SingleContainer over a one-IE set: the E2AP item lists. */
function itemListSpec(d: Desc) {
  if (d.kind !== "sequenceOf") return undefined;
  const set = ieSetOf(d.item);
  return set && set.ies.length === 1 ? set.ies[0] : undefined;
}

/** Whether values of `desc` can hold item lists, worked out once per type (most IEs hold none). */
const listsWithin = new WeakMap<Desc, boolean>();

function holdsLists(desc: Desc): boolean {
  const known = listsWithin.get(desc);
  if (known !== undefined) return known;
  listsWithin.set(desc, false); // a recursive type meets itself as "no lists" while being worked out
  const d = resolve(desc);
  const holds =
    itemListSpec(d) !== undefined ||
    (d.kind === "sequence" && [...d.root, ...(d.ext ?? [])].some((c) => holdsLists(c.type)));
  listsWithin.set(desc, holds);
  return holds;
}

/** Items -> single containers, wherever the type has item lists. */
function wrapLists(desc: Desc, v: any): any {
  if (!holdsLists(desc)) return v;
  const d = resolve(desc);
  const item = itemListSpec(d);
  if (item && Array.isArray(v)) {
    return v.map((x) =>
      isField(x, item.id) ? x : { id: item.id, criticality: item.criticality, value: wrapLists(item.type, x) },
    );
  }
  return mapComponents(d, v, wrapLists);
}

/** Single containers -> items. */
function unwrapLists(desc: Desc, v: any): any {
  if (!holdsLists(desc)) return v;
  const d = resolve(desc);
  const item = itemListSpec(d);
  if (item && Array.isArray(v)) return v.map((x) => (x.id === item.id ? unwrapLists(item.type, x.value) : x));
  return mapComponents(d, v, unwrapLists);
}

const isField = (x: any, id: number) =>
  typeof x === "object" && x !== null && x.id === id && "criticality" in x && "value" in x;

/** Applies `f` to the components of a SEQUENCE value (where item lists sit inside IEs). */
function mapComponents(d: Desc, v: any, f: (d: Desc, v: any) => any): any {
  if (d.kind !== "sequence" || typeof v !== "object" || v === null || v instanceof Uint8Array) return v;
  let out: any;
  for (const c of d.ext ? [...d.root, ...d.ext] : d.root) {
    if (v[c.name] === undefined) continue;
    const next = f(c.type, v[c.name]);
    if (next !== v[c.name]) (out ??= { ...v })[c.name] = next;
  }
  return out ?? v;
}
