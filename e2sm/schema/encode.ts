/**
 * APER encoding driven by descriptors. Each descriptor compiles once into an encoder (cached in a
 * WeakMap, registered before its parts so recursive types terminate): leaves are closures here,
 * SEQUENCE / CHOICE / SEQUENCE OF are generated functions (`codegen-encode.ts`).
 */
import { writeSemi, writeUnconstrained, writeWholeBig } from "../aper/integers.js";
import { PerWriter } from "../aper/per-writer.js";
import { writeReal } from "../aper/real.js";
import { type E2CodecError, rethrowAt, toCodecError } from "../errors.js";
import { charsOf } from "./chars.js";
import { choiceEncoder, sequenceEncoder, sequenceOfEncoder } from "./codegen-encode.js";
import type {
  BitString,
  BitStringDesc,
  CharStringDesc,
  Desc,
  EnumeratedDesc,
  IntegerDesc,
  OctetStringDesc,
  SequenceOfDesc,
} from "./descriptors.js";
import { describe } from "./descriptors.js";
import type { Encoder } from "./encode-parts.js";
import { type SizeLayout, sizeLayout } from "./layout.js";
import { show } from "./show.js";
import { Sizes } from "./sizes.js";

export type { Encoder };
export { show };

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
        writeReal(w, v);
      };
    case "sequence":
      return sequenceEncoder(d, encoderOf);
    case "choice":
      return choiceEncoder(d, encoderOf);
    case "sequenceOf":
      return sequenceOfEncoder(d, encoderOf, sequenceOf(d));
    case "open":
      return (w) => w.fail("an open type needs its selecting component");
    case "ref":
      return encoderOf(d.get());
  }
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
  const lo = lb !== null && lb >= -SAFE ? Number(lb) : Number.NaN;
  const hi = ub !== null && ub <= SAFE ? Number(ub) : Number.NaN;
  return (w, v) => {
    if (typeof v === "number" && v >= lo && v <= hi && Number.isInteger(v)) {
      // in the root, no bigint needed
      w.bit(false);
      return root(w, v);
    }
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

// Each sized leaf writes one block (below 16K units) through `Sizes`; longer contents go through
// `sized`, the general form with fragments.

function bitString(d: BitStringDesc): Encoder {
  const put = sized(sizeLayout(d));
  const sizes = new Sizes(sizeLayout(d));
  return (w, v: BitString) => {
    if (typeof v !== "object" || v === null || !(v.bits instanceof Uint8Array) || !Number.isInteger(v.length))
      w.fail(`expected {bits, length}, got ${show(v)}`);
    if (v.bits.length * 8 < v.length) w.fail(`${v.length} bits claimed in ${v.bits.length} octets`);
    if (sizes.write(w, v.length)) {
      if (v.length > 0) w.bitsFrom(v.bits, v.length);
      return;
    }
    put(w, v.length, (start, count) => {
      if (start === 0) w.bitsFrom(v.bits, count);
      else w.bitsFrom(v.bits.subarray(start >>> 3), count); // fragments start on multiples of 16K bits
    });
  };
}

function octetString(d: OctetStringDesc): Encoder {
  const put = sized(sizeLayout(d));
  const sizes = new Sizes(sizeLayout(d));
  const body = (w: PerWriter, v: Uint8Array, start: number, count: number) => {
    if (count <= 2 && (w.pos & 7) !== 0) for (let i = 0; i < count; i++) w.bits(v[start + i], 8);
    else w.octets(v.subarray(start, start + count));
  };
  return (w, v) => {
    if (!(v instanceof Uint8Array)) w.fail(`expected bytes, got ${show(v)}`);
    if (sizes.write(w, v.length)) {
      if (v.length === 0) return;
      if (v.length <= 2 && (w.pos & 7) !== 0) body(w, v, 0, v.length);
      else w.octets(v);
      return;
    }
    put(w, v.length, (start, count) => body(w, v, start, count));
  };
}

function charString(d: CharStringDesc): Encoder {
  const put = sized(sizeLayout(d));
  const sizes = new Sizes(sizeLayout(d));
  if (d.charset === "UTF8String") {
    const enc = new TextEncoder();
    return (w, v) => {
      if (typeof v !== "string") w.fail(`expected a string, got ${show(v)}`);
      const bytes = enc.encode(v);
      if (sizes.write(w, bytes.length)) {
        if (bytes.length > 0) w.octets(bytes);
        return;
      }
      put(w, bytes.length, (s, c) => w.octets(bytes.subarray(s, s + c)));
    };
  }
  const chars = charsOf(d.charset);
  return (w, v) => {
    if (typeof v !== "string") w.fail(`expected a string, got ${show(v)}`);
    if (sizes.write(w, v.length)) {
      if (v.length > 0) chars.write(w, v, 0, v.length);
      return;
    }
    put(w, v.length, (start, count) => chars.write(w, v, start, count));
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

// ---- SEQUENCE OF, general form ------------------------------------------------------------------

/** Any count, fragments included (the generated encoder handles one block and defers here above 16K). */
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
