/**
 * Radio materials of ITU-R P.2040-3 (Table 3): relative permittivity eta' = a * f^b and conductivity
 * sigma = c * f^d (f in GHz, sigma in S/m), each valid over a frequency range. The names are those of
 * Sionna RT's `itu_*` materials, so scenes exported for it load as they are.
 */

export interface ItuMaterial {
  readonly name: ItuMaterialName;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  /** Frequency range in which P.2040 gives the fit, in GHz. */
  readonly rangeGhz: readonly [number, number];
}

export const ITU_MATERIAL_NAMES = [
  "vacuum",
  "concrete",
  "brick",
  "plasterboard",
  "wood",
  "glass",
  "ceiling_board",
  "chipboard",
  "plywood",
  "marble",
  "floorboard",
  "metal",
  "very_dry_ground",
  "medium_dry_ground",
  "wet_ground",
] as const;

export type ItuMaterialName = (typeof ITU_MATERIAL_NAMES)[number];

const m = (name: ItuMaterialName, a: number, b: number, c: number, d: number, lo: number, hi: number): ItuMaterial => ({
  name,
  a,
  b,
  c,
  d,
  rangeGhz: [lo, hi],
});

/** P.2040-3 Table 3 (the 1-100 GHz rows where the table has two). */
export const ITU_MATERIALS: ReadonlyMap<ItuMaterialName, ItuMaterial> = new Map(
  [
    m("vacuum", 1, 0, 0, 0, 0.001, 100),
    m("concrete", 5.24, 0, 0.0462, 0.7822, 1, 100),
    m("brick", 3.91, 0, 0.0238, 0.16, 1, 40),
    m("plasterboard", 2.73, 0, 0.0085, 0.9395, 1, 100),
    m("wood", 1.99, 0, 0.0047, 1.0718, 0.001, 100),
    m("glass", 6.31, 0, 0.0036, 1.3394, 0.1, 100),
    m("ceiling_board", 1.48, 0, 0.0011, 1.075, 1, 100),
    m("chipboard", 2.58, 0, 0.0217, 0.78, 1, 100),
    m("plywood", 2.71, 0, 0.33, 0, 1, 40),
    m("marble", 7.074, 0, 0.0055, 0.9262, 1, 60),
    m("floorboard", 3.66, 0, 0.0044, 1.3515, 50, 100),
    m("metal", 1, 0, 1e7, 0, 1, 100),
    m("very_dry_ground", 3, 0, 0.00015, 2.52, 1, 10),
    m("medium_dry_ground", 15, -0.1, 0.035, 1.63, 1, 10),
    m("wet_ground", 30, -0.4, 0.15, 1.3, 1, 10),
  ].map((x) => [x.name, x]),
);

export function isItuMaterialName(name: string): name is ItuMaterialName {
  return ITU_MATERIALS.has(name as ItuMaterialName);
}

/** Vacuum permittivity, F/m. */
export const EPSILON_0 = 8.8541878128e-12;
/** Speed of light in vacuum, m/s. */
export const SPEED_OF_LIGHT = 299792458;

/** Complex relative permittivity eta = eta' - j sigma / (eps0 omega), as [re, im]. */
export interface RadioProperties {
  /** Real relative permittivity eta'. */
  readonly permittivity: number;
  /** Conductivity sigma, S/m. */
  readonly conductivity: number;
  /** Real and imaginary parts of the complex relative permittivity (imaginary part <= 0). */
  readonly eta: readonly [number, number];
}

/**
 * The material's properties at `frequencyHz`. Outside P.2040's range for the material this throws
 * unless `extrapolate` is set (the fits are power laws; far outside their range they mislead).
 */
export function radioProperties(name: ItuMaterialName, frequencyHz: number, extrapolate = false): RadioProperties {
  const mat = ITU_MATERIALS.get(name);
  if (!mat) throw new RangeError(`unknown ITU material '${name}'`);
  if (!(frequencyHz > 0) || !Number.isFinite(frequencyHz))
    throw new RangeError(`frequency ${frequencyHz} Hz is not a positive number`);
  const f = frequencyHz / 1e9;
  const [lo, hi] = mat.rangeGhz;
  if (!extrapolate && (f < lo || f > hi)) {
    throw new RangeError(`ITU-R P.2040 gives '${name}' for ${lo}-${hi} GHz, not ${f} GHz`);
  }
  const permittivity = mat.a * f ** mat.b;
  const conductivity = mat.c * f ** mat.d;
  const omega = 2 * Math.PI * frequencyHz;
  return { permittivity, conductivity, eta: [permittivity, -conductivity / (EPSILON_0 * omega)] };
}
