import { describe, expect, it } from "vitest";
import { parseDuration, parseSpeed } from "../../sim/run.js";

describe("parseSpeed", () => {
  it("reads max, realtime and multiples", () => {
    expect(parseSpeed("max")).toBe("max");
    expect(parseSpeed("realtime")).toBe(1);
    expect(parseSpeed("10x")).toBe(10);
    expect(parseSpeed("0.5x")).toBe(0.5);
    expect(parseSpeed("1x")).toBe(1);
  });

  it.each(["", "10", "x", "0x", "0.0x", "-2x", "1.x", ".5x", "10X", "fast", "Max", " 10x", "10x "])(
    "rejects %j",
    (text) => {
      expect(parseSpeed(text)).toBeUndefined();
    },
  );
});

describe("parseDuration", () => {
  it("reads seconds by default and ms, s, m, h", () => {
    expect(parseDuration("90")).toBe(90);
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("500ms")).toBeCloseTo(0.5, 12);
    expect(parseDuration("2m")).toBe(120);
    expect(parseDuration("1.5m")).toBe(90);
    expect(parseDuration("1h")).toBe(3600);
    expect(parseDuration("0.25")).toBe(0.25);
  });

  it.each(["-1s", "abc", "0s", "0", "0ms", "", "1d", "1 s", "s", "1.5.0", "1e3", "10min"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
