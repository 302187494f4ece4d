import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng, Raster } from "../../../twin/radio-map/raster.js";

const RED = [255, 0, 0] as const;
const BLUE = [0, 0, 255] as const;

describe("Raster", () => {
  it("clips fillRect and setPixel at the edges", () => {
    const r = new Raster(4, 3);
    r.fillRect(-2, 1, 4, 10, RED);
    r.setPixel(10, 10, BLUE);
    expect(r.getPixel(0, 2)).toEqual([255, 0, 0, 255]);
    expect(r.getPixel(1, 1)).toEqual([255, 0, 0, 255]);
    expect(r.getPixel(2, 1)).toEqual([255, 255, 255, 255]);
    expect(r.getPixel(0, 0)).toEqual([255, 255, 255, 255]);
  });

  it("draws lines including both ends", () => {
    const r = new Raster(10, 10);
    r.line(1, 1, 8, 4, RED);
    expect(r.getPixel(1, 1)[1]).toBe(0);
    expect(r.getPixel(8, 4)[1]).toBe(0);
    let count = 0;
    for (let x = 0; x < 10; x++) for (let y = 0; y < 10; y++) if (r.getPixel(x, y)[1] === 0) count++;
    expect(count).toBe(8); // one pixel per column along the major axis
  });

  it("fills discs by pixel centres", () => {
    const r = new Raster(10, 10);
    r.fillCircle(5, 5, 2, RED);
    expect(r.getPixel(5, 5)[1]).toBe(0);
    expect(r.getPixel(3, 4)[1]).toBe(0);
    expect(r.getPixel(2, 4)[1]).toBe(255);
    expect(r.getPixel(3, 3)[1]).toBe(255);
  });

  it("blits with nearest-neighbour scaling and leaves transparent source pixels out", () => {
    const src = new Raster(2, 2, null);
    src.setPixel(0, 0, RED);
    src.setPixel(1, 1, BLUE);
    const dst = new Raster(8, 8, [0, 255, 0]);
    dst.blit(src, 2, 2, 4, 4);
    expect(dst.getPixel(2, 2)).toEqual([255, 0, 0, 255]);
    expect(dst.getPixel(3, 3)).toEqual([255, 0, 0, 255]);
    expect(dst.getPixel(5, 5)).toEqual([0, 0, 255, 255]);
    expect(dst.getPixel(4, 2)).toEqual([0, 255, 0, 255]); // transparent source pixel
    expect(dst.getPixel(1, 1)).toEqual([0, 255, 0, 255]);
  });

  it("blits downscaled by sampling", () => {
    const src = new Raster(4, 1);
    src.setPixel(1, 0, RED);
    src.setPixel(3, 0, BLUE);
    const dst = new Raster(2, 1);
    dst.blit(src, 0, 0, 2, 1);
    expect(dst.getPixel(0, 0)).toEqual([255, 0, 0, 255]);
    expect(dst.getPixel(1, 0)).toEqual([0, 0, 255, 255]);
  });

  it("encodes a PNG that decodes to the same pixels", () => {
    const r = new Raster(5, 3);
    r.fillRect(1, 1, 3, 1, BLUE);
    const png = PNG.sync.read(Buffer.from(encodePng(r)));
    expect([png.width, png.height]).toEqual([5, 3]);
    expect([...png.data]).toEqual([...r.data]);
  });

  it("refuses an empty size", () => {
    expect(() => new Raster(0, 3)).toThrow(RangeError);
  });
});
