/**
 * `twinric twin map`: radio maps of cells over a scene, as PNG pictures and the binary map file.
 */
import { writeFileSync } from "node:fs";
import { CELLS_FILE_SCHEMA, type CellSpec } from "../twin/antenna/cell-spec.js";
import { loadYamlFile } from "../twin/config/yaml-config.js";
import {
  buildingMask,
  encodeRadioMap,
  RADIO_MAP_DEFAULTS,
  renderCategorical,
  renderHeatmap,
  solveRadioMap,
} from "../twin/radio-map/index.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./io.js";
import { help, loadSceneArg, parseOptions, positiveNumber, wholeNumber } from "./options.js";
import { progress } from "./progress.js";

export const MAP_HELP = `usage: twinric twin map --scene S --cells cells.yaml --out map.png [--data map.bin] [--res 1] [--height 1.5]
                       [--freq 3.5e9] [--max-depth 3] [--no-diffraction] [--rays 1000000] [--area x0,y0,x1,y1] [--threads N]

Radio maps of the cells in cells.yaml over the scene, on a grid at --height metres: per cell and beam the
path gain (line of sight, reflections up to --max-depth, first-order diffraction), then RSRP of the
serving cell's best beam (--out), SINR (map-sinr.png), best beam (map-beam.png) and, with several
cells, best cell (map-cell.png). --data writes every gain to a binary file the simulator loads.
Discovery rays (--rays) decide which paths are found; doubling them should change little.

cells.yaml:
  cells:
    - id: north-1
      position: [0, 0, 30]          # metres, scene frame (x east, y north, z up)
      bearingDeg: 90                # boresight, clockwise from north (or azimuthDeg from east, CCW)
      downtiltDeg: 6
      powerDbm: 43
      array: { rows: 4, cols: 8, pattern: tr38901 }
      codebook: { kind: ssb, count: 8, azimuthSpanDeg: 120 }`;

function areaArg(text: string | undefined) {
  if (text === undefined) return undefined;
  const v = text.split(",").map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || !(v[2] > v[0] && v[3] > v[1])) {
    throw new UsageError(`--area must be x0,y0,x1,y1 with x1 > x0 and y1 > y0, got '${text}'`);
  }
  return { x0: v[0], y0: v[1], x1: v[2], y1: v[3] };
}

export async function mapCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      scene: { type: "string" },
      cells: { type: "string" },
      out: { type: "string", short: "o" },
      data: { type: "string" },
      res: { type: "string" },
      height: { type: "string" },
      freq: { type: "string" },
      "max-depth": { type: "string" },
      "no-diffraction": { type: "boolean" },
      rays: { type: "string" },
      area: { type: "string" },
      threads: { type: "string" },
    },
    MAP_HELP,
  );
  if (values.help) return help(io, MAP_HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${MAP_HELP}`);
  if (!values.cells) throw new UsageError(`--cells is required\n${MAP_HELP}`);
  if (!values.out) throw new UsageError(`--out is required\n${MAP_HELP}`);
  const out = values.out as string;
  if (!out.endsWith(".png")) throw new UsageError(`--out must name a .png file, got '${out}'`);
  const resM = positiveNumber(values.res as string | undefined, "--res", RADIO_MAP_DEFAULTS.resM);
  const heightM = positiveNumber(values.height as string | undefined, "--height", RADIO_MAP_DEFAULTS.heightM);
  const frequencyHz = positiveNumber(values.freq as string | undefined, "--freq", 3.5e9);
  const rays = positiveNumber(values.rays as string | undefined, "--rays", RADIO_MAP_DEFAULTS.rays);
  const maxDepth = wholeNumber(
    values["max-depth"] as string | undefined,
    "--max-depth",
    RADIO_MAP_DEFAULTS.maxDepth,
    6,
  );
  const threads =
    values.threads === undefined ? undefined : Math.round(positiveNumber(values.threads as string, "--threads"));
  const area = areaArg(values.area as string | undefined);
  const { cells } = loadYamlFile<{ cells: CellSpec[] }>(values.cells as string, CELLS_FILE_SCHEMA);
  const scene = await loadSceneArg(values.scene as string | undefined, MAP_HELP);

  const bar = progress(io);
  const started = performance.now();
  const map = await solveRadioMap(scene, cells, {
    frequencyHz,
    heightM,
    resM,
    area,
    maxDepth,
    diffraction: !values["no-diffraction"],
    rays: Math.round(rays),
    threads,
    onProgress: (phase, f) => bar.update(phase, f),
  }).finally(() => bar.stop());
  const seconds = (performance.now() - started) / 1000;

  const { grid } = map.meta;
  const buildings = buildingMask(scene, grid, heightM);
  const markers = cells.map((c) => ({ x: c.position[0], y: c.position[1], label: c.id }));
  const serving = map.serving();
  const base = out.slice(0, -".png".length);
  const what = `${scene.metadata.name}, ${(frequencyHz / 1e9).toFixed(2)} GHz, ${heightM} m`;
  const written = [out];
  writeFileSync(
    out,
    renderHeatmap({
      grid,
      values: serving.rsrpDbm,
      unit: "dBm",
      title: `RSRP, best beam of the serving cell (${what})`,
      buildings,
      markers,
    }),
  );
  writeFileSync(
    `${base}-sinr.png`,
    renderHeatmap({ grid, values: serving.sinrDb, unit: "dB", title: `SINR, full load (${what})`, buildings, markers }),
  );
  written.push(`${base}-sinr.png`);
  // best beam of the serving cell, numbered per cell
  const beam = new Int16Array(serving.cell.length).fill(-1);
  const perCell = cells.map((_, c) => map.bestBeam(c).beam);
  for (let k = 0; k < beam.length; k++) if (serving.cell[k] >= 0) beam[k] = perCell[serving.cell[k]][k];
  const beams = Math.max(...map.meta.cells.map((c) => c.beams));
  writeFileSync(
    `${base}-beam.png`,
    renderCategorical({
      grid,
      values: beam,
      labels: Array.from({ length: beams }, (_, b) => `beam ${b}`),
      title: `Best beam of the serving cell (${what})`,
      buildings,
      markers,
    }),
  );
  written.push(`${base}-beam.png`);
  if (cells.length > 1) {
    writeFileSync(
      `${base}-cell.png`,
      renderCategorical({
        grid,
        values: serving.cell,
        labels: cells.map((c) => c.id),
        title: `Serving cell (${what})`,
        buildings,
        markers,
      }),
    );
    written.push(`${base}-cell.png`);
  }
  if (values.data) {
    writeFileSync(values.data as string, encodeRadioMap(map));
    written.push(values.data as string);
  }
  io.stderr.write(
    `${grid.width} x ${grid.height} cells at ${resM} m, ${cells.length} cell(s), ${seconds.toFixed(1)} s: ${written.join(", ")}\n`,
  );
  return 0;
}
