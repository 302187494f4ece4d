/**
 * Every error the E2 codec throws: one class, a code from the table below, the type path
 * (`RICindication.protocolIEs[3].value`) and the bit offset. Decoding never throws anything else.
 */
import { PerError } from "./aper/per-error.js";

export const E2_ERROR_CODES = {
  E2_DECODE_TRUNCATED: "the input ends before the value does",
  E2_DECODE_INVALID: "the bits are not a valid encoding of the type",
  E2_DECODE_LIMIT: "a decoding limit (nesting depth, size) was exceeded",
  E2_DECODE_TRAILING: "bytes are left over after the value",
  E2_ENCODE_INVALID: "the value does not fit the type",
  E2_UNKNOWN_TYPE: "no such type, module or service model",
} as const;

export type E2ErrorCode = keyof typeof E2_ERROR_CODES;

export class E2CodecError extends Error {
  override name = "E2CodecError";
  constructor(
    readonly code: E2ErrorCode,
    /** Type path: type name, then `.component`, `[index]`, `.alternative`. */
    readonly path: string,
    /** Bit offset in the input (decode) or output (encode) where it happened; -1 when none. */
    readonly bitOffset: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    const verb = code.startsWith("E2_ENCODE") ? "encode" : "decode";
    super(code === "E2_UNKNOWN_TYPE" ? reason : `cannot ${verb} ${path} at bit ${bitOffset}: ${reason}`, options);
  }
}

export function isE2CodecError(e: unknown): e is E2CodecError {
  return e instanceof Error && e.name === "E2CodecError" && typeof (e as E2CodecError).code === "string";
}

/**
 * Path segments are collected while an error unwinds (innermost first), so the hot path pays nothing
 * for them: each compiled SEQUENCE / CHOICE / SEQUENCE OF catches, appends its step and rethrows.
 */
const trails = new WeakMap<object, string[]>();

/** Appends a path step to an error on its way out and rethrows it as a PerError. */
export function rethrowAt(e: unknown, step: string, pos: number, encoding: boolean): never {
  let err: PerError;
  if (e instanceof PerError) {
    err = e;
  } else {
    // a value of the wrong shape (encode) or a stack overflow / bug (decode): still a typed error
    const msg = e instanceof Error ? e.message : String(e);
    err = new PerError(
      encoding ? "E2_ENCODE_INVALID" : e instanceof RangeError ? "E2_DECODE_LIMIT" : "E2_DECODE_INVALID",
      msg,
      pos,
    );
    (err as { cause?: unknown }).cause = e;
  }
  const trail = trails.get(err);
  if (trail) trail.push(step);
  else trails.set(err, [step]);
  throw err;
}

/** Turns whatever a compiled codec threw into the E2CodecError the caller sees. */
export function toCodecError(e: unknown, typeName: string, pos: number, encoding: boolean): E2CodecError {
  if (isE2CodecError(e)) return e;
  let per: PerError;
  if (e instanceof PerError) per = e;
  else {
    const msg = e instanceof Error ? e.message : String(e);
    per = new PerError(encoding ? "E2_ENCODE_INVALID" : "E2_DECODE_INVALID", msg, pos);
  }
  const steps = (trails.get(per) ?? []).slice().reverse().join("");
  return new E2CodecError(per.code, typeName + steps, per.bitOffset, per.reason, {
    cause: e instanceof PerError ? (e as { cause?: unknown }).cause : e,
  });
}
