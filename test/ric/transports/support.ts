/** Test PDUs for the transport tests. */

/** A PDU of `length` bytes whose content depends on `seed`, so a swapped or shifted PDU shows. */
export const pduOf = (length: number, seed: number): Uint8Array => {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};
