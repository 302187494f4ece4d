/**
 * A 5x7 bitmap font (two more rows for descenders) so pictures carry titles, tick labels and units
 * without a font file. Each glyph is drawn as rows of `#` (ink) and `.` (paper), top row first.
 */
import type { Rgb } from "./colormap.js";
import type { Raster } from "./raster.js";

/** Ink columns of a glyph. */
export const GLYPH_WIDTH = 5;
/** Rows from the top of capitals to the baseline. */
export const GLYPH_HEIGHT = 7;
/** Rows below the baseline (g, j, p, q, y, comma, underscore). */
export const GLYPH_DESCENT = 2;
/** Horizontal distance from one glyph to the next (one column of spacing). */
export const GLYPH_ADVANCE = 6;

const GLYPH_ROWS: Record<string, string> = {
  " ": "..... ..... ..... ..... ..... ..... .....",
  "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
  "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
  "2": ".###. #...# ....# ...#. ..#.. .#... #####",
  "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
  "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
  "5": "##### #.... ####. ....# ....# #...# .###.",
  "6": "..##. .#... #.... ####. #...# #...# .###.",
  "7": "##### ....# ...#. ..#.. .#... .#... .#...",
  "8": ".###. #...# #...# .###. #...# #...# .###.",
  "9": ".###. #...# #...# .#### ....# ...#. .##..",
  A: ".###. #...# #...# ##### #...# #...# #...#",
  B: "####. #...# #...# ####. #...# #...# ####.",
  C: ".###. #...# #.... #.... #.... #...# .###.",
  D: "###.. #..#. #...# #...# #...# #..#. ###..",
  E: "##### #.... #.... ####. #.... #.... #####",
  F: "##### #.... #.... ####. #.... #.... #....",
  G: ".###. #...# #.... #.### #...# #...# .####",
  H: "#...# #...# #...# ##### #...# #...# #...#",
  I: ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
  J: "..### ...#. ...#. ...#. ...#. #..#. .##..",
  K: "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
  L: "#.... #.... #.... #.... #.... #.... #####",
  M: "#...# ##.## #.#.# #.#.# #...# #...# #...#",
  N: "#...# #...# ##..# #.#.# #..## #...# #...#",
  O: ".###. #...# #...# #...# #...# #...# .###.",
  P: "####. #...# #...# ####. #.... #.... #....",
  Q: ".###. #...# #...# #...# #.#.# #..#. .##.#",
  R: "####. #...# #...# ####. #.#.. #..#. #...#",
  S: ".#### #.... #.... .###. ....# ....# ####.",
  T: "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
  U: "#...# #...# #...# #...# #...# #...# .###.",
  V: "#...# #...# #...# #...# #...# .#.#. ..#..",
  W: "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
  X: "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
  Y: "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
  Z: "##### ....# ...#. ..#.. .#... #.... #####",
  a: "..... ..... .###. ....# .#### #...# .####",
  b: "#.... #.... #.##. ##..# #...# #...# ####.",
  c: "..... ..... .###. #.... #.... #...# .###.",
  d: "....# ....# .##.# #..## #...# #...# .####",
  e: "..... ..... .###. #...# ##### #.... .###.",
  f: "..##. .#..# .#... ###.. .#... .#... .#...",
  g: "..... ..... .#### #...# #...# #..## .##.# ....# .###.",
  h: "#.... #.... #.##. ##..# #...# #...# #...#",
  i: "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.",
  j: "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..",
  k: "#.... #.... #..#. #.#.. ##... #.#.. #..#.",
  l: ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
  m: "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",
  n: "..... ..... #.##. ##..# #...# #...# #...#",
  o: "..... ..... .###. #...# #...# #...# .###.",
  p: "..... ..... ####. #...# #...# #...# ####. #.... #....",
  q: "..... ..... .#### #...# #...# #...# .#### ....# ....#",
  r: "..... ..... #.##. ##..# #.... #.... #....",
  s: "..... ..... .###. #.... .###. ....# ####.",
  t: ".#... .#... ###.. .#... .#... .#..# ..##.",
  u: "..... ..... #...# #...# #...# #..## .##.#",
  v: "..... ..... #...# #...# #...# .#.#. ..#..",
  w: "..... ..... #...# #...# #.#.# #.#.# .#.#.",
  x: "..... ..... #...# .#.#. ..#.. .#.#. #...#",
  y: "..... ..... #...# #...# #...# #...# .#### ....# .###.",
  z: "..... ..... ##### ...#. ..#.. .#... #####",
  "-": "..... ..... ..... .###. ..... ..... .....",
  "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
  ".": "..... ..... ..... ..... ..... .##.. .##..",
  ",": "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...",
  ":": "..... .##.. .##.. ..... .##.. .##.. .....",
  ";": "..... .##.. .##.. ..... .##.. .##.. ..#.. .#...",
  "/": "..... ....# ...#. ..#.. .#... #.... .....",
  "(": "...#. ..#.. .#... .#... .#... ..#.. ...#.",
  ")": ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
  "[": ".###. .#... .#... .#... .#... .#... .###.",
  "]": ".###. ...#. ...#. ...#. ...#. ...#. .###.",
  "%": "##... ##..# ...#. ..#.. .#... #..## ...##",
  _: "..... ..... ..... ..... ..... ..... ..... #####",
  "=": "..... ..... ##### ..... ##### ..... .....",
  "<": "...#. ..#.. .#... #.... .#... ..#.. ...#.",
  ">": ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
  "'": "..#.. ..#.. .#... ..... ..... ..... .....",
  "!": "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
  "?": ".###. #...# ....# ...#. ..#.. ..... ..#..",
  "#": ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
  "*": "..... ..#.. #.#.# .###. #.#.# ..#.. .....",
  "|": "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
  "&": ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
  "°": ".##.. #..#. #..#. .##.. ..... ..... .....",
};

/** Shown for characters the font lacks. */
const MISSING_ROWS = "##### #...# #...# #...# #...# #...# #####";

/** A glyph as (column, row) pairs of its ink pixels, flattened. */
type Glyph = readonly number[];

function parseGlyph(rows: string): Glyph {
  const lines = rows.split(" ");
  // a malformed table entry would draw garbage silently; fail when the module loads instead
  if (
    lines.length < GLYPH_HEIGHT ||
    lines.length > GLYPH_HEIGHT + GLYPH_DESCENT ||
    lines.some((l) => l.length !== GLYPH_WIDTH)
  ) {
    throw new Error(`malformed glyph rows "${rows}"`);
  }
  return lines.flatMap((row, y) => [...row].flatMap((c, x) => (c === "#" ? [x, y] : [])));
}

const GLYPHS = new Map<string, Glyph>(Object.entries(GLYPH_ROWS).map(([c, rows]) => [c, parseGlyph(rows)]));
const MISSING = parseGlyph(MISSING_ROWS);

/** Whether the font has a glyph for `char` (others draw as a box). */
export const hasGlyph = (char: string): boolean => GLYPHS.has(char);

/** Width and height in pixels of `text` drawn at `scale` (height counts the descender rows). */
export function measureText(text: string, scale = 1): { width: number; height: number } {
  const n = [...text].length;
  return { width: n === 0 ? 0 : (n * GLYPH_ADVANCE - 1) * scale, height: (GLYPH_HEIGHT + GLYPH_DESCENT) * scale };
}

/**
 * Draws `text` with the top-left of its first capital at (x, y); each font pixel becomes a `scale` x
 * `scale` block. Returns the width drawn, in pixels.
 */
export function drawText(raster: Raster, x: number, y: number, text: string, colour: Rgb, scale = 1): number {
  let penX = Math.round(x);
  const top = Math.round(y);
  for (const char of text) {
    const glyph = GLYPHS.get(char) ?? MISSING;
    for (let k = 0; k < glyph.length; k += 2) {
      raster.fillRect(penX + glyph[k] * scale, top + glyph[k + 1] * scale, scale, scale, colour);
    }
    penX += GLYPH_ADVANCE * scale;
  }
  return measureText(text, scale).width;
}

/**
 * `drawText` over a `halo`-coloured outline one font pixel wide, so labels stay legible on any
 * background (marker labels over the heatmap).
 */
export function drawTextWithHalo(
  raster: Raster,
  x: number,
  y: number,
  text: string,
  colour: Rgb,
  halo: Rgb,
  scale = 1,
): number {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) if (dx || dy) drawText(raster, x + dx * scale, y + dy * scale, text, halo, scale);
  }
  return drawText(raster, x, y, text, colour, scale);
}
