/**
 * The counts of sized types as the decoders read them in one go (`Sizes.quick`: a constrained whole
 * number in a bit-field or one or two aligned octets, a general length of one or two octets) and what
 * they leave to the exact path (counts outside the root, too few bits, fragments); and the recent
 * strings both directions share.
 */
import { describe, expect, it } from "vitest";
import { E2CodecError } from "../../../e2sm/errors.js";
import { int, printable, seq, seqOf, size } from "../../../e2sm/schema/builders.js";
import { decode } from "../../../e2sm/schema/decode.js";
import { encode } from "../../../e2sm/schema/encode.js";
import { RecentStrings } from "../../../e2sm/schema/recent-strings.js";
import { thrown } from "../../support/thrown.js";

const items = (n: number) => Array.from({ length: n }, (_, i) => i % 200);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const decodeError = (d: Parameters<typeof decode>[0], bytes: Uint8Array) =>
  thrown(() => decode(d, bytes), E2CodecError);

describe("sized counts", () => {
  const general = seqOf(int(0, 255), size(1, 2147483647)); // ub >= 64K: a general length
  const octetCount = seqOf(int(0, 255), size(0, 255)); // range 256: one aligned octet
  const wordCount = seqOf(int(0, 255), size(1, 65535)); // range up to 64K: two aligned octets
  const extensible = seqOf(int(0, 255), size(1, 4, true));

  it.each([
    { kind: "general", d: general, n: 1, field: "01" },
    { kind: "general", d: general, n: 127, field: "7f" },
    { kind: "general", d: general, n: 128, field: "8080" },
    { kind: "general", d: general, n: 300, field: "812c" },
    { kind: "octetCount", d: octetCount, n: 0, field: "00" },
    { kind: "octetCount", d: octetCount, n: 255, field: "ff" },
    { kind: "wordCount", d: wordCount, n: 1, field: "0000" },
    { kind: "wordCount", d: wordCount, n: 300, field: "012b" },
  ])("reads $n items of a $kind count, length field $field", ({ d, n, field }) => {
    const bytes = encode(d, items(n));
    expect(hex(bytes).startsWith(field)).toBe(true);
    expect(decode(d, bytes)).toEqual(items(n));
  });

  it("leaves counts outside an extensible root to the exact path", () => {
    for (const n of [1, 4, 5, 9]) expect(decode(extensible, encode(extensible, items(n)))).toEqual(items(n));
  });

  it("words a general count below the lower bound as before, at item [0]", () => {
    const e = decodeError(general, Uint8Array.of(0x00));
    expect(e.code).toBe("E2_DECODE_INVALID");
    expect(e.path).toBe("SEQUENCE OF[0]");
    expect(e.reason).toBe("SEQUENCE OF size 0 is outside 1..2147483647");
  });

  it("words a count claiming more items than the bits left", () => {
    for (const bytes of [Uint8Array.of(0x05, 1, 2), Uint8Array.of(0x81, 0x2c, 1), Uint8Array.of(0x01, 0x2b, 1)]) {
      const d = bytes[0] === 0x01 ? wordCount : general;
      const e = decodeError(d, bytes);
      expect(e.code).toBe("E2_DECODE_TRUNCATED");
      expect(e.reason).toMatch(/^SEQUENCE OF of \d+ claims \d+ bits, \d+ left$/);
    }
  });

  it("words a general length header the count cannot be", () => {
    const e = decodeError(general, Uint8Array.of(0xc5));
    expect(e.reason).toBe("fragment length header 0xc5 is not 0xc1..0xc4");
  });
});

describe("recent strings", () => {
  const name = printable(size(1, 150, true));
  const pair = seq({ a: name, b: name });
  // the same length and the same characters where the slot hash looks (0, 1, n/4, n/2, n-2, n-1):
  // one slot for both, so each must be told apart by its octets or by the string itself
  const first = "DRB.PdcpSduVolumeDL";
  const twin = "DRB.PxcpSduVolumeDL";
  // the extension bit, the length - 1 in 8 bits, then the aligned characters
  const wire = (s: string) =>
    Buffer.concat([Buffer.of((s.length - 1) >> 1, ((s.length - 1) & 1) << 7), Buffer.from(s, "latin1")]);

  it("writes and reads strings that share a slot, each as itself", () => {
    const table = new RecentStrings();
    expect(table.slotOfString(twin)).toBe(table.slotOfString(first));
    const ab = encode(pair, { a: first, b: twin });
    const ba = encode(pair, { a: twin, b: first });
    expect(decode(pair, ab)).toEqual({ a: first, b: twin });
    expect(decode(pair, ba)).toEqual({ a: twin, b: first });
    expect(hex(encode(name, twin))).toBe(hex(wire(twin)));
    expect(hex(encode(name, first))).toBe(hex(wire(first)));
  });

  it("still refuses a character the alphabet lacks in a string like a kept one", () => {
    encode(name, first);
    expect(() => encode(name, "DRB!PdcpSduVolumeDL")).toThrow(/character "!" at 3 is not allowed in PrintableString/);
    decode(name, wire(first));
    expect(() => decode(name, wire("DRB!PdcpSduVolumeDL"))).toThrow(/not allowed in PrintableString/);
  });
});
