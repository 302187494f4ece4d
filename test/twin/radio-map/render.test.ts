import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BUILDING,
  categoryColour,
  INK,
  NO_COVERAGE,
  NO_COVERAGE_HATCH,
  type Rgb,
  viridis,
} from "../../../twin/radio-map/colormap.js";
import type { MapGrid } from "../../../twin/radio-map/footprint.js";
import {
  autoPixelsPerCell,
  autoRange,
  type CategoricalOptions,
  colourBarTicks,
  drawCategorical,
  drawHeatmap,
  type HeatmapOptions,
  type MapPicture,
  renderCategorical,
  renderHeatmap,
} from "../../../twin/radio-map/render.js";

/** A decoded PNG's pixel as RGB. */
type Decoded = { width: number; height: number; rgb: (x: number, y: number) => Rgb };

function decode(bytes: Uint8Array): Decoded {
  const png = PNG.sync.read(Buffer.from(bytes));
  return {
    width: png.width,
    height: png.height,
    rgb: (x, y) => {
      const i = 4 * (y * png.width + x);
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    },
  };
}

/** The pixel at the centre of cell (i, j), row j counted from the south. */
const cellPixel = ({ map, pixelsPerCell: ppc }: MapPicture, i: number, j: number): [number, number] => [
  Math.floor(map.x + (i + 0.5) * ppc),
  Math.floor(map.y + map.height - (j + 0.5) * ppc),
];

// 50 x 40 cells of 2 m; value rises 1 dB per cell eastwards and 0.5 dB per cell northwards
const grid: MapGrid = { x0: -50, y0: -40, resM: 2, width: 50, height: 40 };
const valueAt = (i: number, j: number) => -120 + i + 0.5 * j;
const values = new Float32Array(grid.width * grid.height).map((_, k) =>
  valueAt(k % grid.width, Math.floor(k / grid.width)),
);
const NAN_CELL = [3, 4] as const;
const UNCOVERED_CELL = [4, 4] as const;
const BUILDING_CELL = [30, 20] as const;
values[NAN_CELL[1] * grid.width + NAN_CELL[0]] = Number.NaN;
values[UNCOVERED_CELL[1] * grid.width + UNCOVERED_CELL[0]] = Number.NEGATIVE_INFINITY;
const buildings = new Uint8Array(grid.width * grid.height);
buildings[BUILDING_CELL[1] * grid.width + BUILDING_CELL[0]] = 1;

const heatmapOptions: HeatmapOptions = {
  grid,
  values,
  min: -120,
  max: -60,
  unit: "dB",
  title: "Path gain test",
  buildings,
  markers: [{ x: 0, y: 0, label: "site 1" }],
};

describe("renderHeatmap", () => {
  let picture: ReturnType<typeof drawHeatmap>;
  let png: Decoded;
  beforeAll(() => {
    picture = drawHeatmap(heatmapOptions);
    png = decode(renderHeatmap(heatmapOptions));
  });

  it("draws the grid at whole pixels per cell inside the image", () => {
    expect(picture.pixelsPerCell).toBe(20);
    expect(picture.map).toMatchObject({ width: 1000, height: 800 });
    expect([png.width, png.height]).toEqual([picture.raster.width, picture.raster.height]);
    expect(picture.map.x + picture.map.width).toBeLessThan(png.width);
    expect(picture.map.y + picture.map.height).toBeLessThan(png.height);
  });

  it("colours a cell with viridis of its value, north up", () => {
    for (const [i, j] of [
      [10, 5],
      [0, 39],
      [49, 0],
      [49, 39],
    ]) {
      const t = (valueAt(i, j) + 120) / 60;
      expect(png.rgb(...cellPixel(picture, i, j)), `cell ${i},${j}`).toEqual(viridis(t));
    }
  });

  it("draws buildings grey over the values", () => {
    expect(png.rgb(...cellPixel(picture, ...BUILDING_CELL))).toEqual(BUILDING);
  });

  it("draws NaN and -Infinity cells as no coverage (white with a light hatch)", () => {
    for (const [i, j] of [NAN_CELL, UNCOVERED_CELL]) {
      const seen = new Set<string>();
      const [cx, cy] = cellPixel(picture, i, j);
      for (let y = cy - 9; y < cy + 9; y++) for (let x = cx - 9; x < cx + 9; x++) seen.add(png.rgb(x, y).join());
      expect([...seen].sort()).toEqual([NO_COVERAGE.join(), NO_COVERAGE_HATCH.join()].sort());
    }
  });

  it("has a colour bar from min (bottom) to max (top) with labelled round ticks", () => {
    const { key } = picture;
    const x = key.x + Math.floor(key.width / 2);
    expect(png.rgb(x, key.y)).toEqual(viridis(1));
    expect(png.rgb(x, key.y + key.height - 1)).toEqual(viridis(0));
    const middle = Math.floor(key.height / 2);
    expect(png.rgb(x, key.y + middle)).toEqual(viridis(1 - middle / (key.height - 1)));
    expect([picture.min, picture.max]).toEqual([-120, -60]);
    expect(picture.ticks).toEqual([-120, -110, -100, -90, -80, -70, -60]);
    // tick labels: ink right of the bar at each tick
    for (const v of picture.ticks) {
      const ty = key.y + Math.round(((-60 - v) / 60) * (key.height - 1));
      let ink = 0;
      for (let dx = key.width; dx < key.width + 80; dx++) if (png.rgb(key.x + dx, ty).join() === INK.join()) ink++;
      expect(ink, `label at ${v}`).toBeGreaterThan(2);
    }
  });

  it("writes the title in ink above the map", () => {
    let ink = 0;
    for (let y = 0; y < picture.map.y - 40; y++) {
      for (let x = 0; x < png.width; x++) if (png.rgb(x, y).join() === INK.join()) ink++;
    }
    expect(ink).toBeGreaterThan(100);
    const untitled = drawHeatmap({ ...heatmapOptions, title: "" }).raster;
    let untitledInk = 0;
    for (let y = 0; y < 30; y++)
      for (let x = 0; x < untitled.width; x++) if (untitled.getPixel(x, y)[0] === 0) untitledInk++;
    expect(untitledInk).toBe(0);
  });

  it("marks cell sites where they stand", () => {
    // (0, 0) m is the corner between cells 24/25 and 19/20
    const x = picture.map.x + 25 * 20;
    const y = picture.map.y + picture.map.height - 20 * 20;
    expect(png.rgb(x, y)).toEqual(INK);
  });

  it("refuses values that do not fit the grid", () => {
    expect(() => drawHeatmap({ ...heatmapOptions, values: new Float32Array(10) })).toThrow(/values has 10 entries/);
    expect(() => drawHeatmap({ ...heatmapOptions, buildings: new Uint8Array(3) })).toThrow(/buildings has 3 entries/);
  });
});

describe("colour range", () => {
  it("comes from the percentiles, widened to 5-7 round ticks", () => {
    const range = autoRange(values);
    expect(range.min).toBeLessThanOrEqual(-119);
    expect(range.max).toBeGreaterThanOrEqual(-52);
    const ticks = colourBarTicks(range.min, range.max);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks[0]).toBe(range.min);
    expect(ticks.at(-1)).toBe(range.max);
  });

  it("ignores a few outliers", () => {
    const v = new Float32Array(10_000).map((_, k) => -100 + (k % 40));
    v[0] = 50;
    v[1] = -400;
    const range = autoRange(v);
    expect(range.min).toBeGreaterThanOrEqual(-110);
    expect(range.max).toBeLessThanOrEqual(-50);
  });

  it("survives constant and empty maps", () => {
    expect(autoRange(new Float32Array([-80, -80]))).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
    expect(autoRange(new Float32Array([Number.NaN]))).toEqual({ min: 0, max: 1 });
    const picture = drawHeatmap({
      ...heatmapOptions,
      min: undefined,
      max: undefined,
      values: new Float32Array(2000).fill(-80),
    });
    expect(picture.max).toBeGreaterThan(picture.min);
  });
});

describe("renderCategorical", () => {
  const labels = ["cell A", "cell B", "cell C"];
  const categories = new Int16Array(grid.width * grid.height).map((_, k) => ((k % grid.width) % 4) - 1); // -1, 0, 1, 2
  const options: CategoricalOptions = {
    grid,
    values: categories,
    labels,
    title: "Best cell",
    legendTitle: "best cell",
    buildings,
  };
  let picture: MapPicture;
  let png: Decoded;
  beforeAll(() => {
    picture = drawCategorical(options);
    png = decode(renderCategorical(options));
  });

  it("colours each cell by its category, none as no coverage, buildings grey", () => {
    for (let i = 1; i < 8; i++) {
      const category = (i % 4) - 1;
      if (category >= 0) expect(png.rgb(...cellPixel(picture, i, 7))).toEqual(categoryColour(category));
    }
    const none = png.rgb(...cellPixel(picture, 4, 7)).join();
    expect([NO_COVERAGE.join(), NO_COVERAGE_HATCH.join()]).toContain(none);
    expect(png.rgb(...cellPixel(picture, ...BUILDING_CELL))).toEqual(BUILDING);
  });

  it("has a legend with a swatch per label", () => {
    const { key } = picture;
    const colours = new Set<string>();
    for (let y = key.y; y < key.y + key.height; y++)
      for (let x = key.x; x < key.x + key.width; x++) colours.add(png.rgb(x, y).join());
    for (let c = 0; c < labels.length; c++) expect(colours.has(categoryColour(c).join())).toBe(true);
    expect(colours.has(categoryColour(labels.length).join())).toBe(false);
  });
});

describe("automatic scale", () => {
  it("enlarges small maps and samples big ones within bounds", () => {
    expect(autoPixelsPerCell({ ...grid, width: 50, height: 50 })).toBe(20);
    expect(autoPixelsPerCell({ ...grid, width: 1000, height: 1000 })).toBe(1);
    expect(autoPixelsPerCell({ ...grid, width: 2000, height: 2000 })).toBe(0.5);
    expect(autoPixelsPerCell({ ...grid, width: 600, height: 60 })).toBe(2); // elongated: taller, within 1600 px
  });

  it("keeps a 2000 x 2000 map to a readable size", () => {
    const big: MapGrid = { x0: 0, y0: 0, resM: 1, width: 2000, height: 2000 };
    const picture = drawHeatmap({
      grid: big,
      values: new Float32Array(2000 * 2000).fill(-90),
      unit: "dBm",
      title: "big",
    });
    expect(picture.map).toMatchObject({ width: 1000, height: 1000 });
    expect(picture.raster.width).toBeLessThan(1400);
    expect(picture.raster.height).toBeLessThan(1400);
  });
});
