/** Helpers shared by the antenna tests: a seeded generator and a dense search for a gain maximum. */

/** mulberry32: a small seeded PRNG in [0, 1), so failures name a reproducible seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEG = Math.PI / 180;

/**
 * Where `gain(azimuthRad, elevationRad)` peaks: a 1 deg grid over the front hemisphere, then a 0.02 deg
 * grid around the coarse best. Returns degrees.
 */
export function findPeakDeg(gain: (azimuthRad: number, elevationRad: number) => number): {
  azimuthDeg: number;
  elevationDeg: number;
} {
  const search = (azFrom: number, azTo: number, elFrom: number, elTo: number, stepDeg: number) => {
    let best = { azimuthDeg: 0, elevationDeg: 0, gain: -1 };
    for (let az = azFrom; az <= azTo + 1e-9; az += stepDeg) {
      for (let el = elFrom; el <= elTo + 1e-9; el += stepDeg) {
        const g = gain(az * DEG, el * DEG);
        if (g > best.gain) best = { azimuthDeg: az, elevationDeg: el, gain: g };
      }
    }
    return best;
  };
  const coarse = search(-89, 89, -89, 89, 1);
  const fine = search(
    coarse.azimuthDeg - 1.5,
    coarse.azimuthDeg + 1.5,
    coarse.elevationDeg - 1.5,
    coarse.elevationDeg + 1.5,
    0.02,
  );
  return { azimuthDeg: fine.azimuthDeg, elevationDeg: fine.elevationDeg };
}
