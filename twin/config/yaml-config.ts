/**
 * YAML (or JSON) files checked against a JSON Schema (ajv), with errors that name the file, the line
 * and the field: `cells.yaml:7: cells[0].array.rows: must be integer`.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";

export class ConfigFileError extends Error {
  override name = "ConfigFileError";
}

const ajv = new Ajv({ allErrors: false, strict: false });
/** Compiled validators by schema object (a scenario is loaded many times in a test run). */
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/** Reads and validates `path`; the value is typed by the caller's schema. */
export function loadYamlFile<T>(path: string, schema: object): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseYamlConfig<T>(text, path, schema);
}

export function parseYamlConfig<T>(text: string, file: string, schema: object): T {
  return readYamlConfig<T>(text, file, schema).value;
}

/** A validated config and a way to report what the schema cannot check, at its line. */
export interface YamlConfig<T> {
  readonly value: T;
  /** Throws a ConfigFileError naming the file, the line of `pointer` (JSON pointer) and the field. */
  fail(pointer: string, message: string): never;
}

/** Parses and validates `text` (from `file`, for messages). */
export function readYamlConfig<T>(text: string, file: string, schema: object): YamlConfig<T> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = lines.linePos(e.pos[0]).line;
    throw new ConfigFileError(`${file}:${line}: ${e.message.split("\n")[0]}`);
  }
  const value = doc.toJS();
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (!validate(value)) {
    const error = validate.errors![0];
    const path = pointerToPath(error.instancePath);
    // an unknown field: its own line, not its parent's
    const extra =
      error.keyword === "additionalProperties"
        ? (error.params as { additionalProperty: string }).additionalProperty
        : undefined;
    const line = lineOf(
      doc,
      lines,
      extra === undefined
        ? error.instancePath
        : `${error.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`,
    );
    throw new ConfigFileError(`${file}:${line}: ${path || "(top level)"}: ${describeError(error)}`);
  }
  return {
    value: value as T,
    fail(pointer, message) {
      throw new ConfigFileError(
        `${file}:${lineOf(doc, lines, pointer)}: ${pointerToPath(pointer) || "(top level)"}: ${message}`,
      );
    },
  };
}

function describeError(e: ErrorObject): string {
  if (e.keyword === "additionalProperties")
    return `unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  if (e.keyword === "enum")
    return `${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  if (e.keyword === "oneOf") return "matches none of the allowed forms (check its 'kind' and fields)";
  return e.message ?? e.keyword;
}

/** JSON pointer `/cells/0/array/rows` as `cells[0].array.rows`. */
function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), "");
}

/** The line of the node at `pointer` (or of its nearest existing parent). */
function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, pointer: string): number {
  let node: unknown = doc.contents;
  let offset = (node as { range?: number[] })?.range?.[0] ?? 0;
  for (const part of pointer.split("/").slice(1)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === part);
      if (!pair) break;
      offset = (pair.key as { range?: number[] })?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(part)];
      offset = (node as { range?: number[] })?.range?.[0] ?? offset;
    } else break;
  }
  return lines.linePos(offset).line;
}
