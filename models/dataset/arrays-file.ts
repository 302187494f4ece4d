/**
 * A small binary container for named typed arrays and a JSON header: dataset chunks, datasets and
 * trained weights.
 *
 *   "TWARRS01" | header length n (uint32 LE) | n octets of UTF-8 JSON: { meta, arrays: [{ name, type,
 *   length }] } | per array, zero padding to a multiple of 8, then its elements, little-endian
 *
 * Loading checks every part and names what is wrong and where.
 */

const MAGIC = "TWARRS01";

export type ArrayType = "f32" | "f64" | "u8";
export type NamedArray = Float32Array | Float64Array | Uint8Array;

const TYPES: Record<ArrayType, { bytes: number; make: (n: number) => NamedArray }> = {
  f32: { bytes: 4, make: (n) => new Float32Array(n) },
  f64: { bytes: 8, make: (n) => new Float64Array(n) },
  u8: { bytes: 1, make: (n) => new Uint8Array(n) },
};

const typeOf = (a: NamedArray): ArrayType =>
  a instanceof Float32Array ? "f32" : a instanceof Float64Array ? "f64" : "u8";
const align8 = (n: number) => (n + 7) & ~7;

export class ArraysFileError extends Error {
  override name = "ArraysFileError";
  constructor(file: string, reason: string) {
    super(`cannot load ${file}: ${reason}`);
  }
}

export function encodeArrays(meta: unknown, arrays: Readonly<Record<string, NamedArray>>): Uint8Array {
  const entries = Object.entries(arrays);
  const header = new TextEncoder().encode(
    JSON.stringify({ meta, arrays: entries.map(([name, a]) => ({ name, type: typeOf(a), length: a.length })) }),
  );
  let size = 12 + header.length;
  for (const [, a] of entries) size = align8(size) + a.byteLength;
  const out = new Uint8Array(size);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  let at = 12 + header.length;
  for (const [, a] of entries) {
    at = align8(at);
    // (little-endian machines only: every machine Node runs on today)
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

export function decodeArrays<M = unknown>(
  bytes: Uint8Array,
  file: string,
): { meta: M; arrays: Record<string, NamedArray> } {
  const fail = (reason: string): never => {
    throw new ArraysFileError(file, reason);
  };
  if (bytes.length < 12) fail(`${bytes.length} octets is too short for a header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) fail(`octets 0-7 read ${JSON.stringify(magic)}, not ${MAGIC}`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + n > bytes.length) fail(`header claims ${n} octets at octet 12, the file has ${bytes.length - 12} left`);
  let header: { meta: M; arrays: { name: string; type: ArrayType; length: number }[] };
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + n)));
  } catch (e) {
    return fail(`header (octets 12-${11 + n}) is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(header?.arrays)) fail("header.arrays is missing");
  const arrays: Record<string, NamedArray> = {};
  let at = 12 + n;
  header.arrays.forEach((d, k) => {
    const t = TYPES[d?.type];
    if (!t) fail(`header.arrays[${k}].type ${JSON.stringify(d?.type)} is not f32, f64 or u8`);
    if (!Number.isInteger(d.length) || d.length < 0) fail(`header.arrays[${k}].length is not a count`);
    at = align8(at);
    const size = d.length * t.bytes;
    if (at + size > bytes.length)
      fail(`array ${d.name} (${size} octets at octet ${at}) runs past the end (${bytes.length})`);
    const a = t.make(d.length);
    new Uint8Array(a.buffer).set(bytes.subarray(at, at + size));
    arrays[d.name] = a;
    at += size;
  });
  if (at !== bytes.length) fail(`${bytes.length - at} octets after the last array`);
  return { meta: header.meta, arrays };
}
