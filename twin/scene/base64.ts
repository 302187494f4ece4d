/**
 * Base64 (RFC 4648, with padding) over bytes, without Buffer, so the scene file codec stays free of
 * node: APIs. Decoding rejects anything that is not canonical base64 rather than guessing.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096; // build in chunks: one fromCharCode per chunk, no quadratic concatenation
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    const codes: number[] = [];
    for (let i = start; i < end; i += 3) {
      const n = (bytes[i] << 16) | ((i + 1 < end ? bytes[i + 1] : 0) << 8) | (i + 2 < end ? bytes[i + 2] : 0);
      codes.push(ALPHABET.charCodeAt(n >>> 18), ALPHABET.charCodeAt((n >>> 12) & 63));
      codes.push(
        i + 1 < end ? ALPHABET.charCodeAt((n >>> 6) & 63) : 61,
        i + 2 < end ? ALPHABET.charCodeAt(n & 63) : 61,
      );
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

/** Decodes into a new Uint8Array; throws a RangeError naming the first bad character's index. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError(`length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const sextet = (i: number): number => {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c] : -1;
    if (v < 0) throw new RangeError(`character ${i} ('${text[i]}') is not base64`);
    return v;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c = last && padding === 2 ? 0 : last && padding === 1 ? 1 : 2; // sextets 2 and 3 may be padding
    const n =
      (sextet(i) << 18) | (sextet(i + 1) << 12) | (c >= 1 ? sextet(i + 2) << 6 : 0) | (c >= 2 ? sextet(i + 3) : 0);
    out[o++] = n >>> 16;
    if (c >= 1) out[o++] = (n >>> 8) & 255;
    if (c >= 2) out[o++] = n & 255;
  }
  return out;
}
