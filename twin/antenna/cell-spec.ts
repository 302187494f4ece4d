/**
 * Cells as plain data: what a cells file (YAML/JSON) holds and what crosses to worker threads, turned
 * into a `Cell` by `cellFromSpec`. The JSON Schema is the one source of the shape: the CLI validates
 * files against it (with line numbers), and `cellFromSpec` checks what a schema cannot (geometry).
 */
import { PlanarArray } from "./array.js";
import { type Cell, createCell } from "./cell.js";
import { dftCodebook, ssbBeams, steeredCodebook } from "./codebook.js";

export interface ArraySpec {
  readonly rows: number;
  readonly cols: number;
  /** Spacings in wavelengths (default 0.5). */
  readonly spacingV?: number;
  readonly spacingH?: number;
  /** Element pattern (default tr38901). */
  readonly pattern?: "iso" | "tr38901";
  /** Polarisation: V, H or a slant angle in degrees (default V). */
  readonly polarization?: "V" | "H" | number;
}

export type CodebookSpec =
  | { readonly kind: "ssb"; readonly count: number; readonly azimuthSpanDeg: number; readonly elevationsDeg?: number[] }
  | { readonly kind: "dft"; readonly o1?: number; readonly o2?: number }
  | { readonly kind: "beams"; readonly directionsDeg: [number, number][] };

export interface CellSpec {
  readonly id: string;
  /** Antenna position x, y, z in the scene frame (metres). */
  readonly position: [number, number, number];
  /** Boresight: compass bearing (from north, clockwise) or azimuth (from east, counter-clockwise). */
  readonly bearingDeg?: number;
  readonly azimuthDeg?: number;
  readonly downtiltDeg?: number;
  /** Total transmit power, dBm. */
  readonly powerDbm: number;
  readonly array: ArraySpec;
  readonly codebook: CodebookSpec;
}

const number = { type: "number" };
const degrees = { type: "number", minimum: -360, maximum: 360 };

export const CELL_SPEC_SCHEMA = {
  type: "object",
  required: ["id", "position", "powerDbm", "array", "codebook"],
  additionalProperties: false,
  properties: {
    id: { type: "string", minLength: 1 },
    position: { type: "array", items: number, minItems: 3, maxItems: 3 },
    bearingDeg: degrees,
    azimuthDeg: degrees,
    downtiltDeg: { type: "number", minimum: -90, maximum: 90 },
    powerDbm: { type: "number", minimum: -50, maximum: 80 },
    array: {
      type: "object",
      required: ["rows", "cols"],
      additionalProperties: false,
      properties: {
        rows: { type: "integer", minimum: 1, maximum: 64 },
        cols: { type: "integer", minimum: 1, maximum: 64 },
        spacingV: { type: "number", exclusiveMinimum: 0, maximum: 10 },
        spacingH: { type: "number", exclusiveMinimum: 0, maximum: 10 },
        pattern: { enum: ["iso", "tr38901"] },
        polarization: { anyOf: [{ enum: ["V", "H"] }, degrees] },
      },
    },
    codebook: {
      type: "object",
      required: ["kind"],
      oneOf: [
        {
          properties: {
            kind: { const: "ssb" },
            count: { type: "integer", minimum: 1, maximum: 64 },
            azimuthSpanDeg: { type: "number", exclusiveMinimum: 0, maximum: 360 },
            elevationsDeg: { type: "array", items: { type: "number", minimum: -90, maximum: 90 }, minItems: 1 },
          },
          required: ["kind", "count", "azimuthSpanDeg"],
          additionalProperties: false,
        },
        {
          properties: {
            kind: { const: "dft" },
            o1: { type: "integer", minimum: 1, maximum: 16 },
            o2: { type: "integer", minimum: 1, maximum: 16 },
          },
          required: ["kind"],
          additionalProperties: false,
        },
        {
          properties: {
            kind: { const: "beams" },
            directionsDeg: {
              type: "array",
              minItems: 1,
              items: { type: "array", items: degrees, minItems: 2, maxItems: 2 },
            },
          },
          required: ["kind", "directionsDeg"],
          additionalProperties: false,
        },
      ],
    },
  },
} as const;

/** A cells file: `cells: [CellSpec...]`. */
export const CELLS_FILE_SCHEMA = {
  type: "object",
  required: ["cells"],
  additionalProperties: false,
  properties: { cells: { type: "array", minItems: 1, items: CELL_SPEC_SCHEMA } },
} as const;

export function cellFromSpec(spec: CellSpec): Cell {
  const a = spec.array;
  const polarization = typeof a.polarization === "number" ? { slantDeg: a.polarization } : (a.polarization ?? "V");
  const array = new PlanarArray({
    rows: a.rows,
    cols: a.cols,
    spacingV: a.spacingV,
    spacingH: a.spacingH,
    pattern: a.pattern ?? "tr38901",
    polarization,
  });
  const c = spec.codebook;
  const codebook =
    c.kind === "dft"
      ? dftCodebook(array, { o1: c.o1, o2: c.o2 })
      : steeredCodebook(
          array,
          c.kind === "ssb"
            ? ssbBeams({ count: c.count, azimuthSpanDeg: c.azimuthSpanDeg, elevationsDeg: c.elevationsDeg })
            : c.directionsDeg.map(([azimuthDeg, elevationDeg]) => ({ azimuthDeg, elevationDeg })),
        );
  return createCell({
    id: spec.id,
    position: spec.position,
    ...(spec.bearingDeg !== undefined ? { bearingDeg: spec.bearingDeg } : { azimuthDeg: spec.azimuthDeg ?? 0 }),
    downtiltDeg: spec.downtiltDeg ?? 0,
    powerDbm: spec.powerDbm,
    array,
    codebook,
  });
}
