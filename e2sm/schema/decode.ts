/**
 * APER decoding driven by descriptors, the mirror of `encode.ts`. Every claimed length is checked
 * against the bits left before anything is allocated; OCTET STRINGs are views into the input.
 */
import { narrow, readSemi, readUnconstrained, readWholeBig } from "../aper/integers.js";
import { PerReader } from "../aper/per-reader.js";
import { decodeReal } from "../aper/real.js";
import { E2CodecError, rethrowAt, toCodecError } from "../errors.js";
import { charAlphabet } from "./charsets.js";
import type {
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
import { type SizeLayout, sizeLayout } from "./layout.js";
import { minBits } from "./min-bits.js";

export type Decoder = (r: PerReader) => any;

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
    throw new E2CodecError("E2_DECODE_TRAILING", describe(desc), used * 8, `${bytes.length - used} bytes after the value`);
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
      return (r) => decodeReal(r.octets(shortLength(r, "REAL")), (why) => r.fail(why));
    case "sequence":
      return sequence(d);
    case "choice":
      return choice(d);
    case "sequenceOf":
      return sequenceOf(d);
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
    root = (r) => narrow(readSemi(r) + lb);
  } else {
    root = (r) => narrow(readUnconstrained(r));
  }
  if (!d.ext) return root;
  return (r) => (r.bit() ? narrow(readUnconstrained(r)) : root(r));
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

/**
 * Reads the length part of a sized type and calls `body(count)` for each run of contents (several when
 * fragmented). `minUnitBits` (at least 1) bounds the count by the bits left before any allocation.
 */
function sized(layout: SizeLayout, minUnitBits: number, what: string) {
  const { lb, ub, fixed, constrained, ext, alignContents } = layout;
  const unit = Math.max(1, minUnitBits);
  const check = (r: PerReader, n: number) => {
    if (n * unit > r.remaining) r.fail(`${what} of ${n} claims ${n * unit} bits, ${r.remaining} left`, "E2_DECODE_TRUNCATED");
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
      if (n > 0 && alignContents) r.align();
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
    if (!outside && (total < lb || (ub !== null && total > ub))) r.fail(`${what} size ${total} is outside ${lb}..${ub ?? "MAX"}`);
  };
}

function bitString(d: BitStringDesc): Decoder {
  const get = sized(sizeLayout(d), 1, "BIT STRING");
  return (r) => {
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
}

function octetString(d: OctetStringDesc): Decoder {
  const get = sized(sizeLayout(d), 8, "OCTET STRING");
  return (r) => {
    const parts: Uint8Array[] = [];
    get(r, (n) => {
      if ((r.pos & 7) === 0) parts.push(r.octets(n));
      else parts.push(r.bitsCopy(n * 8)); // SIZE(1) or SIZE(2): unaligned
    });
    if (parts.length === 1) return parts[0];
    return concat(parts);
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function charString(d: CharStringDesc): Decoder {
  if (d.charset === "UTF8String") {
    const get = sized(sizeLayout(d), 8, "UTF8String");
    const dec = new TextDecoder("utf-8", { fatal: true });
    return (r) => {
      const parts: Uint8Array[] = [];
      get(r, (n) => parts.push(r.octets(n)));
      try {
        return dec.decode(concat(parts));
      } catch {
        return r.fail("UTF8String is not valid UTF-8");
      }
    };
  }
  const { bits, charOf } = charAlphabet(d.charset);
  const get = sized(sizeLayout(d), bits, d.charset);
  return (r) => {
    let s = "";
    get(r, (n) => {
      for (let i = 0; i < n; i++) {
        const c = charOf(r.bits(bits));
        if (c < 0) r.fail(`a character not allowed in ${d.charset}`);
        s += String.fromCharCode(c);
      }
    });
    return s;
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

// ---- SEQUENCE, CHOICE, SEQUENCE OF, open types ------------------------------------------------------

/** Reads an open type's contents with `read`, within its length. Fragmented contents are joined first. */
function readOpen(r: PerReader, read: (r: PerReader) => unknown): unknown {
  const n = r.length();
  if (!r.fragmented) return r.within(n * 8, () => read(r));
  const parts: Uint8Array[] = [r.octets(n)];
  for (;;) {
    const m = r.length();
    const more = r.fragmented;
    parts.push(r.octets(m));
    if (!more) break;
  }
  const inner = new PerReader(concat(parts));
  inner.depth = r.depth;
  return read(inner);
}

const rawOpen = (r: PerReader) => r.octets(r.remaining >>> 3);

/** A component decoder: reads into `obj`, which already holds the earlier components. */
type Part = (r: PerReader, obj: any) => unknown;

function part(c: Component): Part {
  const t = c.type.kind === "ref" ? c.type.get() : c.type;
  if (t.kind !== "open") {
    const dec = decoderOf(c.type);
    return (r) => dec(r);
  }
  return openPart(t);
}

function openPart(t: OpenDesc): Part {
  return (r, obj) => {
    const sel = t.table.get(obj[t.key]);
    return readOpen(r, sel ? decoderOf(sel) : rawOpen);
  };
}

function sequence(d: SequenceDesc): Decoder {
  const root = d.root.map((c) => ({ name: c.name, optional: c.optional, c, get: part(c) }));
  const ext = (d.ext ?? []).map((c) => ({ name: c.name, get: part(c) }));
  const extensible = d.ext !== null;
  const nOptional = root.filter((c) => c.optional).length;
  return (r) => {
    const hasExt = extensible && r.bit();
    // presence bits: a bit mask while they fit, else an array (a SEQUENCE with > 30 OPTIONALs)
    let mask = 0;
    let many: boolean[] | undefined;
    if (nOptional <= 30) mask = r.bits(nOptional);
    else {
      many = [];
      for (let k = 0; k < nOptional; k++) many.push(r.bit());
    }
    const obj: any = {};
    let i = 0;
    let k = 0;
    try {
      for (; i < root.length; i++) {
        const c = root[i];
        if (c.optional) {
          const on = many ? many[k] : ((mask >>> (nOptional - 1 - k)) & 1) === 1;
          k++;
          if (!on) {
            if ("defaultValue" in c.c) obj[c.name] = c.c.defaultValue;
            continue;
          }
        }
        obj[c.name] = c.get(r, obj);
      }
      if (!hasExt) return obj;
      const n = r.smallLength();
      if (n > r.remaining) r.fail(`extension bitmap of ${n} bits`, "E2_DECODE_TRUNCATED");
      const flags: boolean[] = [];
      for (let j = 0; j < n; j++) flags.push(r.bit());
      for (let j = 0; j < n; j++, i++) {
        if (!flags[j]) continue;
        if (j < ext.length) obj[ext[j].name] = readOpen(r, (rr) => ext[j].get(rr, obj));
        else readOpen(r, rawOpen); // an addition from a newer version: skipped by its length
      }
      return obj;
    } catch (e) {
      rethrowAt(e, `.${i < root.length ? root[i].name : (ext[i - root.length]?.name ?? `extension[${i - root.length}]`)}`, r.pos, false);
    }
  };
}

function choice(d: ChoiceDesc): Decoder {
  const root = d.root.map((a) => ({ name: a.name, dec: decoderOf(a.type) }));
  const ext = (d.ext ?? []).map((a) => ({ name: a.name, dec: decoderOf(a.type) }));
  const n = root.length;
  const extensible = d.ext !== null;
  return (r) => {
    let name = "";
    try {
      if (extensible && r.bit()) {
        const j = r.normallySmall();
        if (j < ext.length) {
          name = ext[j].name;
          return { [name]: readOpen(r, ext[j].dec) };
        }
        name = `unknown-extension-${j}`;
        return { [name]: readOpen(r, rawOpen) };
      }
      const i = r.whole(n);
      if (i >= n) r.fail(`alternative index ${i} is outside 0..${n - 1}`);
      const alt = root[i];
      name = alt.name;
      return { [name]: alt.dec(r) };
    } catch (e) {
      rethrowAt(e, name ? `.${name}` : "", r.pos, false);
    }
  };
}

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

