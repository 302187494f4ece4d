/**
 * The proportional-fair scheduler, abstracted to time shares: over many slots PF gives UEs of similar
 * average rate equal shares of the resources, and a UE that needs less than its share (a web page
 * nearly through, a video buffer full) leaves the rest to the others. That is max-min fair water-filling
 * on the fractions of the carrier each UE needs. The share of the carrier in use is the PRB usage.
 */

/**
 * `need[i]` is the fraction of the carrier UE i could use this step (its buffer over its rate; 1 or
 * more for a full buffer). Writes each UE's share into `share` and returns the total in use (0..1).
 * `order` is scratch space of at least `n` entries.
 */
export function waterFill(need: Float64Array, n: number, share: Float64Array, order: Int32Array): number {
  for (let i = 0; i < n; i++) order[i] = i;
  // smallest needs first: each takes what it needs, up to an equal split of what is left
  const sorted = order.subarray(0, n).sort((a, b) => need[a] - need[b]);
  let left = 1;
  for (let k = 0; k < n; k++) {
    const i = sorted[k];
    const s = Math.min(Math.max(0, need[i]), left / (n - k));
    share[i] = s;
    left -= s;
  }
  return 1 - left;
}
