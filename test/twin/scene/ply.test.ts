import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSceneError, parsePly, seededRandom } from "../../../twin/scene/index.js";
import { parsePlyHeader } from "../../../twin/scene/ply.js";
import { meshSpec, type PlySpec, plyHeader, thrown, writePly } from "./support.js";

const FORMATS = ["ascii", "binary_little_endian", "binary_big_endian"] as const;

/** A seeded random mesh: triangles, quads and a pentagon, so fan triangulation is exercised. */
function randomMesh(seed: number): { vertices: number[][]; faces: number[][] } {
  const rng = seededRandom(seed);
  const vertices = Array.from({ length: 40 }, () => [
    rng.uniform(-500, 500),
    rng.uniform(-500, 500),
    rng.uniform(0, 80),
  ]);
  const faces = Array.from({ length: 30 }, (_, f) => {
    const n = f === 0 ? 5 : rng.int(3, 4);
    return Array.from({ length: n }, () => rng.int(0, vertices.length - 1));
  });
  return { vertices, faces };
}

/** What the reader should produce: each face fanned from its first vertex. */
function expectedTriangles(vertices: number[][], faces: number[][], round: (x: number) => number): number[] {
  const out: number[] = [];
  for (const f of faces) {
    for (let k = 1; k + 1 < f.length; k++) {
      for (const v of [f[0], f[k], f[k + 1]]) out.push(...vertices[v].map(round));
    }
  }
  return out;
}

describe("parsePly round trip through files", () => {
  const dir = mkdtempSync(join(tmpdir(), "twinric-ply-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of FORMATS) {
    for (const [vertexType, round] of [
      ["double", (x: number) => x],
      ["float", Math.fround],
    ] as const) {
      it(`${format}, ${vertexType} vertices (seed 7)`, () => {
        const { vertices, faces } = randomMesh(7);
        const file = join(dir, `mesh-${format}-${vertexType}.ply`);
        writeFileSync(file, writePly(meshSpec(format, vertices, faces, vertexType)));
        const mesh = parsePly(readFileSync(file), file);
        expect(mesh.vertexCount).toBe(40);
        expect(mesh.faceCount).toBe(30);
        // ascii prints shortest round-trip decimals: exact for doubles, and float32 values survive too
        expect(Array.from(mesh.triangles)).toEqual(expectedTriangles(vertices, faces, round));
      });
    }
  }

  it.each(FORMATS)("%s: other properties, integer coordinates, extra elements, CRLF-free comments", (format) => {
    const spec: PlySpec = {
      format,
      comments: ["made by a test", "obj_info is a comment too"],
      elements: [
        {
          name: "vertex",
          properties: [
            { type: "uchar", name: "red" },
            { type: "short", name: "z" },
            { list: ["uchar", "float"], name: "uv" },
            { type: "int32", name: "x" },
            { type: "double", name: "nx" },
            { type: "ushort", name: "y" },
          ],
          rows: [
            [1, 3, [0.5, 0.25], -7, 0, 9],
            [2, 4, [], 8, 1, 10],
            [3, 5, [1], 9, 0, 11],
            [4, 6, [0, 0, 0], 10, 0, 12],
          ],
        },
        {
          name: "face",
          properties: [
            { type: "int8", name: "flags" },
            { list: ["ushort", "uint"], name: "vertex_index" },
            { list: ["uchar", "float"], name: "texcoord" },
          ],
          rows: [
            [1, [0, 1, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7]],
            [-1, [3, 2, 1], []],
          ],
        },
        {
          name: "edge",
          properties: [
            { type: "int", name: "vertex1" },
            { type: "int", name: "vertex2" },
          ],
          rows: [[0, 1]],
        },
      ],
    };
    const mesh = parsePly(writePly(spec), "odd.ply");
    const v = [
      [-7, 9, 3],
      [8, 10, 4],
      [9, 11, 5],
      [10, 12, 6],
    ];
    expect(Array.from(mesh.triangles)).toEqual(
      expectedTriangles(
        v,
        [
          [0, 1, 2, 3],
          [3, 2, 1],
        ],
        (x) => x,
      ),
    );
  });

  it("reads CRLF headers and blank lines between ascii elements", () => {
    const text =
      "ply\r\nformat ascii 1.0\r\nelement vertex 3\r\nproperty float x\r\nproperty float y\r\nproperty float z\r\nelement face 1\r\nproperty list uchar int vertex_indices\r\nend_header\r\n0 0 0\r\n\r\n1 0 0\r\n0 1 0\r\n3 0 1 2\r\n";
    expect(Array.from(parsePly(new TextEncoder().encode(text), "crlf.ply").triangles)).toEqual([
      0, 0, 0, 1, 0, 0, 0, 1, 0,
    ]);
  });

  it("reads a file with no faces declared as 0", () => {
    expect(parsePly(writePly(meshSpec("binary_little_endian", [[0, 0, 0]], [])), "empty.ply").triangles.length).toBe(0);
  });
});

const enc = (s: string) => new TextEncoder().encode(s);
const TRIANGLE = [
  [0, 0, 0],
  [1, 0, 0],
  [0, 1, 0],
];
const triangleSpec = (format: PlySpec["format"]) => meshSpec(format, TRIANGLE, [[0, 1, 2]]);
const withHeader = (header: string, body: Uint8Array = new Uint8Array()) => new Uint8Array([...enc(header), ...body]);
const replaceInHeader = (spec: PlySpec, from: string, to: string) => {
  const bytes = writePly(spec);
  const header = plyHeader(spec);
  return withHeader(header.replace(from, to), bytes.subarray(header.length));
};
/** A little-endian body for `triangleSpec`: float32 vertices, then one face written as given (uchar count, int32 items). */
const binaryBody = (vertices: number[][], face: number[] = []) => {
  const view = new DataView(new ArrayBuffer(vertices.length * 12 + (face.length ? 1 + (face.length - 1) * 4 : 0)));
  let o = 0;
  for (const x of vertices.flat()) {
    view.setFloat32(o, x, true);
    o += 4;
  }
  face.forEach((v, k) => {
    if (k === 0) view.setUint8(o++, v);
    else {
      view.setInt32(o, v, true);
      o += 4;
    }
  });
  return new Uint8Array(view.buffer);
};
const binaryHeader = plyHeader(triangleSpec("binary_little_endian"));
const headerBytes = enc(binaryHeader).length;
const asciiHeader = plyHeader(triangleSpec("ascii"));
const asciiHeaderLines = asciiHeader.split("\n").length - 1;

describe("parsePly rejects broken input, naming the file, the element and where", () => {
  const cases: {
    name: string;
    bytes: Uint8Array;
    code: string;
    element: string;
    offset?: { unit: string; value: number };
  }[] = [
    {
      name: "not a PLY file",
      bytes: enc("solid cube\nfacet normal 0 0 1\n"),
      code: "TWIN_SCENE_PARSE",
      element: "header",
      offset: { unit: "line", value: 1 },
    },
    {
      name: "unknown format",
      bytes: replaceInHeader(triangleSpec("ascii"), "format ascii", "format utf8"),
      code: "TWIN_SCENE_PARSE",
      element: "header",
      offset: { unit: "line", value: 2 },
    },
    {
      name: "no end_header",
      bytes: enc("ply\nformat ascii 1.0\nelement vertex 0\n"),
      code: "TWIN_SCENE_PARSE",
      element: "header",
      offset: { unit: "line", value: 4 },
    },
    {
      name: "unknown property type",
      bytes: replaceInHeader(triangleSpec("ascii"), "property float y", "property quad y"),
      code: "TWIN_SCENE_PARSE",
      element: "header",
      offset: { unit: "line", value: 5 },
    },
    {
      name: "bad element count",
      bytes: replaceInHeader(triangleSpec("ascii"), "element vertex 3", "element vertex -3"),
      code: "TWIN_SCENE_PARSE",
      element: "header",
      offset: { unit: "line", value: 3 },
    },
    {
      name: "property before element",
      bytes: enc("ply\nformat ascii 1.0\nproperty float x\nend_header\n"),
      code: "TWIN_SCENE_PARSE",
      element: "header",
      offset: { unit: "line", value: 3 },
    },
    {
      name: "no z",
      bytes: replaceInHeader(triangleSpec("ascii"), "property float z", "property float w"),
      code: "TWIN_SCENE_INVALID",
      element: "element vertex",
      offset: { unit: "line", value: 3 },
    },
    {
      name: "no vertex element",
      bytes: enc("ply\nformat ascii 1.0\nelement face 0\nproperty list uchar int vertex_indices\nend_header\n"),
      code: "TWIN_SCENE_INVALID",
      element: "header",
    },
    {
      name: "no face index list",
      bytes: replaceInHeader(triangleSpec("ascii"), "vertex_indices", "corners"),
      code: "TWIN_SCENE_INVALID",
      element: "element face",
      offset: { unit: "line", value: 7 },
    },
    {
      name: "faces before vertices",
      bytes: enc(
        "ply\nformat ascii 1.0\nelement face 0\nproperty list uchar int vertex_indices\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nend_header\n",
      ),
      code: "TWIN_SCENE_UNSUPPORTED",
      element: "element face",
      offset: { unit: "line", value: 3 },
    },
    {
      name: "binary body shorter than the declared vertices",
      bytes: withHeader(binaryHeader.replace("element vertex 3", "element vertex 3000"), binaryBody([[0, 0, 0]])),
      code: "TWIN_SCENE_PARSE",
      element: "vertex 0",
      offset: { unit: "byte", value: headerBytes + 3 }, // "3" became "3000"
    },
    {
      name: "binary body truncated inside the last face",
      bytes: withHeader(binaryHeader, binaryBody(TRIANGLE, [3, 0, 1])),
      code: "TWIN_SCENE_PARSE",
      element: "face 0",
      offset: { unit: "byte", value: headerBytes + 36 },
    },
    {
      name: "vertex index out of range",
      bytes: withHeader(binaryHeader, binaryBody(TRIANGLE, [3, 0, 1, 3])),
      code: "TWIN_SCENE_INVALID",
      element: "face 0",
      offset: { unit: "byte", value: headerBytes + 36 },
    },
    {
      name: "non-finite coordinate",
      bytes: withHeader(
        binaryHeader,
        binaryBody(
          [
            [0, 0, 0],
            [1, 0, 0],
            [0, Number.NaN, 0],
          ],
          [3, 0, 1, 2],
        ),
      ),
      code: "TWIN_SCENE_INVALID",
      element: "vertex 2",
      offset: { unit: "byte", value: headerBytes + 24 },
    },
    {
      name: "face with two vertices",
      bytes: withHeader(binaryHeader, binaryBody(TRIANGLE, [2, 0, 1])),
      code: "TWIN_SCENE_INVALID",
      element: "face 0",
      offset: { unit: "byte", value: headerBytes + 36 },
    },
    {
      name: "ascii value that is not a number",
      bytes: enc(`${asciiHeader}0 0 0\n1 zero 0\n0 1 0\n3 0 1 2\n`),
      code: "TWIN_SCENE_PARSE",
      element: "vertex 1",
      offset: { unit: "line", value: asciiHeaderLines + 2 },
    },
    {
      name: "ascii line with too many values",
      bytes: enc(`${asciiHeader}0 0 0\n1 0 0\n0 1 0 7\n3 0 1 2\n`),
      code: "TWIN_SCENE_PARSE",
      element: "vertex 2",
      offset: { unit: "line", value: asciiHeaderLines + 3 },
    },
    {
      name: "ascii fractional index",
      bytes: enc(`${asciiHeader}0 0 0\n1 0 0\n0 1 0\n3 0 1.5 2\n`),
      code: "TWIN_SCENE_PARSE",
      element: "face 0",
      offset: { unit: "line", value: asciiHeaderLines + 4 },
    },
    {
      name: "ascii body ends early",
      bytes: enc(`${asciiHeader}0 0 0\n1 0 0\n0 1 0\n`),
      code: "TWIN_SCENE_PARSE",
      element: "face 0",
    },
    {
      name: "ascii infinite coordinate",
      bytes: enc(`${asciiHeader}0 0 0\n1 0 Infinity\n0 1 0\n3 0 1 2\n`),
      code: "TWIN_SCENE_INVALID",
      element: "vertex 1",
      offset: { unit: "line", value: asciiHeaderLines + 2 },
    },
  ];
  it.each(cases)("$name", ({ bytes, code, element, offset }) => {
    const e = thrown(() => parsePly(bytes, "meshes/broken.ply"));
    expect(isSceneError(e), String(e)).toBe(true);
    if (!isSceneError(e)) return;
    expect(e.code).toBe(code);
    expect(e.file).toBe("meshes/broken.ply");
    expect(e.element).toBe(element);
    if (offset) expect(e.offset).toEqual(offset);
    expect(e.message).toMatch(/^cannot load meshes\/broken\.ply: /);
  });

  it("checks declared counts against the body before allocating", () => {
    const huge = withHeader(binaryHeader.replace("element vertex 3", "element vertex 900000000000"));
    expect(() => parsePly(huge, "huge.ply")).toThrow(/too short for the 900000000000 vertex elements/);
  });

  it("exposes the header", () => {
    const header = parsePlyHeader(writePly(triangleSpec("binary_big_endian")), "t.ply");
    expect(header.format).toBe("binary_big_endian");
    expect(header.elements.map((e) => [e.name, e.count])).toEqual([
      ["vertex", 3],
      ["face", 1],
    ]);
  });
});
