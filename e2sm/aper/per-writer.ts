/**
 * Bit-level writer for ALIGNED PER, the mirror of `PerReader`. One buffer, doubled when full; open
 * types reserve a length octet and patch it once their contents are written.
 */
import { PerError } from "./per-error.js";
import { bitsFor, FRAGMENT, octetsFor } from "./per-reader.js";

export class PerWriter {
  buf: Uint8Array;
  /** Bit position of the next write. Bits beyond it in `buf` are always zero. */
  pos = 0;

  constructor(initialOctets = 1024) {
    this.buf = new Uint8Array(initialOctets);
  }

  reset(): void {
    this.buf.fill(0, 0, (this.pos + 7) >>> 3);
    this.pos = 0;
  }

  /** The written octets (padded), copied out. */
  finish(): Uint8Array {
    if (this.pos === 0) return new Uint8Array(1); // an empty complete encoding is one zero octet
    return this.buf.slice(0, (this.pos + 7) >>> 3);
  }

  fail(reason: string): never {
    throw new PerError("E2_ENCODE_INVALID", reason, this.pos);
  }

  private ensure(nbits: number): void {
    const need = (this.pos + nbits + 7) >>> 3;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, (this.pos + 7) >>> 3));
    this.buf = next;
  }

  /** Writes the low n bits of v (0 <= n <= 32, v >= 0). */
  bits(v: number, n: number): void {
    if (n === 0) return;
    if (n > 24) {
      // two halves keep every shift below within int32
      this.bits(Math.floor(v / 65536), n - 16);
      return this.bits(v & 0xffff, 16);
    }
    this.ensure(n);
    const buf = this.buf;
    const pos = this.pos;
    let i = pos >>> 3;
    const free = 8 - (pos & 7);
    v &= (1 << n) - 1;
    this.pos = pos + n;
    if (n <= free) {
      buf[i] |= v << (free - n);
      return;
    }
    // the first octet is shared with earlier bits; the rest are still zero and are simply stored
    let left = n - free;
    buf[i] |= v >>> left;
    while (left >= 8) {
      left -= 8;
      buf[++i] = v >>> left;
    }
    if (left > 0) buf[++i] = v << (8 - left);
  }

  bit(b: boolean): void {
    this.ensure(1);
    if (b) this.buf[this.pos >>> 3] |= 0x80 >>> (this.pos & 7);
    this.pos++;
  }

  align(): void {
    this.pos = (this.pos + 7) & ~7;
  }

  octet(v: number): void {
    this.align();
    this.ensure(8);
    this.buf[this.pos >>> 3] = v;
    this.pos += 8;
  }

  /** The first `count` octets of `bytes` (all by default), aligned. */
  octets(bytes: Uint8Array, count = bytes.length): void {
    this.align();
    this.ensure(count * 8);
    if (count === bytes.length) this.buf.set(bytes, this.pos >>> 3);
    else for (let i = 0, at = this.pos >>> 3; i < count; i++) this.buf[at + i] = bytes[i];
    this.pos += count * 8;
  }

  /** `nbits` bits of `bytes` (MSB first) at the current position, aligned or not. */
  bitsFrom(bytes: Uint8Array, nbits: number): void {
    if ((this.pos & 7) === 0 && (nbits & 7) === 0) {
      this.octets(bytes.subarray(0, nbits >>> 3));
      return;
    }
    for (let i = 0; nbits > 0; i++, nbits -= 8) {
      const take = nbits < 8 ? nbits : 8;
      this.bits(bytes[i] >>> (8 - take), take);
    }
  }

  /** Unsigned big-endian v in exactly n aligned octets. */
  uintOctets(v: number, n: number): void {
    this.align();
    this.ensure(n * 8);
    const buf = this.buf;
    const at = this.pos >>> 3;
    for (let i = n - 1; i >= 0; i--) {
      buf[at + i] = v % 256;
      v = Math.floor(v / 256);
    }
    this.pos += n * 8;
  }

  /** A constrained whole number v in 0..range-1 (ALIGNED). */
  whole(v: number, range: number): void {
    if (range <= 1) return;
    if (range <= 255) return this.bits(v, bitsFor(range - 1));
    if (range === 256) return this.octet(v);
    if (range <= 65536) {
      this.align();
      return this.bits(v, 16);
    }
    this.wholeOctets(v, bitsFor(octetsFor(range - 1) - 1));
  }

  /**
   * A whole number of a range above 64K: its octet count - 1 in `countBits` bits, then the octets
   * (X.691 10.5.7.4). Generated code passes `countBits` precomputed.
   */
  wholeOctets(v: number, countBits: number): void {
    const n = v < 256 ? 1 : v < 65536 ? 2 : v < 16777216 ? 3 : octetsFor(v);
    this.bits(n - 1, countBits);
    this.uintOctets(v, n);
  }

  /** A length determinant for n < 16K (callers fragment larger lengths). */
  length(n: number): void {
    if (n < 128) return this.octet(n);
    if (n < FRAGMENT) {
      this.octet(0x80 | (n >>> 8));
      return this.octet(n & 0xff);
    }
    this.fail(`length ${n} needs fragmentation`);
  }

  /**
   * Writes a count with a general length determinant, fragmenting above 16K: `body(start, count)` is
   * called for each block of items (X.691 11.9.3.8).
   */
  fragmented(n: number, body: (start: number, count: number) => void): void {
    let start = 0;
    while (n - start >= FRAGMENT) {
      const m = Math.min(4, Math.floor((n - start) / FRAGMENT));
      this.octet(0xc0 | m);
      body(start, m * FRAGMENT);
      start += m * FRAGMENT;
    }
    this.length(n - start);
    if (n - start > 0) body(start, n - start);
  }

  /** A normally small non-negative whole number (X.691 10.6). */
  normallySmall(v: number): void {
    if (v < 64) return this.bits(v, 7);
    this.bit(true);
    const n = octetsFor(v);
    this.length(n);
    this.uintOctets(v, n);
  }

  /** A normally small length n >= 1 (X.691 11.9.3.4): extension bitmaps. */
  smallLength(n: number): void {
    if (n <= 64) return this.bits(n - 1, 7);
    this.bit(true);
    this.length(n);
  }

  /** Writes an open type: `body` encodes the contents, which are then wrapped in a length. */
  open(body: () => void): void {
    const at = this.openBegin();
    body();
    this.openEnd(at);
  }

  /**
   * Starts an open type: reserves one length octet (most open types are shorter than 128 octets) and
   * returns where it is, for `openEnd`. The closure-free form of `open`, for the hot path.
   */
  openBegin(): number {
    this.align();
    const lenAt = this.pos >>> 3;
    this.octet(0);
    return lenAt;
  }

  /** Ends the open type started at `lenAt`: pads, then writes its length (moving the contents if longer). */
  openEnd(lenAt: number): void {
    const start = (lenAt + 1) * 8;
    if (this.pos === start) this.octet(0); // an empty encoding is one zero octet
    this.align();
    const n = (this.pos - start) >>> 3;
    if (n < 128) {
      this.buf[lenAt] = n;
      return;
    }
    if (n < FRAGMENT) {
      this.ensure(8);
      this.buf.copyWithin(lenAt + 2, lenAt + 1, lenAt + 1 + n);
      this.buf[lenAt] = 0x80 | (n >>> 8);
      this.buf[lenAt + 1] = n & 0xff;
      this.pos += 8;
      return;
    }
    // rare: rewrite as fragments
    const contents = this.buf.slice(lenAt + 1, lenAt + 1 + n);
    this.buf.fill(0, lenAt, lenAt + 1 + n);
    this.pos = lenAt * 8;
    this.fragmented(n, (s, c) => this.octets(contents.subarray(s, s + c)));
  }
}
