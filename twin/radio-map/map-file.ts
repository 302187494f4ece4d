/**
 * The radio map's compact binary file, for the simulator and the surrogate pipeline:
 *
 *   "TWRMAP01" (8 octets) | header length n (uint32 LE) | header: n octets of UTF-8 JSON (RadioMapMeta)
 *   | zero padding to a multiple of 4 | gains: float32 LE, cell-major, then beam, then grid cell
 *
 * Loading checks every part and names what is wrong and where.
 */
import { RadioMap, type RadioMapMeta } from "./radio-map.js";

const MAGIC = "TWRMAP01";

export class MapFileError extends Error {
  override name = "MapFileError";
  constructor(file: string, reason: string) {
    super(`cannot load radio map ${file}: ${reason}`);
  }
}

export function encodeRadioMap(map: RadioMap): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(map.meta));
  const start = align4(12 + header.length);
  const out = new Uint8Array(start + map.gains.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  for (let i = 0; i < map.gains.length; i++) view.setFloat32(start + i * 4, map.gains[i], true);
  return out;
}

const align4 = (n: number) => (n + 3) & ~3;

export function decodeRadioMap(bytes: Uint8Array, file: string): RadioMap {
  const fail = (reason: string): never => {
    throw new MapFileError(file, reason);
  };
  if (bytes.length < 12) fail(`${bytes.length} octets is too short for a header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) fail(`octets 0-7 read ${JSON.stringify(magic)}, not ${MAGIC}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  if (12 + n > bytes.length) fail(`header claims ${n} octets at octet 12, the file has ${bytes.length - 12} left`);
  let meta: RadioMapMeta;
  try {
    meta = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + n)));
  } catch (e) {
    return fail(`header (octets 12-${11 + n}) is not JSON: ${(e as Error).message}`);
  }
  const g = meta?.grid;
  if (!g || ![g.x0, g.y0, g.resM].every(Number.isFinite) || !(g.width > 0) || !(g.height > 0))
    fail("header.grid is missing or invalid");
  if (!Array.isArray(meta.cells) || meta.cells.some((c) => !Number.isInteger(c?.beams) || c.beams < 1))
    fail("header.cells is missing or invalid");
  for (const key of ["heightM", "frequencyHz", "bandwidthHz", "subcarrierSpacingHz", "noiseFigureDb"] as const) {
    if (!Number.isFinite(meta[key])) fail(`header.${key} is missing or not a number`);
  }
  const start = align4(12 + n);
  const expected = meta.cells.reduce((s, c) => s + c.beams, 0) * g.width * g.height;
  if (bytes.length - start !== expected * 4) {
    fail(
      `expected ${expected} gains (${expected * 4} octets from octet ${start}), the file has ${bytes.length - start} octets there`,
    );
  }
  const gains = new Float32Array(expected);
  for (let i = 0; i < expected; i++) gains[i] = view.getFloat32(start + i * 4, true);
  return new RadioMap(meta, gains);
}
