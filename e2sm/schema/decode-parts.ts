/**
 * Run-time helpers the generated decoders call for the parts that are not worth generating: open
 * types, SEQUENCE extension additions, CHOICE extension alternatives.
 */
import { PerReader } from "../aper/per-reader.js";
import { rethrowAt } from "../errors.js";
import type { Desc } from "./descriptors.js";

export type Decoder = (r: PerReader) => any;

/** Reads an open type's contents with `read`, within its length. Fragmented contents are joined first. */
export function readOpen(r: PerReader, read: Decoder): unknown {
  const n = r.length();
  if (r.fragmented) return readFragmentedOpen(r, n, read);
  const outer = r.enter(n * 8);
  try {
    return read(r);
  } finally {
    r.leave(outer);
  }
}

function readFragmentedOpen(r: PerReader, first: number, read: Decoder): unknown {
  const parts: Uint8Array[] = [r.octets(first)];
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

/** The contents of an open type whose type is unknown: raw bytes. */
export const rawOpen: Decoder = (r) => r.octets(r.remaining >>> 3);

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The decoders an open type selects by its key (`table`), compiled on first use: compiling them with
 * the enclosing type would compile every type of every set up front.
 */
export class OpenDecoders {
  private byKey: Map<unknown, Decoder> | undefined;

  constructor(
    private readonly table: ReadonlyMap<number | string, Desc>,
    private readonly decoderOf: (d: Desc) => Decoder,
  ) {}

  /** The decoder for key value `key`: raw bytes when the table does not know it. */
  get(key: unknown): Decoder {
    const m = this.byKey ?? this.compile();
    return m.get(key) ?? rawOpen;
  }

  private compile(): Map<unknown, Decoder> {
    const m = new Map<unknown, Decoder>();
    this.byKey = m;
    for (const [k, d] of this.table) m.set(k, this.decoderOf(d));
    return m;
  }
}

/** A SEQUENCE extension addition: its name and how to read it (`obj` holds the root components). */
export interface ExtensionPart {
  readonly name: string;
  readonly read: (r: PerReader, obj: any) => unknown;
}

/**
 * Reads the extension additions of a SEQUENCE into `obj` (the bitmap, then each present addition as an
 * open type). Additions from a newer version than `ext` knows are skipped by their length.
 */
export function readExtensions(r: PerReader, obj: any, ext: readonly ExtensionPart[]): void {
  let j = 0;
  try {
    const n = r.smallLength();
    if (n > r.remaining) r.fail(`extension bitmap of ${n} bits`, "E2_DECODE_TRUNCATED");
    const flags: boolean[] = [];
    for (let k = 0; k < n; k++) flags.push(r.bit());
    for (; j < n; j++) {
      if (!flags[j]) continue;
      if (j < ext.length) {
        const e = ext[j];
        obj[e.name] = readOpen(r, (rr) => e.read(rr, obj));
      } else readOpen(r, rawOpen);
    }
  } catch (e) {
    rethrowAt(e, `.${ext[j]?.name ?? `extension[${j}]`}`, r.pos, false);
  }
}

/** A CHOICE extension alternative: its name and decoder. */
export interface ExtensionAlternative {
  readonly name: string;
  readonly read: Decoder;
}

/**
 * Reads a CHOICE extension alternative (after its extension bit): the index, then the value as an
 * open type. One this version does not know is kept as raw bytes, as `unknown-extension-N`.
 */
export function readExtensionAlternative(r: PerReader, alts: readonly ExtensionAlternative[]): Record<string, unknown> {
  const j = r.normallySmall();
  const name = j < alts.length ? alts[j].name : `unknown-extension-${j}`;
  try {
    return { [name]: readOpen(r, j < alts.length ? alts[j].read : rawOpen) };
  } catch (e) {
    rethrowAt(e, `.${name}`, r.pos, false);
  }
}
