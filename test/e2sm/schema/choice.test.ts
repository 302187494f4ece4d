/** CHOICE encoding finds the alternative given, among few alternatives or many, and names a wrong one. */
import { describe, expect, it } from "vitest";
import { decode, encode } from "../../../e2sm/index.js";
import { bool, choice, int, nul, octets } from "../../../e2sm/schema/builders.js";
import type { Desc } from "../../../e2sm/schema/descriptors.js";

const few = choice({ x: int(0, 1), y: bool(), n: nul() }, { z: octets() });
// more alternatives than the generated encoder tests one by one
const many: Desc = choice(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a${i}`, int(0, i + 1)])), {});

describe("CHOICE encoding", () => {
  it("encodes the alternative given, root or extension, among few alternatives or many", () => {
    for (const v of [{ x: 1 }, { y: true }, { n: null }, { z: Uint8Array.of(1, 2) }]) {
      expect(decode(few, encode(few, v))).toEqual(v);
    }
    for (const v of [{ a0: 1 }, { a7: 8 }, { a11: 12 }]) expect(decode(many, encode(many, v))).toEqual(v);
  });

  it("names an alternative the type does not have, and rejects a value that is no object", () => {
    expect(() => encode(few, { w: 1 })).toThrow(/"w" is not an alternative/);
    expect(() => encode(many, { a12: 1 })).toThrow(/"a12" is not an alternative/);
    expect(() => encode(few, 5)).toThrow(/expected \{alternative: value\}/);
    expect(() => encode(few, {})).toThrow(/expected \{alternative: value\}/);
  });
});
