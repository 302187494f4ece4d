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

  /** The unique keys, sorted: a copy in shared memory, which every evaluation task reads uncopied. */
  finish(): Float64Array {
    this.compact();
    const out = new Float64Array(new SharedArrayBuffer(this.count * Float64Array.BYTES_PER_ELEMENT));
    out.set(this.keys.subarray(0, this.count));
    return out;
  }
}

/** Merges sorted unique key arrays into one sorted unique array (pairwise, in linear passes). */
export function mergeMarks(parts: readonly Float64Array[]): Float64Array {
  let round = [...parts];
  if (round.length === 0) return new Float64Array(0);
  while (round.length > 1) {
    const next: Float64Array[] = [];
    for (let i = 0; i < round.length; i += 2)
      next.push(i + 1 < round.length ? mergeTwo(round[i], round[i + 1]) : round[i]);
    round = next;
  }
  return round[0] === parts[0] ? round[0].slice() : round[0];
}

function mergeTwo(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x <= y) {
      out[n++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  return n === out.length ? out : out.slice(0, n);
}

export const codeOf = (key: number): number => Math.floor(key / CELL_BITS);
export const cellOf = (key: number): number => key % CELL_BITS;

/**
 * The keys with each code renumbered through `newCode` (old code -> new code, negative: dropped), sorted.
 * (A plain loop over a table: this runs over every key discovery found, in each evaluation task.)
 */
export function renumberCodes(keys: Float64Array, newCode: ArrayLike<number>): Float64Array {
  const out = new Float64Array(keys.length);
  let n = 0;
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const code = Math.floor(key / CELL_BITS);
    const to = newCode[code];
    if (to < 0) continue;
    const renumbered = to * CELL_BITS + (key - code * CELL_BITS);
    if (n > 0 && renumbered < out[n - 1]) sorted = false;
    out[n++] = renumbered;
  }
  const kept = out.subarray(0, n);
  return sorted ? kept : kept.sort();
}
