/**
 * E2SM payloads inside E2AP messages. E2AP carries service-model data as OCTET STRINGs
 * (RICindicationMessage, RICcontrolHeader...); which model they belong to follows from the RAN function
 * they name, whose OID an E2 Setup or RIC Service Update announced. `expandPayloads` decodes them in
 * the JSON form of a message, next to their bytes:
 *
 *   {"octets": "0801...", "e2sm": {"sm": "kpm-v3", "type": "E2SM-KPM-IndicationMessage", "value": {...}}}
 *
 * and `collapsePayloads` re-encodes edited `e2sm` values back into octets.
 */
import { isE2CodecError } from "./errors.js";
import { type E2smContainer, SERVICE_MODELS, type ServiceModel, serviceModel, serviceModelByOid } from "./registry.js";
import { decode } from "./schema/decode.js";
import { type Desc, resolve } from "./schema/descriptors.js";
import { encode } from "./schema/encode.js";
import { fromHex, fromJson, type JsonValue, openTarget, toHex, toJson } from "./schema/json.js";
import { typeOf } from "./schema/module.js";

/** What is known while reading a stream of messages: RAN function id -> OID, and a forced model. */
export interface PayloadContext {
  /** Use this model for every payload (the CLI's --sm). */
  sm?: ServiceModel;
  /** RAN function OIDs announced so far, by RAN function id. */
  readonly ranFunctions: Map<number, string>;
}

export const newPayloadContext = (sm?: ServiceModel): PayloadContext => ({ sm, ranFunctions: new Map() });

type Obj = { [k: string]: JsonValue };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const idOf = (sm: ServiceModel) => Object.keys(SERVICE_MODELS).find((k) => SERVICE_MODELS[k] === sm) ?? sm.module.id;

/** Learns RAN function OIDs from a message and returns the JSON with every known payload decoded. */
export function expandPayloads(desc: Desc, json: JsonValue, ctx: PayloadContext): JsonValue {
  learnRanFunctions(json, ctx);
  const messageFunction = findRanFunctionId(json);
  const sm = ctx.sm ?? modelOf(messageFunction, ctx);
  return walk(desc, json, null, sm, ctx);
}

function modelOf(ranFunctionId: number | undefined, ctx: PayloadContext): ServiceModel | undefined {
  if (ranFunctionId === undefined) return undefined;
  const oid = ctx.ranFunctions.get(ranFunctionId);
  return oid === undefined ? undefined : serviceModelByOid(oid);
}

/** RANfunction-Item: { ranFunctionID, ranFunctionDefinition, ranFunctionRevision, ranFunctionOID }. */
function learnRanFunctions(json: JsonValue, ctx: PayloadContext): void {
  if (Array.isArray(json)) for (const v of json) learnRanFunctions(v, ctx);
  else if (isObj(json)) {
    if (typeof json.ranFunctionID === "number" && typeof json.ranFunctionOID === "string") {
      ctx.ranFunctions.set(json.ranFunctionID, json.ranFunctionOID);
    }
    for (const v of Object.values(json)) learnRanFunctions(v, ctx);
  }
}

/** The RANfunctionID IE of a message (ProtocolIE id 5), if it has one. */
function findRanFunctionId(json: JsonValue): number | undefined {
  if (Array.isArray(json)) {
    for (const v of json) {
      const found = findRanFunctionId(v);
      if (found !== undefined) return found;
    }
  } else if (isObj(json)) {
    if (json.id === 5 && typeof json.value === "number" && "criticality" in json) return json.value;
    for (const v of Object.values(json)) {
      const found = findRanFunctionId(v);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function walk(
  desc: Desc,
  json: JsonValue,
  siblings: Obj | null,
  sm: ServiceModel | undefined,
  ctx: PayloadContext,
): JsonValue {
  const d = resolve(desc);
  if (d.kind === "octetstring" && d.name && isObj(json) && typeof json.octets === "string") {
    const item = sm && (sm.payloads as Record<string, string>)[d.name as E2smContainer];
    return item ? decodePayload(json, json.octets, sm, item) : json;
  }
  if (d.kind === "sequence" && isObj(json)) {
    const here = typeof json.ranFunctionOID === "string" ? (ctx.sm ?? serviceModelByOid(json.ranFunctionOID)) : sm;
    const out: Obj = {};
    for (const c of d.ext ? [...d.root, ...d.ext] : d.root) {
      if (json[c.name] !== undefined) out[c.name] = walk(c.type, json[c.name], json, here, ctx);
    }
    return out;
  }
  if (d.kind === "choice" && isObj(json)) {
    const [name] = Object.keys(json);
    const alt = [...d.root, ...(d.ext ?? [])].find((a) => a.name === name);
    return alt ? { [name]: walk(alt.type, json[name], null, sm, ctx) } : json;
  }
  if (d.kind === "sequenceOf" && Array.isArray(json)) return json.map((v) => walk(d.item, v, null, sm, ctx));
  if (d.kind === "open" && siblings) {
    const target = openTarget(d, siblings);
    return target ? walk(target, json, null, sm, ctx) : json;
  }
  return json;
}

function decodePayload(json: Obj, hex: string, sm: ServiceModel, type: string): JsonValue {
  const bytes = fromHex(hex);
  if (!bytes) return json;
  try {
    const desc = typeOf(sm.module, type);
    return { octets: hex, e2sm: { sm: idOf(sm), type, value: toJson(desc, decode(desc, bytes)) } };
  } catch (e) {
    if (!isE2CodecError(e)) throw e;
    return { octets: hex, e2smError: e.message };
  }
}

/** Replaces every `{octets, e2sm: {sm, type, value}}` by `{octets}` re-encoded from `value`. */
export function collapsePayloads(json: JsonValue): JsonValue {
  if (Array.isArray(json)) return json.map(collapsePayloads);
  if (!isObj(json)) return json;
  const e2sm = json.e2sm;
  if (isObj(e2sm) && typeof e2sm.sm === "string" && typeof e2sm.type === "string") {
    const desc = typeOf(serviceModel(e2sm.sm).module, e2sm.type);
    return { octets: toHex(encode(desc, fromJson(desc, e2sm.value ?? null))) };
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(json)) if (k !== "e2smError") out[k] = collapsePayloads(v);
  return out;
}
