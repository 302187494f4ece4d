import { describe, expect, it } from "vitest";
import {
  BUILDING,
  categoryColour,
  colourDistance,
  INK,
  NO_COVERAGE,
  QUALITATIVE,
  QUALITATIVE_SIZE,
  rgbToOklab,
  VIRIDIS,
  viridis,
  viridisIndex,
} from "../../../twin/radio-map/colormap.js";

describe("viridis", () => {
  it("has matplotlib's 256 entries (ends and middle, rounded to bytes)", () => {
    expect(VIRIDIS.length).toBe(256 * 3);
    // _viridis_data[0], [128], [255]: (0.267004, 0.004874, 0.329415), (0.127568, 0.566949, 0.550556), (0.993248, 0.906157, 0.143936)
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(128 / 255)).toEqual([33, 145, 140]);
    expect(viridis(1)).toEqual([253, 231, 37]);
  });

  it("clamps t outside [0, 1] and NaN to the ends", () => {
    expect(viridisIndex(-3)).toBe(0);
    expect(viridisIndex(Number.NaN)).toBe(0);
    expect(viridisIndex(7)).toBe(255);
  });

  it("gets lighter along the map (perceptual order), up to byte rounding", () => {
    const lightness = (t: number) => rgbToOklab(viridis(t))[0];
    for (let i = 1; i < 256; i++) expect(lightness(i / 255)).toBeGreaterThan(lightness((i - 1) / 255) - 0.001);
    for (let i = 16; i < 256; i += 16) expect(lightness(i / 255)).toBeGreaterThan(lightness((i - 16) / 255) + 0.02);
  });
});

describe("qualitative palette", () => {
  it(`has ${QUALITATIVE_SIZE} colours, each pair clearly distinct`, () => {
    expect(QUALITATIVE.length).toBe(QUALITATIVE_SIZE);
    for (let i = 0; i < QUALITATIVE.length; i++) {
      for (let j = 0; j < i; j++) expect(colourDistance(QUALITATIVE[i], QUALITATIVE[j])).toBeGreaterThan(0.08);
    }
  });

  it("stays away from the building grey, white and black", () => {
    for (const c of QUALITATIVE) {
      for (const reserved of [BUILDING, NO_COVERAGE, INK]) expect(colourDistance(c, reserved)).toBeGreaterThan(0.1);
    }
  });

  it("repeats after its size", () => {
    expect(categoryColour(QUALITATIVE_SIZE + 3)).toEqual(categoryColour(3));
  });
});
