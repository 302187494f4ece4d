/**
 * `twinric twin serve`: the surrogate of a scenario over gRPC (twin/api/twin.proto), for rApps and
 * remote users. The service definition for @grpc/grpc-js comes from the generated descriptor
 * (twin/gen/twin_pb.ts): messages are read and written by @bufbuild/protobuf.
 */
import { join } from "node:path";
import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { loadScenario } from "../sim/scenario/load.js";
import { nominalScene } from "../sim/world/scene.js";
import {
  type DescribeResponse,
  DescribeResponseSchema,
  type PredictRequest,
  type PredictResponse,
  PredictResponseSchema,
  Twin,
} from "../twin/gen/twin_pb.js";
import { PATH_FIELDS } from "../twin/surrogate/network.js";
import { type Prediction, Surrogate } from "../twin/surrogate/surrogate.js";
import { type CliIo, UsageError } from "./io.js";
import { boundedNumber, help, parseOptions } from "./options.js";
import { defaultModelDir } from "./twin-surrogate.js";

export const SERVE_HELP = `usage: twinric twin serve [--scenario S] [--model FILE] [--listen HOST:PORT] [--los-radius M]

Serves the surrogate of a scenario over gRPC (service twinric.twin.v1.Twin in twin/api/twin.proto:
Describe, Predict) until Ctrl-C. --listen defaults to 127.0.0.1:50051. --los-radius is the UEs'
position uncertainty behind the line-of-sight probability (metres, default 2; 0: the position's own).
example:
  twinric twin serve --scenario urban-district --listen 0.0.0.0:50051`;

/** The most positions one Predict may ask for, whatever the model. */
export const MAX_POSITIONS = 10_000;
/** gRPC's default limit on a received message (grpc-js and most other clients), octets. */
export const GRPC_DEFAULT_MAX_MESSAGE = 4 * 1024 * 1024;
/** Positions farther than this outside the trained area are refused, metres. */
export const MAX_OUTSIDE_M = 10_000;

/** A grpc-js method of a unary protobuf-es method. */
function unary<I extends DescMessage, O extends DescMessage>(path: string, input: I, output: O) {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m: MessageShape<I>) => Buffer.from(toBinary(input, m)),
    requestDeserialize: (b: Buffer) => fromBinary(input, b),
    responseSerialize: (m: MessageShape<O>) => Buffer.from(toBinary(output, m)),
    responseDeserialize: (b: Buffer) => fromBinary(output, b),
  };
}

/** The Twin service for grpc-js, from its descriptor. */
export const TWIN_SERVICE = Object.fromEntries(
  Twin.methods.map((m) => [m.localName, unary(`/${Twin.typeName}/${m.name}`, m.input, m.output)]),
) as unknown as grpc.ServiceDefinition;

/**
 * How many positions one answer may carry for this model and stay within gRPC's default message
 * limit: the size of an answer for one position with every path present, with a margin.
 */
export function maxPositionsOf(surrogate: Surrogate): number {
  const full: Prediction = {
    gainsDb: new Float32Array(surrogate.model.spec.outputs).fill(-100),
    bestBeam: new Int16Array(surrogate.cells.length).fill(1000),
    bestCell: 1000,
    los: new Uint8Array(surrogate.model.spec.sites.length).fill(1),
    losProbability: new Float32Array(surrogate.model.spec.sites.length).fill(0.5),
    paths: new Float32Array(surrogate.cells.length * surrogate.pathsPerCell * PATH_FIELDS).fill(1),
  };
  const one = toBinary(
    PredictResponseSchema,
    create(PredictResponseSchema, { predictions: [positionMessage(surrogate, full)] }),
  );
  return Math.max(1, Math.min(MAX_POSITIONS, Math.floor((0.9 * GRPC_DEFAULT_MAX_MESSAGE) / one.length)));
}

/** One position's answer as its protobuf message; paths that are not there are left out. */
function positionMessage(surrogate: Surrogate, p: Prediction) {
  const K = surrogate.pathsPerCell;
  return {
    cells: surrogate.cells.map((c, k) => {
      const at = surrogate.offsets[k];
      const gainsDb = Array.from(p.gainsDb.subarray(at, at + c.beams));
      const paths = [];
      for (let j = 0; j < K; j++) {
        const q = (k * K + j) * PATH_FIELDS;
        if (Number.isNaN(p.paths[q + 3])) continue;
        paths.push({
          azimuthRad: p.paths[q],
          elevationRad: p.paths[q + 1],
          delayNs: p.paths[q + 2],
          powerDb: p.paths[q + 3],
        });
      }
      return { gainsDb, bestBeam: p.bestBeam[k], paths };
    }),
    bestCell: p.bestCell,
    lineOfSight: Array.from(p.los, (v) => v === 1),
    lineOfSightProbability: Array.from(p.losProbability),
  };
}

/** Why a request is refused, or null. */
function invalid(
  req: PredictRequest,
  area: { x0: number; y0: number; x1: number; y1: number },
  maxPositions: number,
): string | null {
  if (req.positions.length > maxPositions)
    return `${req.positions.length} positions: at most ${maxPositions} a request (DescribeResponse.max_positions)`;
  const bad = req.positions.findIndex((p) => ![p.x, p.y, p.z].every(Number.isFinite));
  if (bad >= 0) return `positions[${bad}] is not three finite numbers`;
  const m = MAX_OUTSIDE_M;
  const far = req.positions.findIndex(
    (p) => p.x < area.x0 - m || p.x > area.x1 + m || p.y < area.y0 - m || p.y > area.y1 + m || Math.abs(p.z) > m,
  );
  return far < 0 ? null : `positions[${far}] lies more than ${m} m outside the scenario's area`;
}

/** Starts the service for `surrogate` on host:port (0: any free one); resolves to the server and its port. */
export async function startTwinServer(
  surrogate: Surrogate,
  host: string,
  port: number,
): Promise<{ server: grpc.Server; port: number }> {
  const maxPositions = maxPositionsOf(surrogate);
  const describe: DescribeResponse = create(DescribeResponseSchema, {
    scenario: surrogate.model.scenario,
    maxPositions,
    cells: surrogate.cells.map((c) => ({ id: c.point, beams: c.beams })),
    sites: surrogate.model.spec.sites.map(([x, y, z]) => ({ x, y, z })),
  });
  const server = new grpc.Server();
  server.addService(TWIN_SERVICE, {
    describe: (_call: unknown, done: grpc.sendUnaryData<DescribeResponse>) => done(null, describe),
    predict: (
      call: grpc.ServerUnaryCall<PredictRequest, PredictResponse>,
      done: grpc.sendUnaryData<PredictResponse>,
    ) => {
      const why = invalid(call.request, surrogate.model.spec.area, maxPositions);
      if (why) return done({ code: grpc.status.INVALID_ARGUMENT, details: why });
      surrogate
        .predict(call.request.positions.map((p) => [p.x, p.y, p.z] as const))
        .then((predictions) =>
          done(
            null,
            create(PredictResponseSchema, { predictions: predictions.map((p) => positionMessage(surrogate, p)) }),
          ),
        )
        .catch((e: Error) => done({ code: grpc.status.INTERNAL, details: e.message }));
    },
  });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { server, port: bound };
}

/** A client of the Twin service at `address` (host:port); its methods take callbacks, as grpc-js's do. */
export function twinClient(address: string): grpc.Client & Record<string, grpc.MethodDefinition<unknown, unknown>> {
  const Client = grpc.makeGenericClientConstructor(TWIN_SERVICE, "Twin");
  return new Client(address, grpc.credentials.createInsecure()) as never;
}

export async function serveCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      scenario: { type: "string" },
      model: { type: "string" },
      listen: { type: "string" },
      "los-radius": { type: "string" },
    },
    SERVE_HELP,
  );
  if (values.help) return help(io, SERVE_HELP);
  const listen = (values.listen as string | undefined) ?? "127.0.0.1:50051";
  const m = /^(.*):(\d+)$/.exec(listen);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`--listen must be HOST:PORT, got '${listen}'`);
  const losRadiusM = boundedNumber(values["los-radius"] as string | undefined, "--los-radius", 2, 100);
  const scenario = loadScenario((values.scenario as string | undefined) ?? "urban-district");
  const file = (values.model as string | undefined) ?? join(defaultModelDir(scenario.name), "model.onnx");
  const surrogate = await Surrogate.load(file, await nominalScene(scenario.scene), {
    losRadiusM,
    heightsM: [scenario.propagation.heightM],
  });
  const { server, port } = await startTwinServer(surrogate, m[1], Number(m[2]));
  io.stderr.write(`twin service for ${scenario.name} on ${m[1]}:${port} (twinric.twin.v1.Twin: Describe, Predict)\n`);
  await new Promise<void>((resolve) => {
    if (signal) signal.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  await surrogate.close();
  return 0;
}
