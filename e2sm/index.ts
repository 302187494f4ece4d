/**
 * twinric's E2 wire: APER encoding and decoding of E2AP v02.03 / v03.01, E2SM-KPM v02.03 / v03.00,
 * E2SM-RC v01.03 and twinric's own E2SM-BM v1 / E2SM-CSI v1, driven by schemas. Pure functions over
 * bytes; no I/O.
 */
export * from "./api/builders.js";
export { decodeSm, E2apCodec, encodeSm } from "./api/e2ap-codec.js";
export { type E2Message, fromPdu, type MessageKind, messageDesc, toPdu } from "./api/message.js";
export { BM_OID, bmV1 } from "./bm/index.js";
export { CSI_OID, csiV1 } from "./csi/index.js";
export { e2apV2, e2apV3 } from "./e2ap/index.js";
export { E2_ERROR_CODES, E2CodecError, type E2ErrorCode, isE2CodecError } from "./errors.js";
export { kpmV2, kpmV3 } from "./kpm/index.js";
export { collapsePayloads, expandPayloads, newPayloadContext, type PayloadContext } from "./payloads.js";
export { rcV1 } from "./rc/index.js";
export * from "./registry.js";
export { type DecodeOptions, decode } from "./schema/decode.js";
export type { BitString, Desc, Infer, ObjectIdentifier } from "./schema/descriptors.js";
export { encode, validate } from "./schema/encode.js";
export { fromJson, parseJson, stringifyJson, toJson } from "./schema/json.js";
export { defineModule, type SchemaModule, typeOf } from "./schema/module.js";
export { sameBytes } from "./schema/values.js";
