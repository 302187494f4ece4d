/**
 * Type descriptors: an ASN.1 type described once, as data. The APER encoder, decoder, validator and
 * JSON mapping all interpret these; the TypeScript type of a value is inferred from them (`Infer<D>`).
 *
 * Descriptors are plain objects, built with the functions in `builders.ts`. A named type (one that has
 * its own name in an ASN.1 module) carries `name`; inline types do not.
 */

/** A size constraint: SIZE(lb..ub) or SIZE(lb..ub, ...). `ub` null = no upper bound. */
export interface SizeConstraint {
  readonly lb: number;
  readonly ub: number | null;
  readonly ext: boolean;
}

interface Base<T> {
  /** The ASN.1 type name, for named types (`RICindication`). */
  name?: string;
  /** Phantom: the value type. Never present at run time. */
  readonly __value: T;
}

export interface IntegerDesc<T = number | bigint> extends Base<T> {
  readonly kind: "integer";
  /** Lower bound, or null when unconstrained. */
  readonly lb: bigint | null;
  /** Upper bound, or null when semi-constrained / unconstrained. */
  readonly ub: bigint | null;
  /** `(lb..ub, ...)`: values outside the root are encoded as unconstrained. */
  readonly ext: boolean;
}

export interface BooleanDesc extends Base<boolean> {
  readonly kind: "boolean";
}

export interface NullDesc extends Base<null> {
  readonly kind: "null";
}

export interface EnumeratedDesc<T = string | number> extends Base<T> {
  readonly kind: "enumerated";
  /** Root enumeration names, in index order. */
  readonly root: readonly string[];
  /** Extension enumeration names in index order; null when not extensible. */
  readonly ext: readonly string[] | null;
}

/** A BIT STRING value: `length` bits, most significant first, in `bits` (zero-padded). */
export interface BitString {
  bits: Uint8Array;
  length: number;
}

export interface BitStringDesc extends Base<BitString> {
  readonly kind: "bitstring";
  readonly size: SizeConstraint | null;
}

export interface OctetStringDesc extends Base<Uint8Array> {
  readonly kind: "octetstring";
  readonly size: SizeConstraint | null;
}

export type CharStringType = "PrintableString" | "IA5String" | "VisibleString" | "NumericString" | "UTF8String";

export interface CharStringDesc extends Base<string> {
  readonly kind: "string";
  readonly charset: CharStringType;
  readonly size: SizeConstraint | null;
}

/** An OBJECT IDENTIFIER value, dotted (`{ oid: "1.3.6.1.4.1.53148.1.3.2.2" }`). */
export interface ObjectIdentifier {
  oid: string;
}

export interface OidDesc extends Base<ObjectIdentifier> {
  readonly kind: "oid";
}

export interface RealDesc extends Base<number> {
  readonly kind: "real";
}

export interface Component {
  readonly name: string;
  readonly type: Desc;
  readonly optional: boolean;
  /** DEFAULT value: omitted on the wire when equal, filled in on decode when absent. */
  readonly defaultValue?: unknown;
}

export interface SequenceDesc<T = Record<string, unknown>> extends Base<T> {
  readonly kind: "sequence";
  readonly root: readonly Component[];
  /** Extension additions; null when the SEQUENCE has no extension marker. */
  readonly ext: readonly Component[] | null;
}

export interface Alternative {
  readonly name: string;
  readonly type: Desc;
}

export interface ChoiceDesc<T = Record<string, unknown>> extends Base<T> {
  readonly kind: "choice";
  readonly root: readonly Alternative[];
  /** Extension alternatives; null when the CHOICE has no extension marker. */
  readonly ext: readonly Alternative[] | null;
}

export interface SequenceOfDesc<T = unknown[]> extends Base<T> {
  readonly kind: "sequenceOf";
  readonly item: Desc;
  readonly size: SizeConstraint | null;
}

/**
 * An open type whose actual type is selected by the value of an earlier sibling component `key`
 * (the information object set of a ProtocolIE-Field or an elementary procedure). Values whose key is
 * not in `table` travel as raw bytes (a Uint8Array holding the open type's contents).
 */
export interface OpenDesc extends Base<unknown> {
  readonly kind: "open";
  readonly key: string;
  readonly table: ReadonlyMap<number | string, Desc>;
}

/** A reference resolved on first use: for recursive types and forward references. */
export interface RefDesc<T = unknown> extends Base<T> {
  readonly kind: "ref";
  readonly get: () => Desc;
}

export type Desc =
  | IntegerDesc<any>
  | BooleanDesc
  | NullDesc
  | EnumeratedDesc<any>
  | BitStringDesc
  | OctetStringDesc
  | CharStringDesc
  | OidDesc
  | RealDesc
  | SequenceDesc<any>
  | ChoiceDesc<any>
  | SequenceOfDesc<any>
  | OpenDesc
  | RefDesc<any>;

export type DescKind = Desc["kind"];

/** The TypeScript type of values of a descriptor. */
export type Infer<D> = D extends Base<infer T> ? T : never;

/** Follows `ref`s to the descriptor they stand for. */
export function resolve(desc: Desc): Exclude<Desc, RefDesc> {
  let d: Desc = desc;
  for (let i = 0; d.kind === "ref"; i++) {
    if (i > 64) throw new Error(`reference cycle at ${describe(desc)}`);
    d = d.get();
  }
  return d;
}

/** `type RICindication`, `SEQUENCE`, `INTEGER (0..255)`: for messages. */
export function describe(desc: Desc): string {
  if (desc.name) return desc.name;
  switch (desc.kind) {
    case "integer":
      return desc.lb === null && desc.ub === null
        ? "INTEGER"
        : `INTEGER (${desc.lb ?? "MIN"}..${desc.ub ?? "MAX"}${desc.ext ? ", ..." : ""})`;
    case "boolean":
      return "BOOLEAN";
    case "null":
      return "NULL";
    case "enumerated":
      return "ENUMERATED";
    case "bitstring":
      return "BIT STRING";
    case "octetstring":
      return "OCTET STRING";
    case "string":
      return desc.charset;
    case "oid":
      return "OBJECT IDENTIFIER";
    case "real":
      return "REAL";
    case "sequence":
      return "SEQUENCE";
    case "choice":
      return "CHOICE";
    case "sequenceOf":
      return "SEQUENCE OF";
    case "open":
      return "open type";
    case "ref":
      return describe(desc.get());
  }
}
