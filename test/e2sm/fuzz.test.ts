import { describe, expect, it } from "vitest";
import { e2apV3 } from "../../e2sm/e2ap/index.js";
import { kpmV3 } from "../../e2sm/kpm/index.js";
import { decode } from "../../e2sm/schema/decode.js";
import { typeOf } from "../../e2sm/schema/module.js";
import { corpusSeeds } from "../support/corpus.js";
import { fuzz } from "../support/fuzz.js";

const expectCode = (f: () => unknown, code: string) => {
  try {
    f();
  } catch (e) {
    expect((e as { code?: string }).code).toBe(code);
    return e as Error;
  }
  throw new Error("decoded without error");
};

describe("mutation fuzzing (bounded run; bench/fuzz.ts runs longer)", () => {
  const seeds = corpusSeeds();

  it.each([1, 2, 3])("seed %i: 20,000 mutated messages raise only typed errors", (seed) => {
    const report = fuzz(seeds, 20_000, seed);
    expect(report.findings.slice(0, 3)).toEqual([]);
    expect(report.typedErrors).toBeGreaterThan(report.runs / 4); // the mutations do reach the decoders
  });
});

describe("hostile lengths", () => {
  it("a 64K-fragment length in a short message fails as truncated, without allocating it", () => {
    // E2SM-KPM-IndicationHeader: colletStartTime etc. then a PrintableString: claim 0xc4 (4 x 16K)
    const d = typeOf(e2apV3, "RICindicationMessage"); // OCTET STRING, unconstrained length
    const bytes = new Uint8Array(40);
    bytes[0] = 0xc4;
    const before = process.memoryUsage().arrayBuffers;
    const e = expectCode(() => decode(d, bytes), "E2_DECODE_TRUNCATED");
    expect(e.message).toMatch(/^cannot decode RICindicationMessage at bit \d+: /);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
  });

  it("a SEQUENCE OF count beyond the input fails before allocating", () => {
    // MeasurementRecord: SIZE(1..2^31-1) -> general length; 0xbfff = 16383 items in a 6-byte message
    const d = typeOf(kpmV3, "MeasurementRecord");
    const e = expectCode(() => decode(d, Uint8Array.of(0xbf, 0xff, 0, 0, 0, 0)), "E2_DECODE_TRUNCATED");
    expect(e.message).toContain("MeasurementRecord");
  });

  it("names the type path and bit offset of the failure", () => {
    const d = typeOf(e2apV3, "E2AP-PDU");
    const e = expectCode(() => decode(d, Uint8Array.of(0x00, 0x05)), "E2_DECODE_TRUNCATED");
    expect(e.message).toMatch(/^cannot decode E2AP-PDU\.initiatingMessage\.\S+ at bit \d+: /);
  });
});
