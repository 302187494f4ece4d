/**
 * The length part of sized types (SEQUENCE OF, BIT / OCTET / character strings) for the common case of
 * one block: no closure per value. Contents of 16K units or more come in fragments; there these return
 * "not handled" and the caller takes its general (closure-based) path, which the decoder enters again
 * from the start of the length.
 */
import type { PerReader } from "../aper/per-reader.js";
import { FRAGMENT } from "../aper/per-reader.js";
import type { PerWriter } from "../aper/per-writer.js";
import type { SizeLayout } from "./layout.js";

/**
 * Reads the count of a sized type whose extension bit (when it has one) the caller has read into
 * `outside`, and aligns for the contents. Returns -1 when the count is a fragment. Checks the count
 * against the bits left (`unit` >= 1 bits per item) before the caller allocates anything.
 */
export function readCount(r: PerReader, l: SizeLayout, unit: number, what: string, outside: boolean): number {
  let n: number;
  if (!outside && l.fixed) {
    n = l.lb;
  } else if (!outside && l.constrained) {
    n = r.whole(l.ub! - l.lb + 1) + l.lb;
    if (n > l.ub!) r.fail(`${what} size ${n} is outside ${l.lb}..${l.ub}`);
  } else {
    n = r.length();
    if (r.fragmented) return -1;
  }
  if (n * unit > r.remaining) r.fail(`${what} of ${n} claims ${n * unit} bits, ${r.remaining} left`, "E2_DECODE_TRUNCATED");
  // a variable-size string aligns even when empty (as Erlang/OTP reads it); a fixed empty one has no field
  if (l.alignContents && !outside && (l.fixed ? n > 0 : l.constrained)) r.align();
  return n;
}

/** After the contents: a count read as a general length must still lie in the root (unless `outside`). */
export function checkCount(r: PerReader, l: SizeLayout, what: string, n: number, outside: boolean): void {
  if (outside || l.fixed || l.constrained) return;
  if (n < l.lb || (l.ub !== null && n > l.ub)) r.fail(`${what} size ${n} is outside ${l.lb}..${l.ub ?? "MAX"}`);
}

/**
 * Writes the length part for `n` items and aligns for the contents; returns false (having written
 * nothing) when `n` needs fragments.
 */
export function writeCount(w: PerWriter, l: SizeLayout, n: number): boolean {
  const inRoot = n >= l.lb && (l.ub === null || n <= l.ub);
  if (!inRoot && !l.ext) w.fail(`size ${n} is outside ${l.lb}..${l.ub ?? "MAX"}`);
  if (inRoot && (l.fixed || l.constrained)) {
    if (l.ext) w.bit(false);
    if (!l.fixed) w.whole(n - l.lb, l.ub! - l.lb + 1);
    if (l.alignContents && (n > 0 || !l.fixed)) w.align();
    return true;
  }
  if (n >= FRAGMENT) return false;
  if (l.ext) w.bit(!inRoot);
  w.length(n);
  return true;
}
