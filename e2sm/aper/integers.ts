/**
 * INTEGER encodings beyond the small constrained case (X.691 12): large constrained ranges,
 * semi-constrained and unconstrained values, as number while exact and bigint beyond 2^53.
 */
import { bitsFor, type PerReader } from "./per-reader.js";
import type { PerWriter } from "./per-writer.js";

/** Returns a number when exact, else the bigint. */
export function narrow(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Minimal big-endian octets of a non-negative value. */
function unsignedOctets(v: bigint): Uint8Array {
  const out: number[] = [];
  do {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  return Uint8Array.from(out.reverse());
}

/** Minimal two's-complement octets. */
function signedOctets(v: bigint): Uint8Array {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0xffn);
    out.push(byte);
    v >>= 8n; // arithmetic shift keeps the sign
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out.reverse());
}

function readUnsigned(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function readSigned(bytes: Uint8Array): bigint {
  const v = readUnsigned(bytes);
  return bytes.length > 0 && bytes[0] & 0x80 ? v - (1n << BigInt(bytes.length * 8)) : v;
}

/** Octets of the length field for a constrained range > 64K. */
function rangeOctets(range: bigint): number {
  return unsignedOctets(range - 1n).length;
}

/** A constrained whole number off = v - lb in a range larger than 2^32 (bigint ranges). */
export function writeWholeBig(w: PerWriter, off: bigint, range: bigint): void {
  const bytes = unsignedOctets(off);
  w.bits(bytes.length - 1, bitsFor(rangeOctets(range) - 1));
  w.octets(bytes);
}

export function readWholeBig(r: PerReader, range: bigint): bigint {
  const n = r.bits(bitsFor(rangeOctets(range) - 1)) + 1;
  return readUnsigned(r.octets(n));
}

/** Semi-constrained: length + minimal unsigned octets of v - lb. */
export function writeSemi(w: PerWriter, off: bigint): void {
  const bytes = unsignedOctets(off);
  w.length(bytes.length);
  w.octets(bytes);
}

/**
 * Semi-constrained with lower bound `lb` (`lbNumber` = Number(lb), NaN when inexact), as a number when
 * exact: the usual few octets need no bigint.
 */
export function readSemiNarrow(r: PerReader, lb: bigint, lbNumber: number): number | bigint {
  const n = r.length();
  if (r.fragmented || n === 0) r.fail(`integer of ${r.fragmented ? "fragmented" : 0} octets`);
  if (n <= 6 && n * 8 <= r.remaining) {
    const u = r.uintOctets(n); // exact: below 2^48
    const v = u + lbNumber;
    return Number.isSafeInteger(v) ? v : narrow(BigInt(u) + lb);
  }
  return narrow(readUnsigned(r.octets(n)) + lb);
}

export function readSemi(r: PerReader): bigint {
  const n = r.length();
  if (r.fragmented || n === 0) r.fail(`integer of ${r.fragmented ? "fragmented" : 0} octets`);
  return readUnsigned(r.octets(n));
}

/** Unconstrained: length + minimal two's-complement octets. */
export function writeUnconstrained(w: PerWriter, v: bigint): void {
  const bytes = signedOctets(v);
  w.length(bytes.length);
  w.octets(bytes);
}

const OCTET_RANGE = [1, 2 ** 8, 2 ** 16, 2 ** 24, 2 ** 32, 2 ** 40, 2 ** 48];

/** Unconstrained, as a number when exact (the usual few octets: no bigint). */
export function readUnconstrainedNarrow(r: PerReader): number | bigint {
  const n = r.length();
  if (r.fragmented || n === 0) r.fail(`integer of ${r.fragmented ? "fragmented" : 0} octets`);
  if (n <= 6 && n * 8 <= r.remaining) {
    const v = r.uintOctets(n);
    const top = OCTET_RANGE[n]; // not 2 ** (8 * n): Math.pow is slow
    return v >= top / 2 ? v - top : v;
  }
  return narrow(readSigned(r.octets(n)));
}

export function readUnconstrained(r: PerReader): bigint {
  const n = r.length();
  if (r.fragmented || n === 0) r.fail(`integer of ${r.fragmented ? "fragmented" : 0} octets`);
  return readSigned(r.octets(n));
}
