/**
 * Generated encoders for SEQUENCE, CHOICE and SEQUENCE OF (see `codegen.ts` for why), the mirror of
 * `codegen-decode.ts`. A generated function reads each component once with a constant key, writes the
 * presence bitmap in one call, and writes simple leaves (small constrained INTEGER, ENUMERATED,
 * BOOLEAN, NULL, REAL) straight through the writer; anything off the fast path (a bigint, a value out
 * of range, a wrong type) goes to the leaf's compiled encoder, which encodes it or words the error
 * exactly as before. One try/catch per function: a local holds the component index for the path.
 */
import { bitsFor, octetsFor } from "../aper/per-reader.js";
import { writeReal } from "../aper/real.js";
import { rethrowAt } from "../errors.js";
import { lit, Scope } from "./codegen.js";
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
 * the compiled encoder, else a call of the compiled encoder.
 */
function write(d: Desc, v: string, s: Scope, encoderOf: EncoderOf): string {
  const full = `${s.bind(encoderOf(d))}(w, ${v});`;
  switch (d.kind) {
    case "boolean":
      return `if (typeof ${v} === "boolean") w.bit(${v}); else ${full}`;
    case "null":
      return `if (${v} !== null) ${full}`;
    case "real":
      return `if (typeof ${v} === "number") ${s.bind(writeReal)}(w, ${v}); else ${full}`;
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
      return `if (${fast}) {${put}} else ${full}`;
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
      return `switch (${v}) {\n${cases.join("\n")}\ndefault: ${full}\n}`;
    }
  }
  return full;
}

export function sequenceEncoder(d: SequenceDesc, encoderOf: EncoderOf): Encoder {
  const s = new Scope();
  const root = d.root;
  const ext = d.ext ?? [];
  const extensible = d.ext !== null;
  const out: string[] = [
    'if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Uint8Array) {',
    `w.fail("expected an object, got " + ${s.bind(show)}(v));`,
    "}",
    "let i = 0;",
    "try {",
  ];
  root.forEach((c, i) => out.push(`const v${i} = v[${lit(c.name)}];`));

  // presence: the extension bit, then one bit per OPTIONAL / DEFAULT component
  const flags: string[] = [];
  if (extensible) {
    out.push(`const x = ${ext.map((c) => `v[${lit(c.name)}] !== undefined`).join(" || ") || "false"};`);
    flags.push("x");
  }
  const present = (c: Component, i: number) =>
    "defaultValue" in c
      ? `(v${i} !== undefined && !${s.bind(sameValue)}(v${i}, ${s.bind(c.defaultValue)}))`
      : `v${i} !== undefined`;
  root.forEach((c, i) => {
    if (!c.optional) return;
    out.push(`const p${i} = ${present(c, i)};`);
    flags.push(`p${i}`);
  });
  if (flags.length > 0 && flags.length <= 24) {
    const mask = flags.map((f, k) => `(${f} ? ${2 ** (flags.length - 1 - k)} : 0)`).join(" | ");
    out.push(`w.bits(${mask}, ${flags.length});`);
  } else for (const f of flags) out.push(`w.bit(${f});`);

  root.forEach((c, i) => {
    const v = `v${i}`;
    out.push(`i = ${i};`);
    const put = writeComponent(c, v, s, encoderOf);
    if (c.optional) out.push(`if (p${i}) {`, put, "}");
    else out.push(`if (${v} === undefined) w.fail(${lit(`missing ${c.name}`)});`, put);
  });

  if (extensible) {
    const parts: ExtensionPart[] = ext.map((c) => ({ name: c.name, write: extensionWriter(c, encoderOf) }));
    out.push("if (x) {", "i = -1;", `${s.bind(writeExtensions)}(w, v, ${s.bind(parts)});`, "}");
  }
  const steps = s.bind(root.map((c) => `.${c.name}`));
  out.push("} catch (e) {", "if (i < 0) throw e;", `${s.bind(rethrowAt)}(e, ${steps}[i] ?? ".?", w.pos, true);`, "}");
  return s.compile("encode", describe(d), "w, v", out.join("\n"));
}

/** Statements writing SEQUENCE component `c` (its value in `v`; open types read their key from `v`'s parent). */
function writeComponent(c: Component, v: string, s: Scope, encoderOf: EncoderOf): string {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind === "open")
    return `${s.bind(new OpenEncoders(t.key, t.table, encoderOf))}.write(w, v[${lit(t.key)}], ${v});`;
  return write(c.type, v, s, encoderOf);
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
  const s = new Scope();
  const n = d.root.length;
  const extensible = d.ext !== null;
  const names = [...d.root, ...(d.ext ?? [])].map((a) => a.name);
  const out: string[] = [
    "let key;",
    'if (typeof v === "object" && v !== null) {',
    // the alternative by property loads, which cost far less than enumerating the keys (a record list
    // is hundreds of CHOICEs); the first key otherwise, as ever (an unknown one is reported by name)
    ...(names.length <= FAST_CHOICE_MAX
      ? names.map((name, i) => `${i > 0 ? "else " : ""}if (v[${lit(name)}] !== undefined) key = ${lit(name)};`)
      : []),
    `${names.length <= FAST_CHOICE_MAX ? "else " : ""}for (const k in v) {`,
    "key = k;",
    "break;",
    "}",
    "}",
    `if (key === undefined) return w.fail("expected {alternative: value}, got " + ${s.bind(show)}(v));`,
    "try {",
    "switch (key) {",
  ];
  d.root.forEach((a, i) => {
    const index =
      extensible && n <= 255
        ? `w.bits(${i}, ${1 + bitsFor(n - 1)});`
        : `${extensible ? "w.bit(false); " : ""}${whole(String(i), n)}`;
    out.push(
      `case ${lit(a.name)}: {`,
      index,
      `const x = v[${lit(a.name)}];`,
      write(a.type, "x", s, encoderOf),
      "return;",
      "}",
    );
  });
  (d.ext ?? []).forEach((a, j) => {
    out.push(
      `case ${lit(a.name)}: {`,
      "w.bit(true);",
      `w.normallySmall(${j});`,
      "const at = w.openBegin();",
      `${s.bind(encoderOf(a.type))}(w, v[${lit(a.name)}]);`,
      "w.openEnd(at);",
      "return;",
      "}",
    );
  });
  out.push("}", `${s.bind(writeUnknownAlternative)}(w, v, key, ${extensible}, ${lit(describe(d))});`);
  out.push("} catch (e) {", `${s.bind(rethrowAt)}(e, "." + key, w.pos, true);`, "}");
  return s.compile("encode", describe(d), "w, v", out.join("\n"));
}

/** `general` encodes any count, fragmented ones included: the generated code defers to it above 16K. */
export function sequenceOfEncoder(d: SequenceOfDesc, encoderOf: EncoderOf, general: Encoder): Encoder {
  const s = new Scope();
  const out = [
    "if (!Array.isArray(v)) {",
    `w.fail("expected an array, got " + ${s.bind(show)}(v));`,
    "}",
    "const n = v.length;",
    "let i = 0;",
    "try {",
    `if (!${s.bind(new Sizes(sizeLayout(d)))}.write(w, n)) {`,
    "i = -1;",
    `return ${s.bind(general)}(w, v);`,
    "}",
    "for (; i < n; i++) {",
    "const x = v[i];",
    write(d.item, "x", s, encoderOf),
    "}",
    "} catch (e) {",
    "if (i < 0) throw e;",
    `${s.bind(rethrowAt)}(e, "[" + i + "]", w.pos, true);`,
    "}",
  ];
  return s.compile("encode", describe(d), "w, v", out.join("\n"));
}
