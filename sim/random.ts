/**
 * The simulator's random numbers: xoshiro128** (128-bit state, period 2^128 - 1, good enough for
 * statistics), seeded through splitmix32. Every model draws from its own stream, derived from the
 * scenario's seed and the stream's name, so adding draws to one model never shifts another: the same
 * seed gives the same run, bit for bit, on every platform.
 */

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream from the scenario `seed` and a stream `name` (e.g. `"mobility"`, `"fading/3"`). */
  constructor(seed: number, name = "") {
    if (!Number.isInteger(seed)) throw new RangeError(`seed ${seed} is not an integer`);
    let s = (seed ^ hashName(name)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1; // the one state xoshiro must avoid
  }

  /** A uint32. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1), 53 bits. */
  next(): number {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.next());
  }

  pick<T>(items: ArrayLike<T>): T {
    return items[Math.floor(items.length * this.next())];
  }

  /** Standard normal: Marsaglia and Tsang's ziggurat (one uint32 and a table lookup most of the time). */
  normal(): number {
    for (;;) {
      const hz = this.u32() | 0;
      const iz = hz & 127;
      if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
      // the base strip's tail, or a wedge: the rare slow path
      const x = hz * WN[iz];
      if (iz === 0) {
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(1 - this.next()) / ZIGGURAT_R;
          ty = -Math.log(1 - this.next());
        } while (ty + ty < tx * tx);
        return hz > 0 ? ZIGGURAT_R + tx : -ZIGGURAT_R - tx;
      }
      if (FN[iz] + this.next() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Log-normal with the given mean and coefficient of variation (std / mean). */
  logNormal(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    return mean * Math.exp(Math.sqrt(sigma2) * this.normal() - sigma2 / 2);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a of a stream name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// Ziggurat tables for the normal (Marsaglia & Tsang 2000, 128 strips): r is where the tail starts,
// v the common area of the strips.
const ZIGGURAT_R = 3.442619855899;
const ZIGGURAT_V = 9.91256303526217e-3;
const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  const m1 = 2147483648;
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = ZIGGURAT_V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIGGURAT_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}
