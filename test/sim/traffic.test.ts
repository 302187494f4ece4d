import { describe, expect, it } from "vitest";
import { Traffic, VIDEO_DEFAULTS, WEB_DEFAULTS } from "../../sim/ran/traffic.js";
import type { TrafficSpec } from "../../sim/scenario/schema.js";

const many = (n: number, spec: TrafficSpec): TrafficSpec[] => Array.from({ length: n }, () => spec);

describe("full-buffer traffic", () => {
  it("always has data and delivers all it is asked for", () => {
    const t = new Traffic([{ model: "full-buffer" }, { model: "full-buffer" }], 1);
    expect(t.count).toBe(2);
    expect(t.buffer[0]).toBe(Number.POSITIVE_INFINITY);
    t.arrive(10);
    expect(t.serve(0, 1.25e6, 10)).toBe(1.25e6);
    expect(t.serve(0, 0.75e6, 10.02)).toBe(0.75e6);
    expect(t.buffer[0]).toBe(Number.POSITIVE_INFINITY);
    expect(t.delivered[0]).toBe(2e6);
    expect(t.delivered[1]).toBe(0);
  });
});

describe("video traffic", () => {
  it("adds bitrate x segment every segment period, from a start within the first period", () => {
    const t = new Traffic([{ model: "video", bitrateMbps: 2, segmentS: 1 }], 3);
    const arrivals: number[] = [];
    let last = 0;
    for (let step = 0; step <= 550; step++) {
      const time = step / 100;
      t.arrive(time);
      if (t.buffer[0] !== last) {
        // one segment of 2 Mbit/s x 1 s at a time
        expect(t.buffer[0] - last).toBeCloseTo(2e6, 3);
        arrivals.push(time);
        last = t.buffer[0];
      }
    }
    expect(arrivals[0]).toBeLessThan(1);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i] - arrivals[i - 1]).toBeCloseTo(1, 6);
    // over 5.5 s: 5 or 6 segments, depending on where in the first second the first one came
    expect(arrivals.length).toBe(Math.floor(5.5 - arrivals[0] + 0.005) + 1);
    expect([5, 6]).toContain(arrivals.length);
    expect(t.buffer[0]).toBe(arrivals.length * 2e6);
  });

  it("catches up on every segment due when arrive() jumps ahead", () => {
    const t = new Traffic([{ model: "video", bitrateMbps: 2, segmentS: 1 }], 3);
    t.arrive(5.5);
    const segments = t.buffer[0] / 2e6;
    expect(Number.isInteger(segments)).toBe(true);
    expect(segments).toBeGreaterThanOrEqual(5);
    expect(segments).toBeLessThanOrEqual(6);
    // the same seed draws the same start: the step-by-step run above found the same count
    const u = new Traffic([{ model: "video", bitrateMbps: 2, segmentS: 1 }], 3);
    for (let time = 0; time <= 5.5; time += 0.25) u.arrive(time);
    u.arrive(5.5);
    expect(u.buffer[0]).toBe(t.buffer[0]);
  });

  it("uses the defaults (5 Mbit/s, 2 s segments) when the spec leaves them out", () => {
    const t = new Traffic([{ model: "video" }], 9);
    t.arrive(VIDEO_DEFAULTS.segmentS); // exactly one segment by the end of the first period (start in [0, 2))
    expect(t.buffer[0]).toBe(VIDEO_DEFAULTS.bitrateMbps * 1e6 * VIDEO_DEFAULTS.segmentS);
  });

  it("drains the buffer by what is served, never more than it holds", () => {
    const t = new Traffic([{ model: "video", bitrateMbps: 2, segmentS: 1 }], 5);
    t.arrive(1);
    expect(t.buffer[0]).toBe(2e6);
    expect(t.serve(0, 0.5e6, 1)).toBe(0.5e6);
    expect(t.buffer[0]).toBe(1.5e6);
    expect(t.serve(0, 4e6, 1.02)).toBe(1.5e6);
    expect(t.buffer[0]).toBe(0);
    expect(t.serve(0, 1e6, 1.04)).toBe(0);
    expect(t.delivered[0]).toBe(2e6);
    // the next segment comes on schedule regardless
    t.arrive(2);
    expect(t.buffer[0]).toBe(2e6);
  });
});

describe("web traffic", () => {
  it("delivers a file after a reading time, then nothing more until it is served", () => {
    const t = new Traffic([{ model: "web", meanFileBytes: 1000, meanReadingS: 2 }], 4);
    let first = Number.NaN;
    for (let step = 0; step <= 400 && Number.isNaN(first); step++) {
      t.arrive(step / 10);
      if (t.buffer[0] > 0) first = step / 10;
    }
    // P(reading time > 40 s) = e^-20 at a 2 s mean
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(40);
    const file = t.buffer[0];
    t.arrive(first + 1000);
    expect(t.buffer[0]).toBe(file);
    // partly served: still no new file
    t.serve(0, file / 2, first + 1000);
    t.arrive(first + 2000);
    expect(t.buffer[0]).toBeCloseTo(file / 2, 6);
  });

  it("starts a new reading time when a file is served to the end, not a new file at once", () => {
    const t = new Traffic(many(50, { model: "web", meanFileBytes: 1000, meanReadingS: 2 }), 6);
    t.arrive(100); // every UE has its first file by now (P(miss) = 50 e^-50)
    const served = new Float64Array(50);
    for (let u = 0; u < 50; u++) {
      expect(t.buffer[u]).toBeGreaterThan(0);
      served[u] = t.serve(u, Number.POSITIVE_INFINITY, 100);
      expect(served[u]).toBeGreaterThan(0);
      expect(t.buffer[u]).toBe(0);
      expect(t.delivered[u]).toBe(served[u]);
    }
    t.arrive(100);
    for (let u = 0; u < 50; u++) expect(t.buffer[u]).toBe(0);
    // exponential reading times (mean 2 s): three quarters have ended after 2 ln 2 mean times
    t.arrive(100 + 2 * 2 * Math.LN2);
    const have = Array.from(t.buffer).filter((b) => b > 0).length;
    expect(have).toBeGreaterThan(25);
    expect(have).toBeLessThan(50);
    t.arrive(200);
    for (let u = 0; u < 50; u++) expect(t.buffer[u]).toBeGreaterThan(0);
  });

  it("draws reading times with the configured mean and files of the configured mean size", () => {
    const n = 4000;
    const meanReadingS = 5;
    const meanFileBytes = 50_000;
    const t = new Traffic(many(n, { model: "web", meanFileBytes, meanReadingS }), 8);
    // exponential reading times: half have ended by mean x ln 2
    t.arrive(meanReadingS * Math.LN2);
    const early = Array.from(t.buffer).filter((b) => b > 0).length;
    expect(Math.abs(early / n - 0.5)).toBeLessThan(0.03);
    t.arrive(1e6);
    let sum = 0;
    for (let u = 0; u < n; u++) sum += t.buffer[u];
    // one file each, log-normal with cv 1: the mean within ~4 standard errors
    expect(Math.abs(sum / n / (8 * meanFileBytes) - 1)).toBeLessThan(0.07);
  });

  it("uses the defaults when the spec leaves them out", () => {
    const n = 4000;
    const t = new Traffic(many(n, { model: "web" }), 10);
    t.arrive(WEB_DEFAULTS.meanReadingS * Math.LN2);
    const early = Array.from(t.buffer).filter((b) => b > 0).length;
    expect(Math.abs(early / n - 0.5)).toBeLessThan(0.03);
    t.arrive(1e6);
    let sum = 0;
    for (let u = 0; u < n; u++) sum += t.buffer[u];
    expect(Math.abs(sum / n / (8 * WEB_DEFAULTS.meanFileBytes) - 1)).toBeLessThan(0.07);
  });
});

describe("Traffic determinism", () => {
  it("gives the same arrivals for the same seed, and different ones for another seed", () => {
    const specs = many(20, { model: "web", meanReadingS: 1 });
    const run = (seed: number) => {
      const t = new Traffic(specs, seed);
      t.arrive(1);
      return Array.from(t.buffer);
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});
