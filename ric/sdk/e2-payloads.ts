/**
 * E2SM payloads by RAN function: which service model a node's RAN function speaks (from its OID), and
 * encoding / decoding of its containers, so apps hand the SDK plain values and get plain values back.
 */
import {
  decodeSm,
  type E2smContainer,
  encodeSm,
  SERVICE_MODELS,
  type ServiceModel,
  serviceModelByOid,
} from "../../e2sm/index.js";
import type { NodeInfo, RanFunctionInfo } from "../bus/contract.js";

/** The short name apps use for a service model: kpm, rc, bm, csi. */
export function modelName(oid: string): string | undefined {
  const sm = serviceModelByOid(oid);
  if (!sm) return undefined;
  const id = Object.keys(SERVICE_MODELS).find((k) => SERVICE_MODELS[k] === sm);
  return id?.replace(/-v\d+$/, "");
}

/** The RAN function of `node` that `which` names: its id, its OID, or a model's short name. */
export function findRanFunction(node: NodeInfo, which: number | string): RanFunctionInfo {
  const f = node.ranFunctions.find((r) =>
    typeof which === "number" ? r.id === which : r.oid === which || modelName(r.oid) === which,
  );
  if (!f) {
    const offered = node.ranFunctions.map((r) => `${r.id} ${modelName(r.oid) ?? r.oid}`).join(", ");
    throw new Error(`E2 node ${node.id} has no RAN function ${which} (it offers: ${offered || "none"})`);
  }
  return f;
}

export function modelOf(f: RanFunctionInfo): ServiceModel {
  const sm = serviceModelByOid(f.oid);
  if (!sm) throw new Error(`RAN function ${f.id} speaks ${f.oid}, a service model twinric does not know`);
  return sm;
}

/** Bytes as they are; a value encoded as the model's type for that container. */
export function payload(sm: ServiceModel, container: E2smContainer, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const type = sm.payloads[container];
  if (!type) throw new Error(`the service model has no ${container}`);
  return encodeSm(sm, type, value);
}

export function decodePayload(sm: ServiceModel, container: E2smContainer, bytes: Uint8Array | undefined): any {
  if (bytes === undefined) return undefined;
  const type = sm.payloads[container];
  return type ? decodeSm(sm, type, bytes) : bytes;
}
