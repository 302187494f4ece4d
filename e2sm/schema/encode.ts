/**
 * APER encoding driven by descriptors. Each descriptor compiles once into a closure (cached in a
 * WeakMap, registered before its parts so recursive types terminate); encoding walks closures.
 */
import { writeSemi, writeUnconstrained, writeWholeBig } from "../aper/integers.js";
import { PerWriter } from "../aper/per-writer.js";
import { encodeReal } from "../aper/real.js";
import { rethrowAt, toCodecError, type E2CodecError } from "../errors.js";
import { charAlphabet } from "./charsets.js";
import { type SizeLayout, sizeLayout } from "./layout.js";
import type {
  BitString,
  BitStringDesc,
  CharStringDesc,
  ChoiceDesc,
  Component,
  Desc,
  EnumeratedDesc,
  IntegerDesc,
  OctetStringDesc,
  OpenDesc,
  SequenceDesc,
  SequenceOfDesc,
} from "./descriptors.js";
import { describe } from "./descriptors.js";
import { sameValue, UNKNOWN_ALTERNATIVE } from "./values.js";

export type Encoder = (w: PerWriter, v: any) => void;

const cache = new WeakMap<Desc, Encoder>();

export function encoderOf(desc: Desc): Encoder {
  const hit = cache.get(desc);
  if (hit) return hit;
  let impl: Encoder | undefined;
  cache.set(desc, (w, v) => impl!(w, v)); // stands in while `desc` is being compiled (recursion)
  impl = build(desc);
  cache.set(desc, impl);
  return impl;
}

const shared = new PerWriter(4096);

/** Encodes a complete value of `desc` (padded to whole octets; an empty encoding is one zero octet). */
export function encode(desc: Desc, value: unknown): Uint8Array {
  const enc = encoderOf(desc);
  const w = shared;
  try {
    enc(w, value);
    return w.finish();
  } catch (e) {
    throw toCodecError(e, describe(desc), w.pos, true);
  } finally {
    w.reset();
  }
}

/** Checks that `value` fits `desc`; returns the error, or null. */
export function validate(desc: Desc, value: unknown): E2CodecError | null {
  try {
    encode(desc, value);
    return null;
  } catch (e) {
    return e as E2CodecError;
  }
}

function build(d: Desc): Encoder {
  switch (d.kind) {
    case "integer":
      return integer(d);
    case "boolean":
      return (w, v) => {
        if (typeof v !== "boolean") w.fail(`expected a boolean, got ${show(v)}`);
        w.bit(v);
      };
    case "null":
      return (w, v) => {
        if (v !== null) w.fail(`expected null, got ${show(v)}`);
      };
    case "enumerated":
      return enumerated(d);
    case "bitstring":
      return bitString(d);
    case "octetstring":
      return octetString(d);
    case "string":
      return charString(d);
    case "oid":
      return (w, v) => {
        const body = oidContents(w, v);
        w.length(body.length);
        w.octets(body);
      };
    case "real":
      return (w, v) => {
        if (typeof v !== "number") w.fail(`expected a number, got ${show(v)}`);
        const body = encodeReal(v);
        w.length(body.length);
        w.octets(body);
      };
    case "sequence":
      return sequence(d);
    case "choice":
      return choice(d);
    case "sequenceOf":
      return sequenceOf(d);
    case "open":
      return (w) => w.fail("an open type needs its selecting component");
    case "ref":
      return encoderOf(d.get());
  }
}

export function show(v: unknown): string {
  if (v instanceof Uint8Array) return `bytes(${v.length})`;
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === "object" && v !== null) return Array.isArray(v) ? `array(${v.length})` : "object";
  return String(v);
}

// ---- INTEGER --------------------------------------------------------------------------------------

function toBigInt(w: PerWriter, v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  w.fail(`expected an integer, got ${show(v)}`);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function integer(d: IntegerDesc): Encoder {
  const { lb, ub } = d;
  let root: Encoder;
  let inRoot: (x: bigint) => boolean = () => true;
  if (lb !== null && ub !== null) {
    inRoot = (x) => x >= lb && x <= ub;
    if (lb >= -SAFE && ub <= SAFE) {
      const lo = Number(lb);
      const hi = Number(ub);
      const range = hi - lo + 1;
      root = (w, v) => {
        const n = typeof v === "number" ? v : Number(toBigInt(w, v));
        if (!Number.isInteger(n) || n < lo || n > hi) w.fail(`${show(v)} is outside ${lo}..${hi}`);
        w.whole(n - lo, range);
      };
      if (!d.ext) return root;
    } else {
      const range = ub - lb + 1n;
      root = (w, v) => {
        const x = toBigInt(w, v);
        if (!inRoot(x)) w.fail(`${show(v)} is outside ${lb}..${ub}`);
        writeWholeBig(w, x - lb, range);
      };
    }
  } else if (lb !== null) {
    inRoot = (x) => x >= lb;
    root = (w, v) => {
      const x = toBigInt(w, v);
      if (x < lb) w.fail(`${show(v)} is below ${lb}`);
      writeSemi(w, x - lb);
    };
  } else {
    root = (w, v) => writeUnconstrained(w, toBigInt(w, v));
  }
  if (!d.ext) return root;
  return (w, v) => {
    const x = toBigInt(w, v);
    const ok = inRoot(x);
    w.bit(!ok);
    if (ok) root(w, v);
    else writeUnconstrained(w, x);
  };
}

// ---- ENUMERATED -----------------------------------------------------------------------------------

function enumerated(d: EnumeratedDesc): Encoder {
  const rootIndex = new Map(d.root.map((n, i) => [n, i]));
  const extIndex = new Map((d.ext ?? []).map((n, i) => [n, i]));
  const range = d.root.length;
  const extensible = d.ext !== null;
  return (w, v) => {
    const i = rootIndex.get(v);
    if (i !== undefined) {
      if (extensible) w.bit(false);
      return w.whole(i, range);
    }
    const j = extIndex.get(v) ?? (extensible && Number.isInteger(v) && v >= 0 ? v : undefined);
    if (j === undefined) w.fail(`${show(v)} is not one of ${[...d.root, ...(d.ext ?? [])].join(", ")}`);
    w.bit(true);
    w.normallySmall(j);
  };
}

// ---- sizes, BIT STRING, OCTET STRING, character strings ---------------------------------------------

function sized(layout: SizeLayout) {
  const { lb, ub, fixed, constrained, ext, alignContents } = layout;
  return (w: PerWriter, n: number, body: (start: number, count: number) => void): void => {
    const inRoot = n >= lb && (ub === null || n <= ub);
    if (ext) w.bit(!inRoot);
    else if (!inRoot) w.fail(`size ${n} is outside ${lb}..${ub ?? "MAX"}`);
    if (inRoot && fixed) {
      if (n === 0) return;
      if (alignContents) w.align();
      return body(0, n);
    }
    if (inRoot && constrained) {
      w.whole(n - lb, ub! - lb + 1);
      if (alignContents) w.align();
      if (n === 0) return;
      return body(0, n);
    }
    w.fragmented(n, (start, count) => {
      w.align();
      body(start, count);
    });
  };
}

function bitString(d: BitStringDesc): Encoder {
  const put = sized(sizeLayout(d));
  return (w, v: BitString) => {
    if (typeof v !== "object" || v === null || !(v.bits instanceof Uint8Array) || !Number.isInteger(v.length))
      w.fail(`expected {bits, length}, got ${show(v)}`);
    if (v.bits.length * 8 < v.length) w.fail(`${v.length} bits claimed in ${v.bits.length} octets`);
    put(w, v.length, (start, count) => {
      if (start === 0) w.bitsFrom(v.bits, count);
      else w.bitsFrom(v.bits.subarray(start >>> 3), count); // fragments start on multiples of 16K bits
    });
  };
}

function octetString(d: OctetStringDesc): Encoder {
  const put = sized(sizeLayout(d));
  return (w, v) => {
    if (!(v instanceof Uint8Array)) w.fail(`expected bytes, got ${show(v)}`);
    put(w, v.length, (start, count) => {
      if (count <= 2 && (w.pos & 7) !== 0) for (let i = 0; i < count; i++) w.bits(v[start + i], 8);
      else w.octets(v.subarray(start, start + count));
    });
  };
}

function charString(d: CharStringDesc): Encoder {
  if (d.charset === "UTF8String") {
    const enc = new TextEncoder();
    const put = sized(sizeLayout(d));
    return (w, v) => {
      if (typeof v !== "string") w.fail(`expected a string, got ${show(v)}`);
      const bytes = enc.encode(v);
      put(w, bytes.length, (s, c) => w.octets(bytes.subarray(s, s + c)));
    };
  }
  const { bits, indexOf } = charAlphabet(d.charset);
  const put = sized(sizeLayout(d));
  return (w, v) => {
    if (typeof v !== "string") w.fail(`expected a string, got ${show(v)}`);
    put(w, v.length, (start, count) => {
      for (let i = start; i < start + count; i++) {
        const c = indexOf(v.charCodeAt(i));
        if (c < 0) w.fail(`character ${JSON.stringify(v[i])} at ${i} is not allowed in ${d.charset}`);
        w.bits(c, bits);
      }
    });
  };
}

function oidContents(w: PerWriter, v: unknown): Uint8Array {
  const text = typeof v === "object" && v !== null ? (v as { oid?: unknown }).oid : undefined;
  if (typeof text !== "string" || !/^[0-2](\.\d+)+$/.test(text)) w.fail(`expected {oid: "1.2.3"}, got ${show(v)}`);
  const arcs = text.split(".").map(BigInt);
  if (arcs[0] < 2n && arcs[1] > 39n) w.fail(`OID second arc ${arcs[1]} must be < 40`);
  const out: number[] = [];
  const push = (arc: bigint) => {
    const groups: number[] = [];
    do {
      groups.unshift(Number(arc & 0x7fn));
      arc >>= 7n;
    } while (arc > 0n);
    for (let i = 0; i < groups.length; i++) out.push(groups[i] | (i < groups.length - 1 ? 0x80 : 0));
  };
  push(arcs[0] * 40n + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}

// ---- SEQUENCE, CHOICE, SEQUENCE OF, open types ------------------------------------------------------

/** A component's encoder, taking the whole SEQUENCE value (open types read their selector). */
type Part = (w: PerWriter, parent: any) => void;

function part(c: Component): Part {
  const name = c.name;
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind !== "open") {
    const enc = encoderOf(t);
    return (w, p) => enc(w, p[name]);
  }
  return openPart(t, name);
}

function openPart(t: OpenDesc, name: string): Part {
  const key = t.key;
  return (w, p) => {
    const sel = t.table.get(p[key]);
    const v = p[name];
    if (sel) {
      const enc = encoderOf(sel);
      return w.open(() => enc(w, v));
    }
    if (!(v instanceof Uint8Array)) w.fail(`${key} ${show(p[key])} selects no known type, so the value must be raw bytes`);
    w.open(() => w.octets(v));
  };
}

function isPresent(c: Component, v: unknown): boolean {
  if (v === undefined) return false;
  return !("defaultValue" in c) || !sameValue(v, c.defaultValue);
}

function sequence(d: SequenceDesc): Encoder {
  const root = d.root.map((c) => ({ c, name: c.name, optional: c.optional, put: part(c) }));
  const ext = (d.ext ?? []).map((c) => ({ c, name: c.name, put: part(c) }));
  const extensible = d.ext !== null;
  return (w, v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Uint8Array)
      w.fail(`expected an object, got ${show(v)}`);
    let i = 0;
    try {
      let anyExt = false;
      if (extensible) {
        for (const e of ext) if (v[e.name] !== undefined) anyExt = true;
        w.bit(anyExt);
      }
      for (const r of root) if (r.optional) w.bit(isPresent(r.c, v[r.name]));
      for (; i < root.length; i++) {
        const r = root[i];
        if (r.optional ? isPresent(r.c, v[r.name]) : true) {
          if (!r.optional && v[r.name] === undefined) w.fail(`missing ${r.name}`);
          r.put(w, v);
        }
      }
      if (!anyExt) return;
      w.smallLength(ext.length);
      for (const e of ext) w.bit(v[e.name] !== undefined);
      for (; i < root.length + ext.length; i++) {
        const e = ext[i - root.length];
        if (v[e.name] !== undefined) w.open(() => e.put(w, v));
      }
    } catch (e) {
      rethrowAt(e, `.${(root[i] ?? ext[i - root.length])?.name ?? "?"}`, w.pos, true);
    }
  };
}

function choice(d: ChoiceDesc): Encoder {
  const index = new Map<string, { i: number; root: boolean; enc: Encoder }>();
  d.root.forEach((a, i) => index.set(a.name, { i, root: true, enc: encoderOf(a.type) }));
  (d.ext ?? []).forEach((a, i) => index.set(a.name, { i, root: false, enc: encoderOf(a.type) }));
  const range = d.root.length;
  const extensible = d.ext !== null;
  return (w, v) => {
    let key: string | undefined;
    if (typeof v === "object" && v !== null) for (const k in v) {
      key = k;
      break;
    }
    if (key === undefined) return w.fail(`expected {alternative: value}, got ${show(v)}`);
    const alt = index.get(key);
    try {
      if (alt?.root) {
        if (extensible) w.bit(false);
        w.whole(alt.i, range);
        return alt.enc(w, v[key]);
      }
      if (alt && extensible) {
        w.bit(true);
        w.normallySmall(alt.i);
        return w.open(() => alt.enc(w, v[key]));
      }
      const unknown = extensible ? UNKNOWN_ALTERNATIVE.exec(key) : null;
      if (unknown && v[key] instanceof Uint8Array) {
        w.bit(true);
        w.normallySmall(Number(unknown[1]));
        return w.open(() => w.octets(v[key]));
      }
      w.fail(`${JSON.stringify(key)} is not an alternative of ${describe(d)}`);
    } catch (e) {
      rethrowAt(e, `.${key}`, w.pos, true);
    }
  };
}

function sequenceOf(d: SequenceOfDesc): Encoder {
  const put = sized(sizeLayout(d));
  const item = encoderOf(d.item);
  return (w, v) => {
    if (!Array.isArray(v)) w.fail(`expected an array, got ${show(v)}`);
    let i = 0;
    try {
      put(w, v.length, (start, count) => {
        for (i = start; i < start + count; i++) item(w, v[i]);
      });
    } catch (e) {
      rethrowAt(e, `[${i}]`, w.pos, true);
    }
  };
}
