/**
 * Bit-level writer for ALIGNED PER, the mirror of `PerReader`. One buffer, doubled when full; open
 * types reserve a length octet and patch it once their contents are written.
 */
import { PerError } from "./per-error.js";
import { bitsFor, FRAGMENT, octetsFor } from "./per-reader.js";

/**
 * Output arrays of small encodings are views carved from shared chunks, as Node's Buffer pool does:
 * allocating an ArrayBuffer per message costs more than encoding a 1 KB message. So an encoding's
 * `.buffer` may hold other encodings too (copy it before transferring it to another thread). A view
 * keeps its chunk alive, so only encodings up to CHUNK / 8 are pooled.
 */
const CHUNK = 32768;
let chunk = new ArrayBuffer(CHUNK);
let chunkUsed = 0;

function carve(n: number): Uint8Array {
  if (n > CHUNK / 8) return new Uint8Array(n);
  // (a chunk transferred away anyway reads as empty, and is replaced)
  if (chunkUsed + n > chunk.byteLength) {
    chunk = new ArrayBuffer(CHUNK);
    chunkUsed = 0;
  }
  const out = new Uint8Array(chunk, chunkUsed, n);
  chunkUsed = (chunkUsed + n + 7) & ~7; // each view starts 8-aligned
  return out;
}

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

  /** The written octets (padded), copied out (see `carve`). */
  finish(): Uint8Array {
    if (this.pos === 0) return new Uint8Array(1); // an empty complete encoding is one zero octet
    const n = (this.pos + 7) >>> 3;
    const out = carve(n);
    out.set(this.buf.subarray(0, n));
    return out;
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

  /** Writes the low n bits of v (0 <= n <= 32, v >= 0). Kept small so the compiler inlines it everywhere. */
  bits(v: number, n: number): void {
    const pos = this.pos;
    if (n > 24 || n === 0 || (pos + n + 7) >>> 3 > this.buf.length) return this.bitsRare(v, n);
    // the field placed in a 32-bit window starting at this octet (n + (pos & 7) <= 31 bits); the first
    // octet shares earlier bits, the others are still zero and are simply stored
    const buf = this.buf;
    const word = (v & ((1 << n) - 1)) << (32 - n - (pos & 7));
    let i = pos >>> 3;
    buf[i] |= word >>> 24;
    const last = (pos + n - 1) >>> 3;
    for (let shift = 16; i < last; shift -= 8) buf[++i] = word >>> shift;
    this.pos = pos + n;
  }

  /** `bits` off its fast path: no field, a full buffer, or wider than 24 bits (two halves). */
  private bitsRare(v: number, n: number): void {
    if (n === 0) return;
    this.ensure(n);
    if (n <= 24) return this.bits(v, n);
    this.bits(Math.floor(v / 65536), n - 16);
    this.bits(v & 0xffff, 16);
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
    let i = n - 1;
    if (v > 0xffffffff && n > 4) {
      // above 32 bits: the low word first, then the rest (no int32 shifts on the whole value)
      const hi = Math.floor(v / 4294967296);
      for (let lo = v - hi * 4294967296, k = 0; k < 4; k++, i--, lo >>>= 8) buf[at + i] = lo & 0xff;
      v = hi;
    }
    for (; i >= 0; i--, v >>>= 8) buf[at + i] = v & 0xff;
    this.pos += n * 8;
  }

  /**
   * Aligns and makes room for up to `n` octets; returns the index in `buf` of the first. The caller
   * stores what it needs there (all zero so far) and moves `pos` past it.
   */
  room(n: number): number {
    this.align();
    this.ensure(n * 8);
    return this.pos >>> 3;
  }

  /**
   * Aligns and reserves `n` octets for the caller to store into `buf` from the returned index (still
   * zero, as everything past `pos` is).
   */
  reserve(n: number): number {
    this.align();
    this.ensure(n * 8);
    const at = this.pos >>> 3;
    this.pos += n * 8;
    return at;
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
    if (n > 4) return this.uintOctets(v, n);
    // up to 32 bits: int32 shifts
    const at = this.room(n);
    const buf = this.buf;
    for (let k = n - 1; k >= 0; k--, v >>>= 8) buf[at + k] = v;
    this.pos = (at + n) * 8;
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
