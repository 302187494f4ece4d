/** Small helpers over values of the value model, shared by the codec operations. */

/** Key of an unknown CHOICE extension alternative kept as raw bytes: `unknown-extension-3`. */
export const UNKNOWN_ALTERNATIVE = /^unknown-extension-(\d+)$/;

/** Whether two byte strings hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Structural equality of two values (for DEFAULT components). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === "bigint" || typeof b === "bigint") {
    return (
      (typeof a === "bigint" || typeof a === "number") &&
      (typeof b === "bigint" || typeof b === "number") &&
      BigInt(a) === BigInt(b)
    );
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return sameBytes(a, b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
