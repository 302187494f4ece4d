/**
 * A schema module: the named types of one version of one ASN.1 module set (E2AP v03.01, E2SM-KPM
 * v02.03...), looked up by their ASN.1 names.
 */
import type { Desc } from "./descriptors.js";

export interface SchemaModule {
  /** Short id used on the command line and in errors: `e2ap-v3`, `kpm-v2`, `rc-v1`. */
  readonly id: string;
  /** Human title: `E2AP v03.01`. */
  readonly title: string;
  /** RAN function OID (E2SM modules only). */
  readonly oid?: string;
  /** Every named type, by ASN.1 name (`E2SM-KPM-IndicationMessage`). */
  readonly types: ReadonlyMap<string, Desc>;
  /** The module's top-level PDU types (what a conformance test must cover). */
  readonly topLevel: readonly string[];
}

function isDesc(v: unknown): v is Desc {
  return typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string";
}

/**
 * Builds a module from objects holding descriptors (typically `import * as ns` namespaces): every
 * value that is a descriptor with a `name` is registered under that name.
 */
export function defineModule(
  meta: { id: string; title: string; oid?: string; topLevel: readonly string[] },
  ...sources: Record<string, unknown>[]
): SchemaModule {
  const types = new Map<string, Desc>();
  for (const src of sources) {
    for (const v of Object.values(src)) {
      if (!isDesc(v) || !v.name) continue;
      const seen = types.get(v.name);
      if (seen && seen !== v) throw new Error(`${meta.id}: two different types named ${v.name}`);
      types.set(v.name, v);
    }
  }
  for (const t of meta.topLevel) if (!types.has(t)) throw new Error(`${meta.id}: top-level type ${t} is not defined`);
  return { ...meta, types };
}

/** The named type, or an error listing close names. */
export function typeOf(mod: SchemaModule, name: string): Desc {
  const d = mod.types.get(name);
  if (d) return d;
  const lower = name.toLowerCase();
  const near = [...mod.types.keys()].filter((k) => k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()));
  throw new Error(
    `${mod.title} has no type ${name}${near.length ? ` (did you mean ${near.slice(0, 5).join(", ")}?)` : ""}`,
  );
}
