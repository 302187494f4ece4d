/**
 * `twinric twin import|generate|trace|map|train|query|serve`: the geo-spatial twin from the command line.
 */
import { writeFileSync } from "node:fs";
import { ConfigFileError } from "../twin/config/yaml-config.js";
import { type Paths, parseVec3, pathsToJson, solvePaths, TracingScene, type Vec3 } from "../twin/paths/index.js";
import { MapFileError } from "../twin/radio-map/map-file.js";
import { factoryHall, isSceneError, loadScene, type Scene, sceneBounds, urbanDistrict } from "../twin/scene/index.js";
import { saveScene } from "../twin/scene/scene-file.js";
import { SurrogateFileError } from "../twin/surrogate/model-file.js";
import { type CliIo, UsageError } from "./io.js";
import { help, loadSceneArg, parseOptions, positiveNumber, wholeNumber } from "./options.js";
import { MAP_HELP, mapCommand } from "./twin-map.js";
import { SERVE_HELP, serveCommand } from "./twin-serve.js";
import { QUERY_HELP, queryCommand, TRAIN_HELP, trainCommand } from "./twin-surrogate.js";

const IMPORT_HELP = `usage: twinric twin import FILE --out scene.json

Converts a scene to the twin's own scene file: Sionna RT / Mitsuba XML with PLY meshes, GeoJSON
building footprints (height or building:levels), a bare PLY mesh, or a twinric scene file.
example:
  twinric twin import ../shared/scenes/sionna/etoile/etoile.xml --out etoile.json`;

const GENERATE_HELP = `usage: twinric twin generate urban-district|factory --out scene.json [--seed N]

Writes one of the bundled procedural scenes as a scene file: urban-district (6 x 6 blocks of 80 m with
20 m streets, buildings of 12-45 m, a stadium with pitch and stands in the middle) or factory (a
60 x 30 x 10 m hall with machines and racking). The seed picks the buildings / machines.
example:
  twinric twin generate urban-district --seed 7 --out district.json`;

const TRACE_HELP = `usage: twinric twin trace --scene S --tx x,y,z --rx x,y,z --freq HZ [--max-depth N] [--no-diffraction] [--json]

Paths from a transmitter to a receiver (metres, scene frame: x east, y north, z up): line of sight,
specular reflections up to --max-depth (default 3), first-order edge diffraction (UTD), with each path's
gain and complex amplitude (isotropic, vertically polarised antennas at both ends), delay, angles of departure and arrival
(azimuth from east counter-clockwise, elevation from the horizon, degrees) and interactions.
The total path gain is the power sum of the paths; coherentGainDb adds them in phase.
example:
  twinric twin trace --scene ../shared/scenes/sionna/simple_street_canyon/simple_street_canyon.xml \\
    --tx -30,0,20 --rx 40,5,1.5 --freq 3.5e9`;

export async function twinCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case "import":
        return await importCommand(rest, io);
      case "generate":
        return generateCommand(rest, io);
      case "trace":
        return await traceCommand(rest, io);
      case "map":
        return await mapCommand(rest, io);
      case "train":
        return await trainCommand(rest, io);
      case "query":
        return await queryCommand(rest, io);
      case "serve":
        return await serveCommand(rest, io);
      case undefined:
      case "--help":
      case "-h":
        io.stdout.write(
          `${IMPORT_HELP}\n\n${GENERATE_HELP}\n\n${TRACE_HELP}\n\n${MAP_HELP}\n\n${TRAIN_HELP}\n\n${QUERY_HELP}\n\n${SERVE_HELP}\n`,
        );
        return sub === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown twin command '${sub}' (import, generate, trace, map, train, query, serve)`);
    }
  } catch (e) {
    // broken input files and impossible settings: one line, exit status 2
    if (
      isSceneError(e) ||
      e instanceof RangeError ||
      e instanceof ConfigFileError ||
      e instanceof MapFileError ||
      e instanceof SurrogateFileError
    ) {
      io.stderr.write(`twinric: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function generateCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseOptions(
    argv,
    { out: { type: "string", short: "o" }, seed: { type: "string" } },
    GENERATE_HELP,
  );
  if (values.help) return help(io, GENERATE_HELP);
  const kind = positionals[0];
  if (positionals.length !== 1 || (kind !== "urban-district" && kind !== "factory")) {
    throw new UsageError(`expected urban-district or factory\n${GENERATE_HELP}`);
  }
  if (!values.out) throw new UsageError(`--out is required\n${GENERATE_HELP}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new UsageError(`--seed must be a whole number, got '${values.seed}'`);
  const options = seed === undefined ? {} : { seed };
  return writeScene(kind === "factory" ? factoryHall(options) : urbanDistrict(options), values.out as string, io);
}

/** Writes a scene file and says what is in it. */
function writeScene(scene: Scene, out: string, io: CliIo): number {
  writeFileSync(out, saveScene(scene));
  const b = sceneBounds(scene);
  const size = b ? b.max.map((x, i) => (x - b.min[i]).toFixed(1)).join(" x ") : "0 x 0 x 0";
  io.stderr.write(
    `${out}: ${scene.objects.length} objects, ${scene.triangles.length / 9} triangles, ${scene.materials.length} materials, ${size} m\n`,
  );
  return 0;
}

async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { out: { type: "string", short: "o" } }, IMPORT_HELP);
  if (values.help) return help(io, IMPORT_HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one input FILE\n${IMPORT_HELP}`);
  if (!values.out) throw new UsageError(`--out is required\n${IMPORT_HELP}`);
  return writeScene(await loadScene(positionals[0]), values.out as string, io);
}

function point(text: string | undefined, flag: string): Vec3 {
  if (text === undefined) throw new UsageError(`${flag} x,y,z is required\n${TRACE_HELP}`);
  try {
    return parseVec3(text, flag);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function traceCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      scene: { type: "string" },
      tx: { type: "string" },
      rx: { type: "string" },
      freq: { type: "string" },
      "max-depth": { type: "string" },
      "no-diffraction": { type: "boolean" },
      json: { type: "boolean" },
    },
    TRACE_HELP,
  );
  if (values.help) return help(io, TRACE_HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${TRACE_HELP}`);
  const tx = point(values.tx as string | undefined, "--tx");
  const rx = point(values.rx as string | undefined, "--rx");
  const frequencyHz = positiveNumber(values.freq as string | undefined, "--freq");
  const maxDepth = wholeNumber(values["max-depth"] as string | undefined, "--max-depth", 3, 10);
  const scene = await loadSceneArg(values.scene as string | undefined, TRACE_HELP);
  const ts = new TracingScene(scene);
  const [result] = solvePaths(ts, tx, [rx], { frequencyHz, maxDepth, diffraction: !values["no-diffraction"] });
  io.stdout.write(values.json ? `${JSON.stringify(pathsToJson(result), null, 2)}\n` : formatPaths(result));
  return 0;
}

/** A table for people: one line per path, strongest first. */
function formatPaths(result: Paths): string {
  const json = pathsToJson(result);
  const rows = [...json.paths].sort((a, b) => (b.gainDb ?? -Infinity) - (a.gainDb ?? -Infinity));
  const lines = [
    `path gain ${json.pathGainDb.toFixed(2)} dB (power sum of ${rows.length} paths; in phase ${json.coherentGainDb.toFixed(2)} dB)`,
    "",
    "type         gain dB   delay ns   AoD az/el deg     AoA az/el deg     via",
  ];
  for (const p of rows) {
    const via = p.interactions.map((x) => `${x.objects.join("+")}(${x.materials.join("+")})`).join(" > ");
    lines.push(
      [
        p.type.padEnd(11),
        p.gainDb.toFixed(2).padStart(8),
        (p.delayS * 1e9).toFixed(2).padStart(10),
        `${p.aod[0].toFixed(1)}/${p.aod[1].toFixed(1)}`.padStart(16),
        `${p.aoa[0].toFixed(1)}/${p.aoa[1].toFixed(1)}`.padStart(17),
        `  ${via}`,
      ].join(" "),
    );
  }
  for (const w of json.warnings ?? []) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}
