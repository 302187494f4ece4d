/**
 * Bit-level reader for ALIGNED PER. Knows X.691's building blocks (bit-fields, constrained whole numbers,
 * length determinants, normally small numbers) but nothing of schemas. Every read checks the remaining
 * bits first, so a claimed length can never make it allocate or loop beyond the input.
 */
import { PerError } from "./per-error.js";

/** Lengths are counted in blocks of 16K when fragmented (X.691 11.9.3.8). */
export const FRAGMENT = 16384;

export class PerReader {
  /** Bit position of the next read. */
  pos = 0;
  /** Bit position one past the last readable bit (narrowed while reading an open type). */
  end: number;
  /** Nesting depth, for the recursion limit. */
  depth = 0;
  /** Set by `length()` when the length read was a fragment (more blocks follow). */
  fragmented = false;

  constructor(readonly buf: Uint8Array) {
    this.end = buf.length * 8;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(reason: string, code: PerError["code"] = "E2_DECODE_INVALID"): never {
    throw new PerError(code, reason, this.pos);
  }

  need(nbits: number, what: string): void {
    if (nbits > this.end - this.pos) {
      throw new PerError("E2_DECODE_TRUNCATED", `${what} needs ${nbits} bits, ${this.end - this.pos} left`, this.pos);
    }
  }

  /** Reads an n-bit unsigned field, 0 <= n <= 32. Kept small so the compiler inlines it everywhere. */
  bits(n: number): number {
    const pos = this.pos;
    if (n > 24 || n > this.end - pos || n === 0) return this.bitsRare(n);
    // a window of whole octets, shifted right to drop the bits past the field
    const buf = this.buf;
    let i = pos >>> 3;
    let got = 8 - (pos & 7);
    let v = buf[i] & (0xff >>> (pos & 7));
    while (got < n) {
      v = (v << 8) | buf[++i];
      got += 8;
    }
    this.pos = pos + n;
    return v >>> (got - n);
  }

  /** `bits` for the cases off its fast path: no field, too few bits left, or wider than 24 bits. */
  private bitsRare(n: number): number {
    if (n === 0) return 0;
    if (n > this.end - this.pos) this.need(n, `a ${n}-bit field`);
    // in two parts, keeping the window below 2^31 so the int32 shifts stay exact
    const hi = this.bits(n - 16);
    return hi * 65536 + this.bits(16);
  }

  bit(): boolean {
    if (this.pos >= this.end) this.need(1, "a bit");
    const p = this.pos++;
    return ((this.buf[p >>> 3] >>> (7 - (p & 7))) & 1) === 1;
  }

  align(): void {
    this.pos = (this.pos + 7) & ~7;
    if (this.pos > this.end) this.pos = this.end;
  }

  /** An aligned octet. */
  octet(): number {
    this.align();
    if (this.end - this.pos < 8) this.need(8, "an octet");
    const v = this.buf[this.pos >>> 3];
    this.pos += 8;
    return v;
  }

  /** n aligned octets as a view (no copy). */
  octets(n: number): Uint8Array {
    this.align();
    if (n * 8 > this.end - this.pos) this.need(n * 8, `${n} octets`);
    const start = this.pos >>> 3;
    this.pos += n * 8;
    return this.buf.subarray(start, start + n);
  }

  /** n bits (any alignment) copied into a fresh zero-padded array. */
  bitsCopy(n: number): Uint8Array {
    if (n > this.end - this.pos) this.need(n, `${n} bits`);
    const out = new Uint8Array((n + 7) >>> 3);
    if ((this.pos & 7) === 0) {
      out.set(this.buf.subarray(this.pos >>> 3, (this.pos + n + 7) >>> 3));
      if (n & 7) out[out.length - 1] &= 0xff << (8 - (n & 7));
      this.pos += n;
      return out;
    }
    let i = 0;
    for (; n >= 8; n -= 8) out[i++] = this.bits(8);
    if (n > 0) out[i] = this.bits(n) << (8 - n);
    return out;
  }

  /** An unsigned big-endian integer in `n` aligned octets (n <= 6 stays exact as a number). */
  uintOctets(n: number): number {
    this.align();
    if (n * 8 > this.end - this.pos) {
      // octet by octet, failing at the first one missing
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + this.octet();
      return v;
    }
    const buf = this.buf;
    let at = this.pos >>> 3;
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + buf[at++];
    this.pos += n * 8;
    return v;
  }

  /**
   * A constrained whole number of a range above 64K (X.691 10.5.7.4): the octet count - 1 in `countBits`
   * bits, then that many aligned octets. `whole` computes `countBits` from the range; generated code
   * passes it precomputed.
   */
  wholeOctets(countBits: number): number {
    const n = this.bits(countBits) + 1;
    const pos = (this.pos + 7) & ~7;
    if (n > 4 || pos + n * 8 > this.end) return this.uintOctets(n); // rare: slow and exact
    // up to 4 octets, all there: int32 shifts
    const buf = this.buf;
    let at = pos >>> 3;
    let v = buf[at++];
    for (let i = 1; i < n; i++) v = (v << 8) | buf[at++];
    this.pos = pos + n * 8;
    return v >>> 0;
  }

  /** A constrained whole number in 0..range-1 (X.691 10.5.7.2-10.5.7.4, ALIGNED). range <= 2^32. */
  whole(range: number): number {
    if (range <= 1) return 0;
    if (range <= 255) return this.bits(bitsFor(range - 1));
    if (range === 256) return this.octet();
    if (range <= 65536) {
      this.align();
      return this.bits(16);
    }
    return this.wholeOctets(bitsFor(octetsFor(range - 1) - 1));
  }

  /**
   * A length determinant (X.691 11.9.3.6-8). Returns the length; when it is a fragment (a multiple of 16K
   * followed by more), `fragmented` is set and the caller reads another length after the block.
   */
  length(): number {
    const b = this.octet();
    this.fragmented = false;
    if ((b & 0x80) === 0) return b;
    if ((b & 0x40) === 0) {
      if (this.end - this.pos < 8) this.need(8, "a 2-octet length");
      const v = ((b & 0x3f) << 8) | this.buf[this.pos >>> 3];
      this.pos += 8;
      return v;
    }
    const m = b & 0x3f;
    if (m < 1 || m > 4) this.fail(`fragment length header 0x${b.toString(16)} is not 0xc1..0xc4`);
    this.fragmented = true;
    return m * FRAGMENT;
  }

  /** A normally small non-negative whole number (X.691 10.6). */
  normallySmall(): number {
    if (!this.bit()) return this.bits(6);
    const len = this.length();
    if (this.fragmented || len < 1 || len > 4) this.fail(`normally small number of ${len} octets`);
    return this.uintOctets(len);
  }

  /** A normally small length n >= 1 (X.691 11.9.3.4): extension bitmaps. */
  smallLength(): number {
    if (!this.bit()) return this.bits(6) + 1;
    const n = this.length();
    if (this.fragmented || n === 0) this.fail(`extension bitmap of ${n} bits`);
    return n;
  }

  /**
   * Narrows the readable end to `nbits` from here (an open type's contents) and returns the outer end,
   * to give back to `leave`. The closure-free form of `within`, for the hot path.
   */
  enter(nbits: number): number {
    this.need(nbits, "an open type");
    const outer = this.end;
    this.end = this.pos + nbits;
    return outer;
  }

  /** Skips to the end narrowed by `enter` and restores the outer end. */
  leave(outer: number): void {
    this.pos = this.end;
    this.end = outer;
  }

  /** Runs `read` with the readable end narrowed to `nbits` from here, then skips to that end. */
  within<T>(nbits: number, read: () => T): T {
    this.need(nbits, "an open type");
    const outer = this.end;
    const stop = this.pos + nbits;
    this.end = stop;
    try {
      return read();
    } finally {
      this.end = outer;
      this.pos = stop;
    }
  }
}

/** Bits needed to write values 0..max (max >= 0). */
export function bitsFor(max: number): number {
  if (max <= 0) return 0;
  if (max <= 0xffffffff) return 32 - Math.clz32(max); // the common case, without a loop
  let n = 0;
  while (max > 0) {
    n++;
    max = Math.floor(max / 2);
  }
  return n;
}

/** Octets needed to write values 0..max (at least 1). */
export function octetsFor(max: number): number {
  let n = 1;
  while (max >= 256) {
    n++;
    max = Math.floor(max / 256);
  }
  return n;
}
