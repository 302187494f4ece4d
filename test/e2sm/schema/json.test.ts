import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bits,
  bool,
  choice,
  def,
  enumerated,
  int,
  nul,
  octets,
  oid,
  open,
  opt,
  printable,
  real,
  ref,
  seq,
  seqOf,
  size,
  utf8,
  withDefault,
} from "../../../e2sm/schema/builders.js";
import type { Desc } from "../../../e2sm/schema/descriptors.js";
import {
  fromJson,
  JsonMappingError,
  type JsonValue,
  parseJson,
  stringifyJson,
  toJson,
} from "../../../e2sm/schema/json.js";
import { arbitrary } from "../../support/arbitrary.js";
import { thrown } from "../../support/thrown.js";

const Tree: Desc = def(
  "Tree",
  choice({
    node: seqOf(
      ref(() => Tree),
      size(1, 3),
    ),
    leaf: int(0, 9),
  }),
);
const table = new Map<number, Desc>([
  [1, int(0, 255)],
  [2, printable(size(1, 4))],
  [3, Tree],
  [7, octets()],
]);
const Field = seq({
  id: int(0, 65535),
  criticality: enumerated(["reject", "ignore", "notify"]),
  value: open("id", table),
});
const Message = def("Message", seq({ protocolIEs: seqOf(Field, size(0, 8)) }, {}));
const Everything = seq(
  {
    i: int(0n, 18446744073709551615n),
    u: int(),
    b: bool(),
    n: nul(),
    r: real(),
    e: enumerated(["a", "b"], ["c"]),
    bs: bits(),
    os: octets(size(0, 4, true)),
    s: printable(),
    w: utf8(),
    o: oid(),
    c: choice({ x: int(0, 1), y: Tree }, { z: octets() }),
    d: withDefault(int(0, 3), 2),
    l: opt(seqOf(bool(), size(0, 3))),
  },
  { m: opt(Message) },
);

describe("JSON text", () => {
  it("keeps big integers exact both ways", () => {
    const text = '{"a":18446744073709551615,"b":-9007199254740993,"c":9007199254740991,"d":1.5e300,"e":-0.0}';
    const v = parseJson(text) as Record<string, JsonValue>;
    expect(v.a).toBe(18446744073709551615n);
    expect(v.b).toBe(-9007199254740993n);
    expect(v.c).toBe(9007199254740991);
    expect(v.d).toBe(1.5e300);
    expect(Object.is(v.e, -0)).toBe(true);
    expect(stringifyJson(v)).toBe(
      '{"a":18446744073709551615,"b":-9007199254740993,"c":9007199254740991,"d":1.5e+300,"e":-0.0}',
    );
  });

  it("reads what JSON.parse reads, big integers aside", () => {
    const unbig = (v: unknown): unknown =>
      typeof v === "bigint"
        ? Number(v)
        : Array.isArray(v)
          ? v.map(unbig)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unbig(x)]))
            : v;
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(unbig(parseJson(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("writes JSON that JSON.parse reads, indented alike", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), (v, indent) => {
        const text = stringifyJson(v as JsonValue, indent);
        expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(v)); // (-0.0 reads as -0, which prints as 0)
        if (!text.includes("-0.0")) expect(text).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses malformed text with a position", () => {
    for (const bad of ["{", "[1,]", '{"a" 1}', "01", '"\\x"', "tru", '"a\nb"', "1 2", ""]) {
      expect(() => parseJson(bad), bad).toThrow(SyntaxError);
    }
    expect(() => parseJson('{\n  "a": [1, }')).toThrow(/line 2, column 12: unexpected "}"/);
  });

  it("keeps a __proto__ key as data", () => {
    const v = parseJson('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["__proto__"]);
  });
});

describe("JSON mapping", () => {
  it("maps each type as the reference codec prints it", () => {
    const value = {
      i: 18446744073709551615n,
      u: -3,
      b: true,
      n: null,
      r: Number.NaN,
      e: "c",
      bs: { bits: new Uint8Array([0xa0]), length: 3 },
      os: new Uint8Array([0, 0xab]),
      s: "Hi",
      w: "é",
      o: { oid: "1.3.6.1.4.1.53148.1.2.2.2" },
      c: { y: { node: [{ leaf: 1 }] } },
      m: {
        protocolIEs: [
          { id: 1, criticality: "reject", value: 200 },
          { id: 9, criticality: "ignore", value: new Uint8Array([1]) },
        ],
      },
    };
    const json = toJson(Everything, value);
    expect(stringifyJson(json)).toBe(
      '{"i":18446744073709551615,"u":-3,"b":true,"n":null,"r":"NOT-A-NUMBER","e":"c","bs":{"bits":"a0","length":3},' +
        '"os":{"octets":"00ab"},"s":"Hi","w":"é","o":{"oid":"1.3.6.1.4.1.53148.1.2.2.2"},"c":{"y":{"node":[{"leaf":1}]}},' +
        '"m":{"protocolIEs":[{"id":1,"criticality":"reject","value":200},{"id":9,"criticality":"ignore","value":{"octets":"01"}}]}}',
    );
    expect(fromJson(Everything, json)).toEqual(value);
  });

  it("writes REAL special values and reads them back", () => {
    for (const [v, j] of [
      [Infinity, "PLUS-INFINITY"],
      [-Infinity, "MINUS-INFINITY"],
      [-0, -0],
      [1.5, 1.5],
    ] as const) {
      expect(toJson(real(), v)).toBe(j);
      expect(Object.is(fromJson(real(), parseJson(stringifyJson(toJson(real(), v)))), v)).toBe(true);
    }
  });

  it("drops a DEFAULT component equal to its default, and reads enumeration indexes", () => {
    const d = seq({ a: withDefault(int(0, 3), 2), e: enumerated(["x"], ["y"]) });
    expect(fromJson(d, { a: 2, e: 0 })).toEqual({ e: "y" });
    expect(fromJson(d, { a: 3, e: 5 })).toEqual({ a: 3, e: 5 });
    expect(toJson(d, { e: 5 })).toEqual({ e: 5 });
  });

  it("keeps an unknown extension alternative as raw octets", () => {
    const d = choice({ a: bool() }, {});
    const v = { "unknown-extension-2": new Uint8Array([0x80]) };
    expect(toJson(d, v)).toEqual({ "unknown-extension-2": { octets: "80" } });
    expect(fromJson(d, toJson(d, v))).toEqual(v);
  });

  it("round-trips arbitrary values through JSON text", () => {
    for (const desc of [Everything, Message, Tree]) {
      fc.assert(
        fc.property(arbitrary(desc), (v) => {
          expect(fromJson(desc, parseJson(stringifyJson(toJson(desc, v), 2)))).toEqual(v);
        }),
        { numRuns: 300 },
      );
    }
  });

  const readError = (desc: Desc, json: JsonValue) => thrown(() => fromJson(desc, json), JsonMappingError);

  it("names the path of what it cannot read", () => {
    const ies = [1, 2, 7, 7].map((id) => ({
      id,
      criticality: "reject",
      value: id === 1 ? 5 : id === 2 ? "ab" : { octets: "00" },
    }));
    ies[3].value = "0a";
    const e = readError(Message, { protocolIEs: ies });
    expect(e.path).toBe("/protocolIEs/3/value");
    expect(e.message).toBe('cannot read JSON at /protocolIEs/3/value: expected {"octets": hex}');

    expect(readError(Message, { protocolIEs: [{ id: 1, criticality: "reject" }] }).message).toBe(
      'cannot read JSON at /protocolIEs/0: missing component "value"',
    );
    expect(readError(Message, { protocolIEs: [], extra: 1 }).path).toBe("/extra");
    expect(readError(Message, { protocolIEs: [{ id: 1, criticality: "maybe", value: 1 }] }).message).toMatch(
      /at \/protocolIEs\/0\/criticality: expected one of "reject", "ignore", "notify"/,
    );
    expect(
      readError(Message, { protocolIEs: [{ id: 3, criticality: "reject", value: { node: [{ twig: 1 }] } }] }).path,
    ).toBe("/protocolIEs/0/value/node/0");
    expect(readError(bits(), { bits: "ff", length: 3 }).reason).toBe("the unused trailing bits must be zero");
    expect(readError(bits(), { bits: "ff", length: 9 }).reason).toMatch(/2 bytes/);
    expect(readError(int(), 1.5).path).toBe("");
    expect(readError(seq({ "a/b": int() }), { "a/b": "x" }).path).toBe("/a~1b");
  });

  it("refuses in-memory values that do not fit the type", () => {
    expect(() => toJson(Message, { protocolIEs: [{ id: 1, criticality: "reject", value: "x" }] })).toThrow(
      /cannot write JSON at \/protocolIEs\/0\/value: expected an integer, got string/,
    );
    expect(() => toJson(Message, { protocolIEs: [{ id: 1, criticality: "reject", value: 1, more: 2 }] })).toThrow(
      /\/protocolIEs\/0\/more/,
    );
  });
});
