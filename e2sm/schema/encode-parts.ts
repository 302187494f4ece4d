/**
 * Run-time helpers the generated encoders call for the parts that are not worth generating: open
 * types, SEQUENCE extension additions, CHOICE values naming no known alternative.
 */
import type { PerWriter } from "../aper/per-writer.js";
import { rethrowAt } from "../errors.js";
import type { Desc } from "./descriptors.js";
import { show } from "./show.js";
import { UNKNOWN_ALTERNATIVE } from "./values.js";

export type Encoder = (w: PerWriter, v: any) => void;

/**
 * The encoders an open type selects by its key (`table`), compiled on first use: compiling them with
 * the enclosing type would compile every type of every set up front.
 */
export class OpenEncoders {
  private byKey: Map<unknown, Encoder> | undefined;

  constructor(
    private readonly keyName: string,
    private readonly table: ReadonlyMap<number | string, Desc>,
    private readonly encoderOf: (d: Desc) => Encoder,
  ) {}

  /** Writes `v` as the open type selected by `key`; raw bytes when the table does not know `key`. */
  write(w: PerWriter, key: unknown, v: unknown): void {
    const enc = (this.byKey ?? this.compile()).get(key);
    if (enc === undefined && !(v instanceof Uint8Array)) {
      w.fail(`${this.keyName} ${show(key)} selects no known type, so the value must be raw bytes`);
    }
    const at = w.openBegin();
    if (enc) enc(w, v);
    else w.octets(v as Uint8Array);
    w.openEnd(at);
  }

  private compile(): Map<unknown, Encoder> {
    const m = new Map<unknown, Encoder>();
    this.byKey = m;
    for (const [k, d] of this.table) m.set(k, this.encoderOf(d));
    return m;
  }
}

/** A SEQUENCE extension addition: its name and how to write it from the whole SEQUENCE value. */
export interface ExtensionPart {
  readonly name: string;
  readonly write: (w: PerWriter, parent: any) => void;
}

/** Writes the extension additions of SEQUENCE value `v` (the bitmap, then each present one as an open type). */
export function writeExtensions(w: PerWriter, v: any, ext: readonly ExtensionPart[]): void {
  let j = 0;
  try {
    w.smallLength(ext.length);
    for (const e of ext) w.bit(v[e.name] !== undefined);
    for (; j < ext.length; j++) {
      const e = ext[j];
      if (v[e.name] === undefined) continue;
      const at = w.openBegin();
      e.write(w, v);
      w.openEnd(at);
    }
  } catch (err) {
    rethrowAt(err, `.${ext[j]?.name ?? "?"}`, w.pos, true);
  }
}

/**
 * A CHOICE value whose key is no alternative: an unknown extension kept as raw bytes
 * (`unknown-extension-N`) when the CHOICE is extensible, else an error.
 */
export function writeUnknownAlternative(w: PerWriter, v: any, key: string, extensible: boolean, type: string): void {
  const unknown = extensible ? UNKNOWN_ALTERNATIVE.exec(key) : null;
  if (unknown && v[key] instanceof Uint8Array) {
    w.bit(true);
    w.normallySmall(Number(unknown[1]));
    const at = w.openBegin();
    w.octets(v[key]);
    w.openEnd(at);
    return;
  }
  w.fail(`${JSON.stringify(key)} is not an alternative of ${type}`);
}
