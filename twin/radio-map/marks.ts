/**
 * (code, grid cell) pairs marked during discovery: which interaction sequence (or wedge) may reach
 * which cell. Kept as one growable Float64Array of keys code * 2^24 + cell, sorted and made unique once,
 * then read back grouped by code, so each sequence is evaluated over its cells in one go.
 */
const CELL_BITS = 2 ** 24;
/** Grids up to this many cells (16.7 M: 4096 x 4096). */
export const MAX_GRID_CELLS = CELL_BITS;

/** Slots of the filter of recent keys (a power of two). */
const RECENT_SLOTS = 1 << 16;

export class CellMarks {
  private keys = new Float64Array(1 << 16);
  private count = 0;
  /** Unique keys up to here (compacted). */
  private compacted = 0;
  /**
   * Keys marked lately, by a hash of the key: neighbouring rays of one sequence mark overlapping
   * footprints, and dropping those repeats here spares most of the sorting.
   */
  private readonly recent = new Float64Array(RECENT_SLOTS).fill(-1);

  mark(code: number, cell: number): void {
    const key = code * CELL_BITS + cell;
    const slot = (Math.imul(code, 0x9e3779b1) ^ Math.imul(cell, 0x85ebca6b)) >>> 16;
    if (this.recent[slot] === key) return;
    this.recent[slot] = key;
    if (this.count === this.keys.length) this.grow();
    this.keys[this.count++] = key;
  }

  /** Makes the keys unique; when that frees less than half, doubles the room. */
  private grow(): void {
    this.compact();
    if (this.count > this.keys.length / 2) {
      const next = new Float64Array(this.keys.length * 2);
      next.set(this.keys.subarray(0, this.count));
      this.keys = next;
    }
  }

  private compact(): void {
    if (this.compacted === this.count) return;
    const k = this.keys.subarray(0, this.count);
    k.sort();
    let n = 0;
    for (let i = 0; i < k.length; i++) if (i === 0 || k[i] !== k[i - 1]) k[n++] = k[i];
    this.count = n;
    this.compacted = n;
  }

  /** The unique keys, sorted (a copy, transferable to another thread). */
  finish(): Float64Array {
    this.compact();
    return this.keys.slice(0, this.count);
  }
}

/** Merges sorted unique key arrays into one sorted unique array. */
export function mergeMarks(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i];
  return all.slice(0, n);
}

export const codeOf = (key: number): number => Math.floor(key / CELL_BITS);
export const cellOf = (key: number): number => key % CELL_BITS;

/** Renumbers the codes of keys through `map` (old code -> new code), keeping those `keep` accepts, sorted. */
export function renumberCodes(
  keys: Float64Array,
  map: (code: number) => number,
  keep: (code: number) => boolean = () => true,
): Float64Array {
  const out = new Float64Array(keys.length);
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    const code = map(codeOf(keys[i]));
    if (keep(code)) out[n++] = code * CELL_BITS + cellOf(keys[i]);
  }
  return out.subarray(0, n).sort();
}
