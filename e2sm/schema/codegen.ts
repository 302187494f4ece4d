/**
 * The small toolkit behind per-type code generation (`codegen-decode.ts`, `codegen-encode.ts`), the
 * technique of ajv and fast-json-stringify: each SEQUENCE, CHOICE and SEQUENCE OF becomes a function of
 * its own, compiled with `new Function`. Shared closures interpreting every type see every shape at each
 * property site and go megamorphic; a function per type keeps its sites monomorphic, and its leaves read
 * and write straight through the bit reader / writer.
 *
 * Safety: generated source never contains schema text except as JSON string literals (`lit`) or in the
 * function's name, filtered to identifier characters (`Scope.compile`); every other value (sub-codecs,
 * tables, defaults) enters as a parameter of the factory (`Scope.bind`).
 */

import type { ChoiceDesc, Desc, SequenceDesc, SequenceOfDesc } from "./descriptors.js";

/** A JavaScript literal for a string or number (JSON is valid JavaScript for both). */
export const lit = (v: string | number): string => JSON.stringify(v);

let compiled = 0;

export class Scope {
  private readonly names: string[] = [];
  private readonly values: unknown[] = [];
  private temps = 0;
  /** Characters of nested blocks the function has taken in (`nestedBlock`). */
  inlined = 0;

  /** Makes `value` visible to the generated code; returns the identifier it goes by. */
  bind(value: unknown): string {
    const name = `$${this.names.length}`;
    this.names.push(name);
    this.values.push(value);
    return name;
  }

  /** Where the bindings stand, for `rollback`. */
  mark(): number {
    return this.names.length;
  }

  /** Drops the bindings made since `mark` (code that was written and then thrown away). */
  rollback(mark: number): void {
    this.names.length = mark;
    this.values.length = mark;
  }

  /** A fresh local variable name. */
  temp(prefix = "t"): string {
    return `${prefix}${this.temps++}`;
  }

  /**
   * Compiles `body` as a function of `params`, named after `label` (a type name: it shows in profiles
   * and stack traces). Each compiled source is unique (a counter), so V8 never shares one function's
   * type feedback between two types that happen to generate the same text.
   */
  compile<F>(kind: string, label: string, params: string, body: string): F {
    const id = `${kind}_${label.replace(/[^A-Za-z0-9_]/g, "_")}_${++compiled}`;
    const source = `"use strict";\nreturn function ${id}(${params}) {\n${body}\n};`;
    const factory = new Function(...this.names, source) as (...args: unknown[]) => F;
    return factory(...this.values);
  }
}

/**
 * How deep nested types are written into their parent's function, how long one block may be, and how
 * many characters of blocks one function takes in (each block below the function's own is capped by
 * INLINE_MAX, so this caps the function).
 */
const INLINE_DEPTH = 4;
const INLINE_MAX = 6000;
const FUNCTION_MAX = 24000;

export type Structured = SequenceDesc | ChoiceDesc | SequenceOfDesc;

/**
 * The block `blockOf` writes for nested type `d` one level deeper, when `d` is a SEQUENCE, CHOICE or
 * SEQUENCE OF not too deep and its block not too long; undefined when it should stay a call (then the
 * bindings the block made are dropped). V8 inlines calls only within a budget of callee bytecode per
 * function, which one list of CHOICEs spends, leaving the bit-level helpers beneath as calls; a block
 * costs none of that budget.
 */
export function nestedBlock<G extends { readonly depth: number; readonly s: Scope }>(
  d: Desc,
  g: G,
  blockOf: (d: Structured, inner: G) => string,
): string | undefined {
  if ((d.kind !== "sequence" && d.kind !== "choice" && d.kind !== "sequenceOf") || g.depth >= INLINE_DEPTH)
    return undefined;
  const mark = g.s.mark();
  const block = blockOf(d, { ...g, depth: g.depth + 1 });
  const fits = block.length <= INLINE_MAX && (g.depth > 0 || g.s.inlined + block.length <= FUNCTION_MAX);
  if (!fits) {
    g.s.rollback(mark);
    return undefined;
  }
  if (g.depth === 0) g.s.inlined += block.length;
  return block;
}
