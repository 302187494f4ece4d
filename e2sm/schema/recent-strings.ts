/**
 * Strings decoded lately, found again by their octets. Names (measurement types, sender names) recur in
 * every message: handing back the string already built spares building it again, and a hit needs no
 * validation, as the octets equal those of a string validated before. One table per alphabet, a slot
 * per hash of the octets (a later string takes the slot over). Only 8-bit identity alphabets use it, so
 * a string's character codes are its octets, and the comparison reads the kept string itself.
 */
const SLOT_BITS = 10;
/** Longest string kept. */
export const RECENT_MAX = 64;

export class RecentStrings {
  private readonly strings: string[] = new Array<string>(1 << SLOT_BITS).fill("");

  /** The slot of the `n` octets at `buf[at]` (2 <= n <= RECENT_MAX): their length and six of them, mixed. */
  slotOf(buf: Uint8Array, at: number, n: number): number {
    let h = Math.imul(n ^ (buf[at] << 8) ^ (buf[at + 1] << 16), 0x9e3779b1);
    h = Math.imul(h ^ buf[at + (n >>> 2)] ^ (buf[at + (n >>> 1)] << 8), 0x85ebca6b);
    h = Math.imul(h ^ buf[at + n - 2] ^ (buf[at + n - 1] << 8), 0xc2b2ae35);
    return (h ^ (h >>> 15)) >>> (32 - SLOT_BITS);
  }

  /** The string kept in `slot` if it was made of the `n` octets at `buf[at]`. */
  find(slot: number, buf: Uint8Array, at: number, n: number): string | undefined {
    const s = this.strings[slot];
    if (s.length !== n) return undefined;
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== buf[at + i]) return undefined;
    return s;
  }

  /** Keeps `s` in `slot`. */
  keep(slot: number, s: string): void {
    this.strings[slot] = s;
  }
}
