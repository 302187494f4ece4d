/**
 * A codec per E2 connection: the E2AP version is a setting of the instance, never of the build, and
 * the RAN functions a node announced pick the service model of later payloads.
 *
 *   const e2 = new E2apCodec({ version: 2 });            // O-RAN SC e2term speaks v2
 *   const msg = e2.decode(bytes);                          // { procedure, kind, ies }
 *   const sm = e2.serviceModelOf(msg.ies.RANfunctionID);   // learnt from the E2 Setup Request
 */
import { type E2apBuild, e2apParts } from "../e2ap/index.js";
import { E2CodecError } from "../errors.js";
import { type E2apVersion, type ServiceModel, serviceModel, serviceModelByOid } from "../registry.js";
import { decode } from "../schema/decode.js";
import type { Desc } from "../schema/descriptors.js";
import { encode } from "../schema/encode.js";
import { typeOf } from "../schema/module.js";
import { type E2Message, fromPdu, toPdu } from "./message.js";

export class E2apCodec {
  readonly version: E2apVersion;
  readonly parts: E2apBuild;
  private readonly pdu: Desc;
  /** RAN function id -> OID, as announced in E2 Setup / RIC Service Update messages seen. */
  readonly ranFunctions = new Map<number, string>();

  constructor(opts: { version?: E2apVersion } = {}) {
    this.version = opts.version ?? 3;
    if (this.version !== 2 && this.version !== 3) {
      throw new E2CodecError(
        "E2_UNKNOWN_TYPE",
        `v${this.version}`,
        -1,
        `unknown E2AP version ${this.version} (known: 2, 3)`,
      );
    }
    this.parts = e2apParts(this.version);
    this.pdu = this.parts.types.E2AP_PDU;
  }

  encode(msg: E2Message): Uint8Array {
    this.learn(msg);
    return encode(this.pdu, toPdu(this.parts, msg));
  }

  decode(bytes: Uint8Array): E2Message {
    const msg = fromPdu(this.parts, decode(this.pdu, bytes));
    this.learn(msg);
    return msg;
  }

  /** The service model of a RAN function id, once its OID has been seen. */
  serviceModelOf(ranFunctionId: number): ServiceModel | undefined {
    const oid = this.ranFunctions.get(ranFunctionId);
    return oid === undefined ? undefined : serviceModelByOid(oid);
  }

  private learn(msg: E2Message): void {
    for (const list of [msg.ies.RANfunctionsAdded, msg.ies.RANfunctionsModified]) {
      if (Array.isArray(list)) for (const f of list) this.ranFunctions.set(f.ranFunctionID, f.ranFunctionOID);
    }
  }
}

/** Encodes an E2SM value: `encodeSm("kpm-v3", "E2SM-KPM-IndicationMessage", value)`. */
export function encodeSm(sm: string | ServiceModel, type: string, value: unknown): Uint8Array {
  const model = typeof sm === "string" ? serviceModel(sm) : sm;
  return encode(typeOf(model.module, type), value);
}

/** Decodes an E2SM payload of a known type. */
export function decodeSm(sm: string | ServiceModel, type: string, bytes: Uint8Array): any {
  const model = typeof sm === "string" ? serviceModel(sm) : sm;
  return decode(typeOf(model.module, type), bytes);
}
