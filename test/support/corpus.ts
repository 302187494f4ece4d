/**
 * Every hand-written realistic sample, with the module and oracle module it belongs to: the seeds of
 * the conformance, fuzz and round-trip tests.
 */
import { e2apV2, e2apV3 } from "../../e2sm/e2ap/index.js";
import { kpmV2, kpmV3 } from "../../e2sm/kpm/index.js";
import { rcV1 } from "../../e2sm/rc/index.js";
import { encode } from "../../e2sm/schema/encode.js";
import type { SchemaModule } from "../../e2sm/schema/module.js";
import { typeOf } from "../../e2sm/schema/module.js";
import { e2apSamples } from "../e2sm/samples/e2ap.js";
import { kpmSamples } from "../e2sm/samples/kpm.js";
import { rcSamples } from "../e2sm/samples/rc.js";
import type { Seed } from "./fuzz.js";
import type { OracleModule } from "./oracle.js";

export type { OracleModule };

export interface CorpusEntry {
  name: string;
  module: SchemaModule;
  oracle: OracleModule;
  type: string;
  value: unknown;
}

function entries(
  module: SchemaModule,
  oracle: OracleModule,
  samples: Record<string, { type: string; value: unknown }>,
) {
  return Object.entries(samples).map(([name, s]) => ({
    name: `${module.id}/${name}`,
    module,
    oracle,
    type: s.type,
    value: s.value,
  }));
}

const pdus = (samples: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(samples).map(([k, value]) => [k, { type: "E2AP-PDU", value }]));

export const CORPUS: CorpusEntry[] = [
  ...entries(kpmV3, "KPM_v3", kpmSamples.v3),
  ...entries(kpmV2, "KPM_v2", kpmSamples.v2),
  ...entries(rcV1, "RC_v1", rcSamples),
  ...entries(e2apV3, "E2AP_v3", pdus(e2apSamples.v3)),
  ...entries(e2apV2, "E2AP_v2", pdus(e2apSamples.v2)),
];

/** The corpus encoded: fuzz seeds. */
export function corpusSeeds(): Seed[] {
  return CORPUS.map((c) => {
    const desc = typeOf(c.module, c.type);
    return { name: c.name, desc, bytes: encode(desc, c.value) };
  });
}
