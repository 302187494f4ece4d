/**
 * Procedural triangle arrays (9 numbers per triangle) for the BVH tests and benchmarks: random soups and
 * box "cities" on a ground plane, seeded so a failure names the scene that made it.
 */
import { prng } from "./fuzz.js";

/** `count` random triangles in a cube of side `extent`, each within a cube of side `size`. */
export function triangleSoup(seed: number, count: number, extent = 100, size = 10): Float64Array {
  const random = prng(seed);
  const out = new Float64Array(count * 9);
  for (let t = 0; t < count; t++) {
    const cx = random() * extent;
    const cy = random() * extent;
    const cz = random() * extent;
    for (let v = 0; v < 3; v++) {
      out[t * 9 + v * 3] = cx + (random() - 0.5) * size;
      out[t * 9 + v * 3 + 1] = cy + (random() - 0.5) * size;
      out[t * 9 + v * 3 + 2] = cz + (random() - 0.5) * size;
    }
  }
  return out;
}

export interface BoxCityOptions {
  /** Blocks per side of the square city. */
  readonly blocks: number;
  /** Block pitch and street width, metres. */
  readonly pitch?: number;
  readonly street?: number;
  /** Each box face is split into `subdivisions`² quads (2 triangles each): scales the triangle count. */
  readonly subdivisions?: number;
}

/**
 * A city of axis-aligned boxes of random heights (walls and roof, no floor), one per block, on a ground
 * made of two triangles; buildings share the ground plane at z = 0 and their walls meet it at edges.
 */
export function boxCity(seed: number, options: BoxCityOptions): Float64Array {
  const random = prng(seed);
  const { blocks, pitch = 50, street = 15, subdivisions = 1 } = options;
  const out: number[] = [];
  const size = blocks * pitch;
  quad(out, [0, 0, 0], [size, 0, 0], [0, size, 0], 1);
  for (let i = 0; i < blocks; i++) {
    for (let j = 0; j < blocks; j++) {
      const x0 = i * pitch + street / 2;
      const y0 = j * pitch + street / 2;
      const w = (pitch - street) * (0.5 + 0.5 * random());
      const d = (pitch - street) * (0.5 + 0.5 * random());
      const h = 5 + 45 * random();
      box(out, [x0, y0, 0], [w, d, h], subdivisions);
    }
  }
  return Float64Array.from(out);
}

type Vec = readonly [number, number, number];

/** Walls and roof of the box at `corner` with extents `size`. */
export function box(out: number[], corner: Vec, size: Vec, subdivisions = 1): void {
  const [x, y, z] = corner;
  const [w, d, h] = size;
  quad(out, [x, y, z], [w, 0, 0], [0, 0, h], subdivisions);
  quad(out, [x + w, y, z], [0, d, 0], [0, 0, h], subdivisions);
  quad(out, [x + w, y + d, z], [-w, 0, 0], [0, 0, h], subdivisions);
  quad(out, [x, y + d, z], [0, -d, 0], [0, 0, h], subdivisions);
  quad(out, [x, y, z + h], [w, 0, 0], [0, d, 0], subdivisions);
}

/** The parallelogram origin + a·u + b·v (0 <= a, b <= 1) as n² quads of two triangles each. */
export function quad(out: number[], origin: Vec, u: Vec, v: Vec, n: number): void {
  const at = (a: number, b: number) => [0, 1, 2].map((k) => origin[k] + (a / n) * u[k] + (b / n) * v[k]);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const p00 = at(a, b);
      const p10 = at(a + 1, b);
      const p01 = at(a, b + 1);
      const p11 = at(a + 1, b + 1);
      out.push(...p00, ...p10, ...p11, ...p00, ...p11, ...p01);
    }
  }
}
