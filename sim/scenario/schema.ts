/**
 * The scenario file: its TypeScript shape and its JSON Schema, the one source of what a file may say.
 * Loading validates against the schema (errors name the line and the field), then `resolve.ts` fills
 * the defaults and checks what a schema cannot (ids that must exist, positions inside the scene).
 */
import { CELL_SPEC_SCHEMA, type CellSpec } from "../../twin/antenna/cell-spec.js";

export type XY = [number, number];
export type XYZ = [number, number, number];

export type SceneSpec =
  | { readonly file: string }
  | { readonly generator: "urban-district"; readonly options?: Record<string, unknown> }
  | { readonly generator: "factory-hall"; readonly options?: Record<string, unknown> };

export interface CarrierSpec {
  readonly frequencyHz: number;
  readonly bandwidthHz: number;
  /** 5G NR numerology mu: subcarrier spacing 15 kHz x 2^mu. */
  readonly numerology: number;
  /** CQI table of TS 38.214 5.2.2.1 (1: up to 64QAM, 2: up to 256QAM). */
  readonly cqiTable?: 1 | 2;
  readonly ueNoiseFigureDb?: number;
  readonly gnbNoiseFigureDb?: number;
  readonly uePowerDbm?: number;
  /** Largest number of layers a UE receives (rank), 1..4. */
  readonly maxLayers?: number;
}

export interface PropagationSpec {
  /** Radio-map grid resolution (m). */
  readonly resM?: number;
  readonly maxDepth?: number;
  readonly diffraction?: boolean;
  readonly rays?: number;
  /** UE height: the radio maps' plane (m). */
  readonly heightM?: number;
  /** Each transmit point's map covers this far around it (m); default: the whole scene. */
  readonly rangeM?: number;
}

export interface A3Spec {
  readonly offsetDb?: number;
  readonly hysteresisDb?: number;
  readonly timeToTriggerMs?: number;
  /** While A3 holds, the UE reports again this often (38.331 reportInterval), e.g. after a RIC said no. */
  readonly reportIntervalMs?: number;
  /** Cell individual offsets Ocn of neighbours, by cell id (dB). */
  readonly cellOffsetsDb?: Record<string, number>;
}

/** An antenna panel as the twin's cells file describes it (boresight, tilt, power, array, beams). */
export type PanelSpec = Omit<CellSpec, "id" | "position">;

/** A beamforming repeater (network-controlled repeater) extending a cell: its own array and beams. */
export interface RepeaterSpec extends PanelSpec {
  readonly id: string;
  readonly position: XYZ;
}

export interface CellScenarioSpec extends PanelSpec {
  readonly id: string;
  /** NR cell identity (36 bits); default: derived from the site and cell order. */
  readonly nci?: number;
  readonly pci?: number;
  /** Neighbour cell ids (default: every other cell). */
  readonly neighbours?: string[];
  readonly a3?: A3Spec;
  readonly repeaters?: RepeaterSpec[];
}

export interface SiteSpec {
  readonly id: string;
  readonly position: XY;
  /** Antenna height above ground (m). */
  readonly heightM: number;
  readonly cells: CellScenarioSpec[];
}

export type MobilitySpec =
  | { readonly model: "static" }
  | { readonly model: "random-routes" }
  | { readonly model: "vehicles"; readonly clearanceM?: number }
  | {
      readonly model: "hotspot";
      readonly centre: XY;
      readonly radiusM: number;
      /** When the crowd starts heading there and how long it takes to gather (s). */
      readonly startS?: number;
      readonly gatherS?: number;
    }
  | { readonly model: "waypoints"; readonly waypoints: XY[]; readonly loop?: boolean };

export type TrafficSpec =
  | { readonly model: "full-buffer" }
  | { readonly model: "web"; readonly meanFileBytes?: number; readonly meanReadingS?: number }
  | { readonly model: "video"; readonly bitrateMbps?: number; readonly segmentS?: number };

export interface UeGroupSpec {
  readonly name: string;
  readonly count: number;
  readonly speedMps?: XY;
  /** Where the group starts: a rectangle [x0, y0, x1, y1] (default: the whole walkable area). */
  readonly area?: [number, number, number, number];
  readonly mobility: MobilitySpec;
  readonly traffic?: TrafficSpec;
}

export interface RrmSpec {
  /** Simulation step (ms): mobility, measurements, scheduling. */
  readonly tickMs?: number;
  /** L1-RSRP beam report period (ms) and beams per report. */
  readonly beamReportPeriodMs?: number;
  readonly beamReportTopK?: number;
  /** The serving beam changes when a reported beam is stronger by this much (dB). */
  readonly beamSwitchHysteresisDb?: number;
  /** Layer-3 filter coefficient k (TS 38.331: a = 1/2^(k/4)). */
  readonly l3FilterK?: number;
  readonly a3?: A3Spec;
  readonly rlf?: {
    readonly qOutDb?: number;
    readonly qInDb?: number;
    readonly n310?: number;
    readonly n311?: number;
    readonly t310Ms?: number;
    readonly reestablishmentMs?: number;
  };
  readonly handover?: {
    /** From the measurement report to the command (ms). */
    readonly preparationMs?: number;
    /** No data while the UE switches cells (ms). */
    readonly interruptionMs?: number;
    /** A handover back to the previous cell within this time is a ping-pong (s). */
    readonly pingPongS?: number;
  };
  /** RRC: connected UEs without data go idle after this (s); a setup takes setupMs. */
  readonly inactivityS?: number;
  readonly rrcSetupMs?: number;
  /** Candidate cells each UE measures (the strongest around it). */
  readonly measuredCells?: number;
  /** Idle UEs measure once per DRX cycle, this long (ms; TS 38.133 idle-mode measurement period). */
  readonly idleMeasurementMs?: number;
  /** The gNB runs Type I CSI for every connected UE this often (ms) and adapts links to it; absent: off. */
  readonly csiPeriodMs?: number;
}

export interface RealitySpec {
  /** Objects the twin does not know (trucks, containers, new walls). */
  readonly objects?: {
    readonly id: string;
    readonly centre: XY;
    /** Length (x), width (y), height (m). */
    readonly sizeM: XYZ;
    readonly yawDeg?: number;
    readonly material?: string;
  }[];
  /** Objects whose material differs from the twin's: names matched with `*` wildcards. */
  readonly materials?: { readonly objects: string; readonly material: string }[];
  /** Antennas pointing elsewhere than the twin believes. */
  readonly misalignment?: { readonly cell: string; readonly azimuthDeg?: number; readonly downtiltDeg?: number }[];
  /** Log-normal shadowing per transmit point, spatially correlated. */
  readonly shadowing?: { readonly sigmaDb: number; readonly decorrelationM?: number };
  /** Fast fading on every link (Doppler from the UE's speed). */
  readonly fastFading?: { readonly enabled?: boolean; readonly sigmaDb?: number };
  /** Gaussian error of every reported measurement (dB). */
  readonly measurementNoiseDb?: number;
  /** Standard deviation of the UE positions the node reports (E2SM-BM), metres. */
  readonly positionErrorM?: number;
}

export interface ScenarioSpec {
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  /** Default run length (s). */
  readonly durationS?: number;
  readonly scene: SceneSpec;
  readonly carrier: CarrierSpec;
  readonly propagation?: PropagationSpec;
  readonly sites: SiteSpec[];
  readonly ues: UeGroupSpec[];
  readonly rrm?: RrmSpec;
  readonly reality?: RealitySpec;
  /** Things that happen during the run: a cell switched off (an outage, energy saving) or back on. */
  readonly events?: CellEventSpec[];
}

export interface CellEventSpec {
  readonly atS: number;
  readonly cell: string;
  readonly state: "off" | "on";
}

const num = { type: "number" };
const xy = { type: "array", items: num, minItems: 2, maxItems: 2 };
const xyz = { type: "array", items: num, minItems: 3, maxItems: 3 };
const id = { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_.-]+$" };
const db = { type: "number", minimum: -100, maximum: 100 };
const ms = (max: number) => ({ type: "number", minimum: 0, maximum: max });
const strictObject = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
});

const a3Schema = strictObject({
  offsetDb: db,
  hysteresisDb: { type: "number", minimum: 0, maximum: 30 },
  timeToTriggerMs: ms(5120),
  reportIntervalMs: { type: "number", minimum: 120, maximum: 3_600_000 },
  cellOffsetsDb: { type: "object", additionalProperties: db },
});

/** The panel fields of the twin's cell schema (a cell's position comes from its site). */
const { id: _id, position: _position, ...panelProps } = CELL_SPEC_SCHEMA.properties;
const panelRequired = ["powerDbm", "array", "codebook"];

const repeaterSchema = strictObject({ id, position: xyz, ...panelProps }, ["id", "position", ...panelRequired]);

const cellSchema = strictObject(
  {
    id,
    ...panelProps,
    nci: { type: "integer", minimum: 0, maximum: 68719476735 },
    pci: { type: "integer", minimum: 0, maximum: 1007 },
    neighbours: { type: "array", items: id },
    a3: a3Schema,
    repeaters: { type: "array", items: repeaterSchema, maxItems: 16 },
  },
  ["id", ...panelRequired],
);

const mobilitySchema = {
  type: "object",
  required: ["model"],
  oneOf: [
    strictObject({ model: { const: "static" } }, ["model"]),
    strictObject({ model: { const: "random-routes" } }, ["model"]),
    strictObject({ model: { const: "vehicles" }, clearanceM: { type: "number", minimum: 0, maximum: 50 } }, ["model"]),
    strictObject(
      {
        model: { const: "hotspot" },
        centre: xy,
        radiusM: { type: "number", exclusiveMinimum: 0 },
        startS: { type: "number", minimum: 0 },
        gatherS: { type: "number", minimum: 0 },
      },
      ["model", "centre", "radiusM"],
    ),
    strictObject(
      {
        model: { const: "waypoints" },
        waypoints: { type: "array", items: xy, minItems: 2 },
        loop: { type: "boolean" },
      },
      ["model", "waypoints"],
    ),
  ],
};

const trafficSchema = {
  type: "object",
  required: ["model"],
  oneOf: [
    strictObject({ model: { const: "full-buffer" } }, ["model"]),
    strictObject(
      {
        model: { const: "web" },
        meanFileBytes: { type: "number", exclusiveMinimum: 0, maximum: 1e10 },
        meanReadingS: { type: "number", exclusiveMinimum: 0, maximum: 3600 },
      },
      ["model"],
    ),
    strictObject(
      {
        model: { const: "video" },
        bitrateMbps: { type: "number", exclusiveMinimum: 0, maximum: 1000 },
        segmentS: { type: "number", exclusiveMinimum: 0, maximum: 60 },
      },
      ["model"],
    ),
  ],
};

export const SCENARIO_SCHEMA = strictObject(
  {
    name: id,
    description: { type: "string" },
    seed: { type: "integer", minimum: 0, maximum: 4294967295 },
    durationS: { type: "number", exclusiveMinimum: 0, maximum: 86400 },
    scene: {
      type: "object",
      oneOf: [
        strictObject({ file: { type: "string", minLength: 1 } }, ["file"]),
        strictObject({ generator: { enum: ["urban-district", "factory-hall"] }, options: { type: "object" } }, [
          "generator",
        ]),
      ],
    },
    carrier: strictObject(
      {
        frequencyHz: { type: "number", minimum: 4e8, maximum: 1e11 },
        bandwidthHz: { type: "number", minimum: 1e6, maximum: 4e8 },
        numerology: { type: "integer", minimum: 0, maximum: 4 },
        cqiTable: { enum: [1, 2] },
        ueNoiseFigureDb: { type: "number", minimum: 0, maximum: 30 },
        gnbNoiseFigureDb: { type: "number", minimum: 0, maximum: 30 },
        uePowerDbm: { type: "number", minimum: -40, maximum: 40 },
        maxLayers: { type: "integer", minimum: 1, maximum: 4 },
      },
      ["frequencyHz", "bandwidthHz", "numerology"],
    ),
    propagation: strictObject({
      resM: { type: "number", minimum: 0.1, maximum: 100 },
      maxDepth: { type: "integer", minimum: 0, maximum: 6 },
      diffraction: { type: "boolean" },
      rays: { type: "integer", minimum: 1000, maximum: 100000000 },
      heightM: { type: "number", minimum: 0, maximum: 100 },
      rangeM: { type: "number", exclusiveMinimum: 0 },
    }),
    sites: {
      type: "array",
      minItems: 1,
      maxItems: 1000,
      items: strictObject(
        {
          id,
          position: xy,
          heightM: { type: "number", exclusiveMinimum: 0, maximum: 500 },
          cells: { type: "array", minItems: 1, maxItems: 16, items: cellSchema },
        },
        ["id", "position", "heightM", "cells"],
      ),
    },
    ues: {
      type: "array",
      maxItems: 1000,
      items: strictObject(
        {
          name: id,
          count: { type: "integer", minimum: 0, maximum: 1000000 },
          speedMps: { type: "array", items: { type: "number", minimum: 0, maximum: 100 }, minItems: 2, maxItems: 2 },
          area: { type: "array", items: num, minItems: 4, maxItems: 4 },
          mobility: mobilitySchema,
          traffic: trafficSchema,
        },
        ["name", "count", "mobility"],
      ),
    },
    rrm: strictObject({
      tickMs: { type: "number", minimum: 1, maximum: 1000 },
      beamReportPeriodMs: ms(10000),
      beamReportTopK: { type: "integer", minimum: 1, maximum: 64 },
      beamSwitchHysteresisDb: { type: "number", minimum: 0, maximum: 30 },
      l3FilterK: { type: "integer", minimum: 0, maximum: 19 },
      a3: a3Schema,
      rlf: strictObject({
        qOutDb: db,
        qInDb: db,
        n310: { type: "integer", minimum: 1, maximum: 20 },
        n311: { type: "integer", minimum: 1, maximum: 10 },
        t310Ms: ms(60000),
        reestablishmentMs: ms(60000),
      }),
      handover: strictObject({ preparationMs: ms(10000), interruptionMs: ms(10000), pingPongS: ms(600) }),
      inactivityS: { type: "number", minimum: 0, maximum: 3600 },
      rrcSetupMs: ms(10000),
      measuredCells: { type: "integer", minimum: 1, maximum: 64 },
      idleMeasurementMs: { type: "number", minimum: 1, maximum: 10240 },
      csiPeriodMs: { type: "number", minimum: 5, maximum: 640 },
    }),
    events: {
      type: "array",
      maxItems: 10000,
      items: strictObject(
        { atS: { type: "number", minimum: 0 }, cell: { type: "string" }, state: { enum: ["off", "on"] } },
        ["atS", "cell", "state"],
      ),
    },
    reality: strictObject({
      objects: {
        type: "array",
        items: strictObject(
          {
            id,
            centre: xy,
            sizeM: { type: "array", items: { type: "number", exclusiveMinimum: 0 }, minItems: 3, maxItems: 3 },
            yawDeg: num,
            material: { type: "string" },
          },
          ["id", "centre", "sizeM"],
        ),
      },
      materials: {
        type: "array",
        items: strictObject({ objects: { type: "string", minLength: 1 }, material: { type: "string" } }, [
          "objects",
          "material",
        ]),
      },
      misalignment: {
        type: "array",
        items: strictObject(
          {
            cell: id,
            azimuthDeg: { type: "number", minimum: -180, maximum: 180 },
            downtiltDeg: { type: "number", minimum: -45, maximum: 45 },
          },
          ["cell"],
        ),
      },
      shadowing: strictObject(
        {
          sigmaDb: { type: "number", minimum: 0, maximum: 30 },
          decorrelationM: { type: "number", exclusiveMinimum: 0, maximum: 1000 },
        },
        ["sigmaDb"],
      ),
      fastFading: strictObject({ enabled: { type: "boolean" }, sigmaDb: { type: "number", minimum: 0, maximum: 20 } }),
      measurementNoiseDb: { type: "number", minimum: 0, maximum: 30 },
      positionErrorM: { type: "number", minimum: 0, maximum: 1000 },
    }),
  },
  ["name", "seed", "scene", "carrier", "sites", "ues"],
);
