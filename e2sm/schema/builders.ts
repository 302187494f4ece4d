/**
 * Builders for type descriptors. A schema module reads like its ASN.1 source:
 *
 *   const MeasurementRecordItem = def("MeasurementRecordItem", choice({
 *     integer: int(0, 4294967295),
 *     real: real(),
 *     noValue: nul(),
 *   }, {}));                                   // `{}`: extensible, no additions yet
 *
 * Extension markers: the last argument of `seq`, `choice` and `enumerated` lists the extension
 * additions (`{}` / `[]` for a bare `...`); leaving it out means the type has no extension marker.
 */
import type {
  Alternative,
  BitStringDesc,
  BooleanDesc,
  CharStringDesc,
  CharStringType,
  ChoiceDesc,
  Component,
  Desc,
  EnumeratedDesc,
  Infer,
  IntegerDesc,
  NullDesc,
  OctetStringDesc,
  OidDesc,
  OpenDesc,
  RealDesc,
  RefDesc,
  SequenceDesc,
  SequenceOfDesc,
  SizeConstraint,
} from "./descriptors.js";

/** Names a type (as in `Name ::= ...`); returns the same descriptor. */
export function def<D extends Desc>(name: string, desc: D): D {
  desc.name = name;
  return desc;
}

// ---- INTEGER -------------------------------------------------------------------------------------

type Bound = number | bigint;

const toBig = (b: Bound | undefined | null): bigint | null => (b === undefined || b === null ? null : BigInt(b));

/**
 * INTEGER (lb..ub) / INTEGER (lb..MAX) / INTEGER. Values are numbers, or bigints where they do not fit
 * in a double exactly (only possible when the range allows it).
 */
export function int(): IntegerDesc<number | bigint>;
export function int(lb: number, ub?: number | null, opts?: { ext?: boolean }): IntegerDesc<number>;
export function int(lb: Bound | null, ub?: Bound | null, opts?: { ext?: boolean }): IntegerDesc<number | bigint>;
export function int(lb?: Bound | null, ub?: Bound | null, opts?: { ext?: boolean }): IntegerDesc<any> {
  const lo = toBig(lb);
  const hi = toBig(ub);
  if (lo !== null && hi !== null && hi < lo) throw new Error(`INTEGER range ${lo}..${hi} is empty`);
  return { kind: "integer", lb: lo, ub: hi, ext: opts?.ext ?? false } as IntegerDesc<any>;
}

// ---- simple types -------------------------------------------------------------------------------

export const bool = (): BooleanDesc => ({ kind: "boolean" }) as BooleanDesc;
export const nul = (): NullDesc => ({ kind: "null" }) as NullDesc;
export const real = (): RealDesc => ({ kind: "real" }) as RealDesc;
export const oid = (): OidDesc => ({ kind: "oid" }) as OidDesc;

/** ENUMERATED { root..., ...ext }. Omit `ext` for a non-extensible enumeration. */
export function enumerated<const R extends readonly string[]>(root: R): EnumeratedDesc<R[number]>;
export function enumerated<const R extends readonly string[], const E extends readonly string[]>(
  root: R,
  ext: E,
): EnumeratedDesc<R[number] | E[number] | number>;
export function enumerated(root: readonly string[], ext?: readonly string[]): EnumeratedDesc<any> {
  if (root.length === 0) throw new Error("ENUMERATED needs at least one root value");
  return { kind: "enumerated", root, ext: ext ?? null } as EnumeratedDesc<any>;
}

/** SIZE(n), SIZE(lb..ub), SIZE(lb..ub, ...) written as `size(n)`, `size(lb, ub)`, `size(lb, ub, true)`. */
export function size(lb: number, ub: number | null = lb, ext = false): SizeConstraint {
  if (ub !== null && ub < lb) throw new Error(`SIZE(${lb}..${ub}) is empty`);
  return { lb, ub, ext };
}

export const bits = (sz: SizeConstraint | null = null): BitStringDesc =>
  ({ kind: "bitstring", size: sz }) as BitStringDesc;
export const octets = (sz: SizeConstraint | null = null): OctetStringDesc =>
  ({ kind: "octetstring", size: sz }) as OctetStringDesc;

export const charString = (charset: CharStringType, sz: SizeConstraint | null = null): CharStringDesc =>
  ({ kind: "string", charset, size: sz }) as CharStringDesc;
export const printable = (sz: SizeConstraint | null = null) => charString("PrintableString", sz);
export const ia5 = (sz: SizeConstraint | null = null) => charString("IA5String", sz);
export const visible = (sz: SizeConstraint | null = null) => charString("VisibleString", sz);
export const numeric = (sz: SizeConstraint | null = null) => charString("NumericString", sz);
export const utf8 = (sz: SizeConstraint | null = null) => charString("UTF8String", sz);

// ---- SEQUENCE -----------------------------------------------------------------------------------

/** Marks a SEQUENCE component OPTIONAL. */
export interface Optional<D extends Desc = Desc> {
  readonly optional: true;
  readonly type: D;
}
/** Marks a SEQUENCE component DEFAULT value. */
export interface Defaulted<D extends Desc = Desc> {
  readonly optional: true;
  readonly type: D;
  readonly defaultValue: Infer<D>;
}
type Field = Desc | Optional | Defaulted;
type Fields = Record<string, Field>;

export const opt = <D extends Desc>(type: D): Optional<D> => ({ optional: true, type });
export const withDefault = <D extends Desc>(type: D, defaultValue: Infer<D>): Defaulted<D> => ({
  optional: true,
  type,
  defaultValue,
});

type FieldValue<F> = F extends Optional<infer D> ? Infer<D> : F extends Desc ? Infer<F> : never;
type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends Desc ? K : never }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type SequenceValue<R extends Fields, E extends Fields> = Simplify<
  { [K in RequiredKeys<R>]: FieldValue<R[K]> } & { [K in OptionalKeys<R>]?: FieldValue<R[K]> } & {
    [K in keyof E]?: FieldValue<E[K]>;
  }
>;

function components(fields: Fields): Component[] {
  return Object.entries(fields).map(([name, f]) => {
    if ("kind" in f) return { name, type: f, optional: false };
    return "defaultValue" in f
      ? { name, type: f.type, optional: true, defaultValue: f.defaultValue }
      : { name, type: f.type, optional: true };
  });
}

/** SEQUENCE { root..., ...ext }. Omit `ext` for a SEQUENCE without an extension marker. */
export function seq<const R extends Fields>(root: R): SequenceDesc<SequenceValue<R, {}>>;
export function seq<const R extends Fields, const E extends Fields>(root: R, ext: E): SequenceDesc<SequenceValue<R, E>>;
export function seq(root: Fields, ext?: Fields): SequenceDesc<any> {
  return {
    kind: "sequence",
    root: components(root),
    ext: ext ? components(ext) : null,
  } as unknown as SequenceDesc<any>;
}

// ---- CHOICE -------------------------------------------------------------------------------------

type Alts = Record<string, Desc>;
export type ChoiceValue<A extends Alts> = { [K in keyof A]: { [P in K]: Infer<A[K]> } }[keyof A];

const alternatives = (alts: Alts): Alternative[] => Object.entries(alts).map(([name, type]) => ({ name, type }));

/** CHOICE { root..., ...ext }. A value is `{ alternativeName: value }`. */
export function choice<const R extends Alts>(root: R): ChoiceDesc<ChoiceValue<R>>;
export function choice<const R extends Alts, const E extends Alts>(root: R, ext: E): ChoiceDesc<ChoiceValue<R & E>>;
export function choice(root: Alts, ext?: Alts): ChoiceDesc<any> {
  const r = alternatives(root);
  if (r.length === 0) throw new Error("CHOICE needs at least one root alternative");
  return { kind: "choice", root: r, ext: ext ? alternatives(ext) : null } as unknown as ChoiceDesc<any>;
}

// ---- SEQUENCE OF, open types, references ---------------------------------------------------------

/** SEQUENCE (SIZE(...)) OF item. */
export const seqOf = <D extends Desc>(item: D, sz: SizeConstraint | null = null): SequenceOfDesc<Infer<D>[]> =>
  ({ kind: "sequenceOf", item, size: sz }) as SequenceOfDesc<Infer<D>[]>;

/** An open type selected by the earlier sibling component `key` through `table`. */
export const open = (key: string, table: ReadonlyMap<number | string, Desc>): OpenDesc =>
  ({ kind: "open", key, table }) as OpenDesc;

/** A reference resolved on first use (recursive or forward-declared types). */
export const ref = <T = unknown>(get: () => Desc): RefDesc<T> => ({ kind: "ref", get }) as RefDesc<T>;
