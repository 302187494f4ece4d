/**
 * Strings decoded or encoded lately, found again by their octets (decoding) or by the string (encoding).
 * Names (measurement types, sender names) recur in every message: decoding hands back the string
 * already built, encoding copies the octets already checked, and neither validates again, as the
 * octets equal those of a string validated before. One table per alphabet, a slot per hash of the
 * octets (a later string takes the slot over). Only 8-bit identity alphabets use it, so a string's
 * character codes are its octets and both hash alike. Each slot keeps a copy of its string's octets:
 * comparing two byte arrays costs half as much as comparing bytes with a string's characters.
 */
const SLOT_BITS = 10;
/** Longest string kept. */
export const RECENT_MAX = 64;

export class RecentStrings {
  private readonly strings: string[] = new Array<string>(1 << SLOT_BITS).fill("");
  /** The octets of each slot's string, RECENT_MAX apart. */
  private readonly octets = new Uint8Array((1 << SLOT_BITS) * RECENT_MAX);

  /** The slot of the `n` octets at `buf[at]` (2 <= n <= RECENT_MAX): their length and six of them, mixed. */
  slotOf(buf: Uint8Array, at: number, n: number): number {
    let h = Math.imul(n ^ (buf[at] << 8) ^ (buf[at + 1] << 16), 0x9e3779b1);
    h = Math.imul(h ^ buf[at + (n >>> 2)] ^ (buf[at + (n >>> 1)] << 8), 0x85ebca6b);
    h = Math.imul(h ^ buf[at + n - 2] ^ (buf[at + n - 1] << 8), 0xc2b2ae35);
    return (h ^ (h >>> 15)) >>> (32 - SLOT_BITS);
  }

  /** The slot of string `s` (2 <= length <= RECENT_MAX): `slotOf` of its character codes. */
  slotOfString(s: string): number {
    const n = s.length;
    let h = Math.imul(n ^ (s.charCodeAt(0) << 8) ^ (s.charCodeAt(1) << 16), 0x9e3779b1);
    h = Math.imul(h ^ s.charCodeAt(n >>> 2) ^ (s.charCodeAt(n >>> 1) << 8), 0x85ebca6b);
    h = Math.imul(h ^ s.charCodeAt(n - 2) ^ (s.charCodeAt(n - 1) << 8), 0xc2b2ae35);
    return (h ^ (h >>> 15)) >>> (32 - SLOT_BITS);
  }

  /** Copies the octets of `s` to `buf[at]` if `s` is the string kept in `slot`; says whether it did. */
  copyInto(slot: number, s: string, buf: Uint8Array, at: number): boolean {
    if (this.strings[slot] !== s) return false;
    const octets = this.octets;
    const from = slot * RECENT_MAX;
    for (let i = 0; i < s.length; i++) buf[at + i] = octets[from + i];
    return true;
  }

  /** The string kept in `slot` if it was made of the `n` octets at `buf[at]`. */
  find(slot: number, buf: Uint8Array, at: number, n: number): string | undefined {
    const s = this.strings[slot];
    if (s.length !== n) return undefined;
    const octets = this.octets;
    const from = slot * RECENT_MAX;
    for (let i = 0; i < n; i++) if (octets[from + i] !== buf[at + i]) return undefined;
    return s;
  }

  /** Keeps `s`, made of the `n` octets at `buf[at]`, in `slot`. */
  keep(slot: number, s: string, buf: Uint8Array, at: number): void {
    this.strings[slot] = s;
    this.octets.set(buf.subarray(at, at + s.length), slot * RECENT_MAX);
  }
}
