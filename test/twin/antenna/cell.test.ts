import { describe, expect, it } from "vitest";
import {
  azimuthFromBearingDeg,
  beamGains,
  beamPointingOf,
  bearingFromAzimuthDeg,
  boresightOf,
  type Cell,
  type CellConfig,
  cellSteeringVector,
  createCell,
  directionFromAngles,
  elementResponse,
  PlanarArray,
  panelBeamGains,
  polarizedField,
  rotateToPanel,
  ssbBeams,
  steeredCodebook,
  TR38901_PATTERN,
} from "../../../twin/antenna/index.js";
import { DEG, seededRandom } from "./support.js";

const array = new PlanarArray({ rows: 4, cols: 8, pattern: TR38901_PATTERN });
const codebook = steeredCodebook(array, ssbBeams({ count: 8, azimuthSpanDeg: 120 }));
const base: CellConfig = { id: "c1", position: [10, 20, 25], azimuthDeg: 0, powerDbm: 43, array, codebook };

/** Global elevation (deg) where `gain` peaks in the vertical plane at global azimuth `azimuthDeg`. */
function verticalPeakDeg(cell: Cell, azimuthDeg: number, gain: (gains: Float64Array) => number): number {
  const gains = new Float64Array(cell.codebook.beamCount);
  let best = { elevationDeg: 0, gain: -1 };
  for (let elevationDeg = -90; elevationDeg <= 90; elevationDeg += 0.05) {
    beamGains(cell, directionFromAngles(azimuthDeg * DEG, elevationDeg * DEG), gains);
    if (gain(gains) > best.gain) best = { elevationDeg, gain: gain(gains) };
  }
  return best.elevationDeg;
}

describe("createCell", () => {
  it("takes position, or siteXY and heightM", () => {
    expect(createCell(base).position).toEqual([10, 20, 25]);
    const { position: _, ...rest } = base;
    expect(createCell({ ...rest, siteXY: [1, 2], heightM: 30 }).position).toEqual([1, 2, 30]);
  });

  it("names what is wrong", () => {
    expect(() => createCell({ ...base, bearingDeg: 30 })).toThrow(/cell "c1": give exactly one of azimuthDeg/);
    expect(() => createCell({ ...base, heightM: 3 })).toThrow(/not both/);
    expect(() => createCell({ ...base, position: undefined })).toThrow(/needs position/);
    expect(() => createCell({ ...base, downtiltDeg: Number.NaN })).toThrow(/downtiltDeg must be a finite/);
    const other = new PlanarArray({ rows: 2, cols: 8, pattern: "iso" });
    expect(() => createCell({ ...base, array: other })).toThrow(/codebook has 32 elements per beam, the array 16/);
    const turned = new PlanarArray({ rows: 8, cols: 4, pattern: "iso" });
    expect(() => createCell({ ...base, array: turned })).toThrow(/codebook is for 4 x 8 elements, the array is 8 x 4/);
  });

  it("re-tilts a copy with a spread", () => {
    const cell = createCell({ ...base, azimuthDeg: 30 });
    const tilted = createCell({ ...cell, downtiltDeg: 6 });
    expect([tilted.azimuthDeg, tilted.downtiltDeg, tilted.position]).toEqual([30, 6, cell.position]);
  });
});

describe("bearing and azimuth conventions", () => {
  it.each([
    [0, 90],
    [90, 0],
    [180, -90],
    [225, -135],
    [270, 180],
    [30, 60],
  ])("bearing %d deg is azimuth %d deg", (bearingDeg, azimuthDeg) => {
    expect(azimuthFromBearingDeg(bearingDeg)).toBeCloseTo(azimuthDeg, 12);
    expect(bearingFromAzimuthDeg(azimuthDeg)).toBeCloseTo(bearingDeg, 12);
  });

  it("points a cell with bearing 30 deg 30 deg east of north, as azimuth 60 deg does", () => {
    const byBearing = createCell({ ...base, azimuthDeg: undefined, bearingDeg: 30 });
    const byAzimuth = createCell({ ...base, azimuthDeg: 60 });
    const boresight = boresightOf(byBearing);
    expect(boresight[0]).toBeCloseTo(Math.sin(30 * DEG), 12); // east
    expect(boresight[1]).toBeCloseTo(Math.cos(30 * DEG), 12); // north
    expect([...boresightOf(byAzimuth)].map((v) => v.toFixed(12))).toEqual([...boresight].map((v) => v.toFixed(12)));
  });

  it("has its element pattern's maximum at its bearing", () => {
    const cell = createCell({ ...base, azimuthDeg: undefined, bearingDeg: 200 });
    const response = new Float64Array(64);
    let best = { bearingDeg: 0, gain: -1 };
    for (let bearingDeg = 0; bearingDeg < 360; bearingDeg += 0.5) {
      elementResponse(cell, directionFromAngles(azimuthFromBearingDeg(bearingDeg) * DEG, 0), response);
      const elementGain = response[0] ** 2 + response[1] ** 2;
      if (elementGain > best.gain) best = { bearingDeg, gain: elementGain };
    }
    expect(best.bearingDeg).toBe(200);
  });
});

describe("downtilt", () => {
  it("puts the maximum in the vertical plane 10 deg below the horizon with 10 deg downtilt", () => {
    const cell = createCell({ ...base, azimuthDeg: 45, downtiltDeg: 10 });
    // beams 3 and 4 point at -7.5 and 7.5 deg: their sum is symmetric about boresight
    expect(verticalPeakDeg(cell, 45, (g) => g[3] + g[4])).toBeCloseTo(-10, 5);
    expect(verticalPeakDeg(createCell({ ...base, azimuthDeg: 45 }), 45, (g) => g[3] + g[4])).toBeCloseTo(0, 5);
  });

  it("tilts the beam pointing directions with the panel", () => {
    const cell = createCell({ ...base, azimuthDeg: 90, downtiltDeg: 10 });
    const pointing = beamPointingOf(cell, 5); // 22.5 deg left of boresight in the panel frame
    expect(Math.atan2(pointing[2], Math.hypot(pointing[0], pointing[1])) / DEG).toBeLessThan(0);
    expect(Math.hypot(...pointing)).toBeCloseTo(1, 12);
  });
});

describe("beamGains", () => {
  const cell = createCell({ ...base, azimuthDeg: 30, downtiltDeg: 6, slantDeg: 3 });

  it("equals the panel-frame gains of the rotated direction (seed 11)", () => {
    const random = seededRandom(11);
    const gains = new Float64Array(codebook.beamCount);
    for (let trial = 0; trial < 100; trial++) {
      const d = directionFromAngles((random() - 0.5) * 2 * Math.PI, (random() - 0.5) * Math.PI);
      const local = rotateToPanel(cell.panelToGlobal, d[0], d[1], d[2], new Float64Array(3));
      const expected = panelBeamGains(array, codebook, Math.atan2(local[1], local[0]), Math.asin(local[2]));
      beamGains(cell, d, gains);
      for (let b = 0; b < gains.length; b++) expect(gains[b]).toBeCloseTo(expected[b], 9);
    }
  });

  it("reads a direction at an offset and normalises its length", () => {
    const directions = Float64Array.of(9, 9, 9, 3 * Math.cos(35 * DEG), 3 * Math.sin(35 * DEG), -0.3);
    const atOffset = beamGains(cell, directions, new Float64Array(8), 3);
    const unit = beamGains(cell, directionFromAngles(35 * DEG, Math.atan2(-0.3, 3)), new Float64Array(8));
    for (let b = 0; b < 8; b++) expect(atOffset[b]).toBeCloseTo(unit[b], 12);
  });

  it("picks the beam pointing nearest 25 deg off boresight", () => {
    const level = createCell({ ...base, azimuthDeg: 30 });
    const gains = beamGains(level, directionFromAngles(55 * DEG, 0), new Float64Array(8));
    expect(gains.indexOf(Math.max(...gains))).toBe(5); // 22.5 deg
  });
});

describe("element response and polarisation", () => {
  const cell = createCell({ ...base, azimuthDeg: -40, downtiltDeg: 10 });
  const d = directionFromAngles(-30 * DEG, -15 * DEG);

  it("is sqrt(element gain) x the steering vector", () => {
    const steering = cellSteeringVector(cell, d, new Float64Array(64));
    const response = elementResponse(cell, d, new Float64Array(64));
    const local = rotateToPanel(cell.panelToGlobal, d[0], d[1], d[2], new Float64Array(3));
    const amplitude = Math.sqrt(TR38901_PATTERN.powerGain(Math.atan2(local[1], local[0]), Math.asin(local[2])));
    for (let i = 0; i < 64; i++) expect(response[i]).toBeCloseTo(steering[i] * amplitude, 12);
    for (let e = 0; e < 32; e++) expect(Math.hypot(steering[2 * e], steering[2 * e + 1])).toBeCloseTo(1, 12);
  });

  it("keeps a vertical element vertical at boresight under downtilt", () => {
    const field = polarizedField(cell, boresightOf(cell), new Float64Array(2));
    expect(field[0]).toBeCloseTo(Math.sqrt(10 ** 0.8), 12);
    expect(field[1]).toBeCloseTo(0, 12);
  });

  it("turns a vertical element horizontal with 90 deg slant", () => {
    const slanted = createCell({ ...base, azimuthDeg: -40, downtiltDeg: 10, slantDeg: 90 });
    const field = polarizedField(slanted, boresightOf(slanted), new Float64Array(2));
    expect(field[0]).toBeCloseTo(0, 12);
    expect(Math.abs(field[1])).toBeCloseTo(Math.sqrt(10 ** 0.8), 12);
  });

  it("keeps the power of the pattern in every direction (seed 3)", () => {
    const slanted = createCell({
      ...base,
      azimuthDeg: 70,
      downtiltDeg: 12,
      slantDeg: 20,
      array: new PlanarArray({ rows: 4, cols: 8, pattern: TR38901_PATTERN, polarization: { slantDeg: 45 } }),
    });
    const random = seededRandom(3);
    const field = new Float64Array(2);
    const response = new Float64Array(64);
    for (let trial = 0; trial < 100; trial++) {
      const dir = directionFromAngles((random() - 0.5) * 2 * Math.PI, (random() - 0.5) * Math.PI * 0.98);
      polarizedField(slanted, dir, field);
      elementResponse(slanted, dir, response);
      expect(field[0] ** 2 + field[1] ** 2).toBeCloseTo(response[0] ** 2 + response[1] ** 2, 12);
    }
  });
});
