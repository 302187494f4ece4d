/**
 * Generated encoders for SEQUENCE, CHOICE and SEQUENCE OF (see `codegen.ts` for why), the mirror of
 * `codegen-decode.ts`. A generated function reads each component once with a constant key, writes the
 * presence bitmap in one call, and writes simple leaves (small constrained INTEGER, ENUMERATED,
 * BOOLEAN, NULL, REAL) straight through the writer; anything off the fast path (a bigint, a value out
 * of range, a wrong type) goes to the leaf's compiled encoder, which encodes it or words the error
 * exactly as before. One try/catch per type: a local holds the component index for the path. Small
 * nested types are written into their parent's function as blocks, as `codegen-decode.ts` does.
 */
import { bitsFor, octetsFor } from "../aper/per-reader.js";
import { writeReal } from "../aper/real.js";
import { rethrowAt } from "../errors.js";
import { charsOf } from "./chars.js";
import { lit, nestedBlock, Scope, type Structured } from "./codegen.js";
import type { ChoiceDesc, Component, Desc, SequenceDesc, SequenceOfDesc } from "./descriptors.js";
import { describe } from "./descriptors.js";
import {
  type Encoder,
  type ExtensionPart,
  OpenEncoders,
  writeExtensions,
  writeUnknownAlternative,
} from "./encode-parts.js";
import { sizeLayout } from "./layout.js";
import { show } from "./show.js";
import { Sizes } from "./sizes.js";
import { sameValue } from "./values.js";

export type EncoderOf = (d: Desc) => Encoder;

/** What writing a block needs: the function's scope, the compiled encoders, the inlining depth. */
interface Gen {
  readonly s: Scope;
  readonly encoderOf: EncoderOf;
  readonly depth: number;
}

/** Compiles the function of a type from its block, which writes the value in `v`. */
function compileBlock(d: Desc, block: (g: Gen) => string, encoderOf: EncoderOf): Encoder {
  const s = new Scope();
  return s.compile("encode", describe(d), "w, v", block({ s, encoderOf, depth: 0 }));
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Statements writing the constrained whole number `v` in 0..range-1 (PerWriter.whole, unrolled). */
function whole(v: string, range: number): string {
  if (range <= 1) return "";
  if (range <= 255) return `w.bits(${v}, ${bitsFor(range - 1)});`;
  if (range === 256) return `w.octet(${v});`;
  if (range <= 65536) return `w.align(); w.bits(${v}, 16);`;
  return `w.wholeOctets(${v}, ${bitsFor(octetsFor(range - 1) - 1)});`;
}

/**
 * Statements writing the value in variable `v` as `d`: a fast path for simple leaves that falls back to
 * the compiled encoder, a block for small nested types, else a call of the compiled encoder.
 */
function write(d: Desc, v: string, g: Gen): string {
  const { s, encoderOf } = g;
  // the compiled encoder, bound only where the code calls it
  let called: string | undefined;
  const full = () => (called ??= `${s.bind(encoderOf(d))}(w, ${v});`);
  switch (d.kind) {
    case "boolean":
      return `if (typeof ${v} === "boolean") w.bit(${v}); else ${full()}`;
    case "null":
      return `if (${v} !== null) ${full()}`;
    case "real":
      return `if (typeof ${v} === "number") ${s.bind(writeReal)}(w, ${v}); else ${full()}`;
    case "integer": {
      if (d.lb === null || d.ub === null || d.lb < -SAFE || d.ub > SAFE) break;
      const lo = Number(d.lb);
      const hi = Number(d.ub);
      const range = hi - lo + 1;
      const fast = `typeof ${v} === "number" && ${v} >= ${lo} && ${v} <= ${hi} && Number.isInteger(${v})`;
      // within an extensible root: the extension bit (0) first, one field with the value when it fits
      const put = !d.ext
        ? whole(`${v} - ${lo}`, range)
        : range <= 255
          ? `w.bits(${v} - ${lo}, ${1 + bitsFor(range - 1)});`
          : `w.bit(false); ${whole(`${v} - ${lo}`, range)}`;
      return `if (${fast}) {${put}} else ${full()}`;
    }
    case "string": {
      // an 8-bit string of a small constrained size within its root: the extension bit (0) and the
      // count in one field, then its aligned characters; anything else through its own encoder
      if (d.charset === "UTF8String") break;
      const size = new Sizes(sizeLayout(d));
      const chars = charsOf(d.charset);
      if (size.countBits < 0 || !size.align || chars.bits !== 8) break;
      const count = `w.bits(${v}.length - ${size.lb}, ${(size.ext ? 1 : 0) + size.countBits});`;
      const fits = `typeof ${v} === "string" && ${v}.length >= ${size.lb} && ${v}.length <= ${size.ub}`;
      return `if (${fits}) {\n${count}\nw.align();\n${s.bind(chars)}.write(w, ${v}, 0, ${v}.length);\n} else ${full()}`;
    }
    case "enumerated": {
      // root values: the extension bit (0) and the index are one field while the index fits in a byte
      const n = d.root.length;
      const cases = d.root.map((name, i) => {
        const put =
          d.ext === null
            ? whole(String(i), n)
            : n <= 255
              ? `w.bits(${i}, ${1 + bitsFor(n - 1)});`
              : `w.bit(false); ${whole(String(i), n)}`;
        return `case ${lit(name)}: ${put} break;`;
      });
      return `switch (${v}) {\n${cases.join("\n")}\ndefault: ${full()}\n}`;
    }
  }
  return nestedBlock(d, g, (t, inner) => blockOf(t, v, inner)) ?? full();
}

/** The block writing nested type `d` from `v`. */
function blockOf(d: Structured, v: string, g: Gen): string {
  if (d.kind === "sequence") return sequenceBlock(d, v, g);
  if (d.kind === "choice") return choiceBlock(d, v, g);
  return sequenceOfBlock(d, v, g, g.encoderOf(d));
}

export function sequenceEncoder(d: SequenceDesc, encoderOf: EncoderOf): Encoder {
  return compileBlock(d, (g) => sequenceBlock(d, "v", g), encoderOf);
}

/** A block writing the SEQUENCE value in `val` (an identifier); its locals carry a prefix of their own. */
function sequenceBlock(d: SequenceDesc, val: string, g: Gen): string {
  const { s, encoderOf } = g;
  const q = `${s.temp("q")}_`;
  const root = d.root;
  const ext = d.ext ?? [];
  const extensible = d.ext !== null;
  const local = (i: number) => `${q}v${i}`;
  const out: string[] = [
    "{",
    `if (typeof ${val} !== "object" || ${val} === null || Array.isArray(${val}) || ${val} instanceof Uint8Array) {`,
    `w.fail("expected an object, got " + ${s.bind(show)}(${val}));`,
    "}",
    `let ${q}i = 0;`,
    "try {",
  ];
  root.forEach((c, i) => out.push(`const ${local(i)} = ${val}[${lit(c.name)}];`));

  // presence: the extension bit, then one bit per OPTIONAL / DEFAULT component
  const flags: string[] = [];
  if (extensible) {
    out.push(`const ${q}x = ${ext.map((c) => `${val}[${lit(c.name)}] !== undefined`).join(" || ") || "false"};`);
    flags.push(`${q}x`);
  }
  const present = (c: Component, i: number) =>
    "defaultValue" in c
      ? `(${local(i)} !== undefined && !${s.bind(sameValue)}(${local(i)}, ${s.bind(c.defaultValue)}))`
      : `${local(i)} !== undefined`;
  root.forEach((c, i) => {
    if (!c.optional) return;
    out.push(`const ${q}p${i} = ${present(c, i)};`);
    flags.push(`${q}p${i}`);
  });
  if (flags.length > 0 && flags.length <= 24) {
    const mask = flags.map((f, k) => `(${f} ? ${2 ** (flags.length - 1 - k)} : 0)`).join(" | ");
    out.push(`w.bits(${mask}, ${flags.length});`);
  } else for (const f of flags) out.push(`w.bit(${f});`);

  root.forEach((c, i) => {
    const v = local(i);
    out.push(`${q}i = ${i};`);
    const put = writeComponent(c, v, val, g);
    if (c.optional) out.push(`if (${q}p${i}) {`, put, "}");
    else out.push(`if (${v} === undefined) w.fail(${lit(`missing ${c.name}`)});`, put);
  });

  if (extensible) {
    const parts: ExtensionPart[] = ext.map((c) => ({ name: c.name, write: extensionWriter(c, encoderOf) }));
    out.push(`if (${q}x) {`, `${q}i = -1;`, `${s.bind(writeExtensions)}(w, ${val}, ${s.bind(parts)});`, "}");
  }
  const steps = s.bind(root.map((c) => `.${c.name}`));
  out.push(
    `} catch (${q}e) {`,
    `if (${q}i < 0) throw ${q}e;`,
    `${s.bind(rethrowAt)}(${q}e, ${steps}[${q}i] ?? ".?", w.pos, true);`,
    "}",
    "}",
  );
  return out.join("\n");
}

/** Statements writing SEQUENCE component `c` (its value in `v`; open types read their key from `parent`). */
function writeComponent(c: Component, v: string, parent: string, g: Gen): string {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind === "open")
    return `${g.s.bind(new OpenEncoders(t.key, t.table, g.encoderOf))}.write(w, ${parent}[${lit(t.key)}], ${v});`;
  return write(c.type, v, g);
}

/** How an extension addition is written inside its open type (rare: not generated). */
function extensionWriter(c: Component, encoderOf: EncoderOf): ExtensionPart["write"] {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  const name = c.name;
  if (t.kind === "open") {
    const open = new OpenEncoders(t.key, t.table, encoderOf);
    // the open type's own length is written by `open`; this one is the extension's wrapper
    return (w, p) => open.write(w, p[t.key], p[name]);
  }
  const enc = encoderOf(c.type);
  return (w, p) => enc(w, p[name]);
}

/** CHOICEs of up to this many alternatives find the one given by testing each name in turn. */
const FAST_CHOICE_MAX = 8;

export function choiceEncoder(d: ChoiceDesc, encoderOf: EncoderOf): Encoder {
  return compileBlock(d, (g) => choiceBlock(d, "v", g), encoderOf);
}

/** A labelled block writing the CHOICE value in `val`: each alternative leaves the block when written. */
function choiceBlock(d: ChoiceDesc, val: string, g: Gen): string {
  const { s, encoderOf } = g;
  const q = `${s.temp("q")}_`;
  const done = `${q}done`;
  const key = `${q}key`;
  const n = d.root.length;
  const extensible = d.ext !== null;
  const names = [...d.root, ...(d.ext ?? [])].map((a) => a.name);
  const out: string[] = [
    `${done}: {`,
    `let ${key};`,
    `if (typeof ${val} === "object" && ${val} !== null) {`,
    // the alternative by property loads, which cost far less than enumerating the keys (a record list
    // is hundreds of CHOICEs); the first key otherwise, as ever (an unknown one is reported by name)
    ...(names.length <= FAST_CHOICE_MAX
      ? names.map((name, i) => `${i > 0 ? "else " : ""}if (${val}[${lit(name)}] !== undefined) ${key} = ${lit(name)};`)
      : []),
    `${names.length <= FAST_CHOICE_MAX ? "else " : ""}for (const ${q}k in ${val}) {`,
    `${key} = ${q}k;`,
    "break;",
    "}",
    "}",
    `if (${key} === undefined) w.fail("expected {alternative: value}, got " + ${s.bind(show)}(${val}));`,
    "try {",
    `switch (${key}) {`,
  ];
  d.root.forEach((a, i) => {
    const index =
      extensible && n <= 255
        ? `w.bits(${i}, ${1 + bitsFor(n - 1)});`
        : `${extensible ? "w.bit(false); " : ""}${whole(String(i), n)}`;
    out.push(
      `case ${lit(a.name)}: {`,
      index,
      `const ${q}x = ${val}[${lit(a.name)}];`,
      write(a.type, `${q}x`, g),
      `break ${done};`,
      "}",
    );
  });
  (d.ext ?? []).forEach((a, j) => {
    out.push(
      `case ${lit(a.name)}: {`,
      "w.bit(true);",
      `w.normallySmall(${j});`,
      `const ${q}at = w.openBegin();`,
      `${s.bind(encoderOf(a.type))}(w, ${val}[${lit(a.name)}]);`,
      `w.openEnd(${q}at);`,
      `break ${done};`,
      "}",
    );
  });
  out.push("}", `${s.bind(writeUnknownAlternative)}(w, ${val}, ${key}, ${extensible}, ${lit(describe(d))});`);
  out.push(`} catch (${q}e) {`, `${s.bind(rethrowAt)}(${q}e, "." + ${key}, w.pos, true);`, "}", "}");
  return out.join("\n");
}

/** `general` encodes any count, fragmented ones included: the generated code defers to it above 16K. */
export function sequenceOfEncoder(d: SequenceOfDesc, encoderOf: EncoderOf, general: Encoder): Encoder {
  return compileBlock(d, (g) => sequenceOfBlock(d, "v", g, general), encoderOf);
}

/**
 * An expression writing count `n` as `sizes.write` (bound as `bound`) does, false when it needs
 * fragments: the usual count of the two layouts every E2 list has written out (a one-octet general
 * length, a 16-bit constrained count), the rest left to `write`.
 */
function countWrite(sizes: Sizes, n: string, bound: string): string {
  const call = `${bound}.write(w, ${n})`;
  if (sizes.ext) return call;
  if (sizes.range > 256)
    return `(${n} >= ${sizes.lb} && ${n} <= ${sizes.ub} ? (w.align(), w.bits(${n} - ${sizes.lb}, 16), true) : ${call})`;
  if (sizes.general) return `(${n} >= ${sizes.lb} && ${n} < 128 ? (w.octet(${n}), true) : ${call})`;
  return call;
}

/** A block writing the SEQUENCE OF value in `val`; `fallback` writes it whole when it needs fragments. */
function sequenceOfBlock(d: SequenceOfDesc, val: string, g: Gen, fallback: Encoder): string {
  const { s } = g;
  const q = `${s.temp("q")}_`;
  const sizes = new Sizes(sizeLayout(d));
  return [
    "{",
    `if (!Array.isArray(${val})) {`,
    `w.fail("expected an array, got " + ${s.bind(show)}(${val}));`,
    "}",
    `const ${q}n = ${val}.length;`,
    `let ${q}i = 0;`,
    "try {",
    `if (!${countWrite(sizes, `${q}n`, s.bind(sizes))}) {`,
    `${q}i = -1;`,
    `${s.bind(fallback)}(w, ${val});`,
    `} else for (; ${q}i < ${q}n; ${q}i++) {`,
    `const ${q}x = ${val}[${q}i];`,
    write(d.item, `${q}x`, g),
    "}",
    `} catch (${q}e) {`,
    `if (${q}i < 0) throw ${q}e;`,
    `${s.bind(rethrowAt)}(${q}e, "[" + ${q}i + "]", w.pos, true);`,
    "}",
    "}",
  ].join("\n");
}
