/**
 * The twin's surrogate runtime: the ONNX file read back into the network, batched (onnxruntime) and
 * single (TypeScript) answers that agree, best beam and best cell, line of sight from the scene.
 */
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { exportSurrogate } from "../../models/surrogate/onnx-export.js";
import { buildBvh } from "../../twin/bvh/index.js";
import { ModelProtoSchema } from "../../twin/gen/onnx_pb.js";
import { createLink, hasLineOfSight, TracingScene } from "../../twin/paths/index.js";
import { RayCaster } from "../../twin/paths/ray-caster.js";
import { sceneHash, seededRandom } from "../../twin/scene/index.js";
import { GeometryFeatures, geometryFeatureCount } from "../../twin/surrogate/geometry.js";
import { readSurrogate, SurrogateFileError } from "../../twin/surrogate/model-file.js";
import { initialParams, NetworkLayout, type NetworkSpec } from "../../twin/surrogate/network.js";
import { Surrogate } from "../../twin/surrogate/surrogate.js";
import { boxScene } from "../support/box-scene.js";

const SCENE = boxScene([{ x0: -10, y0: -10, x1: 10, y1: 10, heightM: 15 }], 60);
const SPEC: NetworkSpec = {
  area: { x0: -60, y0: -60, x1: 60, y1: 60 },
  levelsM: [30, 8],
  features: 2,
  sites: [
    [0, -40, 20],
    [0, 40, 3],
  ],
  geometry: geometryFeatureCount(2),
  hidden: [12],
  outputs: 7,
  outputMean: -100,
  outputStd: 15,
  // two strongest paths per cell: cos, sin of the azimuth, elevation, delay (ns), power (dB)
  paths: { points: 2, perPoint: 2, mean: [0.1, -0.2, 0.05, 400, -105], std: [0.6, 0.7, 0.1, 250, 12] },
};
const OUTPUTS = [
  // paths predicted below south-1's floor are not there; north-1's file says no floor
  { point: "south-1", beams: 4, floorDb: -105 },
  { point: "north-1", beams: 3 },
];

/** A file with its metadata's spec replaced: what a corrupt or hand-edited file looks like. */
function withSpec(bytes: Uint8Array, spec: NetworkSpec): Uint8Array {
  const m = fromBinary(ModelProtoSchema, bytes);
  for (const p of m.metadataProps) if (p.key === "spec") p.value = JSON.stringify(spec);
  return toBinary(ModelProtoSchema, m);
}

function model() {
  const layout = new NetworkLayout(SPEC);
  const p = initialParams(layout, 2);
  const r = seededRandom(5);
  for (let i = 0; i < layout.gridSize; i++) p[i] = r.uniform(-1, 1);
  return { p, bytes: exportSurrogate(SPEC, p, { scenario: "boxes", producerVersion: "test", outputs: OUTPUTS }) };
}

describe("surrogate files", () => {
  it("read back the network they were exported from", () => {
    const { p, bytes } = model();
    const m = readSurrogate(bytes, "m.onnx");
    expect(m.scenario).toBe("boxes");
    expect(m.spec).toEqual(SPEC);
    expect(m.outputs).toEqual(OUTPUTS);
    expect(m.params).toEqual(p);
  });

  it("refuse what is not a twinric surrogate, saying what is wrong", () => {
    const { bytes } = model();
    expect(() => readSurrogate(Uint8Array.of(1, 2, 3, 4, 5), "junk.onnx")).toThrow(SurrogateFileError);
    expect(() => readSurrogate(Uint8Array.of(1, 2, 3, 4, 5), "junk.onnx")).toThrow(/junk\.onnx: not an ONNX model/);
    expect(() => readSurrogate(new Uint8Array(0), "empty.onnx")).toThrow(/metadata 'spec' is missing/);
    // a model whose outputs list does not match its network
    const wrong = exportSurrogate(SPEC, model().p, {
      scenario: "b",
      producerVersion: "t",
      outputs: [{ point: "x", beams: 2 }],
    });
    expect(() => readSurrogate(wrong, "w.onnx")).toThrow(/lists 2 beams, the network has 7/);
    // a path head for another number of cells, or with a zero scale
    for (const paths of [
      { ...SPEC.paths!, points: 3 },
      { ...SPEC.paths!, std: [1, 1, 0, 1, 1] },
    ]) {
      const spec = { ...SPEC, paths };
      const bad = exportSurrogate(spec, initialParams(new NetworkLayout(spec), 1), {
        scenario: "b",
        producerVersion: "t",
        outputs: OUTPUTS,
      });
      expect(() => readSurrogate(bad, "p.onnx")).toThrow(/'spec.paths' is not a path head for 2 points/);
    }
    // a spec that claims a path head its graph does not answer
    const bare = { ...SPEC, paths: undefined };
    const headless = exportSurrogate(bare, initialParams(new NetworkLayout(bare), 1), {
      scenario: "b",
      producerVersion: "t",
      outputs: OUTPUTS,
    });
    expect(() => readSurrogate(withSpec(headless, SPEC), "h.onnx")).toThrow(/the graph has no output 'paths'/);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

describe("the surrogate's answers", () => {
  it("agree batched and single, pick each cell's best beam and the best cell, see what the scene hides", async () => {
    const s = await Surrogate.fromModel(readSurrogate(model().bytes, "m.onnx"), SCENE);
    try {
      const r = seededRandom(8);
      const positions: [number, number, number][] = Array.from({ length: 200 }, () => [
        r.uniform(-58, 58),
        r.uniform(-58, 58),
        1.5,
      ]);
      const batch = await s.predict(positions);
      const ts = new TracingScene(SCENE);
      const links = SPEC.sites.map((site) => createLink(ts, site as [number, number, number], 3.5e9));
      let seen = 0;
      let hidden = 0;
      let absent = 0;
      positions.forEach((pos, i) => {
        const one = s.predictOne(...pos);
        for (let k = 0; k < SPEC.outputs; k++)
          expect(Math.abs(one.gainsDb[k] - batch[i].gainsDb[k])).toBeLessThan(1e-3);
        expect(Array.from(one.los)).toEqual(Array.from(batch[i].los));
        // the dominant paths: 2 cells x 2 paths x (azimuth, elevation, delay, power), the same both ways
        expect(one.paths.length).toBe(16);
        for (let k = 0; k < 16; k++) {
          if (Number.isNaN(one.paths[k])) expect(batch[i].paths[k]).toBeNaN();
          else expect(Math.abs(one.paths[k] - batch[i].paths[k])).toBeLessThan(1e-3);
        }
        for (let k = 0; k < 4; k++) {
          const path = Array.from(one.paths.subarray(4 * k, 4 * k + 4));
          if (Number.isNaN(path[3])) {
            absent++;
            expect(k).toBeLessThan(2); // only south-1 has a floor
            expect(path.every(Number.isNaN)).toBe(true);
          } else {
            if (k < 2) expect(path[3]).toBeGreaterThanOrEqual(-105);
            expect(Math.abs(path[0])).toBeLessThanOrEqual(Math.PI);
          }
        }
        links.forEach((link, k) => {
          expect(one.los[k]).toBe(hasLineOfSight(link, pos) ? 1 : 0);
          if (one.los[k]) seen++;
          else hidden++;
        });
        // best beams and cell from the gains
        const south = Array.from(one.gainsDb.subarray(0, 4));
        const north = Array.from(one.gainsDb.subarray(4, 7));
        expect(one.bestBeam[0]).toBe(south.indexOf(Math.max(...south)));
        expect(one.bestBeam[1]).toBe(north.indexOf(Math.max(...north)));
        expect(one.bestCell).toBe(Math.max(...south) >= Math.max(...north) ? 0 : 1);
      });
      expect(seen).toBeGreaterThan(0);
      expect(hidden).toBeGreaterThan(0); // the block hides some positions from each low site
      expect(absent).toBeGreaterThan(0);
      expect(absent).toBeLessThan(2 * positions.length);
      // the line-of-sight probability: the share of the position and of the reachable points of a
      // ring of 8 at 2 m that see the site
      let partial = 0;
      const caster = new RayCaster(buildBvh(SCENE.triangles));
      positions.forEach((pos, i) => {
        const p = batch[i].losProbability;
        expect(Array.from(s.predictOne(...pos).losProbability)).toEqual(Array.from(p));
        const ring = Array.from({ length: 8 }, (_, j): [number, number, number] => [
          pos[0] + 2 * Math.cos((2 * Math.PI * j) / 8),
          pos[1] + 2 * Math.sin((2 * Math.PI * j) / 8),
          pos[2],
        ]).filter((q) => caster.visible(pos, q));
        SPEC.sites.forEach((site, k) => {
          const inSight = ring.filter((q) => caster.visible(q, site as [number, number, number])).length;
          expect(p[k]).toBeCloseTo((batch[i].los[k] + inSight) / (ring.length + 1), 6);
          if (p[k] > 0 && p[k] < 1) partial++;
        });
      });
      expect(partial).toBeGreaterThan(0); // positions near the shadow's edge
    } finally {
      await s.close();
    }
  });

  it("gives the line of sight itself at radius 0, more uncertain answers at a larger radius, and refuses a bad one", async () => {
    const bytes = model().bytes;
    const exact = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { losRadiusM: 0 });
    const wide = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { losRadiusM: 6 });
    const narrow = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { losRadiusM: 1 });
    try {
      const r = seededRandom(11);
      const positions: [number, number, number][] = Array.from({ length: 300 }, () => [
        r.uniform(-58, 58),
        r.uniform(-58, 58),
        1.5,
      ]);
      const partial = (s: Surrogate) =>
        positions.filter((p) => Array.from(s.predictOne(...p).losProbability).some((v) => v > 0 && v < 1)).length;
      for (const p of positions) {
        const one = exact.predictOne(...p);
        expect(Array.from(one.losProbability)).toEqual(Array.from(one.los));
      }
      expect(partial(wide)).toBeGreaterThan(partial(narrow));
      expect(partial(narrow)).toBeGreaterThan(0);
      await expect(Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { losRadiusM: -1 })).rejects.toThrow(
        /losRadiusM -1 is not a distance >= 0/,
      );
    } finally {
      await Promise.all([exact.close(), wide.close(), narrow.close()]);
    }
  });

  it("gets UE heights ready at load or on request, answering there as it would have, and refuses a height that is no number", async () => {
    const bytes = model().bytes;
    const ready = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { heightsM: [1.5, 3] });
    const plain = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE);
    try {
      const gridHeights = (s: Surrogate) => (s as unknown as { geometry: GeometryFeatures }).geometry.gridHeights;
      expect(gridHeights(ready)).toEqual([1.5, 3]);
      expect(gridHeights(plain)).toEqual([]);
      plain.prepare(2);
      expect(gridHeights(plain)).toEqual([2]);
      for (const [x, y, z] of [
        [15, 0, 1.5],
        [-13, 4, 3],
        [3, -17, 2],
      ]) {
        expect(Array.from(ready.gainsAt(x, y, z))).toEqual(Array.from(plain.gainsAt(x, y, z)));
      }
      // a batch carries float32 heights: one not exact in float32 is readied in both forms
      const odd = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { heightsM: [1.7] });
      expect(gridHeights(odd)).toEqual([1.7, Math.fround(1.7)]);
      await odd.predict([[15, 0, 1.7]]);
      odd.gainsAt(15, 0, 1.7);
      expect(gridHeights(odd)).toEqual([1.7, Math.fround(1.7)]);
      // four heights get a grid, the rest scan through the BVH
      for (const z of [4, 5, 6]) odd.prepare(z);
      expect(gridHeights(odd)).toEqual([1.7, Math.fround(1.7), 4, 5]);
      await odd.close();
      expect(() => plain.prepare(Number.NaN)).toThrow(/UE height NaN is not a number of metres/);
      await expect(
        Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE, { heightsM: [Number.POSITIVE_INFINITY] }),
      ).rejects.toThrow(/UE height Infinity is not a number of metres/);
    } finally {
      await Promise.all([ready.close(), plain.close()]);
    }
  });

  it("refuses a scene other than the one it was trained on", async () => {
    const { p } = model();
    const bytes = exportSurrogate(SPEC, p, {
      scenario: "boxes",
      producerVersion: "test",
      sceneHash: sceneHash(SCENE),
      outputs: OUTPUTS,
    });
    const other = boxScene([{ x0: 0, y0: 0, x1: 5, y1: 5, heightM: 5 }], 60);
    await expect(Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), other)).rejects.toThrow(
      /trained on another scene/,
    );
    const same = await Surrogate.fromModel(readSurrogate(bytes, "m.onnx"), SCENE);
    await same.close();
  });

  it("picks the best cell by received power: gain plus the cell's transmit power", async () => {
    const { p } = model();
    // north 30 dB stronger: it wins wherever its best gain is within 30 dB of south's
    const outputs = [
      { point: "south-1", beams: 4, powerDbm: 10 },
      { point: "north-1", beams: 3, powerDbm: 40 },
    ];
    const s = await Surrogate.fromModel(
      readSurrogate(exportSurrogate(SPEC, p, { scenario: "b", producerVersion: "t", outputs }), "m.onnx"),
      SCENE,
    );
    // over many positions, and some where south has the stronger gain but north the stronger power:
    // there gain alone would pick the other cell
    const r = seededRandom(12);
    let decidedByPower = 0;
    for (let n = 0; n < 300; n++) {
      const one = s.predictOne(r.uniform(-58, 58), r.uniform(-58, 58), 1.5);
      const southGain = Math.max(...one.gainsDb.subarray(0, 4));
      const northGain = Math.max(...one.gainsDb.subarray(4, 7));
      expect(one.bestCell).toBe(southGain + 10 >= northGain + 40 ? 0 : 1);
      if (southGain > northGain && one.bestCell === 1) decidedByPower++;
    }
    expect(decidedByPower).toBeGreaterThan(0);
    await s.close();
  });

  it("refuses positions that are not x, y, z triples", async () => {
    const s = await Surrogate.fromModel(readSurrogate(model().bytes, "m.onnx"), SCENE);
    await expect(s.gainsBatch(new Float32Array(4))).rejects.toThrow(/4 numbers: not x, y, z triples/);
    await s.close();
  });
});

describe("geometry features", () => {
  it("read the scene around a position: sight and obstruction per site, walls in eight directions", () => {
    // a 20 m block centred on the origin; one site south, high; one north, low
    const g = new GeometryFeatures(new RayCaster(buildBvh(SCENE.triangles)), SPEC.sites);
    expect(g.count).toBe(4 * 2 + 8);
    const out = new Float64Array(g.count);
    const los = new Uint8Array(2);
    // 5 m east of the block's east wall: the wall 5 m west, open elsewhere
    g.compute(15, 0, 1.5, out, 0, los);
    const scan = Array.from(out.subarray(8));
    expect(scan[4]).toBeCloseTo(5 / 40, 5); // west (180 degrees)
    expect(scan[0]).toBe(1); // east: open within 40 m
    // north of the block, the low north site in sight, the south one behind the block
    g.compute(0, 20, 1.5, out, 0, los);
    expect(Array.from(los)).toEqual([0, 1]);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(Math.log10(Math.hypot(0, 60, 18.5)) - 2, 5);
    // the obstruction towards the south site: the block's north wall, 10 m away horizontally, along the
    // rising ray 10 x |(0, -60, 18.5)| / 60; its roof (15 m) stands above the line to the site by
    // atan(13.5 / 10) - atan(18.5 / 60)
    expect(out[2]).toBeCloseTo(Math.log10(1 + (10 * Math.hypot(60, 18.5)) / 60) / 2, 4);
    expect(out[3]).toBeCloseTo(Math.atan2(13.5, 10) - Math.atan2(18.5, 60), 2);
    expect(out[4]).toBe(1);
    expect(out[6]).toBe(0); // no obstruction, no shadow in sight
    expect(out[7]).toBe(0);
  });

  it("scan the walls at any height, the first heights through level grids and the rest through the BVH alike", () => {
    const caster = new RayCaster(buildBvh(SCENE.triangles));
    const g = new GeometryFeatures(caster, SPEC.sites);
    const out = new Float64Array(g.count);
    // more heights than get a grid, each asked twice
    for (const z of [1.5, 2, 3, 4, 5, 6, 1.5, 2, 3, 4, 5, 6]) {
      for (const [x, y] of [
        [15, 0],
        [-13, 4],
        [3, -17],
      ]) {
        g.compute(x, y, z, out);
        for (let k = 0; k < 8; k++) {
          const a = (2 * Math.PI * k) / 8;
          const hit = caster.firstHitDistance([x, y, z], [Math.cos(a), Math.sin(a), 0], 40);
          expect(out[8 + k]).toBe((hit >= 0 ? hit : 40) / 40);
        }
      }
    }
  });
});
