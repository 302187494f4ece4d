/**
 * Generated decoders for SEQUENCE, CHOICE and SEQUENCE OF (see `codegen.ts` for why). A generated
 * function reads its components into locals, inlining simple leaves (small constrained INTEGER,
 * ENUMERATED, BOOLEAN, NULL, REAL) as direct reader calls and calling the compiled decoders of the
 * others, then builds the value with constant keys. It has one try/catch: a local holds the index of
 * the component being read, so a failure gets its path step while unwinding and the happy path pays
 * nothing for paths.
 */
import { bitsFor, octetsFor, type PerReader } from "../aper/per-reader.js";
import { readReal } from "../aper/real.js";
import { rethrowAt } from "../errors.js";
import { lit, Scope } from "./codegen.js";
import {
  type Decoder,
  type ExtensionAlternative,
  type ExtensionPart,
  OpenDecoders,
  readExtensionAlternative,
  readExtensions,
  readOpen,
} from "./decode-parts.js";
import type { ChoiceDesc, Component, Desc, SequenceDesc, SequenceOfDesc } from "./descriptors.js";
import { describe } from "./descriptors.js";
import { sizeLayout } from "./layout.js";
import { minBits } from "./min-bits.js";
import { Sizes } from "./sizes.js";

export type DecoderOf = (d: Desc) => Decoder;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An expression reading a constrained whole number in 0..range-1 (PerReader.whole, unrolled). */
function whole(range: number): string {
  if (range <= 1) return "0";
  if (range <= 255) return `r.bits(${bitsFor(range - 1)})`;
  if (range === 256) return "r.octet()";
  if (range <= 65536) return "(r.align(), r.bits(16))";
  return `r.wholeOctets(${bitsFor(octetsFor(range - 1) - 1)})`;
}

/** The field `whole(range)` reads cannot hold a value past the range (exactly log2(range) bits wide). */
const exact = (range: number) => (range <= 256 && (range & (range - 1)) === 0) || range === 65536;

/**
 * Statements reading a value of `d` into the existing variable `v`: inline for simple leaves, else a
 * call of its compiled decoder.
 */
function read(d: Desc, v: string, s: Scope, decoderOf: DecoderOf): string {
  switch (d.kind) {
    case "boolean":
      return `${v} = r.bit();`;
    case "null":
      return `${v} = null;`;
    case "real":
      return `${v} = ${s.bind(readReal)}(r);`;
    case "integer": {
      if (d.lb === null || d.ub === null || d.lb < -SAFE || d.ub > SAFE) break;
      const lo = Number(d.lb);
      const hi = Number(d.ub);
      const range = hi - lo + 1;
      let root = `${v} = ${whole(range)} + ${lo};`;
      if (!exact(range)) root += `\nif (${v} > ${hi}) r.fail(${v} + ${lit(` is outside ${lo}..${hi}`)});`;
      return d.ext ? withExtension(root, d, v, s, decoderOf) : root;
    }
    case "enumerated": {
      const n = d.root.length;
      const t = s.temp("e");
      const root = [
        `const ${t} = ${whole(n)};`,
        exact(n)
          ? ""
          : `if (${t} >= ${n}) r.fail(${lit("enumeration index ")} + ${t} + ${lit(` is outside 0..${n - 1}`)});`,
        `${v} = ${s.bind(d.root)}[${t}];`,
      ].join("\n");
      return d.ext !== null ? withExtension(root, d, v, s, decoderOf) : root;
    }
  }
  return `${v} = ${s.bind(decoderOf(d))}(r);`;
}

/**
 * An extensible leaf: `root` reads a value within the root inline; beyond it (extension bit set) the
 * leaf's own decoder reads it again from the extension bit.
 */
function withExtension(root: string, d: Desc, v: string, s: Scope, decoderOf: DecoderOf): string {
  return `if (r.bit()) {\nr.pos -= 1;\n${v} = ${s.bind(decoderOf(d))}(r);\n} else {\n${root}\n}`;
}

/** Statements reading SEQUENCE component `c` into `v`; `keyOf` names the local holding a sibling. */
function readComponent(c: Component, v: string, s: Scope, decoderOf: DecoderOf, keyOf: (name: string) => string) {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind === "open") {
    const open = s.bind(new OpenDecoders(t.table, decoderOf));
    return `${v} = ${s.bind(readOpen)}(r, ${open}.get(${keyOf(t.key)}));`;
  }
  return read(c.type, v, s, decoderOf); // a ref keeps its depth-counting decoder
}

export function sequenceDecoder(d: SequenceDesc, decoderOf: DecoderOf): Decoder {
  const s = new Scope();
  const root = d.root;
  const extensible = d.ext !== null;
  const nOptional = root.filter((c) => c.optional).length;
  const head = (extensible ? 1 : 0) + nOptional;
  const out: string[] = [];

  // the extension bit and the presence bitmap: one read while they fit in 32 bits
  let flag: (bit: number) => string;
  if (head === 0) flag = () => "false";
  else if (head <= 32) {
    // with too few bits left, read them as the interpreter did, so errors say the same thing
    const slow = s.bind((r: PerReader) => {
      const x = extensible && r.bit() ? 1 : 0;
      if (nOptional <= 30) return x * 2 ** nOptional + r.bits(nOptional);
      let m = x;
      for (let k = 0; k < nOptional; k++) m = m * 2 + (r.bit() ? 1 : 0);
      return m;
    });
    out.push(`const h = r.end - r.pos >= ${head} ? r.bits(${head}) : ${slow}(r);`);
    flag = (bit) => `((h >>> ${head - 1 - bit}) & 1) === 1`;
  } else {
    out.push(`const h = ${s.bind(readFlags)}(r, ${head});`);
    flag = (bit) => `h[${bit}]`;
  }

  const local = (i: number) => `v${i}`;
  // the local holding the earlier sibling `name` (an open type's key); otherwise no table entry applies
  const keyBefore = (at: number) => (name: string) => {
    const i = root.findIndex((c) => c.name === name);
    return i >= 0 && i < at ? local(i) : "undefined";
  };

  out.push("let i = 0;", "try {");
  let bit = extensible ? 1 : 0;
  const present: string[] = []; // per component: its presence test, or "" when always set
  root.forEach((c, i) => {
    const v = local(i);
    out.push(`i = ${i};`, `let ${v};`);
    if (!c.optional) {
      out.push(readComponent(c, v, s, decoderOf, keyBefore(i)));
      present.push("");
      return;
    }
    const on = flag(bit++);
    const hasDefault = "defaultValue" in c;
    out.push(`if (${on}) {`, readComponent(c, v, s, decoderOf, keyBefore(i)), "}");
    if (hasDefault) out.push(`else ${v} = ${s.bind(c.defaultValue)};`);
    present.push(hasDefault ? "" : on);
  });

  // the value, keys in component order: a literal up to the first component that may be absent
  let k = 0;
  const literal: string[] = [];
  for (; k < root.length && present[k] === ""; k++) literal.push(`${lit(root[k].name)}: ${local(k)}`);
  out.push(`const o = {${literal.join(", ")}};`);
  for (; k < root.length; k++) {
    const store = `o[${lit(root[k].name)}] = ${local(k)};`;
    out.push(present[k] === "" ? store : `if (${present[k]}) ${store}`);
  }

  if (extensible) {
    const parts: ExtensionPart[] = (d.ext ?? []).map((c) => ({ name: c.name, read: extensionReader(c, decoderOf) }));
    out.push(`if (${flag(0)}) {`, "i = -1;", `${s.bind(readExtensions)}(r, o, ${s.bind(parts)});`, "}");
  }
  out.push("return o;");
  const steps = s.bind(root.map((c) => `.${c.name}`));
  out.push("} catch (e) {", "if (i < 0) throw e;", `${s.bind(rethrowAt)}(e, ${steps}[i], r.pos, false);`, "}");
  return s.compile("decode", describe(d), "r", out.join("\n"));
}

/** Reads a presence bitmap of more than 32 bits, one bit at a time. */
function readFlags(r: PerReader, n: number): boolean[] {
  const flags: boolean[] = [];
  for (let k = 0; k < n; k++) flags.push(r.bit());
  return flags;
}

/** How an extension addition is read inside its open type (rare: not generated). */
function extensionReader(c: Component, decoderOf: DecoderOf): ExtensionPart["read"] {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind === "open") {
    const open = new OpenDecoders(t.table, decoderOf);
    return (r, obj) => readOpen(r, open.get(obj[t.key]));
  }
  const dec = decoderOf(c.type);
  return (r) => dec(r);
}

export function choiceDecoder(d: ChoiceDesc, decoderOf: DecoderOf): Decoder {
  const s = new Scope();
  const n = d.root.length;
  const ext = d.ext ?? [];
  const steps = s.bind(d.root.map((a) => `.${a.name}`));
  const out: string[] = ["let i = -1;", "try {"];
  const k = n <= 255 ? bitsFor(n - 1) : -1; // the index is a plain k-bit field
  const combined = d.ext !== null && k > 0;
  if (combined) {
    // the extension bit and the index in one read while the bits are there (else as the interpreter
    // did, so errors say the same); an extension alternative steps back to its normally small number
    out.push(
      "let x;",
      "let more = false;",
      `if (r.end - r.pos > ${k}) {`,
      `x = r.bits(${k + 1});`,
      `if (x >= ${1 << k}) {`,
      "more = true;",
      `r.pos -= ${k};`,
      "}",
      "} else {",
      "more = r.bit();",
      `if (!more) x = r.bits(${k});`,
      "}",
      "if (more) {",
    );
  } else if (d.ext !== null) out.push("if (r.bit()) {");
  if (d.ext !== null) {
    // extension alternatives are rare: a helper keeps this function small enough to inline
    const alts: ExtensionAlternative[] = ext.map((a) => ({ name: a.name, read: decoderOf(a.type) }));
    out.push(`return ${s.bind(readExtensionAlternative)}(r, ${s.bind(alts)});`, "}");
  }
  if (!combined) out.push(`const x = ${whole(n)};`);
  out.push("let v;", "switch (x) {");
  d.root.forEach((a, at) => {
    out.push(`case ${at}: {`, `i = ${at};`, read(a.type, "v", s, decoderOf), `return {${lit(a.name)}: v};`, "}");
  });
  out.push("}");
  out.push(`r.fail(${lit("alternative index ")} + x + ${lit(` is outside 0..${n - 1}`)});`);
  out.push("} catch (e) {", "if (i < 0) throw e;", `${s.bind(rethrowAt)}(e, ${steps}[i], r.pos, false);`, "}");
  return s.compile("decode", describe(d), "r", out.join("\n"));
}

/**
 * The generated decoder reads the usual count (`Sizes.quick`: within the root, one block, items' bits
 * there) and its items; any other encoding (fragments, a count outside the root, and every error in
 * the count) goes to `general`, which decodes and words them all. Kept small: a SEQUENCE OF sits in hot
 * loops, and V8 inlines what it calls within a bytecode budget.
 */
export function sequenceOfDecoder(d: SequenceOfDesc, decoderOf: DecoderOf, general: Decoder): Decoder {
  const s = new Scope();
  const sizes = new Sizes(sizeLayout(d), Math.max(1, minBits(d.item)), "SEQUENCE OF");
  const out = [
    `const n = ${s.bind(sizes)}.quick(r);`,
    `if (n < 0) return ${s.bind(general)}(r);`,
    // sized up front (one allocation, not a growing one), though never beyond 1024 before the items
    // are actually there: n is bounded by the bits left, not by a sane item count
    "const out = new Array(n < 1024 ? n : 1024);",
    "let k = 0;",
    "try {",
    "let v;",
    "for (; k < n; k++) {",
    read(d.item, "v", s, decoderOf),
    "out[k] = v;",
    "}",
    "} catch (e) {",
    `${s.bind(rethrowAt)}(e, "[" + k + "]", r.pos, false);`,
    "}",
    "return out;",
  ];
  return s.compile("decode", describe(d), "r", out.join("\n"));
}
