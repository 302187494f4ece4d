/** Discovery's (code, cell) keys: merging sorted parts and renumbering codes keep them sorted and unique. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellMarks, cellOf, codeOf, mergeMarks, renumberCodes } from "../../../twin/radio-map/marks.js";

const pair = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 ** 24 - 1 }));
const marked = (pairs: readonly [number, number][]) => {
  const m = new CellMarks();
  for (const [code, cell] of pairs) m.mark(code, cell);
  return m.finish();
};
const sortedUnique = (keys: Iterable<number>) => [...new Set(keys)].sort((a, b) => a - b);

describe("cell marks", () => {
  it("merges any number of parts into the sorted union", () => {
    fc.assert(
      fc.property(fc.array(fc.array(pair, { maxLength: 60 }), { maxLength: 7 }), (parts) => {
        const arrays = parts.map(marked);
        const merged = mergeMarks(arrays);
        expect([...merged]).toEqual(sortedUnique(arrays.flatMap((a) => [...a])));
        expect([...merged].map((k) => [codeOf(k), cellOf(k)])).toEqual(
          sortedUnique(parts.flat().map(([c, k]) => c * 2 ** 24 + k)).map((k) => [codeOf(k), cellOf(k)]),
        );
      }),
    );
  });

  it("renumbers codes through a table, dropping the negative ones, sorted", () => {
    fc.assert(
      fc.property(
        fc.array(pair, { maxLength: 80 }),
        fc.array(fc.integer({ min: -1, max: 50 }), { minLength: 51, maxLength: 51 }),
        (pairs, table) => {
          const keys = marked(pairs);
          const expected = sortedUnique(
            [...keys].filter((k) => table[codeOf(k)] >= 0).map((k) => table[codeOf(k)] * 2 ** 24 + cellOf(k)),
          );
          // (two codes renumbered alike may share cells: renumbering does not merge them)
          const got = [...renumberCodes(keys, table)];
          expect(sortedUnique(got)).toEqual(expected);
          expect(got).toEqual([...got].sort((a, b) => a - b));
        },
      ),
    );
  });

  it("hands its keys over in shared memory", () => {
    expect(marked([[1, 2]]).buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
