import { describe, expect, it } from "vitest";
import { INK } from "../../../twin/radio-map/colormap.js";
import { drawText, drawTextWithHalo, hasGlyph, measureText } from "../../../twin/radio-map/font.js";
import { Raster } from "../../../twin/radio-map/raster.js";

const REQUIRED = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -+.,:/()%_";

/** Bounding box of the pixels that are not white, or undefined when there are none. */
function inkBox(r: Raster) {
  let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -1, -1];
  let count = 0;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const [red, g, b] = r.getPixel(x, y);
      if (red === 255 && g === 255 && b === 255) continue;
      count++;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  return count === 0 ? undefined : { x0, y0, x1, y1, count };
}

describe("bitmap font", () => {
  it("covers digits, letters, space and -+.,:/()%_", () => {
    for (const c of REQUIRED) expect(hasGlyph(c), c).toBe(true);
  });

  it.each([...REQUIRED.replace(" ", "")])("draws %s with ink inside its measured box", (c) => {
    const r = new Raster(40, 40);
    drawText(r, 10, 10, c, INK, 2);
    const box = inkBox(r);
    const size = measureText(c, 2);
    expect(box).toBeDefined();
    expect(box!.x0).toBeGreaterThanOrEqual(10);
    expect(box!.y0).toBeGreaterThanOrEqual(10);
    expect(box!.x1).toBeLessThan(10 + size.width);
    expect(box!.y1).toBeLessThan(10 + size.height);
  });

  it("draws different glyphs differently", () => {
    const pictures = new Set<string>();
    for (const c of REQUIRED) {
      const r = new Raster(6, 9);
      drawText(r, 0, 0, c, INK);
      pictures.add(r.data.join(","));
    }
    expect(pictures.size).toBe(REQUIRED.length);
  });

  it("advances 6 font pixels a character and scales blocks", () => {
    expect(measureText("-80 dBm", 1)).toEqual({ width: 7 * 6 - 1, height: 9 });
    expect(measureText("-80 dBm", 3)).toEqual({ width: (7 * 6 - 1) * 3, height: 27 });
    const r = new Raster(60, 30);
    drawText(r, 2, 2, "dB", INK, 3);
    expect(inkBox(r)!.count % 9).toBe(0);
  });

  it("outlines text with a halo that stays outside the glyph", () => {
    const r = new Raster(30, 20, [0, 0, 255]);
    drawTextWithHalo(r, 5, 5, "I", INK, [255, 255, 255], 1);
    expect(r.getPixel(7, 6)).toEqual([0, 0, 0, 255]); // the I's stem
    expect(r.getPixel(7, 4)).toEqual([255, 255, 255, 255]); // halo above it
    expect(r.getPixel(0, 0)).toEqual([0, 0, 255, 255]);
  });
});
