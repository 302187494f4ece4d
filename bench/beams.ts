/**
 * Beam-gain throughput, one core: `beamGains` (every beam's linear gain for a global departure direction,
 * the radio map's inner call) for an 8-beam SSB set on a 4 x 8 panel with the 38.901 element, and for
 * context the same beams through the general (unfactored) path, a 32-beam DFT grid, and the per-element
 * `elementResponse` used by channel synthesis.
 *
 *   npx tsx bench/beams.ts [--seconds 1] [--runs 5]
 *
 * Prints a markdown table (median of the runs) for BENCHMARKS.md.
 */
import { parseArgs } from "node:util";
import {
  beamGains,
  type Cell,
  createCell,
  customCodebook,
  dftCodebook,
  directionFromAngles,
  elementResponse,
  PlanarArray,
  ssbBeams,
  steeredCodebook,
} from "../twin/antenna/index.js";
import { median } from "./median.js";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "1" }, runs: { type: "string", default: "5" } },
});
const SECONDS = Number(values.seconds);
const RUNS = Number(values.runs);

const DIRECTION_COUNT = 1 << 16;
const array = new PlanarArray({ rows: 4, cols: 8, pattern: "tr38901" });
const cellAt = (codebook: Parameters<typeof createCell>[0]["codebook"]): Cell =>
  createCell({ id: "bench", position: [0, 0, 25], azimuthDeg: 30, downtiltDeg: 6, powerDbm: 43, array, codebook });
const ssbCodebook = steeredCodebook(array, ssbBeams({ count: 8, azimuthSpanDeg: 120 }));
const ssbCell = cellAt(ssbCodebook);
// the same beams without their Kronecker factors: the general path, one product per element
const unfactoredCell = cellAt(customCodebook(ssbCodebook.weights, array.elementCount));
const dftCell = cellAt(dftCodebook(array, { o1: 1, o2: 1 }));

/** Seeded directions over the whole sphere (a radio map sees every side of the panel), flat xyz. */
function randomDirections(): Float64Array {
  const directions = new Float64Array(3 * DIRECTION_COUNT);
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let i = 0; i < DIRECTION_COUNT; i++) {
    directionFromAngles(2 * Math.PI * random(), Math.asin(2 * random() - 1), directions, 3 * i);
  }
  return directions;
}
const directions = randomDirections();

type Kernel = (cell: Cell, offset: number, out: Float64Array) => void;

/**
 * Calls per CPU second of `kernel` over the directions, looping for about `SECONDS` of CPU time. CPU time,
 * not wall time, so that other processes on a shared machine do not count against us.
 */
function callsPerCpuSecond(cell: Cell, kernel: Kernel, out: Float64Array): number {
  let calls = 0;
  let checksum = 0;
  const cpuMicros = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const start = cpuMicros();
  let now = start;
  while (now - start < SECONDS * 1e6) {
    for (let i = 0; i < DIRECTION_COUNT; i++) kernel(cell, 3 * i, out);
    checksum += out[0];
    calls += DIRECTION_COUNT;
    now = cpuMicros();
  }
  if (Number.isNaN(checksum)) throw new Error("NaN gain");
  return calls / ((now - start) / 1e6);
}

const gains: Kernel = (cell, offset, out) => beamGains(cell, directions, out, offset);

const cases: { name: string; cell: Cell; kernel: Kernel; out: Float64Array }[] = [
  {
    name: "beamGains, 8 SSB beams, 4x8 tr38901",
    cell: ssbCell,
    kernel: gains,
    out: new Float64Array(8),
  },
  {
    name: "beamGains, same 8 beams as custom weights (no factors)",
    cell: unfactoredCell,
    kernel: gains,
    out: new Float64Array(8),
  },
  {
    name: "beamGains, 32 DFT beams (O1 = O2 = 1), 4x8 tr38901",
    cell: dftCell,
    kernel: gains,
    out: new Float64Array(32),
  },
  {
    name: "elementResponse, 32 elements",
    cell: ssbCell,
    kernel: (cell, offset, out) => elementResponse(cell, directions, out, offset),
    out: new Float64Array(64),
  },
];

console.log(`| call | calls per CPU second | ns/call |\n|---|---:|---:|`);
for (const { name, cell, kernel, out } of cases) {
  callsPerCpuSecond(cell, kernel, out); // warm-up: let the JIT settle before measuring
  const rate = median(Array.from({ length: RUNS }, () => callsPerCpuSecond(cell, kernel, out)));
  console.log(`| ${name} | ${Math.round(rate).toLocaleString("en-US")} | ${(1e9 / rate).toFixed(0)} |`);
}
