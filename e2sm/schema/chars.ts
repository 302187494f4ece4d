/**
 * Contents of known-multiplier character strings (PrintableString, IA5String, VisibleString,
 * NumericString) through lookup tables built once from `charsets.ts`: no call per character,
 * octet-aligned 8-bit characters move straight between the buffer and the string, and strings decoded
 * or encoded lately are handed back again, or their octets copied (`recent-strings.ts`).
 */
import type { PerReader } from "../aper/per-reader.js";
import type { PerWriter } from "../aper/per-writer.js";
import { charAlphabet } from "./charsets.js";
import type { CharStringType } from "./descriptors.js";
import { RECENT_MAX, RecentStrings } from "./recent-strings.js";

/** The tables of each alphabet, built once. */
const byCharset = new Map<string, Chars>();

/** The tables of a known-multiplier alphabet (not UTF8String). */
export function charsOf(charset: Exclude<CharStringType, "UTF8String">): Chars {
  let chars = byCharset.get(charset);
  if (!chars) {
    const { bits, charOf, indexOf } = charAlphabet(charset);
    byCharset.set(charset, (chars = new Chars(bits, charOf, charset, indexOf)));
  }
  return chars;
}

export class Chars {
  /** Wire value -> character code, -1 when not allowed. */
  private readonly codes: Int16Array;
  /** Character code (< 256) -> wire value, -1 when not allowed. */
  private readonly values: Int16Array;
  /** Every allowed character travels as its own code. */
  private readonly identity: boolean;
  /** Strings of this alphabet can be found again by their octets (8-bit identity alphabets). */
  private readonly recentOk: boolean;
  /** Strings of this alphabet decoded or encoded lately (one table per alphabet: see `charsOf`). */
  private readonly recent = new RecentStrings();

  constructor(
    readonly bits: number,
    charOf: (value: number) => number,
    private readonly charset: string,
    indexOf?: (code: number) => number,
  ) {
    this.codes = Int16Array.from({ length: 1 << bits }, (_, v) => charOf(v));
    this.values = Int16Array.from({ length: 256 }, (_, c) => (indexOf ? indexOf(c) : -1));
    this.identity = this.codes.every((c, v) => c === v || c < 0);
    this.recentOk = this.identity && bits === 8;
  }

  /** Reads `n` characters (the caller has checked that their bits are there). */
  read(r: PerReader, n: number): string {
    // the usual case, small enough to inline: octet-aligned 8-bit characters spelling a recent string
    if (this.recentOk && (r.pos & 7) === 0 && n >= 2 && n <= RECENT_MAX && n * 8 <= r.end - r.pos) {
      const at = r.pos >>> 3;
      const hit = this.recent.find(this.recent.slotOf(r.buf, at, n), r.buf, at, n);
      if (hit !== undefined) {
        r.pos += n * 8;
        return hit;
      }
    }
    return this.bits === 8 && (r.pos & 7) === 0 && n * 8 <= r.end - r.pos ? this.readOctets(r, n) : this.readBits(r, n);
  }

  /** Characters of any width and alignment, one at a time. */
  private readBits(r: PerReader, n: number): string {
    const codes = this.codes;
    let s = "";
    for (let i = 0; i < n; i++) {
      const c = codes[r.bits(this.bits)];
      if (c < 0) r.fail(`a character not allowed in ${this.charset}`);
      s += String.fromCharCode(c);
    }
    return s;
  }

  /** Octet-aligned 8-bit characters, validated, then kept among the recent strings. */
  private readOctets(r: PerReader, n: number): string {
    const buf = r.buf;
    const start = r.pos >>> 3;
    const end = start + n;
    const codes = this.codes;
    for (let p = start; p < end; p++) {
      if (codes[buf[p]] < 0) {
        r.pos = (p + 1) * 8;
        r.fail(`a character not allowed in ${this.charset}`);
      }
    }
    let s: string;
    if (this.identity && n <= 1024) {
      // one flat string straight from the octets, short enough to pass them as arguments
      s = String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
    } else {
      s = "";
      for (let p = start; p < end; p++) s += String.fromCharCode(codes[buf[p]]);
    }
    r.pos = end * 8;
    if (this.recentOk && n >= 2 && n <= RECENT_MAX) this.recent.keep(this.recent.slotOf(buf, start, n), s, buf, start);
    return s;
  }

  /** Writes characters `start`..`start + count - 1` of `v`. */
  write(w: PerWriter, v: string, start: number, count: number): void {
    if (this.bits === 8 && (w.pos & 7) === 0) return this.writeOctets(w, v, start, count);
    const values = this.values;
    for (let i = start; i < start + count; i++) {
      const code = v.charCodeAt(i);
      const c = code < 256 ? values[code] : -1;
      if (c < 0) w.fail(`character ${JSON.stringify(v[i])} at ${i} is not allowed in ${this.charset}`);
      w.bits(c, this.bits);
    }
  }

  private writeOctets(w: PerWriter, v: string, start: number, count: number): void {
    const at = w.reserve(count);
    const buf = w.buf;
    // a whole string written or decoded lately: its octets are kept, valid
    const recent = this.recentOk && start === 0 && count === v.length && count >= 2 && count <= RECENT_MAX;
    const slot = recent ? this.recent.slotOfString(v) : -1;
    if (recent && this.recent.copyInto(slot, v, buf, at)) return;
    const values = this.values;
    for (let i = 0; i < count; i++) {
      const code = v.charCodeAt(start + i);
      const c = code < 256 ? values[code] : -1;
      if (c < 0) {
        w.pos = (at + i) * 8; // as if written one by one: the octets after stay zero
        w.fail(`character ${JSON.stringify(v[start + i])} at ${start + i} is not allowed in ${this.charset}`);
      }
      buf[at + i] = c;
    }
    if (recent) this.recent.keep(slot, v, buf, at);
  }
}
