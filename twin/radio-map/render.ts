/**
 * Pictures of radio maps: a continuous map (path gain, RSRP, SINR) in viridis with a colour bar, or a
 * categorical map (best cell, best beam) with a legend. Both draw north up with a title, axes in metres,
 * a scale bar, buildings in grey, cells without coverage hatched, and cell sites as labelled markers.
 * The `draw*` functions return the raster and where things went (for tests and further drawing);
 * the `render*` functions return PNG bytes.
 */
import {
  BUILDING,
  categoryColour,
  INK,
  NO_COVERAGE,
  NO_COVERAGE_HATCH,
  type Rgb,
  VIRIDIS_SIZE,
  viridis,
  viridisIndex,
} from "./colormap.js";
import { drawText, drawTextWithHalo, GLYPH_DESCENT, GLYPH_HEIGHT, measureText } from "./font.js";
import type { MapGrid } from "./footprint.js";
import { encodePng, Raster } from "./raster.js";

/** A cell site (or any point of interest) in the scene's frame, metres. */
export interface MapMarker {
  readonly x: number;
  readonly y: number;
  readonly label?: string;
}

export interface MapPictureOptions {
  readonly grid: MapGrid;
  readonly title: string;
  /** Per cell, laid out as the values: non-zero inside a building (see `buildingMask`), drawn grey. */
  readonly buildings?: Uint8Array;
  readonly markers?: readonly MapMarker[];
  /** Image pixels per cell; by default `autoPixelsPerCell(grid)`. Below 1, cells are sampled. */
  readonly pixelsPerCell?: number;
}

export interface HeatmapOptions extends MapPictureOptions {
  /** Per cell, row-major, row 0 at the south edge; NaN or ±Infinity where there is no coverage. */
  readonly values: Float32Array | Float64Array;
  /** Colour range; values outside it take the end colours. By default from the 1st and 99th percentiles. */
  readonly min?: number;
  readonly max?: number;
  /** Unit of the values, written above the colour bar ("dB", "dBm"). */
  readonly unit: string;
}

export interface CategoricalOptions extends MapPictureOptions {
  /** Per cell, row-major, row 0 at the south edge: an index into `labels`, or negative for none. */
  readonly values: Int8Array | Int16Array | Int32Array;
  readonly labels: readonly string[];
  /** Written above the legend ("best cell"). */
  readonly legendTitle?: string;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MapPicture {
  readonly raster: Raster;
  /** Where the cells are: cell (i, j) covers x + i·pixelsPerCell .. from the left, row j counted from the bottom. */
  readonly map: Rect;
  readonly pixelsPerCell: number;
  /** The colours of the key: the colour bar's ramp, or the legend. */
  readonly key: Rect;
}

export interface HeatmapPicture extends MapPicture {
  /** The colour range used (the bar's bottom and top). */
  readonly min: number;
  readonly max: number;
  /** Values labelled on the colour bar. */
  readonly ticks: readonly number[];
}

/** Longest map side, in pixels, that automatic scaling aims for. */
const TARGET_MAP_SIDE_PX = 1000;
/** Shortest map side, in pixels, that automatic scaling aims for (elongated maps). */
const TARGET_MAP_SHORT_SIDE_PX = 200;
/** Beyond this many cells on a side, automatic scaling samples cells instead of enlarging them. */
const MAX_MAP_SIDE_PX = 1600;

/**
 * Pixels per cell that make the longest map side about `TARGET_MAP_SIDE_PX` (or the shortest one about
 * `TARGET_MAP_SHORT_SIDE_PX`) within `MAX_MAP_SIDE_PX`: a whole number so cells stay crisp, or 1/k
 * (every k-th cell) for maps over `MAX_MAP_SIDE_PX` cells.
 */
export function autoPixelsPerCell(grid: MapGrid): number {
  const longest = Math.max(grid.width, grid.height);
  const shortest = Math.min(grid.width, grid.height);
  if (longest > MAX_MAP_SIDE_PX) return 1 / Math.ceil(longest / MAX_MAP_SIDE_PX);
  const wanted = Math.max(Math.floor(TARGET_MAP_SIDE_PX / longest), Math.ceil(TARGET_MAP_SHORT_SIDE_PX / shortest));
  return Math.max(1, Math.min(wanted, Math.floor(MAX_MAP_SIDE_PX / longest)));
}

// ---- continuous maps ------------------------------------------------------------------------------

const VIRIDIS_RGB: readonly Rgb[] = Array.from({ length: VIRIDIS_SIZE }, (_, i) => viridis(i / (VIRIDIS_SIZE - 1)));

export function drawHeatmap(options: HeatmapOptions): HeatmapPicture {
  const { values, grid } = options;
  checkLength("values", values.length, grid);
  const auto = options.min === undefined || options.max === undefined ? autoRange(values) : undefined;
  let min = options.min ?? auto!.min;
  let max = options.max ?? auto!.max;
  if (!(max > min)) [min, max] = [min - 1, min + 1];
  const span = max - min;
  const cells = paintCells(options, (k) => {
    const v = values[k];
    return Number.isFinite(v) ? VIRIDIS_RGB[viridisIndex((v - min) / span)] : null;
  });
  const ticks = colourBarTicks(min, max);
  const picture = drawMapPicture(cells, options, colourBarKey(options.unit, min, max, ticks));
  return { ...picture, min, max, ticks };
}

export const renderHeatmap = (options: HeatmapOptions): Uint8Array => encodePng(drawHeatmap(options).raster);

/**
 * A colour range from the 1st to the 99th percentile of the finite values (so a few extreme cells next
 * to a site do not wash out the map), widened to multiples of a round step with 5 to 7 of them.
 */
export function autoRange(values: ArrayLike<number>): { min: number; max: number } {
  const range = percentileRange(values, 0.01, 0.99);
  if (!range) return { min: 0, max: 1 };
  let [lo, hi] = range;
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  for (const step of niceSteps(hi - lo)) {
    const first = Math.floor(lo / step);
    const last = Math.ceil(hi / step);
    if (last - first <= 6) return { min: first * step, max: last * step };
  }
  return { min: lo, max: hi };
}

/** The `pLo` and `pHi` quantiles of the finite values, to 1/4096 of their range (a histogram, O(n)). */
function percentileRange(values: ArrayLike<number>, pLo: number, pHi: number): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (n === 0) return undefined;
  if (lo === hi) return [lo, hi];
  const bins = 4096;
  const perUnit = bins / (hi - lo);
  const counts = new Uint32Array(bins);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - lo) * perUnit))]++;
  }
  const binOf = (p: number) => {
    const target = p * (n - 1);
    let seen = 0;
    for (let b = 0; b < bins; b++) if ((seen += counts[b]) > target) return b;
    return bins - 1;
  };
  return [lo + binOf(pLo) / perUnit, lo + (binOf(pHi) + 1) / perUnit];
}

/** Round tick values inside [min, max], as near 6 of them as round steps allow (5 to 7 when possible). */
export function colourBarTicks(min: number, max: number): number[] {
  let best: number[] = [];
  for (const step of niceSteps(max - min)) {
    const ticks = ticksInside(min, max, step);
    if (best.length === 0 || Math.abs(ticks.length - 6) < Math.abs(best.length - 6)) best = ticks;
  }
  return best;
}

/** Round steps (1, 2, 2.5, 5 times a power of ten) from span/20 to span, smallest first. */
function niceSteps(span: number): number[] {
  const steps: number[] = [];
  const top = 10 ** Math.floor(Math.log10(span));
  for (const decade of [top / 100, top / 10, top]) {
    for (const m of [1, 2, 2.5, 5]) if (m * decade >= span / 20 && m * decade <= span) steps.push(m * decade);
  }
  return steps;
}

function ticksInside(lo: number, hi: number, step: number): number[] {
  const slack = step * 1e-9;
  const ticks: number[] = [];
  for (let k = Math.ceil((lo - slack) / step); k * step <= hi + slack; k++) ticks.push(k * step);
  return ticks;
}

/** The vertical colour bar: bottom = min, top = max, with tick labels right of it. */
function colourBarKey(unit: string, min: number, max: number, ticks: readonly number[]): MapKey {
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : max - min;
  const labels = ticks.map((v) => formatNumber(v, step));
  const barWidth = (s: number) => 8 * s;
  const labelsWidth = (s: number) => Math.max(0, ...labels.map((l) => measureText(l, s).width));
  return {
    heading: unit,
    measure: (barHeight, s) => ({ width: barWidth(s) + 6 * s + labelsWidth(s), height: barHeight }),
    draw: (raster, x, y, barHeight, s) => {
      const w = barWidth(s);
      for (let r = 0; r < barHeight; r++) raster.fillRect(x, y + r, w, 1, viridis(1 - r / Math.max(1, barHeight - 1)));
      raster.strokeRect(x - 1, y - 1, w + 2, barHeight + 2, INK);
      ticks.forEach((v, k) => {
        const ty = y + Math.round((1 - (v - min) / (max - min)) * (barHeight - 1));
        raster.fillRect(x + w + 1, ty, 3 * s, Math.max(1, s >> 1), INK);
        drawText(raster, x + w + 6 * s, ty - Math.floor((GLYPH_HEIGHT * s) / 2), labels[k], INK, s);
      });
      return { x, y, width: w, height: barHeight };
    },
  };
}

// ---- categorical maps -----------------------------------------------------------------------------

export function drawCategorical(options: CategoricalOptions): MapPicture {
  const { values, grid } = options;
  checkLength("values", values.length, grid);
  const cells = paintCells(options, (k) => (values[k] >= 0 ? categoryColour(values[k]) : null));
  return drawMapPicture(cells, options, legendKey(options.legendTitle ?? "", options.labels));
}

export const renderCategorical = (options: CategoricalOptions): Uint8Array =>
  encodePng(drawCategorical(options).raster);

/** A swatch and a label per category: one column as tall as the map, two when the map is too short. */
function legendKey(heading: string, labels: readonly string[]): MapKey {
  const layout = (height: number, s: number) => {
    const rowHeight = 11 * s;
    const rowsPerColumn = Math.max(1, Math.floor((height + 4 * s) / rowHeight), Math.ceil(labels.length / 2));
    const columns: number[] = []; // width of each column
    for (let c = 0; c * rowsPerColumn < labels.length; c++) {
      const inColumn = labels.slice(c * rowsPerColumn, (c + 1) * rowsPerColumn);
      columns.push(10 * s + Math.max(...inColumn.map((l) => measureText(l, s).width)));
    }
    const width = columns.reduce((sum, w) => sum + w, 0) + 8 * s * Math.max(0, columns.length - 1);
    const rows = Math.min(labels.length, rowsPerColumn);
    return { rowHeight, rowsPerColumn, columns, width, height: Math.max(0, rows * rowHeight - 4 * s) };
  };
  return {
    heading,
    measure: (height, s) => layout(height, s),
    draw: (raster, x, y, height, s) => {
      const { rowHeight, rowsPerColumn, columns, width, height: used } = layout(height, s);
      let columnX = x;
      labels.forEach((label, k) => {
        const column = Math.floor(k / rowsPerColumn);
        if (k > 0 && k % rowsPerColumn === 0) columnX += columns[column - 1] + 8 * s;
        const rowY = y + (k % rowsPerColumn) * rowHeight;
        drawSwatch(raster, { x: columnX, y: rowY, width: 7 * s, height: 7 * s }, categoryColour(k));
        drawText(raster, columnX + 10 * s, rowY, label, INK, s);
      });
      return { x, y, width, height: used };
    },
  };
}

// ---- the frame shared by both kinds ----------------------------------------------------------------

/** The panel right of the map that explains its colours. */
interface MapKey {
  /** Written above the panel. */
  readonly heading: string;
  /** The panel's size next to a map `height` pixels high. */
  measure(height: number, scale: number): { width: number; height: number };
  /** Draws the panel with its top-left at (x, y); returns the rectangle of its colours. */
  draw(raster: Raster, x: number, y: number, height: number, scale: number): Rect;
}

/** Cells as one pixel each, north up: a cell's colour, grey in buildings, transparent without coverage. */
interface PaintedCells {
  readonly raster: Raster;
  readonly uncovered: number;
}

function paintCells(options: MapPictureOptions, colourOf: (cell: number) => Rgb | null): PaintedCells {
  const { grid, buildings } = options;
  if (buildings) checkLength("buildings", buildings.length, grid);
  const raster = new Raster(grid.width, grid.height, null);
  let uncovered = 0;
  for (let j = 0; j < grid.height; j++) {
    const row = grid.height - 1 - j; // row 0 of the values is the south edge, the raster's bottom row
    for (let i = 0; i < grid.width; i++) {
      const k = j * grid.width + i;
      const colour = buildings?.[k] ? BUILDING : colourOf(k);
      if (colour) raster.setPixel(i, row, colour);
      else uncovered++;
    }
  }
  return { raster, uncovered };
}

function checkLength(what: string, length: number, grid: MapGrid): void {
  if (length !== grid.width * grid.height) {
    throw new RangeError(
      `cannot draw radio map: ${what} has ${length} entries, the grid ${grid.width} x ${grid.height}`,
    );
  }
}

/** Text scale for a map whose longest side is `px` pixels: glyphs stay about 1/60 to 1/100 of the map. */
const textScaleFor = (px: number): number => (px < 450 ? 1 : px < 1100 ? 2 : px < 1800 ? 3 : 4);

function drawMapPicture(cells: PaintedCells, options: MapPictureOptions, key: MapKey): MapPicture {
  const { grid, title } = options;
  const ppc = options.pixelsPerCell ?? autoPixelsPerCell(grid);
  const mapWidth = Math.max(1, Math.round(grid.width * ppc));
  const mapHeight = Math.max(1, Math.round(grid.height * ppc));
  const s = textScaleFor(Math.max(mapWidth, mapHeight));
  const titleScale = s + 1;
  const pad = 8 * s;
  const textHeight = (GLYPH_HEIGHT + GLYPH_DESCENT) * s;

  const axes = axesLayout(grid, mapWidth, mapHeight, s);
  const map: Rect = {
    x: pad + axes.leftWidth,
    y: pad + (GLYPH_HEIGHT + GLYPH_DESCENT) * titleScale + 6 * s + textHeight + 6 * s,
    width: mapWidth,
    height: mapHeight,
  };
  const keyHeight = Math.max(mapHeight, 40 * s);
  const keySize = key.measure(keyHeight, s);
  // the key may reach below the map, so it keeps clear of the x labels too
  const keyX = map.x + Math.max(mapWidth + 12 * s, axes.rightOverhang + 8 * s);
  const keyBottom = map.y + keySize.height;
  const footer = footerLayout(cells, options, s, axes.pxPerM, mapWidth);
  let footerY = map.y + mapHeight + axes.bottomHeight + 4 * s;
  if (map.x + footer.width > keyX) footerY = Math.max(footerY, keyBottom + 6 * s);

  const width = Math.max(
    keyX + Math.max(keySize.width, measureText(key.heading, s).width) + pad,
    map.x + footer.width + pad,
    pad + measureText(title, titleScale).width + pad,
  );
  const height = Math.max(footerY + footer.height + pad, keyBottom + pad);
  const raster = new Raster(width, height, NO_COVERAGE);

  drawText(raster, pad, pad, title, INK, titleScale);
  // north up; the hatch shows through where cells are transparent (no coverage)
  if (cells.uncovered > 0) hatch(raster, map, s);
  raster.blit(cells.raster, map.x, map.y, mapWidth, mapHeight);
  raster.strokeRect(map.x - 1, map.y - 1, mapWidth + 2, mapHeight + 2, INK);
  const headingY = map.y - textHeight - 6 * s;
  axes.draw(raster, map, pad, headingY);
  for (const marker of options.markers ?? []) drawMarker(raster, map, grid, axes.pxPerM, marker, s);
  drawText(raster, keyX, headingY, key.heading, INK, s);
  const keyRect = key.draw(raster, keyX, map.y, keyHeight, s);
  footer.draw(raster, map.x, footerY);
  return { raster, map, pixelsPerCell: ppc, key: keyRect };
}

/**
 * Ticks and labels in metres along the map's west and south edges, with "north (m)" above the west
 * labels and "east (m)" below the south ones. Sizes are relative to the map's corner.
 */
function axesLayout(grid: MapGrid, mapWidth: number, mapHeight: number, s: number) {
  const textHeight = (GLYPH_HEIGHT + GLYPH_DESCENT) * s;
  const tickLength = 3 * s;
  const tickWidth = Math.max(1, s >> 1);
  const pxPerM = mapWidth / (grid.width * grid.resM);
  const east = [grid.x0, grid.x0 + grid.width * grid.resM] as const;
  const north = [grid.y0, grid.y0 + grid.height * grid.resM] as const;
  // labels never touch: spacing from the widest whole-metre end label
  const widest = Math.max(...[...east, ...north].map((v) => measureText(Math.round(v).toString(), s).width));
  const labelled = (lo: number, hi: number, lengthPx: number, spacingPx: number, toPx: (v: number) => number) => {
    const { ticks, step } = axisTicks(lo, hi, lengthPx, spacingPx);
    return ticks.map((v) => {
      const text = formatNumber(v, step);
      return { at: Math.round(toPx(v)), text, width: measureText(text, s).width };
    });
  };
  const xTicks = labelled(east[0], east[1], mapWidth, widest + 8 * s, (v) => (v - east[0]) * pxPerM);
  const yTicks = labelled(north[0], north[1], mapHeight, 3 * textHeight, (v) => mapHeight - (v - north[0]) * pxPerM);
  const yTitle = "north (m)";
  const xTitle = "east (m)";
  const yLabelsWidth = Math.max(...yTicks.map((t) => t.width));
  return {
    pxPerM,
    /** From the image's left padding to the map. */
    leftWidth: Math.max(yLabelsWidth + 2 * s + tickLength, measureText(yTitle, s).width),
    /** From the map's bottom edge to below the axis title. */
    bottomHeight: 1 + tickLength + 2 * s + 2 * textHeight + s,
    /** How far the labels reach right of the map's left edge. */
    rightOverhang: Math.max(mapWidth, ...xTicks.map((t) => t.at + Math.ceil(t.width / 2))),
    draw: (raster: Raster, map: Rect, titleX: number, titleY: number) => {
      const labelsY = map.y + map.height + 1 + tickLength + 2 * s;
      for (const t of xTicks) {
        raster.fillRect(map.x + t.at, map.y + map.height + 1, tickWidth, tickLength, INK);
        drawText(raster, map.x + t.at - t.width / 2, labelsY, t.text, INK, s);
      }
      for (const t of yTicks) {
        raster.fillRect(map.x - 1 - tickLength, map.y + t.at, tickLength, tickWidth, INK);
        const labelX = map.x - 1 - tickLength - 2 * s - t.width;
        drawText(raster, labelX, map.y + t.at - Math.floor((GLYPH_HEIGHT * s) / 2), t.text, INK, s);
      }
      drawText(raster, titleX, titleY, yTitle, INK, s);
      const xTitleX = map.x + (map.width - measureText(xTitle, s).width) / 2;
      drawText(raster, xTitleX, labelsY + textHeight + s, xTitle, INK, s);
    },
  };
}

/** Round tick values along an axis from `lo` to `hi` metres, `lengthPx` long, at least `spacingPx` apart. */
function axisTicks(lo: number, hi: number, lengthPx: number, spacingPx: number): { ticks: number[]; step: number } {
  const maxIntervals = Math.max(1, Math.floor(lengthPx / spacingPx));
  const raw = (hi - lo) / maxIntervals;
  const decade = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * decade).find((st) => st >= raw * (1 - 1e-9)) ?? 10 * decade;
  return { ticks: ticksInside(lo, hi, step), step };
}

/** `v` with as many decimals as `step` needs, and no "-0". */
function formatNumber(v: number, step: number): string {
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  const text = v.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** Diagonal light lines on white: the look of "no coverage". */
function hatch(raster: Raster, rect: Rect, s: number): void {
  raster.fillRect(rect.x, rect.y, rect.width, rect.height, NO_COVERAGE);
  const period = 4 * s;
  const lineWidth = Math.max(1, s >> 1);
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      if ((x + y) % period < lineWidth) raster.setPixel(rect.x + x, rect.y + y, NO_COVERAGE_HATCH);
    }
  }
}

function drawSwatch(raster: Raster, rect: Rect, colour: Rgb | "hatch"): void {
  if (colour === "hatch") hatch(raster, rect, Math.max(1, Math.round(rect.width / 7)));
  else raster.fillRect(rect.x, rect.y, rect.width, rect.height, colour);
  raster.strokeRect(rect.x, rect.y, rect.width, rect.height, INK);
}

/** A cell site: a ringed dot, its label beside it (on the left when the right has no room). */
function drawMarker(raster: Raster, map: Rect, grid: MapGrid, pxPerM: number, marker: MapMarker, s: number): void {
  const x = map.x + (marker.x - grid.x0) * pxPerM;
  const y = map.y + map.height - (marker.y - grid.y0) * pxPerM;
  if (x < map.x || x > map.x + map.width || y < map.y || y > map.y + map.height) return;
  const radius = 4 * s;
  raster.fillCircle(x, y, radius, INK);
  raster.fillCircle(x, y, radius - s, NO_COVERAGE);
  raster.fillCircle(x, y, 1.5 * s, INK);
  if (!marker.label) return;
  const labelWidth = measureText(marker.label, s).width;
  const rightX = x + radius + 3 * s;
  const labelX = rightX + labelWidth > map.x + map.width ? x - radius - 3 * s - labelWidth : rightX;
  drawTextWithHalo(raster, labelX, y - (GLYPH_HEIGHT * s) / 2, marker.label, INK, NO_COVERAGE, s);
}

/** Below the map: a scale bar, then what grey and hatched cells mean (each only when present). */
function footerLayout(cells: PaintedCells, options: MapPictureOptions, s: number, pxPerM: number, mapWidth: number) {
  const lengthM = niceFloor((0.25 * mapWidth) / pxPerM);
  const barPx = Math.max(1, Math.round(lengthM * pxPerM));
  const barLabel =
    lengthM >= 1000 ? `${formatNumber(lengthM / 1000, lengthM / 1000)} km` : `${formatNumber(lengthM, lengthM)} m`;
  const swatches: { colour: Rgb | "hatch"; label: string }[] = [];
  if (options.buildings?.some((b) => b !== 0)) swatches.push({ colour: BUILDING, label: "building" });
  if (cells.uncovered > 0) swatches.push({ colour: "hatch", label: "no coverage" });
  const swatchWidths = swatches.map((sw) => 10 * s + measureText(sw.label, s).width + 10 * s);
  const width = barPx + 5 * s + measureText(barLabel, s).width + 12 * s + swatchWidths.reduce((a, b) => a + b, 0);
  return {
    width,
    height: (GLYPH_HEIGHT + GLYPH_DESCENT) * s,
    draw: (raster: Raster, x: number, y: number) => {
      const thickness = Math.max(2, s);
      const barY = y + GLYPH_HEIGHT * s - thickness;
      raster.fillRect(x, barY, barPx, thickness, INK);
      raster.fillRect(x, y + 2 * s, thickness, GLYPH_HEIGHT * s - 2 * s, INK);
      raster.fillRect(x + barPx - thickness, y + 2 * s, thickness, GLYPH_HEIGHT * s - 2 * s, INK);
      let penX = x + barPx + 5 * s + drawText(raster, x + barPx + 5 * s, y, barLabel, INK, s) + 12 * s;
      swatches.forEach((sw, k) => {
        drawSwatch(raster, { x: penX, y, width: 7 * s, height: 7 * s }, sw.colour);
        drawText(raster, penX + 10 * s, y, sw.label, INK, s);
        penX += swatchWidths[k];
      });
    },
  };
}

/** The largest 1, 2 or 5 times a power of ten not above `v`. */
function niceFloor(v: number): number {
  const decade = 10 ** Math.floor(Math.log10(v));
  return [5, 2, 1].map((m) => m * decade).find((n) => n <= v * (1 + 1e-9)) ?? decade;
}
