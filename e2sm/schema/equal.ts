/**
 * Structural equality of in-memory values (the value model of `descriptors.ts`): used to drop SEQUENCE
 * components equal to their DEFAULT. Numbers and bigints compare by mathematical value, NaN equals NaN,
 * -0 differs from 0 (they are distinct REAL values), byte arrays compare by content.
 */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return !(typeof a === "number" && Object.is(a, -0) !== Object.is(b, -0));
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "number" && tb === "number") return Number.isNaN(a) && Number.isNaN(b);
  if ((ta === "bigint" && tb === "number") || (ta === "number" && tb === "bigint")) {
    const n = (ta === "number" ? a : b) as number;
    return Number.isInteger(n) && BigInt(n) === (ta === "bigint" ? a : b);
  }
  if (ta !== "object" || tb !== "object" || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => valueEquals(x, bb[i]));
  }
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  const ka = Object.keys(oa).filter((k) => oa[k] !== undefined);
  const kb = Object.keys(ob).filter((k) => ob[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(ob, k) && valueEquals(oa[k], ob[k]));
}
