/**
 * Every error the scene importers throw: one class, a code from the table below, the file, the element
 * inside it (a PLY element and index, an XML element id, a GeoJSON feature, a scene-file field) and,
 * where one exists, the line or byte offset. Messages read
 * `cannot load <file>: <element> at <unit> <n>: <reason>`.
 */

export const SCENE_ERROR_CODES = {
  TWIN_SCENE_PARSE: "the file is not well-formed (syntax error, truncated body, bad header)",
  TWIN_SCENE_INVALID: "the file is well-formed but its content is not a valid scene (range, missing field, reference)",
  TWIN_SCENE_UNSUPPORTED: "the file uses a construct the twin does not import",
  TWIN_SCENE_IO: "the file, or a file it refers to, could not be read",
} as const;

export type SceneErrorCode = keyof typeof SCENE_ERROR_CODES;

/** Where in the file: a line (text formats) or a byte offset (binary formats). */
export interface SceneErrorOffset {
  readonly unit: "line" | "byte";
  readonly value: number;
}

export class SceneError extends Error {
  override name = "SceneError";
  constructor(
    readonly code: SceneErrorCode,
    readonly file: string,
    /** The element inside the file: `face 12`, `shape 'mesh-floor'`, `features[3] (id 'way/1')`, `objects[2].name`. */
    readonly element: string,
    readonly reason: string,
    readonly offset?: SceneErrorOffset,
    options?: { cause?: unknown },
  ) {
    const at = offset ? ` at ${offset.unit} ${offset.value}` : "";
    super(`cannot load ${file}: ${element}${at}: ${reason}`, options);
  }

  /** `file:element`, the path the style guide asks errors to carry. */
  get path(): string {
    return `${this.file}:${this.element}`;
  }
}

export function isSceneError(e: unknown): e is SceneError {
  return e instanceof Error && e.name === "SceneError" && typeof (e as SceneError).code === "string";
}
