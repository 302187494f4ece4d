/**
 * The leaf error of the bit layer: a short reason and the bit offset where it happened. The codec
 * layer wraps it once with the type path (see `e2sm/errors.ts`).
 */
export type PerErrorCode = "E2_DECODE_TRUNCATED" | "E2_DECODE_INVALID" | "E2_DECODE_LIMIT" | "E2_ENCODE_INVALID";

export class PerError extends Error {
  override name = "PerError";
  constructor(
    readonly code: PerErrorCode,
    readonly reason: string,
    readonly bitOffset: number,
  ) {
    super(reason);
  }
}
