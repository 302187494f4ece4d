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

/** A JavaScript literal for a string or number (JSON is valid JavaScript for both). */
export const lit = (v: string | number): string => JSON.stringify(v);

let compiled = 0;

export class Scope {
  private readonly names: string[] = [];
  private readonly values: unknown[] = [];
  private temps = 0;

  /** Makes `value` visible to the generated code; returns the identifier it goes by. */
  bind(value: unknown): string {
    const name = `$${this.names.length}`;
    this.names.push(name);
    this.values.push(value);
    return name;
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
