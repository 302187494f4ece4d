/**
 * Arbitraries of the leaf types (INTEGER ranges, REAL, character alphabets, OBJECT IDENTIFIER) used by
 * `arbitrary.ts`. Integers are numbers when safe and bigints beyond ±2^53, as decoders return them.
 */
import * as fc from "fast-check";
import type { CharStringType } from "../../e2sm/schema/descriptors.js";
import { normalizeInteger } from "../../e2sm/schema/json.js";

const TWO53 = 2n ** 53n;

/** Non-negative offsets: mostly small, sometimes past 2^53 and 2^64, and the edges around those. */
const offset: fc.Arbitrary<bigint> = fc.oneof(
  { arbitrary: fc.bigInt(0n, 2n ** 16n), weight: 4 },
  { arbitrary: fc.bigInt(0n, 2n ** 40n), weight: 2 },
  { arbitrary: fc.bigInt(0n, 2n ** 72n), weight: 1 },
  { arbitrary: fc.constantFrom(TWO53 - 1n, TWO53, TWO53 + 1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n), weight: 1 },
);

/** Integers in lb..ub (either bound may be open). */
export function integerIn(lb: bigint | null, ub: bigint | null): fc.Arbitrary<number | bigint> {
  if (lb !== null && ub !== null) {
    if (lb >= -TWO53 + 1n && ub <= TWO53 - 1n) return fc.integer({ min: Number(lb), max: Number(ub) });
    // wide ranges: uniform values are almost all huge, so add small offsets and the 2^53 edges
    const edges = [lb, ub, 0n, TWO53 - 1n, TWO53, -TWO53 + 1n, -TWO53].filter((e) => e >= lb && e <= ub);
    return fc
      .oneof(
        { arbitrary: fc.bigInt(lb, ub), weight: 3 },
        { arbitrary: fc.bigInt(0n, 2n ** 32n).map((x) => (lb + x <= ub ? lb + x : ub)), weight: 2 },
        { arbitrary: fc.constantFrom(...edges), weight: 1 },
      )
      .map(normalizeInteger);
  }
  if (lb !== null) return offset.map((x) => normalizeInteger(lb + x));
  if (ub !== null) return offset.map((x) => normalizeInteger(ub - x));
  return fc
    .oneof(
      offset,
      offset.map((x) => -x - 1n),
    )
    .map(normalizeInteger);
}

/** REALs: any double, some round ones, and (unless excluded) NaN, ±Infinity, 0 and -0. */
export function realValue(special: boolean): fc.Arbitrary<number> {
  const finite = fc.oneof(
    { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 3 },
    { arbitrary: fc.integer({ min: -4_000_000, max: 4_000_000 }).map((n) => n / 4), weight: 1 },
  );
  if (!special) return finite.filter((x) => x !== 0); // zero too: OTP 25 (the oracle) cannot decode a zero REAL
  return fc.oneof(
    { arbitrary: finite, weight: 6 },
    { arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0), weight: 1 },
  );
}

const PRINTABLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?";
const fromAlphabet = (s: string) => fc.integer({ min: 0, max: s.length - 1 }).map((i) => s[i]);
const codeRange = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

const units: Record<CharStringType, fc.Arbitrary<string>> = {
  PrintableString: fromAlphabet(PRINTABLE),
  NumericString: fromAlphabet("0123456789 "),
  VisibleString: codeRange(0x20, 0x7e),
  IA5String: fc.oneof({ arbitrary: codeRange(0x20, 0x7e), weight: 4 }, { arbitrary: codeRange(0, 0x7f), weight: 1 }),
  // one unit = one code point (the size constraint counts characters); no lone surrogates
  UTF8String: fc.oneof(
    { arbitrary: codeRange(0x20, 0x7e), weight: 4 },
    { arbitrary: codeRange(0x80, 0xd7ff), weight: 1 },
    { arbitrary: codeRange(0xe000, 0x10ffff), weight: 1 },
  ),
};

/** One character of the type's alphabet. */
export const charUnit = (charset: CharStringType): fc.Arbitrary<string> => units[charset];

/** Whether every character of `s` is in the alphabet of `charset` (for tests and validation). */
export function inAlphabet(charset: CharStringType, s: string): boolean {
  switch (charset) {
    case "PrintableString":
      return [...s].every((c) => PRINTABLE.includes(c));
    case "NumericString":
      return /^[0-9 ]*$/.test(s);
    case "VisibleString":
      return /^[\x20-\x7e]*$/.test(s);
    case "IA5String":
      return [...s].every((c) => c.charCodeAt(0) < 0x80);
    case "UTF8String":
      return [...s].every((c) => !/^[\ud800-\udfff]$/.test(c)); // no lone surrogates
  }
}

/** OBJECT IDENTIFIERs: first arc 0..2, second 0..39, a few more arcs up to 2^32-1. */
export const oidValue: fc.Arbitrary<{ oid: string }> = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 39 }),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 6 }),
  )
  .map(([a, b, rest]) => ({ oid: [a, b, ...rest].join(".") }));
