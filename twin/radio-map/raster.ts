/**
 * An RGBA raster with the few drawing operations radio-map pictures need, and its PNG encoding.
 * Pixel (0, 0) is the top-left corner; drawing outside the raster is clipped silently.
 */
import { PNG } from "pngjs";
import type { Rgb } from "./colormap.js";

/** Alpha of a pixel that `blit` leaves out (so a layer can have holes). */
export const TRANSPARENT = 0;
const OPAQUE = 255;

export class Raster {
  /** Row-major RGBA bytes, 4 per pixel, top row first. */
  readonly data: Uint8ClampedArray;

  /** A raster filled with `fill`, or fully transparent when `fill` is null. */
  constructor(
    readonly width: number,
    readonly height: number,
    fill: Rgb | null = [255, 255, 255],
  ) {
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
      throw new RangeError(`invalid raster size ${width} x ${height}`);
    }
    this.data = new Uint8ClampedArray(width * height * 4);
    if (fill) this.fillRect(0, 0, width, height, fill);
  }

  /** The RGBA bytes of pixel (x, y). */
  getPixel(x: number, y: number): [r: number, g: number, b: number, a: number] {
    const i = 4 * (y * this.width + x);
    return [this.data[i], this.data[i + 1], this.data[i + 2], this.data[i + 3]];
  }

  setPixel(x: number, y: number, colour: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.put(4 * (y * this.width + x), colour);
  }

  /** Fills the rectangle with top-left (x, y), `w` pixels wide and `h` high. */
  fillRect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let py = y0; py < y1; py++) {
      for (let i = 4 * (py * this.width + x0), end = 4 * (py * this.width + x1); i < end; i += 4) {
        this.put(i, colour);
      }
    }
  }

  /** The outline of a rectangle, `thickness` pixels inward from its edges. */
  strokeRect(x: number, y: number, w: number, h: number, colour: Rgb, thickness = 1): void {
    this.fillRect(x, y, w, thickness, colour);
    this.fillRect(x, y + h - thickness, w, thickness, colour);
    this.fillRect(x, y, thickness, h, colour);
    this.fillRect(x + w - thickness, y, thickness, h, colour);
  }

  /** A filled disc: the pixels whose centres (x + 0.5, y + 0.5) lie within `radius` of (cx, cy). */
  fillCircle(cx: number, cy: number, radius: number, colour: Rgb): void {
    for (let y = Math.ceil(cy - radius - 0.5); y <= Math.floor(cy + radius - 0.5); y++) {
      const dy = y + 0.5 - cy;
      const half = Math.sqrt(Math.max(0, radius * radius - dy * dy));
      const x0 = Math.ceil(cx - half - 0.5);
      const x1 = Math.floor(cx + half - 0.5);
      if (x0 <= x1) this.fillRect(x0, y, x1 - x0 + 1, 1, colour);
    }
  }

  /** A straight line from (x0, y0) to (x1, y1), both ends included (Bresenham), `thickness` pixels wide. */
  line(x0: number, y0: number, x1: number, y1: number, colour: Rgb, thickness = 1): void {
    x0 = Math.round(x0);
    y0 = Math.round(y0);
    x1 = Math.round(x1);
    y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    const half = Math.floor((thickness - 1) / 2);
    let err = dx + dy;
    for (;;) {
      if (thickness === 1) this.setPixel(x0, y0, colour);
      else this.fillRect(x0 - half, y0 - half, thickness, thickness, colour);
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /**
   * Draws `src` scaled into the rectangle (x, y, w, h) by nearest neighbour: each destination pixel takes
   * the source pixel under its centre, so whole-number enlargements give crisp blocks. Transparent
   * source pixels leave the destination as it was.
   */
  blit(src: Raster, x: number, y: number, w: number, h: number): void {
    const sxOf = new Int32Array(w);
    for (let dx = 0; dx < w; dx++) sxOf[dx] = Math.min(src.width - 1, Math.floor(((dx + 0.5) * src.width) / w));
    const s = src.data;
    const d = this.data;
    for (let dy = Math.max(0, -y); dy < h && y + dy < this.height; dy++) {
      const srcRow = Math.min(src.height - 1, Math.floor(((dy + 0.5) * src.height) / h)) * src.width;
      const dstRow = (y + dy) * this.width;
      for (let dx = Math.max(0, -x); dx < w && x + dx < this.width; dx++) {
        const si = 4 * (srcRow + sxOf[dx]);
        if (s[si + 3] === TRANSPARENT) continue;
        const di = 4 * (dstRow + x + dx);
        d[di] = s[si];
        d[di + 1] = s[si + 1];
        d[di + 2] = s[si + 2];
        d[di + 3] = s[si + 3];
      }
    }
  }

  private put(i: number, [r, g, b]: Rgb): void {
    this.data[i] = r;
    this.data[i + 1] = g;
    this.data[i + 2] = b;
    this.data[i + 3] = OPAQUE;
  }
}

/** The raster as PNG bytes (8-bit RGB: the pictures are opaque, so alpha would only cost space). */
export function encodePng(raster: Raster): Uint8Array {
  const png = new PNG({ width: raster.width, height: raster.height });
  png.data.set(raster.data);
  const bytes = PNG.sync.write(png, { colorType: 2 });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
