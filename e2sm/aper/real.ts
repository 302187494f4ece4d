/**
 * REAL contents octets (X.690 8.5), as PER carries them after a length determinant. We write the
 * binary base-2 form with an odd mantissa (what C encoders send); we read binary (bases 2, 8, 16,
 * any scale factor), decimal (ISO 6093 NR1/NR2/NR3, what Erlang sends) and the special values.
 */

import { PerError } from "./per-error.js";
import type { PerReader } from "./per-reader.js";
import type { PerWriter } from "./per-writer.js";

const PLUS_INFINITY = 0x40;
const MINUS_INFINITY = 0x41;
const NOT_A_NUMBER = 0x42;
const MINUS_ZERO = 0x43;

export function encodeReal(x: number): Uint8Array {
  return scratch.slice(0, realContents(x, scratch, 0));
}

/** Writes REAL `x` as PER does: a length octet, then the contents (at most 10 octets, so no fragments). */
export function writeReal(w: PerWriter, x: number): void {
  // straight into the output: a one-octet length (contents are at most 10 octets), then the contents
  const at = w.room(11);
  const n = realContents(x, w.buf, at + 1);
  w.buf[at] = n;
  w.pos = (at + 1 + n) * 8;
}

const scratch = new Uint8Array(16);
const float = new DataView(new ArrayBuffer(8));

/**
 * Writes the contents octets of `x` into `out` from index `at`; returns their count (at most 10). The
 * special values apart, so that the usual path stays small enough for V8 to inline.
 */
function realContents(x: number, out: Uint8Array, at: number): number {
  if (x === 0 || !Number.isFinite(x)) return specialContents(x, out, at);

  // |x| = mantissa * 2^exponent with an integer mantissa, read exactly from the IEEE 754 bits; the
  // mantissa (<= 53 bits) is kept as two uint32 halves so trailing zeros strip with shifts
  float.setFloat64(0, x);
  const hi = float.getUint32(0);
  let mHi = hi & 0xfffff;
  let mLo = float.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let exponent = -1074; // subnormal
  if (biased !== 0) {
    mHi += 0x100000;
    exponent = biased - 1075;
  }
  // make the mantissa odd (what C encoders send)
  if (mLo === 0) {
    mLo = mHi;
    mHi = 0;
    exponent += 32;
  }
  const tz = 31 - Math.clz32(mLo & -mLo);
  if (tz > 0) {
    mLo = ((mLo >>> tz) | (mHi << (32 - tz))) >>> 0;
    mHi >>>= tz;
    exponent += tz;
  }

  // base 2, scale 0, a 1- or 2-octet two's-complement exponent (-1074..971 always fits in two);
  // stores into `out` keep the low 8 bits
  const wide = exponent < -128 || exponent > 127;
  let p = at;
  out[p++] = 0x80 | (x < 0 ? 0x40 : 0) | (wide ? 1 : 0);
  if (wide) out[p++] = exponent >> 8;
  out[p++] = exponent;
  // the mantissa in as few big-endian octets as it needs (octets 4.. from the high half)
  for (let k = (mHi > 0 ? 4 + octetCount(mHi) : octetCount(mLo)) - 1; k >= 0; k--)
    out[p++] = k >= 4 ? mHi >>> (8 * k - 32) : mLo >>> (8 * k);
  return p - at;
}

/** The contents of 0, -0, NaN and the infinities. */
function specialContents(x: number, out: Uint8Array, at: number): number {
  if (x === 0 && !Object.is(x, -0)) return 0;
  out[at] = x === 0 ? MINUS_ZERO : Number.isNaN(x) ? NOT_A_NUMBER : x > 0 ? PLUS_INFINITY : MINUS_INFINITY;
  return 1;
}

/** Octets needed for a uint32 (0 for 0). */
function octetCount(v: number): number {
  return v === 0 ? 0 : v < 0x100 ? 1 : v < 0x10000 ? 2 : v < 0x1000000 ? 3 : 4;
}

/** Reads a REAL as PER carries it: a length (never fragmented), then the contents. */
export function readReal(r: PerReader): number {
  // the usual case, small enough to inline: a one-octet length, all the contents there, base 2
  const pos = (r.pos + 7) & ~7;
  const n = pos + 8 <= r.end ? r.buf[pos >>> 3] : 0x80;
  const end = pos + 8 + n * 8;
  if (n < 0x80 && end <= r.end) {
    const x = base2(r.buf, (pos >>> 3) + 1, n);
    if (!Number.isNaN(x)) {
      r.pos = end;
      r.fragmented = false;
      return x;
    }
  }
  return readRealRare(r);
}

function readRealRare(r: PerReader): number {
  const n = r.length();
  if (r.fragmented) r.fail("REAL longer than 16K octets", "E2_DECODE_LIMIT");
  r.align();
  if (n * 8 > r.remaining) r.need(n * 8, `${n} octets`);
  const at = r.pos >>> 3;
  r.pos += n * 8;
  return realAt(r.buf, at, n, r.pos);
}

/**
 * The form encoders send (binary, base 2, a 1- or 2-octet exponent, at most 8 mantissa octets), small
 * enough to inline; NaN (which this form cannot express) for anything else, left to `realAt`.
 */
function base2(buf: Uint8Array, at: number, len: number): number {
  const first = len > 0 ? buf[at] : 0;
  const expLen = (first & 3) + 1;
  const m = len - 1 - expLen; // mantissa octets
  if ((first & 0xb2) !== 0x80 || m < 1 || m > 8) return Number.NaN;
  let i = at + 1;
  let exponent = buf[i] & 0x80 ? buf[i] - 256 : buf[i];
  if (expLen === 2) exponent = exponent * 256 + buf[++i];
  i++;
  const split = m > 4 ? i + m - 4 : i;
  let hi = 0;
  for (; i < split; i++) hi = (hi << 8) | buf[i];
  let lo = 0;
  for (; i < at + len; i++) lo = (lo << 8) | buf[i];
  const mantissa = (hi >>> 0) * 4294967296 + (lo >>> 0);
  if (mantissa === 0) return first & 0x40 ? -0 : 0;
  return (first & 0x40 ? -mantissa : mantissa) * pow2(exponent + ((first >>> 2) & 3));
}

/** Decodes REAL contents; `fail` throws with a reason. */
export function decodeReal(bytes: Uint8Array, fail: (reason: string) => never): number {
  try {
    return realAt(bytes, 0, bytes.length, -1);
  } catch (e) {
    if (e instanceof PerError) fail(e.reason);
    throw e;
  }
}

/** Decodes the `len` contents octets at `buf[at]`; failures are PerErrors at `bitOffset`. */
function realAt(buf: Uint8Array, at: number, len: number, bitOffset: number): number {
  if (len === 0) return 0;
  const first = buf[at];
  if (first & 0x80) return decodeBinary(buf, at, len, bitOffset);
  if (first & 0x40) {
    if (len !== 1) invalid("REAL special value with extra octets", bitOffset);
    switch (first) {
      case PLUS_INFINITY:
        return Infinity;
      case MINUS_INFINITY:
        return -Infinity;
      case NOT_A_NUMBER:
        return Number.NaN;
      case MINUS_ZERO:
        return -0;
    }
    invalid(`unknown REAL special value 0x${first.toString(16)}`, bitOffset);
  }
  return decodeDecimal(buf.subarray(at, at + len), bitOffset);
}

function invalid(reason: string, bitOffset: number): never {
  throw new PerError("E2_DECODE_INVALID", reason, bitOffset);
}

function decodeBinary(buf: Uint8Array, at: number, len: number, bitOffset: number): number {
  const first = buf[at];
  const end = at + len;
  const sign = first & 0x40 ? -1 : 1;
  const base = (first >>> 4) & 3;
  if (base === 3) invalid("REAL base 11 is reserved", bitOffset);
  const baseBits = base === 0 ? 1 : base === 1 ? 3 : 4;
  const scale = (first >>> 2) & 3;
  let i = at + 1;
  let expLen = (first & 3) + 1;
  if (expLen === 4) {
    if (len < 2) invalid("REAL exponent length missing", bitOffset);
    expLen = buf[i];
    i++;
    if (expLen === 0) invalid("REAL exponent of 0 octets", bitOffset);
  }
  if (end < i + expLen) invalid("REAL exponent truncated", bitOffset);
  let exponent = 0;
  if (expLen > 4) {
    // beyond any double: only the sign of the exponent matters
    exponent = buf[i] & 0x80 ? -1e6 : 1e6;
  } else {
    // two's complement: the first octet signed, the rest appended
    exponent = buf[i] & 0x80 ? buf[i] - 256 : buf[i];
    for (let k = 1; k < expLen; k++) exponent = exponent * 256 + buf[i + k];
  }
  i += expLen;
  const power = exponent * baseBits + scale;
  if (end - i <= 8) {
    // up to 64 bits: hi * 2^32 + lo rounds once, exactly as Number(bigint) does
    const split = end - i > 4 ? end - 4 : i;
    let hi = 0;
    for (; i < split; i++) hi = (hi << 8) | buf[i];
    let lo = 0;
    for (; i < end; i++) lo = (lo << 8) | buf[i];
    const mantissa = (hi >>> 0) * 4294967296 + (lo >>> 0);
    if (mantissa === 0) return sign * 0;
    return sign * mantissa * pow2(power);
  }
  let mantissa = 0n;
  for (; i < end; i++) mantissa = (mantissa << 8n) | BigInt(buf[i]);
  if (mantissa === 0n) return sign * 0;
  // scale the mantissa to ~53 bits before leaving bigint, so huge mantissas keep their precision
  const extra = Math.max(0, mantissa.toString(2).length - 64);
  return sign * Number(mantissa >> BigInt(extra)) * 2 ** (power + extra);
}

/** Every power of two a double holds exactly (2^-1074..2^1023), so scaling needs no Math.pow. */
const POW2 = Float64Array.from({ length: 2098 }, (_, i) => 2 ** (i - 1074));

/** 2^n, the same value as `2 ** n`. */
function pow2(n: number): number {
  return n >= -1074 && n <= 1023 ? POW2[n + 1074] : 2 ** n;
}

const NR = /^[+-]?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/i;

function decodeDecimal(bytes: Uint8Array, bitOffset: number): number {
  const form = bytes[0] & 0x3f;
  if (form < 1 || form > 3) invalid(`REAL decimal form ${form} is not NR1, NR2 or NR3`, bitOffset);
  let text = "";
  for (let i = 1; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  text = text.trim().replace(",", ".");
  if (!NR.test(text)) invalid(`REAL decimal "${text.slice(0, 40)}" is not ISO 6093`, bitOffset);
  return Number(text);
}
