/**
 * The length part of sized types (SEQUENCE OF, BIT / OCTET / character strings), with no closure per
 * value. Decoding: `quick` reads the usual count in one go (fixed, a constrained whole number, a
 * general length of one or two octets); `read` and `check` are the exact path, which words every
 * error. Contents of 16K units or more come in fragments: there these answer "not handled" and the
 * caller takes its general (closure-based) path, which the decoder enters again from the start of the
 * length.
 */
import type { PerReader } from "../aper/per-reader.js";
import { bitsFor, FRAGMENT } from "../aper/per-reader.js";
import type { PerWriter } from "../aper/per-writer.js";
import type { SizeLayout } from "./layout.js";

export class Sizes {
  readonly lb: number;
  readonly ub: number | null;
  /** The count is on the wire as a constrained whole number of this range (0 when not)... */
  readonly range: number;
  /** ...in a plain field of this many bits when the range is below 256 (-1 when not). */
  readonly countBits: number;
  readonly fixed: boolean;
  /** The root count is a general length, checked against the bounds after the contents (`check`). */
  readonly general: boolean;
  readonly ext: boolean;
  /** Contents start on an octet boundary. */
  readonly align: boolean;

  /**
   * `unit`: the fewest bits one item takes (>= 1), to bound a count by the bits left; `what`: the type,
   * for messages.
   */
  constructor(
    l: SizeLayout,
    readonly unit = 1,
    private readonly what = "",
  ) {
    this.lb = l.lb;
    this.ub = l.ub;
    this.fixed = l.fixed;
    this.range = l.constrained && !l.fixed ? l.ub! - l.lb + 1 : 0;
    this.countBits = this.range > 0 && this.range <= 255 ? bitsFor(this.range - 1) : -1;
    this.general = !this.fixed && this.range === 0;
    this.ext = l.ext;
    this.align = l.alignContents;
  }

  /**
   * The count in the usual case: within the root, in one block (a fixed count, a constrained whole
   * number, or a general length of one or two octets) and with its items' bits all there; aligns for
   * the contents. Otherwise -1, having read nothing, and the caller takes the exact path (`read`),
   * which reports any error.
   */
  quick(r: PerReader): number {
    const at = r.pos;
    if (this.ext && (at >= r.end || r.bit())) return this.none(r, at);
    let n: number;
    if (this.fixed) n = this.lb;
    else if (this.countBits >= 0 && r.end - r.pos >= this.countBits) n = r.bits(this.countBits) + this.lb;
    else if (this.countBits < 0) n = this.alignedCount(r);
    else n = -1;
    if (n < 0 || (this.ub !== null && n > this.ub) || n * this.unit > r.end - r.pos) return this.none(r, at);
    if (this.align && (n > 0 || !this.fixed)) r.align();
    return n;
  }

  /**
   * `quick`'s count in one or two aligned octets: the whole number of a range of 256 or up to 64K, or a
   * general length below 16K at least `lb`; else -1. Apart, to keep `quick` small enough to inline.
   */
  private alignedCount(r: PerReader): number {
    const p = (r.pos + 7) & ~7;
    if (r.end - p < 8) return -1;
    const b = r.buf[p >>> 3];
    const general = this.range === 0;
    const two = this.range > 256 || (general && b >= 0x80);
    if (two && (r.end - p < 16 || (general && b >= 0xc0))) return -1;
    const n = two ? ((general ? b & 0x3f : b) << 8) | r.buf[(p >>> 3) + 1] : b;
    r.pos = p + (two ? 16 : 8);
    if (!general) return n + this.lb;
    return n < this.lb ? -1 : n;
  }

  /** `quick`'s answer when the exact path must read: back to where it started. */
  private none(r: PerReader, at: number): number {
    r.pos = at;
    return -1;
  }

  /**
   * Reads the count (the caller has read the extension bit, when there is one, into `outside`) and
   * aligns for the contents. Returns -1 when the count is a fragment. Checks the count against the bits
   * left before the caller allocates anything.
   */
  read(r: PerReader, outside: boolean): number {
    let n: number;
    let root = !outside;
    if (root && this.fixed) n = this.lb;
    else if (root && this.range > 0) {
      n = (this.countBits >= 0 ? r.bits(this.countBits) : r.whole(this.range)) + this.lb;
      if (n > this.ub!) this.outside(r, n);
    } else {
      n = r.length();
      if (r.fragmented) return -1;
      root = false; // a general length: aligned already, its range checked after the contents
    }
    if (n * this.unit > r.end - r.pos) this.truncated(r, n);
    // a variable-size string aligns even when empty (as Erlang/OTP reads it); a fixed empty one has no field
    if (root && this.align && (n > 0 || !this.fixed)) r.align();
    return n;
  }

  /** After the contents: a count read as a general length must still lie in the root (unless `outside`). */
  check(r: PerReader, n: number, outside: boolean): void {
    if (outside || !this.general) return;
    if (n < this.lb || (this.ub !== null && n > this.ub)) this.outside(r, n);
  }

  // failures apart, keeping `read` and `check` small enough to inline

  private outside(r: PerReader, n: number): never {
    r.fail(`${this.what} size ${n} is outside ${this.lb}..${this.ub ?? "MAX"}`);
  }

  private truncated(r: PerReader, n: number): never {
    r.fail(`${this.what} of ${n} claims ${n * this.unit} bits, ${r.remaining} left`, "E2_DECODE_TRUNCATED");
  }

  /**
   * Writes the length part for `n` items and aligns for the contents; returns false (having written
   * nothing) when `n` needs fragments.
   */
  write(w: PerWriter, n: number): boolean {
    const inRoot = n >= this.lb && (this.ub === null || n <= this.ub);
    if (!inRoot && !this.ext) w.fail(`size ${n} is outside ${this.lb}..${this.ub ?? "MAX"}`);
    if (inRoot && (this.fixed || this.range > 0)) {
      if (this.ext) w.bit(false);
      if (this.countBits >= 0) w.bits(n - this.lb, this.countBits);
      else if (this.range > 0) w.whole(n - this.lb, this.range);
      if (this.align && (n > 0 || !this.fixed)) w.align();
      return true;
    }
    if (n >= FRAGMENT) return false;
    if (this.ext) w.bit(!inRoot);
    w.length(n);
    return true;
  }
}
