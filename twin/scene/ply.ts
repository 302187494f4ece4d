/**
 * PLY mesh reader (ascii, binary_little_endian, binary_big_endian), as Sionna RT / Mitsuba scenes ship
 * their meshes. Keeps what the tracer needs: vertex x/y/z (any numeric type; other vertex properties
 * skipped) and the faces' `vertex_indices` (or `vertex_index`) list, polygons fan-triangulated.
 * Elements other than `vertex` and `face` are read past. Pure: bytes in, triangles out.
 *
 * Limitation: the `vertex` element must come before `face` (every exporter we know writes it so; the
 * spec allows either order). Index lists must have an integer item type.
 */
import { SceneError, type SceneErrorOffset } from "./errors.js";

export type PlyFormat = "ascii" | "binary_little_endian" | "binary_big_endian";
export type PlyScalarType = "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "float32" | "float64";

export type PlyProperty =
  | { readonly kind: "scalar"; readonly name: string; readonly type: PlyScalarType }
  | {
      readonly kind: "list";
      readonly name: string;
      readonly countType: PlyScalarType;
      readonly itemType: PlyScalarType;
    };

export interface PlyElement {
  readonly name: string;
  readonly count: number;
  readonly properties: readonly PlyProperty[];
  /** 1-based header line of the `element` line (for errors). */
  readonly line: number;
}

export interface PlyHeader {
  readonly format: PlyFormat;
  readonly elements: readonly PlyElement[];
  /** Byte offset of the body (just after `end_header\n`). */
  readonly bodyOffset: number;
  /** Number of header lines, so ascii body lines can be numbered as in the file. */
  readonly lineCount: number;
}

export interface PlyMesh {
  /** 9 numbers per triangle: x0 y0 z0 x1 y1 z1 x2 y2 z2. */
  readonly triangles: Float64Array;
  readonly vertexCount: number;
  readonly faceCount: number;
}

/** Both spellings of the PLY type names (the 1994 ones and the sized ones). */
const TYPE_NAMES: ReadonlyMap<string, PlyScalarType> = new Map<string, PlyScalarType>([
  ["char", "int8"],
  ["int8", "int8"],
  ["uchar", "uint8"],
  ["uint8", "uint8"],
  ["short", "int16"],
  ["int16", "int16"],
  ["ushort", "uint16"],
  ["uint16", "uint16"],
  ["int", "int32"],
  ["int32", "int32"],
  ["uint", "uint32"],
  ["uint32", "uint32"],
  ["float", "float32"],
  ["float32", "float32"],
  ["double", "float64"],
  ["float64", "float64"],
]);

const TYPE_BYTES: Readonly<Record<PlyScalarType, number>> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

const isIntegerType = (t: PlyScalarType): boolean => t !== "float32" && t !== "float64";

const FACE_INDEX_NAMES = new Set(["vertex_indices", "vertex_index"]);
const COORDINATE_NAMES = ["x", "y", "z"] as const;

/** Reads the header; throws TWIN_SCENE_PARSE naming the header line for anything malformed. */
export function parsePlyHeader(bytes: Uint8Array, fileName: string): PlyHeader {
  const fail = (line: number, reason: string): never => {
    throw new SceneError("TWIN_SCENE_PARSE", fileName, "header", reason, { unit: "line", value: line });
  };
  let format: PlyFormat | undefined;
  const elements: { name: string; count: number; properties: PlyProperty[]; line: number }[] = [];
  let pos = 0;
  let line = 0;
  for (;;) {
    const newline = bytes.indexOf(0x0a, pos);
    if (newline < 0 && pos >= bytes.length) fail(line + 1, "the header ends without 'end_header'");
    const end = newline < 0 ? bytes.length : newline;
    const text = latin1(bytes.subarray(pos, end)).replace(/\r$/, "");
    pos = newline < 0 ? bytes.length : newline + 1;
    line++;
    const words = text.trim().split(/\s+/);
    const keyword = words[0];
    if (line === 1) {
      if (text.trim() !== "ply") fail(1, "not a PLY file (the first line is not 'ply')");
      continue;
    }
    if (keyword === "end_header") break;
    if (keyword === "comment" || keyword === "obj_info" || keyword === "") continue;
    if (keyword === "format") {
      if (words[1] !== "ascii" && words[1] !== "binary_little_endian" && words[1] !== "binary_big_endian") {
        fail(line, `unknown format '${words[1] ?? ""}'`);
      }
      if (words[2] !== "1.0") fail(line, `unsupported PLY version '${words[2] ?? ""}'`);
      format = words[1] as PlyFormat;
    } else if (keyword === "element") {
      const count = Number(words[2]);
      if (words.length !== 3 || !Number.isSafeInteger(count) || count < 0) {
        fail(line, `expected 'element <name> <count>', got '${text}'`);
      }
      elements.push({ name: words[1], count, properties: [], line });
    } else if (keyword === "property") {
      const element = elements.at(-1) ?? fail(line, "a property before any element");
      element.properties.push(parsePropertyLine(words, text, (reason) => fail(line, reason)));
    } else {
      fail(line, `unknown header keyword '${keyword}'`);
    }
  }
  if (!format) return fail(line, "no 'format' line");
  return { format, elements, bodyOffset: pos, lineCount: line };
}

function parsePropertyLine(words: string[], text: string, fail: (reason: string) => never): PlyProperty {
  const typeOf = (word: string | undefined): PlyScalarType =>
    (word !== undefined && TYPE_NAMES.get(word)) || fail(`unknown property type '${word ?? ""}'`);
  if (words[1] === "list") {
    if (words.length !== 5) fail(`expected 'property list <count type> <item type> <name>', got '${text}'`);
    const countType = typeOf(words[2]);
    if (!isIntegerType(countType)) fail(`list count type '${words[2]}' is not an integer type`);
    return { kind: "list", countType, itemType: typeOf(words[3]), name: words[4] };
  }
  if (words.length !== 3) fail(`expected 'property <type> <name>', got '${text}'`);
  return { kind: "scalar", type: typeOf(words[1]), name: words[2] };
}

const latin1Decoder = new TextDecoder("latin1");
const latin1 = (bytes: Uint8Array): string => latin1Decoder.decode(bytes);

/** Where the body readers are: the element being read and its instance, for errors. */
abstract class BodyReader {
  elementName = "";
  instance = 0;
  protected instanceStart = 0;
  constructor(protected readonly fileName: string) {}
  abstract beginInstance(elementName: string, instance: number): void;
  abstract read(type: PlyScalarType): number;
  abstract endInstance(): void;
  /** A lower bound on the bytes one more instance needs, so claimed counts are checked before allocating. */
  abstract remainingBytes(): number;
  /** The current position (byte offset or body line index), where the next instance starts. */
  protected abstract position(): number;
  protected abstract offsetOf(position: number): SceneErrorOffset;

  /** Points errors at the start of `elementName`'s instances, before any is read. */
  atElement(elementName: string): void {
    this.elementName = elementName;
    this.instance = 0;
    this.instanceStart = this.position();
  }

  fail(code: "TWIN_SCENE_PARSE" | "TWIN_SCENE_INVALID", reason: string): never {
    throw new SceneError(
      code,
      this.fileName,
      `${this.elementName} ${this.instance}`,
      reason,
      this.offsetOf(this.instanceStart),
    );
  }
}

class BinaryBodyReader extends BodyReader {
  private readonly view: DataView;
  private pos: number;
  constructor(
    fileName: string,
    bytes: Uint8Array,
    start: number,
    private readonly littleEndian: boolean,
  ) {
    super(fileName);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }
  beginInstance(elementName: string, instance: number): void {
    this.elementName = elementName;
    this.instance = instance;
    this.instanceStart = this.pos;
  }
  read(type: PlyScalarType): number {
    const at = this.pos;
    const size = TYPE_BYTES[type];
    if (at + size > this.view.byteLength) this.fail("TWIN_SCENE_PARSE", "the file ends inside this element");
    this.pos = at + size;
    const v = this.view;
    const le = this.littleEndian;
    switch (type) {
      case "int8":
        return v.getInt8(at);
      case "uint8":
        return v.getUint8(at);
      case "int16":
        return v.getInt16(at, le);
      case "uint16":
        return v.getUint16(at, le);
      case "int32":
        return v.getInt32(at, le);
      case "uint32":
        return v.getUint32(at, le);
      case "float32":
        return v.getFloat32(at, le);
      case "float64":
        return v.getFloat64(at, le);
    }
  }
  endInstance(): void {}
  remainingBytes(): number {
    return this.view.byteLength - this.pos;
  }
  protected position(): number {
    return this.pos;
  }
  protected offsetOf(position: number): SceneErrorOffset {
    return { unit: "byte", value: position };
  }
}

/** Ascii bodies: one element instance per line, values separated by white space. */
class AsciiBodyReader extends BodyReader {
  private readonly lines: string[];
  private lineIndex = -1;
  private words: string[] = [];
  private wordIndex = 0;
  constructor(
    fileName: string,
    bytes: Uint8Array,
    start: number,
    private readonly firstLine: number,
  ) {
    super(fileName);
    this.lines = latin1(bytes.subarray(start)).split("\n");
  }
  beginInstance(elementName: string, instance: number): void {
    this.elementName = elementName;
    this.instance = instance;
    do {
      this.lineIndex++;
      if (this.lineIndex >= this.lines.length) {
        this.instanceStart = this.lineIndex;
        this.fail("TWIN_SCENE_PARSE", "the file ends before this element");
      }
      this.words = this.lines[this.lineIndex].trim().split(/\s+/);
    } while (this.words[0] === "");
    this.wordIndex = 0;
    this.instanceStart = this.lineIndex;
  }
  read(type: PlyScalarType): number {
    if (this.wordIndex >= this.words.length) this.fail("TWIN_SCENE_PARSE", "the line has too few values");
    const word = this.words[this.wordIndex++];
    const value = Number(word);
    if (Number.isNaN(value) && !/^[+-]?nan$/i.test(word)) this.fail("TWIN_SCENE_PARSE", `'${word}' is not a number`);
    if (isIntegerType(type) && !Number.isInteger(value)) {
      this.fail("TWIN_SCENE_PARSE", `'${word}' is not an integer (the property is ${type})`);
    }
    return value;
  }
  endInstance(): void {
    const extra = this.words.length - this.wordIndex;
    if (extra > 0) this.fail("TWIN_SCENE_PARSE", `the line has ${extra} value(s) more than the header declares`);
  }
  remainingBytes(): number {
    // a lower bound: every instance takes at least one line (a value and a newline)
    return 2 * (this.lines.length - this.lineIndex - 1);
  }
  protected position(): number {
    return this.lineIndex + 1;
  }
  protected offsetOf(position: number): SceneErrorOffset {
    return { unit: "line", value: this.firstLine + position };
  }
}

/** Reads and discards one instance of any element (lists included). */
function skipInstance(reader: BodyReader, element: PlyElement): void {
  for (const p of element.properties) {
    if (p.kind === "scalar") reader.read(p.type);
    else {
      const n = reader.read(p.countType);
      if (n < 0) reader.fail("TWIN_SCENE_INVALID", `list '${p.name}' has a negative length ${n}`);
      for (let i = 0; i < n; i++) reader.read(p.itemType);
    }
  }
}

/** The fewest bytes one binary instance can take (lists empty); 1 for ascii-sized bounds. */
function minimumInstanceBytes(element: PlyElement, format: PlyFormat): number {
  if (format === "ascii") return 2;
  let bytes = 0;
  for (const p of element.properties) bytes += TYPE_BYTES[p.kind === "scalar" ? p.type : p.countType];
  return Math.max(bytes, 1);
}

function checkClaimedCount(reader: BodyReader, element: PlyElement, format: PlyFormat): void {
  if (element.count === 0) return;
  const need = element.count * minimumInstanceBytes(element, format);
  if (need > reader.remainingBytes()) {
    reader.atElement(element.name);
    reader.fail("TWIN_SCENE_PARSE", `the file is too short for the ${element.count} ${element.name} elements declared`);
  }
}

function readVertices(reader: BodyReader, element: PlyElement): Float64Array {
  // role per property: -1 skip, 0..2 the coordinate it holds
  const roles = element.properties.map((p) =>
    p.kind === "scalar" ? COORDINATE_NAMES.indexOf(p.name as (typeof COORDINATE_NAMES)[number]) : -1,
  );
  const positions = new Float64Array(element.count * 3);
  const props = element.properties;
  for (let i = 0; i < element.count; i++) {
    reader.beginInstance("vertex", i);
    for (let k = 0; k < props.length; k++) {
      const p = props[k];
      if (p.kind === "list") {
        const n = reader.read(p.countType);
        for (let j = 0; j < n; j++) reader.read(p.itemType);
        continue;
      }
      const value = reader.read(p.type);
      const role = roles[k];
      if (role >= 0) {
        if (!Number.isFinite(value)) reader.fail("TWIN_SCENE_INVALID", `coordinate ${p.name} is ${value}`);
        positions[i * 3 + role] = value;
      }
    }
    reader.endInstance();
  }
  return positions;
}

/** Reads the faces as fan-triangulated vertex index triples. */
function readFaces(reader: BodyReader, element: PlyElement, vertexCount: number): number[] {
  const corners: number[] = [];
  const props = element.properties;
  for (let f = 0; f < element.count; f++) {
    reader.beginInstance("face", f);
    for (const p of props) {
      if (p.kind === "scalar") {
        reader.read(p.type);
        continue;
      }
      const n = reader.read(p.countType);
      if (!FACE_INDEX_NAMES.has(p.name)) {
        for (let j = 0; j < n; j++) reader.read(p.itemType);
        continue;
      }
      if (n < 3) reader.fail("TWIN_SCENE_INVALID", `a face needs at least 3 vertices, this one has ${n}`);
      let first = -1;
      let previous = -1;
      for (let j = 0; j < n; j++) {
        const index = reader.read(p.itemType);
        if (index < 0 || index >= vertexCount) {
          reader.fail("TWIN_SCENE_INVALID", `vertex index ${index} is out of range (${vertexCount} vertices)`);
        }
        if (j === 0) first = index;
        else if (j >= 2) corners.push(first, previous, index);
        previous = index;
      }
    }
    reader.endInstance();
  }
  return corners;
}

function checkHeaderContent(header: PlyHeader, fileName: string): { vertex: PlyElement; face: PlyElement } {
  const at = (e: PlyElement) => ({ unit: "line", value: e.line }) as const;
  const vertexIndex = header.elements.findIndex((e) => e.name === "vertex");
  const faceIndex = header.elements.findIndex((e) => e.name === "face");
  if (vertexIndex < 0) throw new SceneError("TWIN_SCENE_INVALID", fileName, "header", "no 'vertex' element");
  const vertex = header.elements[vertexIndex];
  for (const c of COORDINATE_NAMES) {
    if (!vertex.properties.some((p) => p.kind === "scalar" && p.name === c)) {
      throw new SceneError("TWIN_SCENE_INVALID", fileName, "element vertex", `no scalar '${c}' property`, at(vertex));
    }
  }
  if (faceIndex < 0) throw new SceneError("TWIN_SCENE_INVALID", fileName, "header", "no 'face' element");
  const face = header.elements[faceIndex];
  if (faceIndex < vertexIndex) {
    throw new SceneError("TWIN_SCENE_UNSUPPORTED", fileName, "element face", "faces before vertices", at(face));
  }
  const indices = face.properties.find((p) => FACE_INDEX_NAMES.has(p.name));
  if (indices?.kind !== "list") {
    throw new SceneError(
      "TWIN_SCENE_INVALID",
      fileName,
      "element face",
      "no 'vertex_indices' (or 'vertex_index') list property",
      at(face),
    );
  }
  if (!isIntegerType(indices.itemType)) {
    throw new SceneError("TWIN_SCENE_INVALID", fileName, "element face", "vertex indices are not integers", at(face));
  }
  return { vertex, face };
}

/** Parses a whole PLY file into a triangle soup. `fileName` only names the file in errors. */
export function parsePly(bytes: Uint8Array, fileName: string): PlyMesh {
  const header = parsePlyHeader(bytes, fileName);
  const { vertex, face } = checkHeaderContent(header, fileName);
  const reader =
    header.format === "ascii"
      ? new AsciiBodyReader(fileName, bytes, header.bodyOffset, header.lineCount + 1)
      : new BinaryBodyReader(fileName, bytes, header.bodyOffset, header.format === "binary_little_endian");
  let positions: Float64Array = new Float64Array(0);
  let corners: number[] = [];
  for (const element of header.elements) {
    checkClaimedCount(reader, element, header.format);
    if (element === vertex) positions = readVertices(reader, element);
    else if (element === face) corners = readFaces(reader, element, vertex.count);
    else {
      for (let i = 0; i < element.count; i++) {
        reader.beginInstance(element.name, i);
        skipInstance(reader, element);
        reader.endInstance();
      }
    }
  }
  const triangles = new Float64Array(corners.length * 3);
  for (let c = 0; c < corners.length; c++) {
    const v = corners[c] * 3;
    triangles[c * 3] = positions[v];
    triangles[c * 3 + 1] = positions[v + 1];
    triangles[c * 3 + 2] = positions[v + 2];
  }
  return { triangles, vertexCount: vertex.count, faceCount: face.count };
}
