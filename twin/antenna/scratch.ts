/**
 * Reusable buffers for the hot paths, so per-direction calls allocate nothing. Safe because every user
 * fills and reads its slot within one synchronous call (and each worker has its own module instance).
 */

/** What each slot holds: a full steering vector, and its row and column factors. */
export const STEERING_SLOT = 0;
export const ROW_FACTOR_SLOT = 1;
export const COL_FACTOR_SLOT = 2;

const buffers = [new Float64Array(128), new Float64Array(32), new Float64Array(32)];

/** Slot `slot` with room for at least `length` numbers; valid until the next call for that slot. */
export function scratch(slot: number, length: number): Float64Array {
  if (buffers[slot].length < length) buffers[slot] = new Float64Array(length);
  return buffers[slot];
}
