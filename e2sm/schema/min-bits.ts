/**
 * A lower bound on the bits any encoding of a type takes. The decoder multiplies a claimed item count
 * by it and compares with the bits left, so no count can make it allocate beyond the input size.
 * It must never overestimate (that would reject valid input); 0 is always safe.
 */
import { bitsFor } from "../aper/per-reader.js";
import type { Desc } from "./descriptors.js";
import { sizeLayout } from "./layout.js";

const cache = new WeakMap<Desc, number>();
const visiting = new Set<Desc>();

export function minBits(d: Desc): number {
  const hit = cache.get(d);
  if (hit !== undefined) return hit;
  if (visiting.has(d)) return 0; // recursion: the bound need not be tight
  visiting.add(d);
  try {
    const v = compute(d);
    cache.set(d, v);
    return v;
  } finally {
    visiting.delete(d);
  }
}

function compute(d: Desc): number {
  switch (d.kind) {
    case "integer": {
      const ext = d.ext ? 1 : 0;
      if (d.lb === null || d.ub === null) return ext + 8;
      const range = d.ub - d.lb + 1n;
      if (range <= 1n) return ext;
      if (range <= 255n) return ext + bitsFor(Number(range - 1n));
      if (range <= 65536n) return ext + (range === 256n ? 8 : 16);
      return ext + 8;
    }
    case "boolean":
      return 1;
    case "null":
    case "open":
      return d.kind === "open" ? 8 : 0;
    case "enumerated":
      return (d.ext ? 1 : 0) + bitsFor(d.root.length - 1);
    case "oid":
    case "real":
      return 8;
    case "bitstring":
    case "octetstring":
    case "string":
    case "sequenceOf": {
      const l = sizeLayout(d);
      const unit =
        d.kind === "bitstring" ? 1 : d.kind === "sequenceOf" ? minBits(d.item) : d.kind === "octetstring" ? 8 : 4;
      if (l.ext) return 1;
      const contents = l.lb * unit;
      if (l.fixed) return contents;
      if (l.constrained) return bitsFor(l.ub! - l.lb) + contents;
      return 8 + contents;
    }
    case "sequence": {
      let n = d.ext ? 1 : 0;
      for (const c of d.root) n += c.optional ? 1 : minBits(c.type);
      return n;
    }
    case "choice": {
      const alts = d.root.map((a) => minBits(a.type));
      return (d.ext ? 1 : 0) + bitsFor(d.root.length - 1) + Math.min(...alts);
    }
    case "ref":
      return minBits(d.get());
  }
}
