/**
 * A validated scenario file made complete: defaults filled in, cells flattened out of their sites with
 * their identities, neighbours, A3 settings and both their nominal (twin) and true (misaligned)
 * antennas, and every cross-reference checked. Pure: the file system stays in `load.ts`.
 */
import type { CellSpec } from "../../twin/antenna/cell-spec.js";
import type {
  A3Spec,
  CarrierSpec,
  MobilitySpec,
  RealitySpec,
  RrmSpec,
  ScenarioSpec,
  SceneSpec,
  TrafficSpec,
  XY,
} from "./schema.js";

/** Reports a problem at a JSON pointer of the scenario file (with its line). */
export type Fail = (pointer: string, message: string) => never;

export interface Carrier extends Required<CarrierSpec> {
  readonly subcarrierSpacingHz: number;
  /** Resource blocks of the carrier (TS 38.101 transmission bandwidth configuration). */
  readonly prbs: number;
}

export interface Propagation {
  readonly resM: number;
  readonly maxDepth: number;
  readonly diffraction: boolean;
  readonly rays: number;
  readonly heightM: number;
  readonly rangeM: number | undefined;
}

export interface A3 {
  readonly offsetDb: number;
  readonly hysteresisDb: number;
  readonly timeToTriggerMs: number;
  readonly reportIntervalMs: number;
}

/** A transmit point: the cell's own panel or one of its repeaters. */
export interface TransmitPoint {
  readonly id: string;
  /** What the twin believes. */
  readonly nominal: CellSpec;
  /** What the world has (misalignment applied). */
  readonly actual: CellSpec;
}

export interface ScenarioCell {
  readonly id: string;
  readonly index: number;
  readonly site: string;
  readonly siteIndex: number;
  readonly nci: number;
  readonly pci: number;
  readonly a3: A3;
  /** Cell individual offset Ocn of every cell as seen from this one, by cell index (dB). */
  readonly cellOffsetsDb: Float64Array;
  /** Neighbour cells by index. */
  readonly neighbours: readonly number[];
  /** The panel first, then the repeaters; SSB beam indices run over them in this order. */
  readonly points: readonly TransmitPoint[];
}

export interface UeGroup {
  readonly name: string;
  readonly count: number;
  readonly speedMps: XY;
  readonly area: [number, number, number, number] | undefined;
  readonly mobility: MobilitySpec;
  readonly traffic: TrafficSpec;
}

export interface Rrm {
  readonly tickMs: number;
  readonly beamReportPeriodMs: number;
  readonly beamReportTopK: number;
  readonly beamSwitchHysteresisDb: number;
  readonly l3FilterK: number;
  readonly rlf: {
    readonly qOutDb: number;
    readonly qInDb: number;
    readonly n310: number;
    readonly n311: number;
    readonly t310Ms: number;
    readonly reestablishmentMs: number;
  };
  readonly handover: { readonly preparationMs: number; readonly interruptionMs: number; readonly pingPongS: number };
  readonly inactivityS: number;
  readonly rrcSetupMs: number;
  readonly measuredCells: number;
  readonly idleMeasurementMs: number;
  /** Baseline CSI period (ms), or undefined: links adapt to the SSB beam's SINR. */
  readonly csiPeriodMs?: number;
}

export interface Reality {
  readonly objects: NonNullable<RealitySpec["objects"]>;
  readonly materials: NonNullable<RealitySpec["materials"]>;
  readonly shadowing: { readonly sigmaDb: number; readonly decorrelationM: number };
  readonly fastFading: { readonly enabled: boolean; readonly sigmaDb: number };
  readonly measurementNoiseDb: number;
  readonly positionErrorM: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly durationS: number;
  readonly scene: SceneSpec;
  readonly carrier: Carrier;
  readonly propagation: Propagation;
  readonly cells: readonly ScenarioCell[];
  readonly ues: readonly UeGroup[];
  readonly rrm: Rrm;
  readonly reality: Reality;
  /** Cell state changes, in time order. */
  readonly events: readonly CellEvent[];
}

export interface CellEvent {
  readonly atS: number;
  /** The cell's index. */
  readonly cell: number;
  readonly on: boolean;
}

export const RRM_DEFAULTS: Rrm = {
  tickMs: 20,
  beamReportPeriodMs: 40,
  beamReportTopK: 4,
  beamSwitchHysteresisDb: 1,
  l3FilterK: 4,
  rlf: { qOutDb: -8, qInDb: -6, n310: 10, n311: 1, t310Ms: 1000, reestablishmentMs: 200 },
  handover: { preparationMs: 40, interruptionMs: 30, pingPongS: 1 },
  inactivityS: 10,
  rrcSetupMs: 40,
  measuredCells: 8,
  idleMeasurementMs: 320,
};

export const A3_DEFAULTS: A3 = { offsetDb: 3, hysteresisDb: 1, timeToTriggerMs: 160, reportIntervalMs: 480 };

export const PROPAGATION_DEFAULTS = { resM: 2, maxDepth: 2, diffraction: true, rays: 200_000, heightM: 1.5 };

/** TS 38.101-1 / -2 maximum transmission bandwidth (PRBs) by subcarrier spacing (kHz) and bandwidth (MHz). */
const PRB_TABLE: Record<string, Record<number, number>> = {
  "fr1-15": { 5: 25, 10: 52, 15: 79, 20: 106, 25: 133, 30: 160, 40: 216, 50: 270 },
  "fr1-30": {
    5: 11,
    10: 24,
    15: 38,
    20: 51,
    25: 65,
    30: 78,
    40: 106,
    50: 133,
    60: 162,
    70: 189,
    80: 217,
    90: 245,
    100: 273,
  },
  "fr1-60": { 10: 11, 15: 18, 20: 24, 25: 31, 30: 38, 40: 51, 50: 65, 60: 79, 70: 93, 80: 107, 90: 121, 100: 135 },
  "fr2-60": { 50: 66, 100: 132, 200: 264 },
  "fr2-120": { 50: 32, 100: 66, 200: 132, 400: 264 },
};

/** FR1 ends at 7.125 GHz. */
const FR1_MAX_HZ = 7.125e9;

export function prbCount(bandwidthHz: number, subcarrierSpacingHz: number, frequencyHz: number): number {
  const key = `${frequencyHz <= FR1_MAX_HZ ? "fr1" : "fr2"}-${subcarrierSpacingHz / 1e3}`;
  const known = PRB_TABLE[key]?.[bandwidthHz / 1e6];
  // other bandwidths: the spectrum utilisation of the standard ones (about 95 %)
  return known ?? Math.max(1, Math.floor((0.95 * bandwidthHz) / (12 * subcarrierSpacingHz)));
}

export function resolveScenario(spec: ScenarioSpec, fail: Fail): Scenario {
  const scs = 15e3 * 2 ** spec.carrier.numerology;
  const carrier: Carrier = {
    cqiTable: 1,
    ueNoiseFigureDb: 7,
    gnbNoiseFigureDb: 5,
    uePowerDbm: 23,
    maxLayers: 2,
    ...spec.carrier,
    subcarrierSpacingHz: scs,
    prbs: prbCount(spec.carrier.bandwidthHz, scs, spec.carrier.frequencyHz),
  };
  const propagation: Propagation = { ...PROPAGATION_DEFAULTS, rangeM: undefined, ...spec.propagation };
  const rrm = resolveRrm(spec.rrm);
  const cells = resolveCells(spec, fail);
  const reality: Reality = {
    objects: spec.reality?.objects ?? [],
    materials: spec.reality?.materials ?? [],
    shadowing: { sigmaDb: 0, decorrelationM: 20, ...spec.reality?.shadowing },
    fastFading: { enabled: true, sigmaDb: 2, ...spec.reality?.fastFading },
    measurementNoiseDb: spec.reality?.measurementNoiseDb ?? 1,
    positionErrorM: spec.reality?.positionErrorM ?? 3,
  };
  const ids = new Set<string>();
  for (const [k, o] of reality.objects.entries()) {
    if (ids.has(o.id)) fail(`/reality/objects/${k}/id`, `object id '${o.id}' is used twice`);
    ids.add(o.id);
  }
  const names = new Set<string>();
  const ues = spec.ues.map((g, k): UeGroup => {
    if (names.has(g.name)) fail(`/ues/${k}/name`, `UE group name '${g.name}' is used twice`);
    names.add(g.name);
    const speed = g.speedMps ?? defaultSpeed(g.mobility);
    if (speed[1] < speed[0]) fail(`/ues/${k}/speedMps`, `the range [${speed}] runs backwards`);
    if (g.area && !(g.area[2] > g.area[0] && g.area[3] > g.area[1])) {
      fail(`/ues/${k}/area`, "must be [x0, y0, x1, y1] with x1 > x0 and y1 > y0");
    }
    return {
      name: g.name,
      count: g.count,
      speedMps: speed,
      area: g.area,
      mobility: g.mobility,
      traffic: g.traffic ?? { model: "full-buffer" },
    };
  });
  if (rrm.beamReportPeriodMs < rrm.tickMs) {
    fail("/rrm/beamReportPeriodMs", `${rrm.beamReportPeriodMs} ms is shorter than the tick (${rrm.tickMs} ms)`);
  }
  if (rrm.rlf.qInDb < rrm.rlf.qOutDb) fail("/rrm/rlf/qInDb", "must not be below qOutDb");
  const events = (spec.events ?? []).map((e, k): CellEvent => {
    const cell = cells.findIndex((c) => c.id === e.cell);
    if (cell < 0) fail(`/events/${k}/cell`, `no cell '${e.cell}' in the scenario`);
    return { atS: e.atS, cell, on: e.state === "on" };
  });
  events.sort((a, b) => a.atS - b.atS); // stable: same-time events keep the file's order
  return {
    name: spec.name,
    description: spec.description ?? "",
    seed: spec.seed,
    durationS: spec.durationS ?? 60,
    scene: spec.scene,
    carrier,
    propagation,
    cells,
    ues,
    rrm,
    reality,
    events,
  };
}

function defaultSpeed(m: MobilitySpec): XY {
  if (m.model === "static") return [0, 0];
  if (m.model === "vehicles") return [8, 14];
  return [1, 1.8];
}

function resolveRrm(r: RrmSpec | undefined): Rrm {
  const d = RRM_DEFAULTS;
  return {
    ...d,
    ...r,
    rlf: { ...d.rlf, ...r?.rlf },
    handover: { ...d.handover, ...r?.handover },
  };
}

function resolveCells(spec: ScenarioSpec, fail: Fail): ScenarioCell[] {
  const a3Defaults = { ...A3_DEFAULTS, ...definedOf(spec.rrm?.a3) };
  const flat = spec.sites.flatMap((site, s) => site.cells.map((cell, c) => ({ site, s, cell, c })));
  const indexOf = new Map<string, number>();
  const siteIds = new Set<string>();
  spec.sites.forEach((site, s) => {
    if (siteIds.has(site.id)) fail(`/sites/${s}/id`, `site id '${site.id}' is used twice`);
    siteIds.add(site.id);
  });
  flat.forEach(({ cell, s, c }, i) => {
    if (indexOf.has(cell.id)) fail(`/sites/${s}/cells/${c}/id`, `cell id '${cell.id}' is used twice`);
    indexOf.set(cell.id, i);
  });
  const misaligned = new Map<string, { azimuthDeg: number; downtiltDeg: number }>();
  for (const [k, m] of (spec.reality?.misalignment ?? []).entries()) {
    if (!indexOf.has(m.cell)) fail(`/reality/misalignment/${k}/cell`, `no cell '${m.cell}' in the scenario`);
    misaligned.set(m.cell, { azimuthDeg: m.azimuthDeg ?? 0, downtiltDeg: m.downtiltDeg ?? 0 });
  }
  for (const n of Object.keys(spec.rrm?.a3?.cellOffsetsDb ?? {})) {
    if (!indexOf.has(n)) fail("/rrm/a3/cellOffsetsDb", `no cell '${n}' in the scenario`);
  }
  const ncis = new Set<number>();
  const pointIds = new Set<string>(indexOf.keys());
  return flat.map(({ site, s, cell, c }, i): ScenarioCell => {
    const at = `/sites/${s}/cells/${c}`;
    if ((cell.azimuthDeg === undefined) === (cell.bearingDeg === undefined)) {
      fail(at, "give exactly one of azimuthDeg (from east, counter-clockwise) and bearingDeg (from north, clockwise)");
    }
    // 22-bit gNB id per site, the cell's number in the low 14 bits
    const nci = cell.nci ?? (s + 1) * 2 ** 14 + c;
    if (ncis.has(nci)) fail(`${at}/nci`, `NR cell identity ${nci} is used twice`);
    ncis.add(nci);
    const neighbours = (cell.neighbours ?? flat.map((f) => f.cell.id).filter((x) => x !== cell.id)).map((n, k) => {
      const j = indexOf.get(n);
      if (j === undefined) fail(`${at}/neighbours/${k}`, `no cell '${n}' in the scenario`);
      if (j === i) fail(`${at}/neighbours/${k}`, "a cell is not its own neighbour");
      return j;
    });
    const a3Spec = { ...a3Defaults, ...definedOf(cell.a3) };
    const cellOffsetsDb = new Float64Array(flat.length);
    for (const [n, offset] of Object.entries({ ...spec.rrm?.a3?.cellOffsetsDb, ...cell.a3?.cellOffsetsDb })) {
      const j = indexOf.get(n);
      if (j === undefined) fail(`${at}/a3/cellOffsetsDb`, `no cell '${n}' in the scenario`);
      cellOffsetsDb[j] = offset;
    }
    const delta = misaligned.get(cell.id);
    const panel: CellSpec = {
      id: cell.id,
      position: [site.position[0], site.position[1], site.heightM],
      ...(cell.bearingDeg !== undefined ? { bearingDeg: cell.bearingDeg } : { azimuthDeg: cell.azimuthDeg }),
      downtiltDeg: cell.downtiltDeg ?? 0,
      powerDbm: cell.powerDbm,
      array: cell.array,
      codebook: cell.codebook,
    };
    const repeaters = (cell.repeaters ?? []).map((r, k): TransmitPoint => {
      if (pointIds.has(r.id)) fail(`${at}/repeaters/${k}/id`, `id '${r.id}' is already a cell or repeater`);
      pointIds.add(r.id);
      if ((r.azimuthDeg === undefined) === (r.bearingDeg === undefined)) {
        fail(`${at}/repeaters/${k}`, "give exactly one of azimuthDeg and bearingDeg");
      }
      const spec: CellSpec = { ...r, downtiltDeg: r.downtiltDeg ?? 0 };
      return { id: r.id, nominal: spec, actual: spec };
    });
    return {
      id: cell.id,
      index: i,
      site: site.id,
      siteIndex: s,
      nci,
      // (PCIs may repeat in a real network; by default every cell of the scenario gets its own)
      pci: cell.pci ?? i % 1008,
      a3: {
        offsetDb: a3Spec.offsetDb,
        hysteresisDb: a3Spec.hysteresisDb,
        timeToTriggerMs: a3Spec.timeToTriggerMs,
        reportIntervalMs: a3Spec.reportIntervalMs,
      },
      cellOffsetsDb,
      neighbours,
      points: [{ id: cell.id, nominal: panel, actual: delta ? misalign(panel, delta) : panel }, ...repeaters],
    };
  });
}

/** The same panel turned by `delta` (azimuth counter-clockwise, downtilt down). */
function misalign(spec: CellSpec, delta: { azimuthDeg: number; downtiltDeg: number }): CellSpec {
  const azimuthDeg = spec.azimuthDeg ?? 90 - spec.bearingDeg!;
  const { bearingDeg: _, ...rest } = spec;
  return {
    ...rest,
    azimuthDeg: azimuthDeg + delta.azimuthDeg,
    downtiltDeg: (spec.downtiltDeg ?? 0) + delta.downtiltDeg,
  };
}

function definedOf(a: A3Spec | undefined): Partial<A3> {
  if (!a) return {};
  const out: Partial<Record<keyof A3, number>> = {};
  if (a.offsetDb !== undefined) out.offsetDb = a.offsetDb;
  if (a.hysteresisDb !== undefined) out.hysteresisDb = a.hysteresisDb;
  if (a.timeToTriggerMs !== undefined) out.timeToTriggerMs = a.timeToTriggerMs;
  if (a.reportIntervalMs !== undefined) out.reportIntervalMs = a.reportIntervalMs;
  return out;
}
