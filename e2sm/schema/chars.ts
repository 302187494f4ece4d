/**
 * Contents of known-multiplier character strings (PrintableString, IA5String, VisibleString,
 * NumericString) through lookup tables built once from `charsets.ts`: no call per character, and
 * octet-aligned 8-bit characters move straight between the buffer and the string.
 */
import type { PerReader } from "../aper/per-reader.js";
import type { PerWriter } from "../aper/per-writer.js";

export class Chars {
  /** Wire value -> character code, -1 when not allowed. */
  private readonly codes: Int16Array;
  /** Character code (< 256) -> wire value, -1 when not allowed. */
  private readonly values: Int16Array;

  constructor(
    private readonly bits: number,
    charOf: (value: number) => number,
    private readonly charset: string,
    indexOf?: (code: number) => number,
  ) {
    this.codes = Int16Array.from({ length: 1 << bits }, (_, v) => charOf(v));
    this.values = Int16Array.from({ length: 256 }, (_, c) => (indexOf ? indexOf(c) : -1));
  }

  /** Reads `n` characters (the caller has checked that their bits are there). */
  read(r: PerReader, n: number): string {
    if (this.bits === 8 && (r.pos & 7) === 0 && n * 8 <= r.remaining) return this.readOctets(r, n);
    const codes = this.codes;
    let s = "";
    for (let i = 0; i < n; i++) {
      const c = codes[r.bits(this.bits)];
      if (c < 0) r.fail(`a character not allowed in ${this.charset}`);
      s += String.fromCharCode(c);
    }
    return s;
  }

  private readOctets(r: PerReader, n: number): string {
    const buf = r.buf;
    const codes = this.codes;
    const end = (r.pos >>> 3) + n;
    let p = r.pos >>> 3;
    let s = "";
    // four characters a step: fewer, larger string appends
    for (; p + 4 <= end; p += 4) {
      const a = codes[buf[p]];
      const b = codes[buf[p + 1]];
      const c = codes[buf[p + 2]];
      const d = codes[buf[p + 3]];
      if ((a | b | c | d) < 0) break; // one is not allowed: the loop below finds it
      s += String.fromCharCode(a, b, c, d);
    }
    for (; p < end; p++) {
      const c = codes[buf[p]];
      if (c < 0) {
        r.pos = (p + 1) * 8;
        r.fail(`a character not allowed in ${this.charset}`);
      }
      s += String.fromCharCode(c);
    }
    r.pos = end * 8;
    return s;
  }

  /** Writes characters `start`..`start + count - 1` of `v`. */
  write(w: PerWriter, v: string, start: number, count: number): void {
    const values = this.values;
    for (let i = start; i < start + count; i++) {
      const code = v.charCodeAt(i);
      const c = code < 256 ? values[code] : -1;
      if (c < 0) w.fail(`character ${JSON.stringify(v[i])} at ${i} is not allowed in ${this.charset}`);
      w.bits(c, this.bits);
    }
  }
}
