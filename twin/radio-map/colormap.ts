/**
 * Colour maps for radio-map pictures: viridis for continuous values (path gain, RSRP, SINR in dB) and a
 * qualitative palette for categorical maps (best cell, best beam). Colours are `[r, g, b]` bytes.
 */

export type Rgb = readonly [r: number, g: number, b: number];

/**
 * Viridis (van der Walt and Smith, 2015) as published in matplotlib's `_viridis_data`: 256 entries from
 * dark purple (0) to yellow (1), each rounded to bytes and written as six hex digits, 16 entries a line.
 */
const VIRIDIS_HEX = [
  "44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769",
  "48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a",
  "472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85",
  "4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b",
  "3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d",
  "33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e",
  "2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e",
  "26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d",
  "21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88",
  "1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81",
  "28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74",
  "3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863",
  "5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d",
  "84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32",
  "addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a",
  "d8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725",
].join("");

/** Number of entries in `VIRIDIS`. */
export const VIRIDIS_SIZE = 256;

/** Viridis as flat bytes: entry `i` is `VIRIDIS[3i .. 3i+2]`. Renderers index it directly in their pixel loops. */
export const VIRIDIS: Uint8Array = Uint8Array.from({ length: VIRIDIS_SIZE * 3 }, (_, k) =>
  Number.parseInt(VIRIDIS_HEX.slice(2 * k, 2 * k + 2), 16),
);

/** The viridis entry for `t` in [0, 1] (clamped; NaN reads as 0). */
export function viridisIndex(t: number): number {
  if (!(t > 0)) return 0;
  if (t >= 1) return VIRIDIS_SIZE - 1;
  return Math.round(t * (VIRIDIS_SIZE - 1));
}

/** The viridis colour of `t` in [0, 1] (clamped). */
export function viridis(t: number): Rgb {
  const i = 3 * viridisIndex(t);
  return [VIRIDIS[i], VIRIDIS[i + 1], VIRIDIS[i + 2]];
}

// ---- qualitative palette -------------------------------------------------------------------------

type Lab = readonly [number, number, number];

const srgbToLinear = (byte: number): number => {
  const c = byte / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** Björn Ottosson's OKLab: Euclidean distances in it follow perceived colour differences. */
export function rgbToOklab([r8, g8, b8]: Rgb): Lab {
  const r = srgbToLinear(r8);
  const g = srgbToLinear(g8);
  const b = srgbToLinear(b8);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675778 * s,
  ];
}

/** Perceived difference of two colours (OKLab distance; about 0.02 is just noticeable). */
export function colourDistance(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = rgbToOklab(a);
  const [l2, a2, b2] = rgbToOklab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

// ---- fixed colours of the pictures ---------------------------------------------------------------

/** Background and cells without coverage. */
export const NO_COVERAGE: Rgb = [255, 255, 255];
/** The light hatch drawn over cells without coverage. */
export const NO_COVERAGE_HATCH: Rgb = [205, 205, 205];
/** Buildings and obstacles at the map height: a neutral grey, absent from viridis and the palette. */
export const BUILDING: Rgb = [128, 128, 128];
/** Text, axes and marker outlines. */
export const INK: Rgb = [0, 0, 0];

/** Colours the qualitative palette keeps away from. */
const RESERVED: readonly Rgb[] = [NO_COVERAGE, BUILDING, INK];

/** Palette size; categorical maps with more categories reuse colours (index modulo this). */
export const QUALITATIVE_SIZE = 24;

/**
 * Greedy farthest-point selection in OKLab over a 16-level RGB grid (Glasbey's method): each colour is the
 * candidate farthest from all colours already chosen and from the reserved ones. Candidates are limited
 * to mid lightness and moderate chroma: none reads as grey, white or black, and none is neon (the
 * unbounded gamut starts with magenta and pure green, distinct but hard to look at).
 */
function buildQualitativePalette(size: number): Rgb[] {
  const candidates: { rgb: Rgb; lab: Lab }[] = [];
  for (let r = 0; r < 256; r += 17) {
    for (let g = 0; g < 256; g += 17) {
      for (let b = 0; b < 256; b += 17) {
        const rgb: Rgb = [r, g, b];
        const lab = rgbToOklab(rgb);
        const chroma = Math.hypot(lab[1], lab[2]);
        if (lab[0] < 0.55 || lab[0] > 0.85 || chroma < 0.08 || chroma > 0.2) continue;
        candidates.push({ rgb, lab });
      }
    }
  }
  // nearest distance from each candidate to anything chosen so far, updated after each pick
  const nearest = new Float64Array(candidates.length).fill(Number.POSITIVE_INFINITY);
  const keepAway = (lab: Lab) => {
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i].lab;
      const d = Math.hypot(c[0] - lab[0], c[1] - lab[1], c[2] - lab[2]);
      if (d < nearest[i]) nearest[i] = d;
    }
  };
  for (const rgb of RESERVED) keepAway(rgbToOklab(rgb));
  const palette: Rgb[] = [];
  while (palette.length < size) {
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (nearest[i] > nearest[best]) best = i;
    palette.push(candidates[best].rgb);
    keepAway(candidates[best].lab);
  }
  return palette;
}

/** `QUALITATIVE_SIZE` mutually distinguishable colours, most distinct first. */
export const QUALITATIVE: readonly Rgb[] = buildQualitativePalette(QUALITATIVE_SIZE);

/** The colour of category `index` (>= 0); colours repeat after `QUALITATIVE_SIZE` categories. */
export const categoryColour = (index: number): Rgb => QUALITATIVE[index % QUALITATIVE_SIZE];
