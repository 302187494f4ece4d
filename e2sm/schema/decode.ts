/**
 * APER decoding driven by descriptors, the mirror of `encode.ts`. Each descriptor compiles once into a
 * decoder (cached in a WeakMap, registered before its parts so recursive types terminate): leaves are
 * closures here, SEQUENCE / CHOICE / SEQUENCE OF are generated functions (`codegen-decode.ts`). Every
 * claimed length is checked against the bits left before anything is allocated; OCTET STRINGs are views
 * into the input.
 */
import { narrow, readSemiNarrow, readUnconstrainedNarrow, readWholeBig } from "../aper/integers.js";
import { PerReader } from "../aper/per-reader.js";
import { readReal } from "../aper/real.js";
import { E2CodecError, rethrowAt, toCodecError } from "../errors.js";
import { charsOf } from "./chars.js";
import { choiceDecoder, sequenceDecoder, sequenceOfDecoder } from "./codegen-decode.js";
import { concat, type Decoder } from "./decode-parts.js";
import type {
  BitStringDesc,
  CharStringDesc,
  Desc,
  EnumeratedDesc,
  IntegerDesc,
  OctetStringDesc,
  SequenceOfDesc,
} from "./descriptors.js";
import { describe } from "./descriptors.js";
import { type SizeLayout, sizeLayout } from "./layout.js";
import { minBits } from "./min-bits.js";
import { Sizes } from "./sizes.js";

export type { Decoder };

/** Nesting limit through recursive (ref) types. */
export const DEFAULT_MAX_DEPTH = 64;

const cache = new WeakMap<Desc, Decoder>();

export function decoderOf(desc: Desc): Decoder {
  const hit = cache.get(desc);
  if (hit) return hit;
  let impl: Decoder | undefined;
  cache.set(desc, (r) => impl!(r));
  impl = build(desc);
  cache.set(desc, impl);
  return impl;
}

export interface DecodeOptions {
  /** Accept bytes after the value's padded end (default false: E2_DECODE_TRAILING). */
  allowTrailing?: boolean;
}

/** Decodes one complete value of `desc` from `bytes`. Throws only E2CodecError. */
export function decode(desc: Desc, bytes: Uint8Array, opts: DecodeOptions = {}): any {
  const r = new PerReader(bytes);
  let v: unknown;
  try {
    v = decoderOf(desc)(r);
  } catch (e) {
    throw toCodecError(e, describe(desc), r.pos, false);
  }
  const used = Math.max(1, (r.pos + 7) >>> 3);
  if (!opts.allowTrailing && used < bytes.length) {
    throw new E2CodecError(
      "E2_DECODE_TRAILING",
      describe(desc),
      used * 8,
      `${bytes.length - used} bytes after the value`,
    );
  }
  return v;
}

function build(d: Desc): Decoder {
  switch (d.kind) {
    case "integer":
      return integer(d);
    case "boolean":
      return (r) => r.bit();
    case "null":
      return () => null;
    case "enumerated":
      return enumerated(d);
    case "bitstring":
      return bitString(d);
    case "octetstring":
      return octetString(d);
    case "string":
      return charString(d);
    case "oid":
      return (r) => oidFrom(r, r.octets(shortLength(r, "OBJECT IDENTIFIER")));
    case "real":
      return readReal;
    case "sequence":
      return sequenceDecoder(d, decoderOf);
    case "choice":
      return choiceDecoder(d, decoderOf);
    case "sequenceOf":
      return sequenceOfDecoder(d, decoderOf, sequenceOf(d));
    case "open":
      return (r) => r.fail("an open type needs its selecting component");
    case "ref": {
      const inner = decoderOf(d.get());
      return (r) => {
        if (++r.depth > DEFAULT_MAX_DEPTH) r.fail(`nesting deeper than ${DEFAULT_MAX_DEPTH}`, "E2_DECODE_LIMIT");
        try {
          return inner(r);
        } finally {
          r.depth--;
        }
      };
    }
  }
}

/** A length determinant that must not be fragmented (REAL, OID, integers). */
function shortLength(r: PerReader, what: string): number {
  const n = r.length();
  if (r.fragmented) r.fail(`${what} longer than 16K octets`, "E2_DECODE_LIMIT");
  return n;
}

// ---- INTEGER, ENUMERATED ----------------------------------------------------------------------------

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function integer(d: IntegerDesc): Decoder {
  const { lb, ub } = d;
  let root: Decoder;
  if (lb !== null && ub !== null) {
    if (lb >= -SAFE && ub <= SAFE) {
      const lo = Number(lb);
      const hi = Number(ub);
      const range = hi - lo + 1;
      root = (r) => {
        const v = r.whole(range) + lo;
        if (v > hi) r.fail(`${v} is outside ${lo}..${hi}`);
        return v;
      };
    } else {
      const range = ub - lb + 1n;
      root = (r) => {
        const v = readWholeBig(r, range) + lb;
        if (v > ub) r.fail(`${v} is outside ${lb}..${ub}`);
        return narrow(v);
      };
    }
  } else if (lb !== null) {
    const lbNumber = lb >= -SAFE && lb <= SAFE ? Number(lb) : Number.NaN;
    root = (r) => readSemiNarrow(r, lb, lbNumber);
  } else {
    root = readUnconstrainedNarrow;
  }
  if (!d.ext) return root;
  return (r) => (r.bit() ? readUnconstrainedNarrow(r) : root(r));
}

function enumerated(d: EnumeratedDesc): Decoder {
  const { root } = d;
  const ext = d.ext;
  const n = root.length;
  const rootOnly: Decoder = (r) => {
    const i = r.whole(n);
    if (i >= n) r.fail(`enumeration index ${i} is outside 0..${n - 1}`);
    return root[i];
  };
  if (ext === null) return rootOnly;
  return (r) => {
    if (!r.bit()) return rootOnly(r);
    const j = r.normallySmall();
    return j < ext.length ? ext[j] : j; // unknown extension values stay as their index
  };
}

// ---- sized types ----------------------------------------------------------------------------------
// One block (below 16K units) is read straight; fragmented contents go back to the start of the length
// and through `sized`, the general form.

/**
 * Reads the length part of a sized type and calls `body(count)` for each run of contents (several when
 * fragmented). `minUnitBits` (at least 1) bounds the count by the bits left before any allocation.
 */
function sized(layout: SizeLayout, minUnitBits: number, what: string) {
  const { lb, ub, fixed, constrained, ext, alignContents } = layout;
  const unit = Math.max(1, minUnitBits);
  const check = (r: PerReader, n: number) => {
    if (n * unit > r.remaining)
      r.fail(`${what} of ${n} claims ${n * unit} bits, ${r.remaining} left`, "E2_DECODE_TRUNCATED");
  };
  return (r: PerReader, body: (count: number) => void): void => {
    const outside = ext && r.bit();
    if (!outside && fixed) {
      check(r, lb);
      if (lb > 0 && alignContents) r.align();
      if (lb > 0) body(lb);
      return;
    }
    if (!outside && constrained) {
      const n = r.whole(ub! - lb + 1) + lb;
      if (n > ub!) r.fail(`${what} size ${n} is outside ${lb}..${ub}`);
      check(r, n);
      if (alignContents) r.align();
      if (n > 0) body(n);
      return;
    }
    let total = 0;
    for (;;) {
      const n = r.length();
      const more = r.fragmented;
      check(r, n);
      total += n;
      if (n > 0) body(n);
      if (!more) break;
    }
    if (!outside && (total < lb || (ub !== null && total > ub)))
      r.fail(`${what} size ${total} is outside ${lb}..${ub ?? "MAX"}`);
  };
}

function bitString(d: BitStringDesc): Decoder {
  const layout = sizeLayout(d);
  const get = sized(layout, 1, "BIT STRING");
  const general: Decoder = (r) => {
    let out: Uint8Array | undefined;
    let length = 0;
    get(r, (n) => {
      const part = r.bitsCopy(n);
      if (!out) out = part;
      else {
        const joined = new Uint8Array((length + n + 7) >>> 3);
        joined.set(out);
        joined.set(part, length >>> 3); // fragments are multiples of 16K bits: octet-aligned
        out = joined;
      }
      length += n;
    });
    return { bits: out ?? new Uint8Array(0), length };
  };
  const sizes = new Sizes(layout, 1, "BIT STRING");
  return (r) => {
    const quick = sizes.quick(r);
    if (quick >= 0) return { bits: quick > 0 ? r.bitsCopy(quick) : new Uint8Array(0), length: quick };
    const at = r.pos;
    const x = sizes.ext && r.bit();
    const n = sizes.read(r, x);
    if (n < 0) {
      r.pos = at;
      return general(r);
    }
    const v = { bits: n > 0 ? r.bitsCopy(n) : new Uint8Array(0), length: n };
    sizes.check(r, n, x);
    return v;
  };
}

function octetString(d: OctetStringDesc): Decoder {
  const layout = sizeLayout(d);
  const get = sized(layout, 8, "OCTET STRING");
  const general: Decoder = (r) => {
    const parts: Uint8Array[] = [];
    get(r, (n) => parts.push(contents(r, n)));
    if (parts.length === 1) return parts[0];
    return concat(parts);
  };
  const sizes = new Sizes(layout, 8, "OCTET STRING");
  return (r) => {
    const quick = sizes.quick(r);
    if (quick >= 0) return quick > 0 ? contents(r, quick) : new Uint8Array(0);
    const at = r.pos;
    const x = sizes.ext && r.bit();
    const n = sizes.read(r, x);
    if (n < 0) {
      r.pos = at;
      return general(r);
    }
    const v = n > 0 ? contents(r, n) : new Uint8Array(0);
    sizes.check(r, n, x);
    return v;
  };
}

/** n octets of an OCTET STRING: a view when aligned, else (SIZE(1) or SIZE(2)) a copy. */
const contents = (r: PerReader, n: number) => ((r.pos & 7) === 0 ? r.octets(n) : r.bitsCopy(n * 8));

function charString(d: CharStringDesc): Decoder {
  const layout = sizeLayout(d);
  if (d.charset === "UTF8String") {
    const get = sized(layout, 8, "UTF8String");
    const dec = new TextDecoder("utf-8", { fatal: true });
    const utf8 = (r: PerReader, bytes: Uint8Array) => {
      try {
        return dec.decode(bytes);
      } catch {
        return r.fail("UTF8String is not valid UTF-8");
      }
    };
    const general: Decoder = (r) => {
      const parts: Uint8Array[] = [];
      get(r, (n) => parts.push(r.octets(n)));
      return utf8(r, concat(parts));
    };
    const sizes = new Sizes(layout, 8, "UTF8String");
    return (r) => {
      const at = r.pos;
      const n = sizes.read(r, false);
      if (n < 0) {
        r.pos = at;
        return general(r);
      }
      return utf8(r, r.octets(n));
    };
  }
  const chars = charsOf(d.charset);
  const bits = chars.bits;
  const get = sized(layout, bits, d.charset);
  const general: Decoder = (r) => {
    let s = "";
    get(r, (n) => {
      s += chars.read(r, n);
    });
    return s;
  };
  const sizes = new Sizes(layout, bits, d.charset);
  return (r) => {
    const quick = sizes.quick(r);
    if (quick >= 0) return chars.read(r, quick);
    const at = r.pos;
    const x = sizes.ext && r.bit();
    const n = sizes.read(r, x);
    if (n < 0) {
      r.pos = at;
      return general(r);
    }
    const v = chars.read(r, n);
    sizes.check(r, n, x);
    return v;
  };
}

function oidFrom(r: PerReader, body: Uint8Array): { oid: string } {
  if (body.length === 0) r.fail("empty OBJECT IDENTIFIER");
  const arcs: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < body.length; i++) {
    if (v === 0n && body[i] === 0x80) r.fail("OBJECT IDENTIFIER arc with a leading 0x80");
    v = (v << 7n) | BigInt(body[i] & 0x7f);
    if ((body[i] & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    } else if (i === body.length - 1) r.fail("OBJECT IDENTIFIER ends inside an arc");
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  arcs.splice(0, 1, first, arcs[0] - first * 40n);
  return { oid: arcs.join(".") };
}

// ---- SEQUENCE OF, general form ------------------------------------------------------------------

/** Any SEQUENCE OF encoding, fragmented ones included (the generated decoder handles one block). */
function sequenceOf(d: SequenceOfDesc): Decoder {
  const item = decoderOf(d.item);
  const get = sized(sizeLayout(d), minBits(d.item), "SEQUENCE OF");
  return (r) => {
    const out: unknown[] = [];
    try {
      get(r, (count) => {
        for (let i = 0; i < count; i++) out.push(item(r));
      });
    } catch (e) {
      rethrowAt(e, `[${out.length}]`, r.pos, false);
    }
    return out;
  };
}
