/**
 * `twinric twin train|query`: the ray-trace surrogate of a scenario. `train` builds the dataset from the
 * tracer on the scenario's nominal scene (resumable, cached), trains the network, writes model.onnx,
 * report.json and error maps; `query` prints the surrogate's answer next to the tracer's.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DatasetSource, generateDataset, traceInit } from "../models/dataset/dataset.js";
import { POSITION_KINDS } from "../models/dataset/positions.js";
import { createContext, DOMINANT_PATHS, runTask } from "../models/dataset/trace-job.js";
import { azimuthGap, evaluate, roughnessFloor } from "../models/surrogate/evaluate.js";
import { exportSurrogate } from "../models/surrogate/onnx-export.js";
import { floorOfOutputs, sitesOf, TRAIN_DEFAULTS, trainSurrogate } from "../models/surrogate/train.js";
import { loadScenario, packageRoot } from "../sim/scenario/load.js";
import type { Scenario } from "../sim/scenario/resolve.js";
import { defaultCacheDir } from "../sim/world/coverage.js";
import { nominalScene } from "../sim/world/scene.js";
import { parseVec3 } from "../twin/paths/index.js";
import { NO_PATH_DB, noisePerSubcarrierDbm, perSubcarrierDbm, renderHeatmap } from "../twin/radio-map/index.js";
import { type Scene, sceneHash } from "../twin/scene/index.js";
import { readSurrogate } from "../twin/surrogate/model-file.js";
import { PATH_FIELDS } from "../twin/surrogate/network.js";
import { Surrogate } from "../twin/surrogate/surrogate.js";
import { type CliIo, UsageError } from "./io.js";
import { boundedNumber, help, parseOptions, wholeNumber } from "./options.js";
import { progress } from "./progress.js";

export const TRAIN_HELP = `usage: twinric twin train [--scenario S] [--out DIR] [--epochs N] [--seed N] [--threads N]

Trains the surrogate of the ray tracer for a scenario's nominal scene and cells: traces a dataset
(grid, random, street-canyon and building-edge positions; held-out blocks of 20 m), cached and
resumable under $TWINRIC_CACHE/datasets, trains the network (--epochs, default ${TRAIN_DEFAULTS.epochs}), and
writes DIR/model.onnx, DIR/report.json (accuracy on the held-out positions) and DIR/error-map.png.
DIR defaults to the package's models/<scenario>. --seed also reseeds the positions (a new dataset).
example:
  twinric twin train --scenario urban-district`;

export const QUERY_HELP = `usage: twinric twin query [--scenario S] [--model FILE] [--los-radius M] [--json] x,y,z ...

The surrogate's answer at each position (per cell: best beam, its gain and the strongest path; line
of sight to each site, and its probability for a UE within --los-radius metres, default 2) next to
the tracer's, with the time each took.
example:
  twinric twin query --scenario urban-district 12,40,1.5 -95,130,1.5`;

/** What the surrogate of a scenario imitates: the tracer on its nominal scene and cells. */
export function surrogateSource(scenario: Scenario, scene: Scene): DatasetSource {
  const points = scenario.cells.flatMap((c) => c.points.map((p) => p.nominal));
  const { carrier, propagation } = scenario;
  const noise = noisePerSubcarrierDbm(carrier.subcarrierSpacingHz, carrier.ueNoiseFigureDb);
  return {
    name: scenario.name,
    scene,
    points,
    frequencyHz: carrier.frequencyHz,
    maxDepth: propagation.maxDepth,
    diffraction: propagation.diffraction,
    heightM: propagation.heightM,
    floorDb: points.map((p) => noise - perSubcarrierDbm(p.powerDbm, carrier.bandwidthHz, carrier.subcarrierSpacingHz)),
  };
}

export const defaultModelDir = (scenario: string): string => join(packageRoot(), "models", scenario);

export async function trainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      scenario: { type: "string" },
      out: { type: "string", short: "o" },
      epochs: { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
    },
    TRAIN_HELP,
  );
  if (values.help) return help(io, TRAIN_HELP);
  const scenario = loadScenario((values.scenario as string | undefined) ?? "urban-district");
  const epochs = wholeNumber(values.epochs as string | undefined, "--epochs", TRAIN_DEFAULTS.epochs, 10_000);
  if (epochs < 1) throw new UsageError("--epochs must be at least 1");
  const seed = wholeNumber(values.seed as string | undefined, "--seed", 1, 2 ** 31 - 1);
  const threads = wholeNumber(values.threads as string | undefined, "--threads", 0, 64) || undefined;
  const out = (values.out as string | undefined) ?? defaultModelDir(scenario.name);
  const bar = progress(io);
  const source = surrogateSource(scenario, await nominalScene(scenario.scene));
  const started = performance.now();
  // positions traced by this run (none when the dataset was cached; part of it when resumed)
  let firstDone = -1;
  let lastDone = 0;
  const dataset = await generateDataset(source, {
    positions: { seed },
    dir: join(defaultCacheDir(), "datasets"),
    threads,
    onProgress: (done, total) => {
      if (firstDone < 0) firstDone = done;
      lastDone = done;
      bar.update("dataset", done / total);
    },
  });
  const tracedS = (performance.now() - started) / 1000;
  const tracedNow = Math.max(0, lastDone - Math.max(firstDone, 0));
  const { spec, params, history } = await trainSurrogate(dataset, source.scene, { epochs, seed, threads }, (r) =>
    bar.update("training", r.epoch / epochs),
  );
  bar.stop();
  const outputs = dataset.meta.points.map((p, k) => ({
    point: p.id,
    beams: dataset.meta.beams[k],
    powerDbm: p.powerDbm,
    floorDb: dataset.meta.floorDb[k],
  }));
  const onnx = exportSurrogate(spec, params, {
    scenario: scenario.name,
    producerVersion: "twinric",
    sceneHash: sceneHash(source.scene),
    outputs,
  });
  // evaluated as deployed: the ONNX file, through onnxruntime, with line of sight from the scene
  const surrogate = await Surrogate.fromModel(readSurrogate(onnx, "model.onnx"), source.scene);
  const test: number[] = [];
  for (let i = 0; i < dataset.meta.count; i++) if (dataset.test[i] === 1) test.push(i);
  const xyz = new Float32Array(
    test.flatMap((i) => [dataset.xyz[3 * i], dataset.xyz[3 * i + 1], dataset.xyz[3 * i + 2]]),
  );
  const { gains: predicted, paths } = await surrogate.batch(xyz);
  // and the ONNX answers against the training-time forward pass: gains, and the paths' numbers
  // (angles in rad, delay in ns, power in dB; a path present in one and not the other counted apart)
  let maxDiff = 0;
  const pathDiff = { angleRad: 0, delayNs: 0, powerDb: 0, presenceDiffers: 0 };
  const R = paths.length / Math.max(test.length, 1);
  test.forEach((_, n) => {
    const one = surrogate.predictOne(xyz[3 * n], xyz[3 * n + 1], xyz[3 * n + 2]);
    for (let k = 0; k < spec.outputs; k++)
      maxDiff = Math.max(maxDiff, Math.abs(one.gainsDb[k] - predicted[n * spec.outputs + k]));
    for (let q = 0; q < R; q += PATH_FIELDS) {
      const a = one.paths.subarray(q, q + PATH_FIELDS);
      const b = paths.subarray(n * R + q, n * R + q + PATH_FIELDS);
      if (Number.isNaN(a[3]) !== Number.isNaN(b[3])) pathDiff.presenceDiffers++;
      else if (!Number.isNaN(a[3])) {
        pathDiff.angleRad = Math.max(pathDiff.angleRad, azimuthGap(a[0], b[0]), Math.abs(a[1] - b[1]));
        pathDiff.delayNs = Math.max(pathDiff.delayNs, Math.abs(a[2] - b[2]));
        pathDiff.powerDb = Math.max(pathDiff.powerDb, Math.abs(a[3] - b[3]));
      }
    }
  });
  await surrogate.close();
  const evaluation = evaluate(
    dataset,
    test,
    predicted,
    POSITION_KINDS,
    surrogate.pathsPerCell > 0 ? { predicted: paths, perPoint: surrogate.pathsPerCell } : undefined,
  );
  const roughness = roughnessFloor(dataset, test, predicted, POSITION_KINDS);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "model.onnx"), onnx);
  const report = {
    scenario: scenario.name,
    dataset: {
      positions: dataset.meta.count,
      heldOut: test.length,
      blockM: dataset.meta.positions.blockM,
      kinds: Object.fromEntries(POSITION_KINDS.map((k, i) => [k, dataset.kind.filter((v) => v === i).length])),
      // what this run traced (0 positions: the cached dataset was used)
      tracedNow: { positions: tracedNow, seconds: Math.round(tracedNow > 0 ? tracedS : 0) },
    },
    network: {
      levelsM: spec.levelsM,
      features: spec.features,
      hidden: spec.hidden,
      outputs: spec.outputs,
      pathsPerCell: spec.paths?.perPoint ?? 0,
      parameters: params.length,
    },
    training: {
      epochs,
      seed,
      finalTrainRmseDb: history.at(-1)?.trainRmseDb,
      seconds: history.reduce((s, h) => s + h.seconds, 0),
    },
    onnxVsForwardPassMaxDiffDb: maxDiff,
    onnxVsForwardPassPaths: pathDiff,
    heldOut: evaluation,
    // the tracer's own roughness: held-out positions within 1 m of a training one (see evaluate.ts)
    roughnessFloor: roughness,
  };
  writeFileSync(join(out, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, "error-map.png"), errorMap(dataset, test, predicted, scenario.name));
  io.stdout.write(
    `${scenario.name}: held-out RMSE ${evaluation.all.rmseDb.toFixed(2)} dB (LoS ${evaluation.los.rmseDb.toFixed(2)}, NLoS ${evaluation.nlos.rmseDb.toFixed(2)}), ` +
      `p95 ${evaluation.all.p95AbsErrorDb.toFixed(2)} dB, best beam top-1 ${(100 * evaluation.bestBeam.top1).toFixed(1)} % ` +
      `top-3 ${(100 * evaluation.bestBeam.top3).toFixed(1)} %; ONNX vs forward pass ${maxDiff.toExponential(1)} dB\n` +
      `within ${roughness.radiusM} m of a training position: surrogate RMSE ${roughness.surrogate.all.rmseDb.toFixed(2)} dB, ` +
      `that position's traced gains ${roughness.nearestTraining.all.rmseDb.toFixed(2)} dB (the tracer's own roughness)\n` +
      `wrote ${join(out, "model.onnx")}, report.json, error-map.png\n`,
  );
  return 0;
}

/** The held-out grid positions' RMSE over their gains above the floor, as a map. */
function errorMap(
  d: Awaited<ReturnType<typeof generateDataset>>,
  test: number[],
  predicted: Float32Array,
  name: string,
): Uint8Array {
  const spacing = d.meta.positions.gridM;
  const xs = test.filter((i) => d.kind[i] === 0);
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < d.meta.count; i++) {
    if (d.kind[i] !== 0) continue;
    x0 = Math.min(x0, d.xyz[3 * i]);
    y0 = Math.min(y0, d.xyz[3 * i + 1]);
    x1 = Math.max(x1, d.xyz[3 * i]);
    y1 = Math.max(y1, d.xyz[3 * i + 1]);
  }
  const grid = {
    x0: x0 - spacing / 2,
    y0: y0 - spacing / 2,
    resM: spacing,
    width: Math.round((x1 - x0) / spacing) + 1,
    height: Math.round((y1 - y0) / spacing) + 1,
  };
  const values = new Float32Array(grid.width * grid.height).fill(Number.NaN);
  const G = predicted.length / test.length;
  const at = new Map(test.map((i, n) => [i, n]));
  const floorOf = floorOfOutputs(d);
  for (const i of xs) {
    const n = at.get(i)!;
    let sq = 0;
    let count = 0;
    for (let k = 0; k < G; k++) {
      const t = d.gainsDb[i * G + k];
      if (t <= floorOf[k]) continue;
      sq += (predicted[n * G + k] - t) ** 2;
      count++;
    }
    if (!count) continue;
    const c = Math.round((d.xyz[3 * i] - x0) / spacing);
    const r = Math.round((d.xyz[3 * i + 1] - y0) / spacing);
    values[r * grid.width + c] = Math.sqrt(sq / count);
  }
  const { sites, siteOfPoint } = sitesOf(d);
  return renderHeatmap({
    grid,
    values,
    min: 0,
    max: 20,
    unit: "dB",
    title: `${name}: surrogate RMSE vs tracer, held-out grid positions`,
    markers: sites.map(([x, y], k) => ({
      x,
      y,
      label: d.meta.points[siteOfPoint.indexOf(k)].id.replace(/-\d+$/, ""),
    })),
  });
}

export async function queryCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      scenario: { type: "string" },
      model: { type: "string" },
      json: { type: "boolean" },
      "los-radius": { type: "string" },
    },
    QUERY_HELP,
  );
  if (values.help) return help(io, QUERY_HELP);
  if (positionals.length === 0) throw new UsageError(`give at least one position x,y,z\n${QUERY_HELP}`);
  const positions = positionals.map((p, k) => {
    try {
      return parseVec3(p, `position ${k + 1}`);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  const losRadiusM = boundedNumber(values["los-radius"] as string | undefined, "--los-radius", 2, 100);
  const scenario = loadScenario((values.scenario as string | undefined) ?? "urban-district");
  const scene = await nominalScene(scenario.scene);
  const file = (values.model as string | undefined) ?? join(defaultModelDir(scenario.name), "model.onnx");
  const surrogate = await Surrogate.load(file, scene, { losRadiusM });
  // (so that the times printed are the queries', not the first one's plan grid)
  for (const [, , z] of positions) surrogate.prepare(z);
  const source = surrogateSource(scenario, scene);
  // the tracer's answer as the dataset records it (the same reduction of paths to gains and paths)
  const tracer = createContext(traceInit(source));
  const results = positions.map(([x, y, z]) => {
    let t = performance.now();
    const mine = surrogate.predictOne(x, y, z);
    const surrogateUs = (performance.now() - t) * 1000;
    t = performance.now();
    const answer = runTask(tracer, { xyz: Float64Array.of(x, y, z) }, () => {});
    const traced = tracer.cells.map((cell, p) => {
      const at = tracer.offsets[p];
      const q = p * DOMINANT_PATHS * PATH_FIELDS;
      const ps = answer.paths;
      return {
        gainsDb: Array.from(answer.gainsDb.subarray(at, at + cell.codebook.beamCount), (g) =>
          g <= NO_PATH_DB ? Number.NEGATIVE_INFINITY : g,
        ),
        strongest: Number.isNaN(ps[q + 3]) ? null : pathSummary(ps[q], ps[q + 1], ps[q + 2], ps[q + 3]),
      };
    });
    const tracerMs = performance.now() - t;
    const perCell = surrogate.cells.map((c, k) => {
      const mineBeam = mine.bestBeam[k];
      const gains = traced[k].gainsDb;
      const trueBeam = gains.indexOf(Math.max(...gains));
      const q = k * surrogate.pathsPerCell * PATH_FIELDS;
      const row = {
        cell: c.point,
        surrogate: {
          beam: mineBeam,
          gainDb: round(mine.gainsDb[surrogate.offsets[k] + mineBeam]),
          strongestPath:
            // (none without a path head, or predicted below the cell's floor)
            surrogate.pathsPerCell > 0 && !Number.isNaN(mine.paths[q + 3])
              ? pathSummary(mine.paths[q], mine.paths[q + 1], mine.paths[q + 2], mine.paths[q + 3])
              : null,
        },
        tracer: { beam: trueBeam, gainDb: round(gains[trueBeam]), strongestPath: traced[k].strongest },
      };
      return row;
    });
    return {
      position: [x, y, z],
      los: Array.from(mine.los),
      losProbability: Array.from(mine.losProbability, round),
      cells: perCell,
      surrogateUs: round(surrogateUs),
      tracerMs: round(tracerMs),
    };
  });
  await surrogate.close();
  if (values.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) {
      io.stdout.write(
        `(${r.position.join(", ")}): line of sight to ${r.los.filter((v) => v).length} of ${r.los.length} sites ` +
          `(probability within ${losRadiusM} m: ${r.losProbability.join(", ")}); surrogate ${r.surrogateUs} µs, tracer ${r.tracerMs} ms\n`,
      );
      for (const c of r.cells) {
        io.stdout.write(
          `  ${c.cell.padEnd(12)} surrogate beam ${c.surrogate.beam} ${String(c.surrogate.gainDb).padStart(7)} dB${describePath(c.surrogate.strongestPath)}   ` +
            `tracer beam ${c.tracer.beam} ${String(c.tracer.gainDb).padStart(7)} dB${describePath(c.tracer.strongestPath)}\n`,
        );
      }
    }
  }
  return 0;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A strongest path as printed: departure angles in degrees, delay in ns, power in dB. */
interface PathSummary {
  readonly azimuthDeg: number;
  readonly elevationDeg: number;
  readonly delayNs: number;
  readonly powerDb: number;
}

const pathSummary = (azRad: number, elRad: number, delayNs: number, powerDb: number): PathSummary => ({
  azimuthDeg: round((azRad * 180) / Math.PI),
  elevationDeg: round((elRad * 180) / Math.PI),
  delayNs: round(delayNs),
  powerDb: round(powerDb),
});

const describePath = (p: PathSummary | null) =>
  p ? ` (strongest path az ${p.azimuthDeg}°, el ${p.elevationDeg}°, ${p.delayNs} ns)` : "";
