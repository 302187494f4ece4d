/**
 * Generated decoders for SEQUENCE, CHOICE and SEQUENCE OF (see `codegen.ts` for why). A generated
 * function reads its components into locals, inlining simple leaves (small constrained INTEGER,
 * ENUMERATED, BOOLEAN, NULL, REAL) as direct reader calls, then builds the value with constant keys.
 * Each type is a block of statements with one try/catch: a local holds the index of the component being
 * read, so a failure gets its path step while unwinding and the happy path pays nothing for paths.
 * Small nested types are written into their parent's function as blocks of their own
 * (`nestedBlock` in `codegen.ts` says which, and why), others are calls of their compiled decoders.
 */
import { bitsFor, octetsFor, type PerReader } from "../aper/per-reader.js";
import { readReal } from "../aper/real.js";
import { rethrowAt } from "../errors.js";
import { charsOf } from "./chars.js";
import { lit, nestedBlock, Scope, type Structured } from "./codegen.js";
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

/** What writing a block needs: the function's scope, the compiled decoders, the inlining depth. */
interface Gen {
  readonly s: Scope;
  readonly decoderOf: DecoderOf;
  readonly depth: number;
}

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
 * Statements reading a value of `d` into the existing variable `v`: inline for simple leaves and small
 * nested types, else a call of its compiled decoder.
 */
function read(d: Desc, v: string, g: Gen): string {
  const { s, decoderOf } = g;
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
      return d.ext ? withExtension(root, d, v, g) : root;
    }
    case "string": {
      // a known-multiplier string's usual count and characters, else its own decoder from the start
      if (d.charset === "UTF8String") break;
      const size = new Sizes(sizeLayout(d), charsOf(d.charset).bits, d.charset);
      const t = s.temp("n");
      return `const ${t} = ${s.bind(size)}.quick(r);\n${v} = ${t} >= 0 ? ${s.bind(charsOf(d.charset))}.read(r, ${t}) : ${s.bind(decoderOf(d))}(r);`;
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
      return d.ext !== null ? withExtension(root, d, v, g) : root;
    }
  }
  return nestedBlock(d, g, (t, inner) => blockOf(t, v, inner)) ?? `${v} = ${s.bind(decoderOf(d))}(r);`;
}

/** The block reading nested type `d` into `v`. */
function blockOf(d: Structured, v: string, g: Gen): string {
  if (d.kind === "sequence") return sequenceBlock(d, v, g);
  if (d.kind === "choice") return choiceBlock(d, v, g);
  return sequenceOfBlock(d, v, g, g.decoderOf(d));
}

/**
 * An extensible leaf: `root` reads a value within the root inline; beyond it (extension bit set) the
 * leaf's own decoder reads it again from the extension bit.
 */
function withExtension(root: string, d: Desc, v: string, g: Gen): string {
  return `if (r.bit()) {\nr.pos -= 1;\n${v} = ${g.s.bind(g.decoderOf(d))}(r);\n} else {\n${root}\n}`;
}

/** Statements reading SEQUENCE component `c` into `v`; `keyOf` names the local holding a sibling. */
function readComponent(c: Component, v: string, g: Gen, keyOf: (name: string) => string) {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind === "open") {
    const open = g.s.bind(new OpenDecoders(t.table, g.decoderOf));
    return `${v} = ${g.s.bind(readOpen)}(r, ${open}.get(${keyOf(t.key)}));`;
  }
  return read(c.type, v, g); // a ref keeps its depth-counting decoder
}

/** Compiles the function of a type from its block, which leaves the value in `res`. */
function compileBlock(d: Desc, block: (g: Gen) => string, decoderOf: DecoderOf): Decoder {
  const s = new Scope();
  const body = block({ s, decoderOf, depth: 0 });
  return s.compile("decode", describe(d), "r", `let res;\n${body}\nreturn res;`);
}

export function sequenceDecoder(d: SequenceDesc, decoderOf: DecoderOf): Decoder {
  return compileBlock(d, (g) => sequenceBlock(d, "res", g), decoderOf);
}

/** A block reading SEQUENCE `d` into `res`; its locals carry a prefix of their own. */
function sequenceBlock(d: SequenceDesc, res: string, g: Gen): string {
  const { s, decoderOf } = g;
  const q = `${s.temp("q")}_`;
  const root = d.root;
  const extensible = d.ext !== null;
  const nOptional = root.filter((c) => c.optional).length;
  const head = (extensible ? 1 : 0) + nOptional;
  const out: string[] = ["{"];

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
    out.push(`const ${q}h = r.end - r.pos >= ${head} ? r.bits(${head}) : ${slow}(r);`);
    flag = (bit) => `((${q}h >>> ${head - 1 - bit}) & 1) === 1`;
  } else {
    out.push(`const ${q}h = ${s.bind(readFlags)}(r, ${head});`);
    flag = (bit) => `${q}h[${bit}]`;
  }

  const local = (i: number) => `${q}v${i}`;
  // the local holding the earlier sibling `name` (an open type's key); otherwise no table entry applies
  const keyBefore = (at: number) => (name: string) => {
    const i = root.findIndex((c) => c.name === name);
    return i >= 0 && i < at ? local(i) : "undefined";
  };

  out.push(`let ${q}i = 0;`, "try {");
  let bit = extensible ? 1 : 0;
  const present: string[] = []; // per component: its presence test, or "" when always set
  root.forEach((c, i) => {
    const v = local(i);
    out.push(`${q}i = ${i};`, `let ${v};`);
    if (!c.optional) {
      out.push(readComponent(c, v, g, keyBefore(i)));
      present.push("");
      return;
    }
    const on = flag(bit++);
    const hasDefault = "defaultValue" in c;
    out.push(`if (${on}) {`, readComponent(c, v, g, keyBefore(i)), "}");
    if (hasDefault) out.push(`else ${v} = ${s.bind(c.defaultValue)};`);
    present.push(hasDefault ? "" : on);
  });

  // the value, keys in component order: a literal up to the first component that may be absent
  let k = 0;
  const literal: string[] = [];
  for (; k < root.length && present[k] === ""; k++) literal.push(`${lit(root[k].name)}: ${local(k)}`);
  out.push(`const ${q}o = {${literal.join(", ")}};`);
  for (; k < root.length; k++) {
    const store = `${q}o[${lit(root[k].name)}] = ${local(k)};`;
    out.push(present[k] === "" ? store : `if (${present[k]}) ${store}`);
  }

  if (extensible) {
    const parts: ExtensionPart[] = (d.ext ?? []).map((c) => ({ name: c.name, read: extensionReader(c, decoderOf) }));
    out.push(`if (${flag(0)}) {`, `${q}i = -1;`, `${s.bind(readExtensions)}(r, ${q}o, ${s.bind(parts)});`, "}");
  }
  out.push(`${res} = ${q}o;`);
  const steps = s.bind(root.map((c) => `.${c.name}`));
  out.push(...rethrowStep(q, steps, s));
  return out.join("\n");
}

/** A block's try ends: a failure gets the step of the component being read (none while `i` < 0). */
function rethrowStep(q: string, steps: string, s: Scope): string[] {
  return [
    `} catch (${q}e) {`,
    `if (${q}i < 0) throw ${q}e;`,
    `${s.bind(rethrowAt)}(${q}e, ${steps}[${q}i], r.pos, false);`,
    "}",
    "}",
  ];
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
  return compileBlock(d, (g) => choiceBlock(d, "res", g), decoderOf);
}

/** A labelled block reading CHOICE `d` into `res`: each way out sets `res` and leaves the block. */
function choiceBlock(d: ChoiceDesc, res: string, g: Gen): string {
  const { s, decoderOf } = g;
  const q = `${s.temp("q")}_`;
  const done = `${q}done`;
  const n = d.root.length;
  const ext = d.ext ?? [];
  const steps = s.bind(d.root.map((a) => `.${a.name}`));
  const out: string[] = [`${done}: {`, `let ${q}i = -1;`, "try {"];
  const k = n <= 255 ? bitsFor(n - 1) : -1; // the index is a plain k-bit field
  const combined = d.ext !== null && k > 0;
  const x = `${q}x`;
  if (combined) {
    // the extension bit and the index in one read while the bits are there (else as the interpreter
    // did, so errors say the same); an extension alternative steps back to its normally small number
    out.push(
      `let ${x};`,
      `let ${q}more = false;`,
      `if (r.end - r.pos > ${k}) {`,
      `${x} = r.bits(${k + 1});`,
      `if (${x} >= ${1 << k}) {`,
      `${q}more = true;`,
      `r.pos -= ${k};`,
      "}",
      "} else {",
      `${q}more = r.bit();`,
      `if (!${q}more) ${x} = r.bits(${k});`,
      "}",
      `if (${q}more) {`,
    );
  } else if (d.ext !== null) out.push("if (r.bit()) {");
  if (d.ext !== null) {
    // extension alternatives are rare: a helper keeps this block small
    const alts: ExtensionAlternative[] = ext.map((a) => ({ name: a.name, read: decoderOf(a.type) }));
    out.push(`${res} = ${s.bind(readExtensionAlternative)}(r, ${s.bind(alts)});`, `break ${done};`, "}");
  }
  if (!combined) out.push(`const ${x} = ${whole(n)};`);
  out.push(`let ${q}v;`, `switch (${x}) {`);
  d.root.forEach((a, at) => {
    out.push(
      `case ${at}: {`,
      `${q}i = ${at};`,
      read(a.type, `${q}v`, g),
      `${res} = {${lit(a.name)}: ${q}v};`,
      `break ${done};`,
      "}",
    );
  });
  out.push("}");
  out.push(`r.fail(${lit("alternative index ")} + ${x} + ${lit(` is outside 0..${n - 1}`)});`);
  out.push(...rethrowStep(q, steps, s));
  return out.join("\n");
}

/**
 * The generated decoder reads the usual count (`Sizes.quick`: within the root, one block, items' bits
 * there) and its items; any other encoding (fragments, a count outside the root, and every error in
 * the count) goes to `general`, which decodes and words them all.
 */
export function sequenceOfDecoder(d: SequenceOfDesc, decoderOf: DecoderOf, general: Decoder): Decoder {
  return compileBlock(d, (g) => sequenceOfBlock(d, "res", g, general), decoderOf);
}

/**
 * Statements reading a SEQUENCE OF count into a new local `n` as `sizes.quick` (bound as `bound`)
 * does: the usual count of the two layouts every E2 list has written out (a one-octet general length,
 * a 16-bit constrained count, both aligned), the rest left to `quick`.
 */
function countRead(sizes: Sizes, n: string, bound: string): string {
  const word = sizes.range > 256;
  if (sizes.ext || !(word || sizes.general)) return `const ${n} = ${bound}.quick(r);`;
  const octets = word ? 2 : 1;
  const count = word ? `((r.buf[${n}p >>> 3] << 8) | r.buf[(${n}p >>> 3) + 1]) + ${sizes.lb}` : `r.buf[${n}p >>> 3]`;
  const usual = word ? `${n}c <= ${sizes.ub}` : `${n}c < 128 && ${n}c >= ${sizes.lb}`;
  return [
    `let ${n} = -1;`,
    `const ${n}p = (r.pos + 7) & ~7;`,
    `if (r.end - ${n}p >= ${8 * octets}) {`,
    `const ${n}c = ${count};`,
    `if (${usual} && ${n}c * ${sizes.unit} <= r.end - ${n}p - ${8 * octets}) {`,
    `${n} = ${n}c;`,
    `r.pos = ${n}p + ${8 * octets};`,
    "}",
    "}",
    `if (${n} < 0) ${n} = ${bound}.quick(r);`,
  ].join("\n");
}

/** A block reading SEQUENCE OF `d` into `res`; `fallback` decodes it whole when the count is not usual. */
function sequenceOfBlock(d: SequenceOfDesc, res: string, g: Gen, fallback: Decoder): string {
  const { s } = g;
  const q = `${s.temp("q")}_`;
  const sizes = new Sizes(sizeLayout(d), Math.max(1, minBits(d.item)), "SEQUENCE OF");
  return [
    "{",
    countRead(sizes, `${q}n`, s.bind(sizes)),
    `if (${q}n < 0) ${res} = ${s.bind(fallback)}(r);`,
    "else {",
    // sized up front (one allocation, not a growing one), though never beyond 1024 before the items
    // are actually there: n is bounded by the bits left, not by a sane item count
    `const ${q}out = new Array(${q}n < 1024 ? ${q}n : 1024);`,
    `let ${q}k = 0;`,
    "try {",
    `let ${q}v;`,
    `for (; ${q}k < ${q}n; ${q}k++) {`,
    read(d.item, `${q}v`, g),
    `${q}out[${q}k] = ${q}v;`,
    "}",
    `} catch (${q}e) {`,
    `${s.bind(rethrowAt)}(${q}e, "[" + ${q}k + "]", r.pos, false);`,
    "}",
    `${res} = ${q}out;`,
    "}",
    "}",
  ].join("\n");
}
