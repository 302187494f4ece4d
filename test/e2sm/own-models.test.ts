/**
 * twinric's own service models, E2SM-BM v1 and E2SM-CSI v1 (docs/service-models/), against the
 * Erlang/OTP APER codec compiled from their ASN.1 modules (`startTwinricModelsOracle`):
 *   1. hand-written realistic values of every top-level type (every format and CHOICE alternative,
 *      OPTIONAL components present and absent, the ends of every constraint) and random values of
 *      every top-level type encode with our codec, decode in the oracle to the same value (field by
 *      field) and re-encode there to identical bytes; our decoder gives the value back;
 *   2. the worked examples of the model documents are what our CLI prints and what the oracle reads;
 *   3. values outside the constraints fail to encode, and damaged bytes fail to decode, with
 *      E2CodecError only.
 * The oracle parts are skipped, with the reason printed, only when Erlang cannot run here.
 *
 * Known difference (the oracle's, not ours), as in conformance.test.ts: Erlang/OTP 25 writes a zero
 * length outside an extensible SIZE root (an empty RANfunction-Name or RIC-Style-Name, which random
 * values hold) as two octets `80 00`, where X.691 11.9.3.6 says one octet `00`, as we write. Such
 * re-encodings are accepted when they differ from ours only there and decode (with our decoder) to
 * the same value.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bitString,
  e2setupRequest,
  gnbNodeId,
  hexBytes,
  ricControlRequest,
  ricIndication,
} from "../../e2sm/api/builders.js";
import { E2apCodec } from "../../e2sm/api/e2ap-codec.js";
import { BM_OID, bmV1 } from "../../e2sm/bm/index.js";
import * as bm from "../../e2sm/bm/schema.js";
import { CSI_OID, csiV1 } from "../../e2sm/csi/index.js";
import * as csi from "../../e2sm/csi/schema.js";
import { E2CodecError } from "../../e2sm/errors.js";
import { SERVICE_MODELS, serviceModel, serviceModelByOid } from "../../e2sm/registry.js";
import { decode } from "../../e2sm/schema/decode.js";
import type { Desc, Infer } from "../../e2sm/schema/descriptors.js";
import { encode } from "../../e2sm/schema/encode.js";
import { fromHex, toHex } from "../../e2sm/schema/json.js";
import { type SchemaModule, typeOf } from "../../e2sm/schema/module.js";
import { sameValue } from "../../e2sm/schema/values.js";
import { runCli } from "../cli/support.js";
import { arbitrary } from "../support/arbitrary.js";
import { fuzz } from "../support/fuzz.js";
import { type Oracle, startTwinricModelsOracle, type TwinricOracleModule } from "../support/oracle.js";
import { compareWithOracle } from "../support/oracle-compare.js";
import { thrown } from "../support/thrown.js";

/** Random values per top-level type; OWN_MODELS_RUNS raises it for a longer run. */
const RUNS = Number(process.env.OWN_MODELS_RUNS ?? 200);
const SEED = Number(process.env.OWN_MODELS_SEED ?? 20261123);

// ---- samples ------------------------------------------------------------------------------------

interface Sample {
  name: string;
  type: string;
  value: unknown;
}
/** A named sample, type-checked against its descriptor. */
const sample = <D extends Desc>(name: string, d: D, value: Infer<D>): Sample => ({ name, type: d.name!, value });

const PLMN = hexBytes("00f110"); // MCC 001, MNC 01
/** NR-CGI of cell `cell` of gNB 0x0e0a1 (22-bit gNB id, 14-bit cell part). */
const nrCgi = (cell: number) => ({ pLMNIdentity: PLMN, nRCellIdentity: bitString(0x0e0a1 * 2 ** 14 + cell, 36) });
/** 64-bit NTP time stamp: 2026-11-23 12:00:00.5 UTC. */
const NTP = hexBytes("eeaea94080000000");
const MAX_UE = 1099511627775; // 2^40 - 1

const ranFunctionName = (shortName: string, oid: string, description: string, instance?: number) => ({
  "ranFunction-ShortName": shortName,
  "ranFunction-E2SM-OID": oid,
  "ranFunction-Description": description,
  ...(instance === undefined ? {} : { "ranFunction-Instance": instance }),
});
const reportStyle = (type: number, name: string, action: number, message: number) => ({
  "ric-ReportStyle-Type": type,
  "ric-ReportStyle-Name": name,
  "ric-ActionFormat-Type": action,
  "ric-IndicationHeaderFormat-Type": 1,
  "ric-IndicationMessageFormat-Type": message,
});
const controlStyle = (type: number, name: string) => ({
  "ric-ControlStyle-Type": type,
  "ric-ControlStyle-Name": name,
  "ric-ControlHeaderFormat-Type": 1,
  "ric-ControlMessageFormat-Type": 1,
  "ric-ControlOutcomeFormat-Type": 1,
});

/** An 8-beam SSB codebook over +-52.5 degrees at -6 degrees elevation, and a 64-beam one covering the ends. */
const beams8 = Array.from({ length: 8 }, (_, i) => ({ beamId: i, azimuth: -525 + 150 * i, elevation: -60 }));
const beams64 = Array.from({ length: 64 }, (_, i) => ({
  beamId: i,
  azimuth: i === 0 ? -1800 : i === 63 ? 1800 : -600 + 150 * (i % 9),
  elevation: i === 0 ? -900 : i === 63 ? 900 : -120 + 60 * Math.floor(i / 9),
}));

const BM_SAMPLES: Sample[] = [
  sample("RAN function: two styles of report, one of control, two cells", bm.E2SM_BM_RANFunctionDefinition, {
    "ranFunction-Name": ranFunctionName("TWINRIC-E2SM-BM", BM_OID, "Beam management", 1),
    reportStyles: [reportStyle(1, "Beam report", 1, 1), reportStyle(2, "UE position", 2, 2)],
    controlStyles: [controlStyle(1, "Serving beam switch")],
    cells: [
      { cellGlobalID: nrCgi(1), ssbBeams: beams8 },
      { cellGlobalID: nrCgi(2), ssbBeams: beams64 },
    ],
  }),
  sample("RAN function: no instance, one beam", bm.E2SM_BM_RANFunctionDefinition, {
    "ranFunction-Name": ranFunctionName("TWINRIC-E2SM-BM", BM_OID, "Beam management"),
    reportStyles: [reportStyle(1, "Beam report", 1, 1)],
    controlStyles: [controlStyle(1, "Serving beam switch")],
    cells: [{ cellGlobalID: nrCgi(16383), ssbBeams: [{ beamId: 0, azimuth: 0, elevation: 0 }] }],
  }),
  sample("trigger: every 100 ms", bm.E2SM_BM_EventTrigger, { reportingPeriod: 100 }),
  sample("trigger: 1 ms", bm.E2SM_BM_EventTrigger, { reportingPeriod: 1 }),
  sample("trigger: 65535 ms", bm.E2SM_BM_EventTrigger, { reportingPeriod: 65535 }),
  sample("action format 1: top 4 beams of all UEs", bm.E2SM_BM_ActionDefinition, {
    "ric-Style-Type": 1,
    "actionDefinition-formats": { "actionDefinition-Format1": { topK: 4, scope: {} } },
  }),
  sample("action format 1: all 64 beams, two cells, UE ids at both ends", bm.E2SM_BM_ActionDefinition, {
    "ric-Style-Type": 1,
    "actionDefinition-formats": {
      "actionDefinition-Format1": { topK: 64, scope: { cells: [nrCgi(1), nrCgi(2)], ues: [0, 4242, MAX_UE] } },
    },
  }),
  sample("action format 1: top 1 beam, UEs that read as characters", bm.E2SM_BM_ActionDefinition, {
    "ric-Style-Type": 1,
    "actionDefinition-formats": { "actionDefinition-Format1": { topK: 1, scope: { ues: [65, 66, 67] } } },
  }),
  sample("action format 2: positions in one cell", bm.E2SM_BM_ActionDefinition, {
    "ric-Style-Type": 2,
    "actionDefinition-formats": { "actionDefinition-Format2": { scope: { cells: [nrCgi(1)] } } },
  }),
  sample("action format 2: positions of all UEs", bm.E2SM_BM_ActionDefinition, {
    "ric-Style-Type": 2,
    "actionDefinition-formats": { "actionDefinition-Format2": { scope: {} } },
  }),
  sample("indication header", bm.E2SM_BM_IndicationHeader, { collectionTime: NTP }),
  sample("indication format 1: two UEs, RSRP at both ends", bm.E2SM_BM_IndicationMessage, {
    "indicationMessage-formats": {
      "indicationMessage-Format1": {
        ueReports: [
          {
            ueId: 4242,
            servingCell: nrCgi(1),
            servingBeam: 3,
            beams: [
              { beamId: 3, rsrp: -310 },
              { beamId: 4, rsrp: -874 },
              { beamId: 2, rsrp: -1560 },
            ],
          },
          { ueId: MAX_UE, servingCell: nrCgi(2), servingBeam: 0, beams: [{ beamId: 0, rsrp: -1021 }] },
        ],
      },
    },
  }),
  sample("indication format 1: one UE, all 64 beams", bm.E2SM_BM_IndicationMessage, {
    "indicationMessage-formats": {
      "indicationMessage-Format1": {
        ueReports: [
          {
            ueId: 0,
            servingCell: nrCgi(2),
            servingBeam: 63,
            beams: Array.from({ length: 64 }, (_, i) => ({ beamId: 63 - i, rsrp: -310 - 19 * i })),
          },
        ],
      },
    },
  }),
  sample("indication format 2: with and without velocity, positions at the ends", bm.E2SM_BM_IndicationMessage, {
    "indicationMessage-formats": {
      "indicationMessage-Format2": {
        uePositions: [
          {
            ueId: 4242,
            servingCell: nrCgi(1),
            position: { x: 12345, y: -6789, z: 150 },
            accuracy: 250,
            velocity: { vx: 139, vy: -42 },
          },
          {
            ueId: MAX_UE,
            servingCell: nrCgi(2),
            position: { x: -10000000, y: 10000000, z: -100000 },
            accuracy: 0,
          },
          {
            ueId: 0,
            servingCell: nrCgi(2),
            position: { x: 10000000, y: -10000000, z: 100000 },
            accuracy: 100000,
            velocity: { vx: -10000, vy: 10000 },
          },
        ],
      },
    },
  }),
  sample("control header", bm.E2SM_BM_ControlHeader, { ueId: 4242, "ric-Style-Type": 1 }),
  sample("control header: largest UE id", bm.E2SM_BM_ControlHeader, { ueId: MAX_UE, "ric-Style-Type": 1 }),
  sample("control header: UE id 0", bm.E2SM_BM_ControlHeader, { ueId: 0, "ric-Style-Type": 1 }),
  sample("control message: beam 5", bm.E2SM_BM_ControlMessage, {
    "controlMessage-formats": { "controlMessage-Format1": { targetBeam: 5 } },
  }),
  sample("control message: beam 63", bm.E2SM_BM_ControlMessage, {
    "controlMessage-formats": { "controlMessage-Format1": { targetBeam: 63 } },
  }),
  sample("control outcome", bm.E2SM_BM_ControlOutcome, { servingCell: nrCgi(1), servingBeam: 5 }),
];

const pmi = (i11: number, i12: number, i2: number, i13?: number) => ({
  i11,
  i12,
  ...(i13 === undefined ? {} : { i13 }),
  i2,
});
/** A unit-modulus weight exp(j*phase) scaled by 2^15, clamped to the 16-bit range. */
const weight = (phase: number) => ({
  re: Math.max(-32768, Math.min(32767, Math.round(Math.cos(phase) * 32768))),
  im: Math.max(-32768, Math.min(32767, Math.round(Math.sin(phase) * 32768))),
});
/** `layers` x `ports` DFT weights, each layer's norm 1 (a weight's magnitude 1/sqrt(ports)). */
const dft = (layers: number, ports: number) =>
  Array.from({ length: layers }, (_, l) =>
    Array.from({ length: ports }, (_, p) => {
      const w = weight((2 * Math.PI * l * p) / ports);
      // + 0: no -0 (a value that encodes as 0 but decodes as +0)
      return { re: Math.round(w.re / Math.sqrt(ports)) + 0, im: Math.round(w.im / Math.sqrt(ports)) + 0 };
    }),
  );

const CSI_SAMPLES: Sample[] = [
  sample("RAN function: 32-port and 4-port cells", csi.E2SM_CSI_RANFunctionDefinition, {
    "ranFunction-Name": ranFunctionName("TWINRIC-E2SM-CSI", CSI_OID, "Channel state information", 1),
    reportStyles: [reportStyle(1, "Type I single-panel CSI", 1, 1)],
    controlStyles: [controlStyle(1, "Precoder refinement")],
    cells: [
      { cellGlobalID: nrCgi(1), n1: 8, n2: 2, o1: 4, o2: 4, codebookMode: 1, maxRank: 8 },
      { cellGlobalID: nrCgi(2), n1: 2, n2: 1, o1: 4, o2: 1, codebookMode: 2, maxRank: 4 },
    ],
  }),
  sample("RAN function: no instance, layout at the ends", csi.E2SM_CSI_RANFunctionDefinition, {
    "ranFunction-Name": ranFunctionName("TWINRIC-E2SM-CSI", CSI_OID, "Channel state information"),
    reportStyles: [reportStyle(1, "Type I single-panel CSI", 1, 1)],
    controlStyles: [controlStyle(1, "Precoder refinement")],
    cells: [
      { cellGlobalID: nrCgi(3), n1: 16, n2: 16, o1: 4, o2: 4, codebookMode: 2, maxRank: 8 },
      { cellGlobalID: nrCgi(4), n1: 1, n2: 1, o1: 1, o2: 1, codebookMode: 1, maxRank: 1 },
    ],
  }),
  sample("trigger: every 20 ms", csi.E2SM_CSI_EventTrigger, { reportingPeriod: 20 }),
  sample("trigger: 65535 ms", csi.E2SM_CSI_EventTrigger, { reportingPeriod: 65535 }),
  sample("action: all UEs", csi.E2SM_CSI_ActionDefinition, {
    "ric-Style-Type": 1,
    "actionDefinition-formats": { "actionDefinition-Format1": { scope: {} } },
  }),
  sample("action: two UEs of one cell", csi.E2SM_CSI_ActionDefinition, {
    "ric-Style-Type": 1,
    "actionDefinition-formats": {
      "actionDefinition-Format1": { scope: { cells: [nrCgi(1)], ues: [4242, MAX_UE] } },
    },
  }),
  sample("indication header", csi.E2SM_CSI_IndicationHeader, { collectionTime: NTP }),
  sample("indication: ranks 1, 2 and 8, CQI at both ends", csi.E2SM_CSI_IndicationMessage, {
    "indicationMessage-formats": {
      "indicationMessage-Format1": {
        ueReports: [
          { ueId: 4242, servingCell: nrCgi(2), ri: 1, pmi: pmi(3, 0, 15), cqi: 11 },
          { ueId: 0, servingCell: nrCgi(1), ri: 2, pmi: pmi(17, 5, 1, 3), cqi: 15 },
          { ueId: MAX_UE, servingCell: nrCgi(1), ri: 8, pmi: pmi(255, 255, 0), cqi: 0 },
        ],
      },
    },
  }),
  sample("control header", csi.E2SM_CSI_ControlHeader, { ueId: 4242, "ric-Style-Type": 1 }),
  sample("control header: largest UE id", csi.E2SM_CSI_ControlHeader, { ueId: MAX_UE, "ric-Style-Type": 1 }),
  sample("control message: a Type I precoder for 500 ms", csi.E2SM_CSI_ControlMessage, {
    "controlMessage-formats": {
      "controlMessage-Format1": { precoder: { typeI: { ri: 2, pmi: pmi(6, 1, 1, 0) } }, validity: 500 },
    },
  }),
  sample("control message: a rank-1 Type I precoder, no validity", csi.E2SM_CSI_ControlMessage, {
    "controlMessage-formats": { "controlMessage-Format1": { precoder: { typeI: { ri: 1, pmi: pmi(0, 0, 3) } } } },
  }),
  sample("control message: 2 x 4 weights at the ends of the range", csi.E2SM_CSI_ControlMessage, {
    "controlMessage-formats": {
      "controlMessage-Format1": {
        precoder: {
          weights: [
            [
              { re: 32767, im: 0 },
              { re: 0, im: 32767 },
              { re: -32768, im: 0 },
              { re: 0, im: -32768 },
            ],
            [
              { re: 16384, im: 16384 },
              { re: -16384, im: 16384 },
              { re: 16384, im: -16384 },
              { re: -16384, im: -16384 },
            ],
          ],
        },
        validity: 65535,
      },
    },
  }),
  sample("control message: 8 layers x 32 ports, validity 1 ms", csi.E2SM_CSI_ControlMessage, {
    "controlMessage-formats": { "controlMessage-Format1": { precoder: { weights: dft(8, 32) }, validity: 1 } },
  }),
  sample("control outcome: rank 2 at 18.5 dB", csi.E2SM_CSI_ControlOutcome, { appliedRank: 2, sinr: 185 }),
  sample("control outcome: no SINR", csi.E2SM_CSI_ControlOutcome, { appliedRank: 1 }),
  sample("control outcome: SINR at both ends", csi.E2SM_CSI_ControlOutcome, { appliedRank: 8, sinr: -300 }),
  sample("control outcome: SINR 60 dB", csi.E2SM_CSI_ControlOutcome, { appliedRank: 8, sinr: 600 }),
];

interface Model {
  sm: "bm" | "csi";
  module: SchemaModule;
  oracle: TwinricOracleModule;
  samples: Sample[];
  doc: string;
}
const MODELS: Model[] = [
  { sm: "bm", module: bmV1, oracle: "TWINRIC_BM", samples: BM_SAMPLES, doc: "e2sm-bm.md" },
  { sm: "csi", module: csiV1, oracle: "TWINRIC_CSI", samples: CSI_SAMPLES, doc: "e2sm-csi.md" },
];
/** The first sample of `type`. */
const sampleOf = (model: Model, type: string) => model.samples.find((s) => s.type === type)!;

// ---- the oracle ---------------------------------------------------------------------------------

let oracle: Oracle | undefined;
let skip = "";

beforeAll(async () => {
  const o = await startTwinricModelsOracle();
  if ("skip" in o) {
    skip = o.skip;
    console.warn(`own-model oracle tests skipped: ${skip}`);
  } else oracle = o;
});
afterAll(async () => oracle?.close());

/** Checks `bytes` (our encoding of `value`) end to end; returns the problems found. */
async function checkBytes(
  mod: TwinricOracleModule,
  type: string,
  desc: Desc,
  value: unknown,
  bytes: Uint8Array,
): Promise<string[]> {
  const hex = toHex(bytes);
  const answer = await oracle!.check(mod, type, bytes);
  if (!answer.ok) return [`oracle cannot decode ${hex}: ${answer.error}`];
  const problems: string[] = [];
  if (answer.trailing !== 0) problems.push(`oracle saw ${answer.trailing} trailing bytes in ${hex}`);
  if (!answer.identical) {
    if (!onlyTwoOctetZeroLengths(hex, answer.reencoded))
      problems.push(`oracle re-encodes ${hex} as ${answer.reencoded}`);
    else if (!sameValue(decode(desc, fromHex(answer.reencoded)!), value))
      problems.push(`our decode of the oracle's ${answer.reencoded} differs`);
  }
  problems.push(...compareWithOracle(desc, value, answer.value).map((d) => `${hex}: ${d}`));
  if (!sameValue(decode(desc, bytes), value)) problems.push(`our decode of ${hex} differs from the value encoded`);
  return problems;
}

/** Whether `theirs` is `ours` with some one-octet zero lengths `00` written as `80 00`. */
function onlyTwoOctetZeroLengths(ours: string, theirs: string): boolean {
  let i = 0;
  let j = 0;
  while (i < ours.length && j < theirs.length) {
    if (ours.slice(i, i + 2) === theirs.slice(j, j + 2)) {
      i += 2;
      j += 2;
    } else if (ours.startsWith("00", i) && theirs.startsWith("8000", j)) {
      i += 2;
      j += 4;
    } else return false;
  }
  return i === ours.length && j === theirs.length;
}

const check = (mod: TwinricOracleModule, type: string, desc: Desc, value: unknown) =>
  checkBytes(mod, type, desc, value, encode(desc, value));

describe.each(MODELS)("$module.title against the oracle", ({ module, oracle: mod, samples }) => {
  it("has samples of every top-level type", () => {
    expect(module.topLevel.filter((t) => !samples.some((s) => s.type === t))).toEqual([]);
  });

  it.each(samples.map((s) => [s.name, s] as const))("realistic: %s", async (_name, s) => {
    if (!oracle) return console.warn(`skipped: ${skip}`);
    expect(await check(mod, s.type, typeOf(module, s.type), s.value)).toEqual([]);
  });

  it.each(module.topLevel.map((t) => [t]))(`${RUNS} random %s`, async (type) => {
    if (!oracle) return console.warn(`skipped: ${skip}`);
    const desc = typeOf(module, type);
    const values = fc.sample(arbitrary(desc), { numRuns: RUNS, seed: SEED });
    const problems = (await Promise.all(values.map((v) => check(mod, type, desc, v)))).flat();
    expect(problems.slice(0, 5), `${problems.length} problems in ${RUNS} values (seed ${SEED})`).toEqual([]);
  });
});

// ---- the documents' worked examples --------------------------------------------------------------

/** `$ twinric e2 decode --sm SM --type TYPE HEX` followed by the JSON it prints, in a fenced block. */
const EXAMPLE = /```console\n\$ twinric e2 decode --sm (\S+) --type (\S+) ([0-9a-f]+)\n([^`]*)```/g;

describe.each(MODELS)("docs/service-models/$doc", ({ sm, module, oracle: mod, doc }) => {
  const text = readFileSync(new URL(`../../docs/service-models/${doc}`, import.meta.url), "utf8");
  const examples = [...text.matchAll(EXAMPLE)].map((m) => ({ sm: m[1], type: m[2], hex: m[3], json: m[4].trim() }));

  it("has an example of every top-level type, and states the OID", () => {
    expect(module.topLevel.filter((t) => !examples.some((e) => e.type === t))).toEqual([]);
    expect(examples.every((e) => e.sm === sm)).toBe(true);
    expect(text).toContain(module.oid);
  });

  it.each(examples.map((e) => [e.type, e.hex, e] as const))(
    "%s %s: our CLI prints the JSON shown, the oracle reads the same value",
    async (type, hex, e) => {
      const r = await runCli(["e2", "decode", "--sm", sm, "--type", type, hex]);
      expect(r.stderr).toBe("");
      expect(r.stdout.trim()).toBe(e.json);
      const back = await runCli(["e2", "encode", "--sm", sm, "--type", type, e.json]);
      expect(back.stdout.trim()).toBe(hex);
      if (!oracle) return console.warn(`skipped: ${skip}`);
      const desc = typeOf(module, type);
      const bytes = fromHex(hex)!;
      expect(await checkBytes(mod, type, desc, decode(desc, bytes), bytes)).toEqual([]);
    },
  );
});

it("docs/service-models/README.md lists every service model with its OID", () => {
  const text = readFileSync(new URL("../../docs/service-models/README.md", import.meta.url), "utf8");
  for (const model of Object.values(SERVICE_MODELS)) expect(text).toContain(`\`${model.module.oid}\``);
});

// ---- registry and E2AP ----------------------------------------------------------------------------

describe("registry", () => {
  it.each(MODELS)("$sm: found by id and by OID, every payload type defined", ({ sm, module }) => {
    const model = serviceModel(sm);
    expect(model.module).toBe(module);
    expect(serviceModelByOid(module.oid!)).toBe(model);
    for (const type of Object.values(model.payloads)) expect(module.types.has(type!)).toBe(true);
    expect(new Set(Object.values(model.payloads))).toEqual(new Set(module.topLevel));
  });

  it("a UE id up to 2^40 - 1 is a JS number", () => {
    const back = decode(bm.BM_UE_Id, encode(bm.BM_UE_Id, MAX_UE));
    expect(back).toBe(MAX_UE);
    expect(typeof decode(csi.CSI_UE_Id, encode(csi.CSI_UE_Id, MAX_UE))).toBe("number");
  });

  it("an E2AP session announcing BM and CSI decodes its payloads by OID (twinric e2 decode)", async () => {
    const e2 = new E2apCodec({ version: 3 });
    const bytesOf = (model: Model, type: string) => encode(typeOf(model.module, type), sampleOf(model, type).value);
    const [BM, CSI] = MODELS;
    const setup = e2setupRequest({
      transactionId: 1,
      nodeId: gnbNodeId({ plmn: "00f110", gnbId: 0x0e0a1 }),
      ranFunctions: [
        { id: 10, oid: BM_OID, definition: bytesOf(BM, "E2SM-BM-RANFunctionDefinition") },
        { id: 11, oid: CSI_OID, definition: bytesOf(CSI, "E2SM-CSI-RANFunctionDefinition") },
      ],
    });
    const control = ricControlRequest({
      requestId: { requestor: 7, instance: 1 },
      ranFunctionId: 10,
      header: bytesOf(BM, "E2SM-BM-ControlHeader"),
      message: bytesOf(BM, "E2SM-BM-ControlMessage"),
    });
    const indication = ricIndication({
      requestId: { requestor: 7, instance: 2 },
      ranFunctionId: 11,
      actionId: 1,
      header: bytesOf(CSI, "E2SM-CSI-IndicationHeader"),
      message: bytesOf(CSI, "E2SM-CSI-IndicationMessage"),
    });
    const hex = [setup, control, indication].map((m) => toHex(e2.encode(m))).join("\n");
    const r = await runCli(["e2", "decode", "--reencode", "-"], hex);
    expect(r.stderr).not.toMatch(/differ/);
    expect(r.code).toBe(0);
    for (const type of [
      "E2SM-BM-RANFunctionDefinition",
      "E2SM-CSI-RANFunctionDefinition",
      "E2SM-BM-ControlHeader",
      "E2SM-BM-ControlMessage",
      "E2SM-CSI-IndicationHeader",
      "E2SM-CSI-IndicationMessage",
    ])
      expect(r.stdout).toContain(`"${type}"`);
    expect(r.stdout).toContain('"targetBeam": 5');
  });

  it("twinric e2 decode --sm bm|csi decodes a payload type", async () => {
    const r = await runCli(["e2", "decode", "--sm", "bm", "--type", "E2SM-BM-ControlHeader", "40ffffffffff0101"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ueId: MAX_UE, "ric-Style-Type": 1 });
    const help = await runCli(["e2", "decode", "--help"]);
    expect(help.stdout).toContain("--sm kpm-v2|kpm-v3|rc|bm|csi");
  });
});

// ---- rejection ----------------------------------------------------------------------------------

/** The E2CodecError `f` throws. */
const codecError = (f: () => unknown) => thrown(f, E2CodecError);

const bmCtrl = (targetBeam: number) => ({ "controlMessage-formats": { "controlMessage-Format1": { targetBeam } } });
const csiCtrl = (precoder: unknown, validity?: number) => ({
  "controlMessage-formats": { "controlMessage-Format1": { precoder, ...(validity === undefined ? {} : { validity }) } },
});
const beamReport = (rsrp: number) => ({
  "indicationMessage-formats": {
    "indicationMessage-Format1": {
      ueReports: [{ ueId: 1, servingCell: nrCgi(1), servingBeam: 0, beams: [{ beamId: 0, rsrp }] }],
    },
  },
});

describe("values outside the constraints fail to encode with E2CodecError", () => {
  const cases: [string, SchemaModule, string, unknown, string][] = [
    ["UE id 2^40", bmV1, "E2SM-BM-ControlHeader", { ueId: MAX_UE + 1, "ric-Style-Type": 1 }, ".ueId at bit 1: "],
    ["UE id -1", csiV1, "E2SM-CSI-ControlHeader", { ueId: -1, "ric-Style-Type": 1 }, ".ueId at bit 1: "],
    ["beam 64", bmV1, "E2SM-BM-ControlMessage", bmCtrl(64), ".targetBeam at bit 4: 64 is outside 0..63"],
    ["RSRP -1561", bmV1, "E2SM-BM-IndicationMessage", beamReport(-1561), ".rsrp at bit "],
    ["RSRP -309", bmV1, "E2SM-BM-IndicationMessage", beamReport(-309), "-309 is outside -1560..-310"],
    ["RSRP -100.05 dBm", bmV1, "E2SM-BM-IndicationMessage", beamReport(-1000.5), "-1000.5 is outside"],
    ["7-octet time stamp", bmV1, "E2SM-BM-IndicationHeader", { collectionTime: NTP.subarray(1) }, "size 7"],
    ["no scope", bmV1, "E2SM-BM-ActionDefinition-Format2", {}, "scope"],
    ["65 beams", bmV1, "BM-CellBeams", { cellGlobalID: nrCgi(1), ssbBeams: beams64.concat(beams8) }, "size 72"],
    ["weight 32768", csiV1, "E2SM-CSI-ControlMessage", csiCtrl({ weights: [[{ re: 32768, im: 0 }]] }), ".re at"],
    ["weight -32769", csiV1, "E2SM-CSI-ControlMessage", csiCtrl({ weights: [[{ re: 0, im: -32769 }]] }), ".im at"],
    ["9 layers", csiV1, "E2SM-CSI-ControlMessage", csiCtrl({ weights: dft(9, 2) }), "size 9 is outside 1..8"],
    ["33 ports", csiV1, "E2SM-CSI-ControlMessage", csiCtrl({ weights: dft(1, 33) }), "size 33 is outside 1..32"],
    ["rank 0", csiV1, "E2SM-CSI-ControlOutcome", { appliedRank: 0 }, ".appliedRank at bit 2: 0 is outside 1..8"],
    ["SINR 601", csiV1, "E2SM-CSI-ControlOutcome", { appliedRank: 1, sinr: 601 }, "601 is outside -300..600"],
    ["i2 16", csiV1, "CSI-TypeI-PMI", pmi(0, 0, 16), ".i2 at bit "],
    [
      "validity 0",
      csiV1,
      "E2SM-CSI-ControlMessage",
      csiCtrl({ typeI: { ri: 1, pmi: pmi(0, 0, 0) } }, 0),
      ".validity at bit ",
    ],
  ];
  it.each(cases)("%s", (_name, module, type, value, fragment) => {
    const e = codecError(() => encode(typeOf(module, type), value));
    expect(e.code).toBe("E2_ENCODE_INVALID");
    expect(e.message.startsWith(`cannot encode ${type}`)).toBe(true);
    expect(e.message).toContain(fragment);
  });
});

describe.each(MODELS)("$module.title: damaged bytes fail to decode with E2CodecError only", ({ module, samples }) => {
  const seeds = samples.map((s) => {
    const desc = typeOf(module, s.type);
    return { name: s.name, desc, bytes: encode(desc, s.value) };
  });

  it("every proper prefix of every sample is truncated", () => {
    for (const s of seeds) {
      for (let n = 0; n < s.bytes.length; n++) {
        const e = codecError(() => decode(s.desc, s.bytes.subarray(0, n)));
        expect(e.code, `${s.name}, ${n} of ${s.bytes.length} bytes`).toBe("E2_DECODE_TRUNCATED");
        expect(e.message).toMatch(new RegExp(`^cannot decode ${s.desc.name} at bit|^cannot decode ${s.desc.name}[.[]`));
      }
    }
  });

  it.each([1, 2])("seed %i: 10,000 mutated messages raise only typed errors", (seed) => {
    const report = fuzz(seeds, 10_000, seed);
    expect(report.findings.slice(0, 3)).toEqual([]);
    expect(report.typedErrors).toBeGreaterThan(report.runs / 4);
  });
});
