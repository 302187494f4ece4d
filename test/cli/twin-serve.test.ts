/** The twin's gRPC service with the committed urban-district surrogate, through a real grpc-js client on loopback. */
import { create, toBinary } from "@bufbuild/protobuf";
import type * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRPC_DEFAULT_MAX_MESSAGE, MAX_POSITIONS, startTwinServer, twinClient } from "../../cli/twin-serve.js";
import { defaultModelDir } from "../../cli/twin-surrogate.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { nominalScene } from "../../sim/world/scene.js";
import {
  type DescribeResponse,
  PredictRequestSchema,
  type PredictResponse,
  PredictResponseSchema,
} from "../../twin/gen/twin_pb.js";
import { seededRandom } from "../../twin/scene/index.js";
import { Surrogate } from "../../twin/surrogate/surrogate.js";

let surrogate: Surrogate;
let server: grpc.Server;
let client: ReturnType<typeof twinClient>;

beforeAll(async () => {
  const scenario = loadScenario("urban-district");
  surrogate = await Surrogate.load(
    `${defaultModelDir("urban-district")}/model.onnx`,
    await nominalScene(scenario.scene),
  );
  const started = await startTwinServer(surrogate, "127.0.0.1", 0);
  server = started.server;
  client = twinClient(`127.0.0.1:${started.port}`);
}, 60_000);

afterAll(async () => {
  client?.close();
  await new Promise<void>((r) => server?.tryShutdown(() => r()));
  await surrogate?.close();
});

/** A unary call as a promise. */
function call<T>(method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (r: unknown, cb: (e: grpc.ServiceError | null, v: T) => void) => void>)[
      method
    ](request, (e, v) => (e ? reject(e) : resolve(v))),
  );
}

describe("twinric twin serve (gRPC)", () => {
  it("describes the scenario: its cells with their beams, its sites", async () => {
    const d = await call<DescribeResponse>("describe", {});
    expect(d.scenario).toBe("urban-district");
    expect(d.cells.map((c) => c.beams)).toEqual(Array(9).fill(8));
    expect(d.cells[0].id).toBe("north-1");
    expect(d.sites).toHaveLength(3);
    // as many positions as keep the answer within gRPC's default 4 MiB
    expect(d.maxPositions).toBeGreaterThan(1000);
    expect(d.maxPositions).toBeLessThanOrEqual(MAX_POSITIONS);
  });

  it("answers the most positions it allows within the default client's 4 MiB, and refuses one more", async () => {
    const { maxPositions } = await call<DescribeResponse>("describe", {});
    const r = seededRandom(3);
    const { x0, y0, x1, y1 } = surrogate.model.spec.area;
    const positions = Array.from({ length: maxPositions }, () => ({
      x: r.uniform(x0, x1),
      y: r.uniform(y0, y1),
      z: 1.5,
    }));
    const answer = await call<PredictResponse>("predict", create(PredictRequestSchema, { positions }));
    expect(answer.predictions).toHaveLength(maxPositions);
    expect(toBinary(PredictResponseSchema, answer).length).toBeLessThan(GRPC_DEFAULT_MAX_MESSAGE);
    const more = await call("predict", create(PredictRequestSchema, { positions: [...positions, positions[0]] })).then(
      () => null,
      (e: grpc.ServiceError) => e,
    );
    expect(more?.code).toBe(3);
    expect(more?.details).toMatch(new RegExp(`at most ${maxPositions} a request`));
  }, 60_000);

  it("predicts what the surrogate predicts in-process, position by position", async () => {
    const positions: [number, number, number][] = [
      [0, 150, 1.5],
      [-95, 130, 1.5],
      [210, -60, 1.5],
    ];
    const r = await call<PredictResponse>(
      "predict",
      create(PredictRequestSchema, { positions: positions.map(([x, y, z]) => ({ x, y, z })) }),
    );
    const local = await surrogate.predict(positions);
    expect(r.predictions).toHaveLength(3);
    let presentPaths = 0;
    r.predictions.forEach((p, i) => {
      expect(p.cells).toHaveLength(9);
      expect(p.bestCell).toBe(local[i].bestCell);
      expect(p.lineOfSight).toEqual(Array.from(local[i].los, (v) => v === 1));
      expect(p.lineOfSightProbability).toHaveLength(3);
      p.lineOfSightProbability.forEach((v, k) => expect(v).toBeCloseTo(local[i].losProbability[k], 5));
      p.cells.forEach((c, k) => {
        expect(c.bestBeam).toBe(local[i].bestBeam[k]);
        c.gainsDb.forEach((g, b) => expect(g).toBeCloseTo(local[i].gainsDb[k * 8 + b], 4));
        // the committed model has a path head: each cell's strongest paths, as predicted in process
        // (paths below the cell's floor left out: they come last, being the weaker)
        const present = Array.from({ length: surrogate.pathsPerCell }, (_, j) => j).filter(
          (j) => !Number.isNaN(local[i].paths[(k * surrogate.pathsPerCell + j) * 4 + 3]),
        );
        expect(c.paths).toHaveLength(present.length);
        presentPaths += present.length;
        c.paths.forEach((path, n) => {
          const q = (k * surrogate.pathsPerCell + present[n]) * 4;
          expect(path.azimuthRad).toBeCloseTo(local[i].paths[q], 4);
          expect(path.elevationRad).toBeCloseTo(local[i].paths[q + 1], 4);
          expect(path.delayNs).toBeCloseTo(local[i].paths[q + 2], 1);
          expect(path.powerDb).toBeCloseTo(local[i].paths[q + 3], 3);
        });
      });
    });
    expect(presentPaths).toBeGreaterThan(0);
  });

  it("refuses positions that are not numbers, and too many at once, with INVALID_ARGUMENT", async () => {
    const refused = (request: unknown) =>
      call("predict", request).then(
        () => Promise.reject(new Error("accepted")),
        (e: grpc.ServiceError) => e,
      );
    const nan = await refused(create(PredictRequestSchema, { positions: [{ x: 0, y: Number.NaN, z: 1 }] }));
    expect(nan.code).toBe(3);
    expect(nan.details).toMatch(/positions\[0\] is not three finite numbers/);
    const many = Array.from({ length: MAX_POSITIONS + 1 }, () => ({ x: 0, y: 0, z: 1.5 }));
    const tooMany = await refused(create(PredictRequestSchema, { positions: many }));
    expect(tooMany.code).toBe(3);
    expect(tooMany.details).toMatch(/at most \d+ a request/);
    const far = await refused(create(PredictRequestSchema, { positions: [{ x: 1e300, y: 0, z: 1.5 }] }));
    expect(far.code).toBe(3);
    expect(far.details).toMatch(/positions\[0\] lies more than 10000 m outside/);
  }, 30_000);
});
