import * as fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  bits,
  bool,
  choice,
  enumerated,
  int,
  octets,
  oid,
  opt,
  printable,
  real,
  seq,
  seqOf,
  utf8,
  withDefault,
} from "../../e2sm/schema/builders.js";
import { decode } from "../../e2sm/schema/decode.js";
import { encode } from "../../e2sm/schema/encode.js";
import { type JsonValue, parseJson, stringifyJson } from "../../e2sm/schema/json.js";
import { arbitrary } from "./arbitrary.js";
import { type Oracle, type OracleAnswer, startOracle } from "./oracle.js";
import { compareWithOracle } from "./oracle-compare.js";

// Hand-made copies of two small types of the oracle's modules (the project's schemas are tested elsewhere).
const EventTrigger = seq(
  {
    "eventDefinition-formats": choice(
      { "eventDefinition-Format1": seq({ reportingPeriod: int(1, 4294967295) }, {}) },
      {},
    ),
  },
  {},
);
const RanParameterValue = choice(
  {
    valueBoolean: bool(),
    valueInt: int(),
    valueReal: real(),
    valueBitS: bits(),
    valueOctS: octets(),
    valuePrintableString: printable(),
  },
  {},
);

const hex = (s: string) => Uint8Array.from(Buffer.from(s, "hex"));
/** E2SM-KPM-EventTriggerDefinition format 1 by hand: three extension/choice bits, a 2-bit octet count, the octets of n-1. */
function triggerBytes(n: number): Uint8Array {
  const body = [];
  for (let x = n - 1; x > 0 || body.length === 0; x = Math.floor(x / 256)) body.unshift(x % 256);
  return Uint8Array.from([(body.length - 1) << 3, ...body]);
}

const started = await startOracle();
const oracle: Oracle | null = "skip" in started ? null : started;
if ("skip" in started) console.warn(`asn1-oracle tests skipped: ${started.skip}`);
afterAll(() => oracle?.close());

const ok = (a: OracleAnswer) => {
  if (!a.ok) throw new Error(`oracle refused: ${a.error}`);
  return a;
};

describe.skipIf(!oracle)(`asn1-oracle${"skip" in started ? ` (skipped: ${started.skip})` : ""}`, () => {
  const o = oracle as Oracle;

  it("decodes a known message and re-encodes it identically", async () => {
    const a = ok(await o.check("KPM_v3", "E2SM-KPM-EventTriggerDefinition", hex("0803e7")));
    expect(a).toEqual({
      ok: true,
      reencoded: "0803e7",
      identical: true,
      trailing: 0,
      value: { "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: 1000 } } },
    });
    expect(compareWithOracle(EventTrigger, decode(EventTrigger, hex("0803e7")), a.value)).toEqual([]);
  });

  it("answers many requests in flight, in order", async () => {
    const periods = Array.from({ length: 500 }, (_, i) => 1 + ((i * 2654435761) % 4294967295));
    const answers = await Promise.all(
      periods.map((n) => o.check("KPM_v2", "E2SM-KPM-EventTriggerDefinition", triggerBytes(n))),
    );
    answers.forEach((a, i) => {
      expect(ok(a).identical).toBe(true);
      expect(
        compareWithOracle(
          EventTrigger,
          { "eventDefinition-formats": { "eventDefinition-Format1": { reportingPeriod: periods[i] } } },
          ok(a).value,
        ),
      ).toEqual([]);
    });
  });

  it("keeps big integers exact and reports refusals", async () => {
    const a = ok(await o.check("RC_v1", "RANParameter-Value", hex("1009010000000000000000")));
    expect(a.value).toEqual({ valueInt: 18446744073709551616n });
    expect(await o.check("KPM_v3", "E2SM-KPM-EventTriggerDefinition", hex("ff"))).toMatchObject({ ok: false });
  });

  it("agrees with our codec on arbitrary values", async () => {
    for (const [module, type, desc] of [
      ["RC_v1", "RANParameter-Value", RanParameterValue],
      ["KPM_v3", "E2SM-KPM-EventTriggerDefinition", EventTrigger],
    ] as const) {
      // OTP 25 cannot decode REAL zero or the special values
      const values = fc.sample(arbitrary(desc, { specialReals: false, maxLength: 40 }), { numRuns: 300, seed: 7 });
      const answers = await Promise.all(values.map((v) => o.check(module, type, encode(desc, v))));
      answers.forEach((answer, i) => {
        const a = ok(answer);
        expect(compareWithOracle(desc, values[i], a.value), stringifyJson(a.value)).toEqual([]);
        // the oracle writes REALs in its own form; everything else must come back byte for byte
        if (!("valueReal" in (values[i] as object))) expect(a.identical).toBe(true);
      });
    }
  });
});

describe("compareWithOracle", () => {
  const Everything = seq(
    {
      i: int(0n, 18446744073709551615n),
      r: real(),
      e: enumerated(["true", "other"], ["x"]),
      bs: bits(),
      os: octets(),
      s: printable(),
      ia: printable(),
      w: utf8(),
      o: oid(),
      c: choice({ a: int(0, 1) }, {}),
      l: seqOf(int(0, 255)),
      d: withDefault(int(0, 3), 2),
      n: opt(bool()),
    },
    {},
  );
  const ours = {
    i: 18446744073709551615n,
    r: 1.5,
    e: "true",
    bs: { bits: new Uint8Array([0xab]), length: 8 },
    os: new Uint8Array([1, 2]),
    s: "",
    ia: "1.E2",
    w: "é",
    o: { oid: "1.2.840" },
    c: { a: 1 },
    l: [72, 105],
    n: false,
  };
  const theirs = parseJson(
    '{"i":18446744073709551615,"r":1.5000000000000002,"e":true,"bs":{"octets":"ab"},"os":{"octets":"0102"},"s":[],' +
      `"ia":100.0,"w":{"octets":"c3a9"},"o":${2 ** 840},"c":{"a":1},"l":"Hi","d":2,"n":false}`,
  );

  it("sees through the oracle's way of printing values", () => {
    // among them "o": the OID {1,2,840} is a tuple that the oracle prints as the REAL 1 * 2^840
    expect(compareWithOracle(Everything, ours, theirs)).toEqual([]);
  });

  it("reports differences with their path", () => {
    const wrong: Record<string, JsonValue> = {
      ...(theirs as Record<string, JsonValue>),
      o: { oid: "1.2.841" },
      i: 18446744073709551614n,
      c: { b: 1 },
      n: true,
    };
    delete (wrong as Record<string, unknown>).d;
    expect(compareWithOracle(Everything, ours, wrong)).toEqual([
      "/i: ours 18446744073709551615, oracle 18446744073709551614",
      '/o: ours {"oid":"1.2.840"}, oracle {"oid":"1.2.841"}',
      "/c: ours alternative a, oracle alternative b",
      "/d: ours 2, oracle absent",
      "/n: ours false, oracle true",
    ]);
    expect(compareWithOracle(seqOf(int(0, 9)), [1, 2], [1])).toEqual(["/: ours [1,2], oracle [1] (2 items against 1)"]);
    expect(compareWithOracle(real(), Number.NaN, "NOT-A-NUMBER")).toEqual([]);
    expect(compareWithOracle(real(), 1, 1.001)).toHaveLength(1);
  });
});
