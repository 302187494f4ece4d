/**
 * Known-multiplier character strings (X.691 30): bits per character in the ALIGNED variant and the
 * mapping from character code to the value on the wire.
 */
import type { CharStringType } from "./descriptors.js";

export interface Alphabet {
  /** Bits per character on the wire (rounded up to a power of two: ALIGNED). */
  readonly bits: number;
  /** Wire value of a character code, or -1 when the character is not allowed. */
  readonly indexOf: (code: number) => number;
  /** Character code of a wire value, or -1. */
  readonly charOf: (value: number) => number;
}

const PRINTABLE = new Set(
  Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?", (c) => c.charCodeAt(0)),
);
const NUMERIC = " 0123456789";

const identity = (allowed: (c: number) => boolean): Alphabet => ({
  bits: 8,
  indexOf: (c) => (allowed(c) ? c : -1),
  charOf: (v) => (allowed(v) ? v : -1),
});

const alphabets: Record<Exclude<CharStringType, "UTF8String">, Alphabet> = {
  // 74 (Printable), 128 (IA5) and 95 (Visible) characters need 7 bits, rounded up to 8; the largest
  // code fits in 8 bits, so characters travel as their own codes (X.691 30.5.4).
  PrintableString: identity((c) => PRINTABLE.has(c)),
  IA5String: identity((c) => c >= 0 && c < 128),
  VisibleString: identity((c) => c >= 32 && c < 127),
  // 11 characters: 4 bits, as the index in the sorted alphabet
  NumericString: {
    bits: 4,
    indexOf: (c) => NUMERIC.indexOf(String.fromCharCode(c)),
    charOf: (v) => (v < NUMERIC.length ? NUMERIC.charCodeAt(v) : -1),
  },
};

export function charAlphabet(charset: CharStringType): Alphabet {
  if (charset === "UTF8String") return { bits: 8, indexOf: (c) => c, charOf: (v) => v };
  return alphabets[charset];
}
