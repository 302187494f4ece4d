/**
 * REAL contents octets (X.690 8.5), as PER carries them after a length determinant. We write the
 * binary base-2 form with an odd mantissa (what C encoders send); we read binary (bases 2, 8, 16,
 * any scale factor), decimal (ISO 6093 NR1/NR2/NR3, what Erlang sends) and the special values.
 */

const PLUS_INFINITY = 0x40;
const MINUS_INFINITY = 0x41;
const NOT_A_NUMBER = 0x42;
const MINUS_ZERO = 0x43;

export function encodeReal(x: number): Uint8Array {
  if (x === 0) return Object.is(x, -0) ? Uint8Array.of(MINUS_ZERO) : new Uint8Array(0);
  if (Number.isNaN(x)) return Uint8Array.of(NOT_A_NUMBER);
  if (x === Infinity) return Uint8Array.of(PLUS_INFINITY);
  if (x === -Infinity) return Uint8Array.of(MINUS_INFINITY);

  // |x| = mantissa * 2^exponent with an integer mantissa, read exactly from the IEEE 754 bits
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (hi & 0xfffff) * 2 ** 32 + lo;
  let exponent: number;
  if (biased === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa += 2 ** 52;
    exponent = biased - 1075;
  }
  while (mantissa % 2 === 0) {
    mantissa /= 2;
    exponent++;
  }

  const exp: number[] = [];
  for (let e = exponent; ; ) {
    exp.unshift(e & 0xff);
    e >>= 8;
    if ((e === 0 && (exp[0] & 0x80) === 0) || (e === -1 && (exp[0] & 0x80) !== 0)) break;
  }
  const man: number[] = [];
  for (let m = mantissa; m > 0; m = Math.floor(m / 256)) man.unshift(m % 256);

  const first = 0x80 | (x < 0 ? 0x40 : 0) | (exp.length - 1); // base 2, scale 0, 1- or 2-octet exponent
  return Uint8Array.from([first, ...exp, ...man]);
}

/** Decodes REAL contents; `fail` throws with a reason. */
export function decodeReal(bytes: Uint8Array, fail: (reason: string) => never): number {
  if (bytes.length === 0) return 0;
  const first = bytes[0];
  if (first & 0x80) return decodeBinary(bytes, fail);
  if (first & 0x40) {
    if (bytes.length !== 1) fail("REAL special value with extra octets");
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
    fail(`unknown REAL special value 0x${first.toString(16)}`);
  }
  return decodeDecimal(bytes, fail);
}

function decodeBinary(bytes: Uint8Array, fail: (reason: string) => never): number {
  const first = bytes[0];
  const sign = first & 0x40 ? -1 : 1;
  const baseBits = [1, 3, 4][(first >>> 4) & 3];
  if (baseBits === undefined) fail("REAL base 11 is reserved");
  const scale = (first >>> 2) & 3;
  let i = 1;
  let expLen = (first & 3) + 1;
  if (expLen === 4) {
    if (bytes.length < 2) fail("REAL exponent length missing");
    expLen = bytes[1];
    i = 2;
    if (expLen === 0) fail("REAL exponent of 0 octets");
  }
  if (bytes.length < i + expLen) fail("REAL exponent truncated");
  let exponent = 0;
  if (expLen > 4) {
    // beyond any double: only the sign of the exponent matters
    exponent = bytes[i] & 0x80 ? -1e6 : 1e6;
  } else {
    for (let k = 0; k < expLen; k++) exponent = exponent * 256 + bytes[i + k];
    if (bytes[i] & 0x80) exponent -= 2 ** (8 * expLen);
  }
  i += expLen;
  let mantissa = 0n;
  for (; i < bytes.length; i++) mantissa = (mantissa << 8n) | BigInt(bytes[i]);
  if (mantissa === 0n) return sign * 0;
  const power = exponent * baseBits + scale;
  // scale the mantissa to ~53 bits before leaving bigint, so huge mantissas keep their precision
  const extra = Math.max(0, mantissa.toString(2).length - 64);
  return sign * Number(mantissa >> BigInt(extra)) * 2 ** (power + extra);
}

const NR = /^[+-]?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/i;

function decodeDecimal(bytes: Uint8Array, fail: (reason: string) => never): number {
  const form = bytes[0] & 0x3f;
  if (form < 1 || form > 3) fail(`REAL decimal form ${form} is not NR1, NR2 or NR3`);
  let text = "";
  for (let i = 1; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  text = text.trim().replace(",", ".");
  if (!NR.test(text)) fail(`REAL decimal "${text.slice(0, 40)}" is not ISO 6093`);
  return Number(text);
}
