/**
 * fast-check arbitraries of valid values of any descriptor, for property tests of the codec: every
 * value respects its constraints (ranges, sizes, alphabets, zero-padded bits), extensible ranges and
 * sizes sometimes step outside their root, extension additions and alternatives appear, and open
 * types carry a key sibling taken from their table. Sizes stay small (`maxItems`, `maxLength`) and
 * nesting deeper than `maxDepth` takes the shortest way out, so recursive types terminate.
 */
import * as fc from "fast-check";
import {
  type ChoiceDesc,
  type Component,
  type Desc,
  describe,
  type IntegerDesc,
  type OpenDesc,
  type RefDesc,
  resolve,
  type SequenceDesc,
  type SizeConstraint,
} from "../../e2sm/schema/descriptors.js";
import { sameValue } from "../../e2sm/schema/values.js";
import { charUnit, integerIn, oidValue, realValue } from "./arbitrary-leaves.js";

export interface ArbitraryOptions {
  /** SEQUENCE OF items beyond the lower bound (default 4), fewer in nested lists (×0.7 per level). */
  maxItems?: number;
  /** Characters / octets beyond the lower bound, bits beyond it ÷ 8 (default 16). */
  maxLength?: number;
  /** Nesting of constructed types past which only mandatory, minimal content is generated (default 16). */
  maxDepth?: number;
  /** Include NaN, ±Infinity, 0 and -0 among REALs (default true). */
  specialReals?: boolean;
  /** Use extensions: values beyond extensible roots, extension additions and alternatives (default true). */
  extensions?: boolean;
}
type Opts = Required<ArbitraryOptions> & { key: string };
type Resolved = Exclude<Desc, RefDesc>;
type Weighted = { arbitrary: fc.Arbitrary<unknown>; weight: number };

/** Values of `desc`. Arbitraries are compiled once per descriptor, options and depth. */
export function arbitrary<T = unknown>(desc: Desc, opts: ArbitraryOptions = {}): fc.Arbitrary<T> {
  const o = { maxItems: 4, maxLength: 16, maxDepth: 16, specialReals: true, extensions: true, ...opts };
  return at(desc, 0, 0, { ...o, key: JSON.stringify(o) }) as fc.Arbitrary<T>;
}

/** Defers building until first use: recursive descriptors refer to their own (lazy) arbitrary. */
class Lazy<T> extends fc.Arbitrary<T> {
  #arb: fc.Arbitrary<T> | undefined;
  constructor(private readonly make: () => fc.Arbitrary<T>) {
    super();
  }
  private get arb(): fc.Arbitrary<T> {
    this.#arb ??= this.make();
    return this.#arb;
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.arb.generate(mrng, biasFactor);
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.arb.canShrinkWithoutContext(value);
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.arb.shrink(value, context);
  }
}

/** By descriptor, then options and place (depth, enclosing SEQUENCE OFs). */
const compiled = new WeakMap<Resolved, Map<string, fc.Arbitrary<unknown>>>();

/**
 * The arbitrary of `desc` at nesting `depth` (constructed types above it) inside `lists` SEQUENCE OFs.
 * Past maxDepth every level generates alike, and so do lists past 8, so the cache stays finite.
 */
function at(desc: Desc, depth: number, lists: number, o: Opts): fc.Arbitrary<unknown> {
  const d = resolve(desc);
  const level = Math.min(depth, o.maxDepth);
  const nest = Math.min(lists, 8);
  let cache = compiled.get(d);
  if (!cache) compiled.set(d, (cache = new Map()));
  const key = `${level}/${nest}/${o.key}`;
  let arb = cache.get(key);
  if (!arb) cache.set(key, (arb = new Lazy(() => build(d, level, nest, o))));
  return arb;
}

function build(d: Resolved, depth: number, lists: number, o: Opts): fc.Arbitrary<unknown> {
  const minimal = depth >= o.maxDepth;
  switch (d.kind) {
    case "integer":
      return integerArb(d, o);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "real":
      return realValue(o.specialReals);
    case "enumerated":
      return fc.constantFrom(...d.root, ...(o.extensions ? (d.ext ?? []) : []));
    case "bitstring":
      return sized(d.size, o.maxLength * 8, 4096, o, false, (min, max) =>
        fc.array(fc.boolean(), { minLength: min, maxLength: max }).map(packBits),
      );
    case "octetstring":
      return sized(d.size, o.maxLength, 1024, o, false, (min, max) =>
        fc.uint8Array({ minLength: min, maxLength: max }),
      );
    case "string": {
      const unit = charUnit(d.charset);
      return sized(d.size, o.maxLength, 1024, o, false, (min, max) =>
        fc.string({ unit, minLength: min, maxLength: max }),
      );
    }
    case "oid":
      return oidValue;
    case "sequence":
      return sequenceArb(d, depth, lists, o, minimal);
    case "choice":
      return choiceArb(d, depth, lists, o, minimal);
    case "sequenceOf": {
      const item = at(d.item, depth + 1, lists + 1, o);
      // fewer items in lists of lists: nested breadths multiply (RC RAN function definitions, parameter trees)
      const extra = Math.round(o.maxItems * 2 ** (-lists / 2));
      return sized(d.size, extra, 32, o, minimal, (min, max) => fc.array(item, { minLength: min, maxLength: max }));
    }
    case "open":
      // an open type outside a SEQUENCE has no key to select its type: raw contents
      return fc.uint8Array({ maxLength: o.maxLength });
  }
}

function integerArb(d: IntegerDesc, o: Opts): fc.Arbitrary<unknown> {
  const root = integerIn(d.lb, d.ub);
  if (!d.ext || !o.extensions) return root;
  const arbs: Weighted[] = [{ arbitrary: root, weight: 4 }];
  if (d.lb !== null) arbs.push({ arbitrary: integerIn(null, d.lb - 1n), weight: 1 });
  if (d.ub !== null) arbs.push({ arbitrary: integerIn(d.ub + 1n, null), weight: 1 });
  return fc.oneof(...arbs);
}

/**
 * Values whose size (items, characters, octets, bits) is drawn from the root range, lb..lb+extra, and
 * for an extensible constraint sometimes just outside it (above ub when ub < cap, or below lb).
 */
function sized<T>(
  size: SizeConstraint | null,
  extra: number,
  cap: number,
  o: Opts,
  minimal: boolean,
  make: (min: number, max: number) => fc.Arbitrary<T>,
): fc.Arbitrary<T> {
  const lb = size?.lb ?? 0;
  const ub = size?.ub ?? null;
  if (minimal) return make(lb, lb);
  const arbs: { arbitrary: fc.Arbitrary<T>; weight: number }[] = [
    { arbitrary: make(lb, ub === null ? lb + extra : Math.min(ub, lb + extra)), weight: 8 },
  ];
  if (size?.ext && o.extensions) {
    if (ub !== null && ub < cap) arbs.push({ arbitrary: make(ub + 1, Math.min(cap, ub + 1 + extra)), weight: 1 });
    if (lb > 0) arbs.push({ arbitrary: make(Math.max(0, lb - extra), lb - 1), weight: 1 });
  }
  return arbs.length === 1 ? arbs[0].arbitrary : fc.oneof(...arbs);
}

function packBits(flags: boolean[]): { bits: Uint8Array; length: number } {
  const bits = new Uint8Array(Math.ceil(flags.length / 8));
  flags.forEach((f, i) => {
    if (f) bits[i >> 3] |= 0x80 >> (i & 7);
  });
  return { bits, length: flags.length };
}

type Pair = { key: number | string; value: unknown };

function sequenceArb(d: SequenceDesc, depth: number, lists: number, o: Opts, minimal: boolean): fc.Arbitrary<unknown> {
  const comps: readonly Component[] = o.extensions && d.ext ? [...d.root, ...d.ext] : d.root;
  const names = new Set(comps.map((c) => c.name));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const opens: { name: string; key: string }[] = [];
  for (const c of comps) {
    const optional = c.optional || !d.root.includes(c); // extension additions may always be absent
    if (minimal && optional) continue;
    const t = resolve(c.type);
    let arb: fc.Arbitrary<unknown>;
    if (t.kind === "open" && names.has(t.key) && t.table.size > 0) {
      arb = openPair(t, depth + 1, lists, o, minimal);
      opens.push({ name: c.name, key: t.key });
    } else {
      arb = at(c.type, depth + 1, lists, o);
    }
    // optional components thin out with depth, which keeps recursive and list-heavy types small
    const absent = 1 + (depth >> 2);
    model[c.name] = optional
      ? fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: 1 })
      : arb;
  }
  const defaults = comps.filter((c) => "defaultValue" in c);
  return fc.record(model, { noNullPrototype: true }).map((r) => {
    const out: Record<string, unknown> = {};
    for (const c of comps) if (r[c.name] !== undefined) out[c.name] = r[c.name];
    // the open type's value decides its key sibling
    for (const { name, key } of opens) {
      const p = out[name] as Pair | undefined;
      if (p) {
        out[key] = p.key;
        out[name] = p.value;
      }
    }
    for (const c of defaults)
      if (Object.hasOwn(out, c.name) && sameValue(out[c.name], c.defaultValue)) delete out[c.name];
    return out;
  });
}

function openPair(t: OpenDesc, depth: number, lists: number, o: Opts, minimal: boolean): fc.Arbitrary<Pair> {
  let entries = [...t.table];
  if (minimal) entries = [entries.reduce((best, e) => (height(e[1]) < height(best[1]) ? e : best))];
  return fc.oneof(...entries.map(([key, td]) => at(td, depth, lists, o).map((value): Pair => ({ key, value }))));
}

function choiceArb(d: ChoiceDesc, depth: number, lists: number, o: Opts, minimal: boolean): fc.Arbitrary<unknown> {
  let alts = [
    ...d.root.map((a) => ({ a, weight: 3 })),
    ...(o.extensions && d.ext ? d.ext.map((a) => ({ a, weight: 1 })) : []),
  ];
  if (minimal) alts = [alts.reduce((best, x) => (height(x.a.type) < height(best.a.type) ? x : best))];
  return fc.oneof(
    ...alts.map(({ a, weight }) => ({
      weight,
      arbitrary: at(a.type, depth + 1, lists, o).map((v) => ({ [a.name]: v })),
    })),
  );
}

// ---- the shortest way out of a recursive type ---------------------------------------------------------

const heights = new WeakMap<Resolved, number>();

/**
 * How many constructed levels a minimal value of `desc` needs (mandatory components only, the
 * shallowest alternative, lower-bound item counts): a least fixed point over the reachable types.
 */
export function height(desc: Desc): number {
  const root = resolve(desc);
  const known = heights.get(root);
  if (known !== undefined) return known;
  const nodes: Resolved[] = [];
  const seen = new Set<Resolved>();
  for (const stack: Resolved[] = [root]; stack.length; ) {
    const n = stack.pop() as Resolved;
    if (seen.has(n) || heights.has(n)) continue;
    seen.add(n);
    nodes.push(n);
    for (const c of children(n)) stack.push(resolve(c));
  }
  const h = new Map<Resolved, number>(nodes.map((n) => [n, Infinity]));
  const get = (x: Desc) => {
    const r = resolve(x);
    return heights.get(r) ?? (h.get(r) as number);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      const v = local(n, get);
      if (v < (h.get(n) as number)) {
        h.set(n, v);
        changed = true;
      }
    }
  }
  for (const [n, v] of h) {
    if (v === Infinity) throw new Error(`${describe(n)} has no finite value (it always contains itself)`);
    heights.set(n, v);
  }
  return heights.get(root) as number;
}

function children(d: Resolved): Desc[] {
  switch (d.kind) {
    case "sequence":
      return [...d.root, ...(d.ext ?? [])].map((c) => c.type);
    case "choice":
      return [...d.root, ...(d.ext ?? [])].map((a) => a.type);
    case "sequenceOf":
      return [d.item];
    case "open":
      return [...d.table.values()];
    default:
      return [];
  }
}

function local(d: Resolved, get: (x: Desc) => number): number {
  switch (d.kind) {
    case "sequence":
      return 1 + Math.max(0, ...d.root.filter((c) => !c.optional).map((c) => get(c.type)));
    case "choice":
      return 1 + Math.min(...[...d.root, ...(d.ext ?? [])].map((a) => get(a.type)));
    case "sequenceOf":
      return 1 + ((d.size?.lb ?? 0) === 0 ? 0 : get(d.item));
    case "open":
      return d.table.size === 0 ? 0 : Math.min(...[...d.table.values()].map(get));
    default:
      return 0;
  }
}
