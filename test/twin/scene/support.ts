/**
 * Test helpers for the scene importers: a PLY writer flexible enough to make odd and broken files,
 * mesh measures (signed volume, area) to check extrusions, and where the shared Sionna scenes are.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SIONNA_SCENES_DIR = fileURLToPath(new URL("../../../../shared/scenes/sionna", import.meta.url));
export const haveSionnaScenes = existsSync(SIONNA_SCENES_DIR);

export type PlyTypeName =
  | "char"
  | "uchar"
  | "short"
  | "ushort"
  | "int"
  | "uint"
  | "float"
  | "double"
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "float32"
  | "float64";

const SIZES: Record<string, number> = { char: 1, uchar: 1, short: 2, ushort: 2, int: 4, uint: 4, float: 4, double: 8 };
const CANONICAL: Record<string, string> = {
  int8: "char",
  uint8: "uchar",
  int16: "short",
  uint16: "ushort",
  int32: "int",
  uint32: "uint",
  float32: "float",
  float64: "double",
};
const canonical = (t: string): string => CANONICAL[t] ?? t;

export type PlyPropertySpec = { type: PlyTypeName; name: string } | { list: [PlyTypeName, PlyTypeName]; name: string };

export interface PlyElementSpec {
  name: string;
  properties: PlyPropertySpec[];
  /** One row per instance: scalars as numbers, lists as arrays. */
  rows: (number | number[])[][];
}

export interface PlySpec {
  format: "ascii" | "binary_little_endian" | "binary_big_endian";
  elements: PlyElementSpec[];
  comments?: string[];
}

/** A mesh as the common case: x/y/z of `vertexType`, faces as `list uchar int vertex_indices`. */
export function meshSpec(
  format: PlySpec["format"],
  vertices: number[][],
  faces: number[][],
  vertexType: PlyTypeName = "float",
): PlySpec {
  return {
    format,
    elements: [
      { name: "vertex", properties: ["x", "y", "z"].map((name) => ({ type: vertexType, name })), rows: vertices },
      { name: "face", properties: [{ list: ["uchar", "int"], name: "vertex_indices" }], rows: faces.map((f) => [f]) },
    ],
  };
}

function writeScalar(view: DataView, offset: number, type: string, value: number, le: boolean): number {
  switch (canonical(type)) {
    case "char":
      view.setInt8(offset, value);
      break;
    case "uchar":
      view.setUint8(offset, value);
      break;
    case "short":
      view.setInt16(offset, value, le);
      break;
    case "ushort":
      view.setUint16(offset, value, le);
      break;
    case "int":
      view.setInt32(offset, value, le);
      break;
    case "uint":
      view.setUint32(offset, value, le);
      break;
    case "float":
      view.setFloat32(offset, value, le);
      break;
    case "double":
      view.setFloat64(offset, value, le);
      break;
    default:
      throw new Error(`type ${type}`);
  }
  return offset + SIZES[canonical(type)];
}

export function plyHeader(spec: PlySpec): string {
  const lines = ["ply", `format ${spec.format} 1.0`, ...(spec.comments ?? []).map((c) => `comment ${c}`)];
  for (const e of spec.elements) {
    lines.push(`element ${e.name} ${e.rows.length}`);
    for (const p of e.properties) {
      lines.push("list" in p ? `property list ${p.list[0]} ${p.list[1]} ${p.name}` : `property ${p.type} ${p.name}`);
    }
  }
  lines.push("end_header");
  return `${lines.join("\n")}\n`;
}

export function writePly(spec: PlySpec): Uint8Array {
  const header = new TextEncoder().encode(plyHeader(spec));
  if (spec.format === "ascii") {
    // a float property holds float32 values: print those, as a writer holding float32 data would
    const text = (type: string, v: number) => String(canonical(type) === "float" ? Math.fround(v) : v);
    const value = (p: PlyPropertySpec, v: number | number[]): string => {
      if (!("list" in p)) return text(p.type, v as number);
      const items = v as number[];
      return [String(items.length), ...items.map((x) => text(p.list[1], x))].join(" ");
    };
    const body = spec.elements
      .flatMap((e) => e.rows.map((row) => row.map((v, k) => value(e.properties[k], v)).join(" ")))
      .join("\n");
    return new Uint8Array([...header, ...new TextEncoder().encode(`${body}\n`)]);
  }
  const le = spec.format === "binary_little_endian";
  const buffer = new ArrayBuffer(1 << 20);
  const view = new DataView(buffer);
  let offset = 0;
  for (const e of spec.elements) {
    for (const row of e.rows) {
      e.properties.forEach((p, k) => {
        const v = row[k];
        if ("list" in p) {
          const items = v as number[];
          offset = writeScalar(view, offset, p.list[0], items.length, le);
          for (const item of items) offset = writeScalar(view, offset, p.list[1], item, le);
        } else offset = writeScalar(view, offset, p.type, v as number, le);
      });
    }
  }
  const out = new Uint8Array(header.length + offset);
  out.set(header);
  out.set(new Uint8Array(buffer, 0, offset), header.length);
  return out;
}

type V = [number, number, number];
const at = (t: ArrayLike<number>, i: number, k: number): V => [
  t[i * 9 + k * 3],
  t[i * 9 + k * 3 + 1],
  t[i * 9 + k * 3 + 2],
];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Per triangle: its normal (b-a) x (c-a), not normalised (length = twice the area). */
export function triangleNormal(t: ArrayLike<number>, i: number): V {
  const [a, b, c] = [at(t, i, 0), at(t, i, 1), at(t, i, 2)];
  return cross(sub(b, a), sub(c, a));
}

/** Signed volume enclosed (divergence theorem); positive when the normals face out. Open at z = 0 is fine. */
export function signedVolume(t: ArrayLike<number>): number {
  let v = 0;
  for (let i = 0; i < t.length / 9; i++) {
    const [a, b, c] = [at(t, i, 0), at(t, i, 1), at(t, i, 2)];
    const n = cross(b, c);
    v += (a[0] * n[0] + a[1] * n[1] + a[2] * n[2]) / 6;
  }
  return v;
}

/** Total area, or only that of triangles whose normal satisfies `keep`. */
export function surfaceArea(t: ArrayLike<number>, keep: (normal: V) => boolean = () => true): number {
  let area = 0;
  for (let i = 0; i < t.length / 9; i++) {
    const n = triangleNormal(t, i);
    if (keep(n)) area += Math.hypot(n[0], n[1], n[2]) / 2;
  }
  return area;
}

/** Runs `f`, expecting it to throw; returns what it threw. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error, none was thrown");
}
