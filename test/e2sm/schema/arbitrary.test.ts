import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bits,
  bool,
  choice,
  def,
  enumerated,
  ia5,
  int,
  nul,
  numeric,
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
  visible,
  withDefault,
} from "../../../e2sm/schema/builders.js";
import { type Desc, resolve, type SizeConstraint } from "../../../e2sm/schema/descriptors.js";
import { sameValue } from "../../../e2sm/schema/values.js";
import { arbitrary, height } from "../../support/arbitrary.js";
import { inAlphabet } from "../../support/arbitrary-leaves.js";

/** Everything the value model and the constraints require of `v`; a list of problems. */
function problems(desc: Desc, v: unknown, path = "", siblings: Record<string, unknown> | null = null): string[] {
  const d = resolve(desc);
  const bad = (why: string) => [`${path || "/"}: ${why} (${String(v)})`];
  const sizeOk = (sz: SizeConstraint | null, n: number) =>
    !sz || sz.ext || (n >= sz.lb && (sz.ub === null || n <= sz.ub));
  switch (d.kind) {
    case "integer": {
      if (
        typeof v === "number"
          ? !Number.isSafeInteger(v)
          : typeof v !== "bigint" || (v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n)
      ) {
        return bad("not a normalized integer");
      }
      const b = BigInt(v as number | bigint);
      if (!d.ext && ((d.lb !== null && b < d.lb) || (d.ub !== null && b > d.ub))) return bad("outside the range");
      return [];
    }
    case "boolean":
      return typeof v === "boolean" ? [] : bad("not a boolean");
    case "null":
      return v === null ? [] : bad("not null");
    case "real":
      return typeof v === "number" ? [] : bad("not a number");
    case "enumerated":
      return d.root.includes(v as string) || d.ext?.includes(v as string) ? [] : bad("not an enumeration name");
    case "bitstring": {
      const b = v as { bits: Uint8Array; length: number };
      if (b.bits.length !== Math.ceil(b.length / 8)) return bad("wrong byte count");
      if (b.length % 8 && b.bits[b.bits.length - 1] & (0xff >> (b.length % 8))) return bad("padding not zero");
      return sizeOk(d.size, b.length) ? [] : bad("size");
    }
    case "octetstring":
      return v instanceof Uint8Array && sizeOk(d.size, v.length) ? [] : bad("size");
    case "string":
      if (typeof v !== "string" || !inAlphabet(d.charset, v)) return bad(`not a ${d.charset}`);
      return sizeOk(d.size, [...v].length) ? [] : bad("size");
    case "oid":
      return /^[0-2]\.[0-9]+(\.[0-9]+)*$/.test((v as { oid: string }).oid) ? [] : bad("oid");
    case "sequence": {
      const o = v as Record<string, unknown>;
      const comps = [...d.root, ...(d.ext ?? [])];
      const out: string[] = [];
      for (const k of Object.keys(o)) if (!comps.some((c) => c.name === k)) out.push(`${path}/${k}: unknown component`);
      for (const c of comps) {
        if (o[c.name] === undefined) {
          if (!c.optional && d.root.includes(c)) out.push(`${path}/${c.name}: missing`);
        } else if ("defaultValue" in c && sameValue(o[c.name], c.defaultValue)) {
          out.push(`${path}/${c.name}: present but equal to its DEFAULT`);
        } else out.push(...problems(c.type, o[c.name], `${path}/${c.name}`, o));
      }
      return out;
    }
    case "choice": {
      const keys = Object.keys(v as object);
      const alt = [...d.root, ...(d.ext ?? [])].find((a) => a.name === keys[0]);
      if (keys.length !== 1 || !alt) return bad("not one alternative");
      return problems(alt.type, (v as Record<string, unknown>)[alt.name], `${path}/${alt.name}`);
    }
    case "sequenceOf":
      if (!Array.isArray(v) || !sizeOk(d.size, v.length)) return bad("size");
      return v.flatMap((x, i) => problems(d.item, x, `${path}/${i}`));
    case "open": {
      const target = siblings ? d.table.get(siblings[d.key] as number) : undefined;
      return target ? problems(target, v, path) : bad(`key ${String(siblings?.[d.key])} not in the table`);
    }
  }
}

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
const List: Desc = def("List", seq({ head: int(0, 9), tail: opt(ref(() => List)) }));
const Field = seq({
  id: int(0, 65535),
  criticality: enumerated(["reject", "ignore", "notify"]),
  value: open(
    "id",
    new Map<number, Desc>([
      [1, int(0, 255)],
      [2, printable(size(1, 4))],
      [3, ref(() => Tree)],
    ]),
  ),
});
const U64 = int(0n, 18446744073709551615n);

const cases: Record<string, Desc> = {
  "INTEGER (0..255)": int(0, 255),
  "INTEGER (-5..5, ...)": int(-5, 5, { ext: true }),
  "INTEGER (0..2^64-1)": U64,
  "INTEGER (1..MAX)": int(1, null),
  INTEGER: int(),
  BOOLEAN: bool(),
  NULL: nul(),
  REAL: real(),
  ENUMERATED: enumerated(["a", "b"], ["c", "d"]),
  "BIT STRING (SIZE(22..32))": bits(size(22, 32)),
  "BIT STRING (SIZE(8, ...))": bits(size(8, 8, true)),
  "BIT STRING": bits(),
  "OCTET STRING (SIZE(1..3, ...))": octets(size(1, 3, true)),
  "PrintableString (SIZE(1..150, ...))": printable(size(1, 150, true)),
  IA5String: ia5(),
  "VisibleString (SIZE(4))": visible(size(4)),
  NumericString: numeric(),
  "UTF8String (SIZE(1..4))": utf8(size(1, 4)),
  "OBJECT IDENTIFIER": oid(),
  SEQUENCE: seq({ a: int(0, 7), b: opt(bool()), c: withDefault(int(0, 3), 2) }, { d: opt(printable()), e: bool() }),
  CHOICE: choice({ x: int(0, 1), y: bool() }, { z: octets() }),
  "SEQUENCE (SIZE(1..2, ...)) OF": seqOf(int(0, 3), size(1, 2, true)),
  Tree,
  List,
  "ProtocolIE-Container": seqOf(Field, size(0, 8)),
};

describe("arbitrary", () => {
  for (const [name, desc] of Object.entries(cases)) {
    it(`values of ${name} satisfy their constraints`, () => {
      fc.assert(
        fc.property(arbitrary(desc), (v) => {
          expect(problems(desc, v)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }

  const sample = (desc: Desc, n = 2000, opts = {}) => fc.sample(arbitrary(desc, opts), { numRuns: n, seed: 42 });

  it("covers both sides of 2^53 for a 64-bit range", () => {
    const vs = sample(U64);
    expect(vs.some((v) => typeof v === "bigint")).toBe(true);
    expect(vs.some((v) => typeof v === "number")).toBe(true);
    expect(vs.every((v) => typeof v === "number" || (v as bigint) > 2n ** 53n - 1n)).toBe(true);
  });

  it("steps outside extensible roots and uses extensions, unless told not to", () => {
    const outside = (v: unknown) => (v as number) < -5 || (v as number) > 5;
    expect(sample(cases["INTEGER (-5..5, ...)"]).some(outside)).toBe(true);
    expect(sample(cases["INTEGER (-5..5, ...)"], 500, { extensions: false }).some(outside)).toBe(false);
    expect(sample(cases["OCTET STRING (SIZE(1..3, ...))"]).some((v) => (v as Uint8Array).length > 3)).toBe(true);
    expect(sample(cases["OCTET STRING (SIZE(1..3, ...))"]).some((v) => (v as Uint8Array).length === 0)).toBe(true);
    expect(sample(cases.CHOICE).some((v) => "z" in (v as object))).toBe(true);
    const seqs = sample(cases.SEQUENCE) as Record<string, unknown>[];
    for (const k of ["b", "c", "d", "e"]) {
      expect(seqs.some((v) => k in v)).toBe(true);
      expect(seqs.some((v) => !(k in v))).toBe(true);
    }
    expect(sample(cases.ENUMERATED, 500, { extensions: false }).every((v) => v === "a" || v === "b")).toBe(true);
  });

  it("produces special REALs, or none when excluded", () => {
    const specials = (v: unknown) => !Number.isFinite(v) || v === 0;
    const vs = sample(real());
    for (const x of [Number.NaN, Infinity, -Infinity, 0, -0]) expect(vs.some((v) => Object.is(v, x))).toBe(true);
    expect(sample(real(), 2000, { specialReals: false }).some(specials)).toBe(false);
  });

  it("sets the key of an open type from its table", () => {
    const ies = sample(cases["ProtocolIE-Container"], 300).flat() as { id: number; value: unknown }[];
    expect(new Set(ies.map((f) => f.id))).toEqual(new Set([1, 2, 3]));
    expect(ies.every((f) => (f.id === 2) === (typeof f.value === "string"))).toBe(true);
  });

  it("terminates recursive types and bounds their depth", () => {
    const depth = (t: unknown): number =>
      "leaf" in (t as object) ? 0 : 1 + Math.max(...(t as { node: unknown[] }).node.map(depth));
    const trees = sample(Tree, 500, { maxDepth: 6 });
    expect(trees.some((t) => depth(t) > 1)).toBe(true);
    expect(Math.max(...trees.map(depth))).toBeLessThanOrEqual(3); // a level is a CHOICE and a SEQUENCE OF
    expect(sample(Tree, 200, { maxDepth: 0 }).every((t) => "leaf" in (t as object))).toBe(true);
    expect(sample(List, 200, { maxDepth: 0 }).every((l) => !("tail" in (l as object)))).toBe(true);
    expect([height(Tree), height(List)]).toEqual([1, 1]);
  });

  it("keeps sizes bounded by maxItems and maxLength", () => {
    const lists = sample(seqOf(int(0, 1)), 500, { maxItems: 2 }) as unknown[][];
    expect(Math.max(...lists.map((l) => l.length))).toBe(2);
    const strings = sample(printable(size(3, null)), 500, { maxLength: 5 }) as string[];
    expect(Math.max(...strings.map((s) => s.length))).toBe(8);
  });

  it("rejects a type that always contains itself", () => {
    const Loop: Desc = seq({ again: ref(() => Loop) });
    expect(() => height(Loop)).toThrow(/no finite value/);
  });
});
