import { describe, expect, it } from "vitest";
import { decodeReal, encodeReal } from "../../../e2sm/aper/real.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const fail = (why: string): never => {
  throw new Error(why);
};

describe("REAL contents (X.690 8.5)", () => {
  it.each([
    [0, ""],
    [-0, "43"],
    [Number.POSITIVE_INFINITY, "40"],
    [Number.NEGATIVE_INFINITY, "41"],
    [Number.NaN, "42"],
    [1.5, "80ff03"], // 3 x 2^-1: odd mantissa, one-octet exponent
    [-1.5, "c0ff03"],
    [123456789, "8000075bcd15"],
    [5e-324, "81fbce01"], // the smallest subnormal: 1 x 2^-1074
  ])("%d is written as %s and read back", (x, h) => {
    expect(hex(encodeReal(x))).toBe(h);
    expect(Object.is(decodeReal(bytes(h), fail), x)).toBe(true);
  });

  it.each([
    ["0331352e452d31", 1.5], // NR3 "15.E-1", as Erlang writes
    ["0120203132", 12], // NR1 with leading spaces
    ["02312c3235", 1.25], // NR2 with a decimal comma
    ["90ff03", 3 / 8], // base 8: 3 x 8^-1
    ["a0fe03", 3 / 256], // base 16: 3 x 16^-2
    ["9c0001", 2 ** 3], // base 8, scale factor F=3: 1 x 8^0 x 2^3
  ])("reads %s as %d", (h, x) => {
    expect(decodeReal(bytes(h), fail)).toBeCloseTo(x, 12);
  });

  it.each([["0331352e452d"], ["44"], ["83"], ["b0ff03"], ["04313233"]])("rejects %s with a reason", (h) => {
    expect(() => decodeReal(bytes(h), fail)).toThrow(/REAL/);
  });

  it("round-trips random doubles exactly", () => {
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 5000; i++) {
      view.setUint32(0, (Math.random() * 2 ** 32) >>> 0);
      view.setUint32(4, (Math.random() * 2 ** 32) >>> 0);
      const x = view.getFloat64(0);
      const back = decodeReal(encodeReal(x), fail);
      expect(Object.is(back, x) || (Number.isNaN(x) && Number.isNaN(back))).toBe(true);
    }
  });
});
