/**
 * E2AP v02.03 and v03.01 as schema modules, with their procedure tables and IE sets.
 *
 *   e2apV3.types.get("RICsubscriptionRequest")      // descriptor
 *   iesOf(e2apV3Parts.types.RICsubscriptionRequest) // [{ id: 29, name: "RICrequestID", criticality: "reject", ... }, ...]
 *   e2apV3Parts.procedureByCode.get(8)              // { name: "RICsubscription", initiating, successful, ... }
 */
import { defineModule, type SchemaModule } from "../schema/module.js";
import { buildE2ap, type E2apBuild } from "./build.js";

export type { E2apVersion } from "./common.js";
export * from "./constants.js";
export type { CriticalityName, IePairSpec, IeSet, IeSpec, PresenceName } from "./containers.js";
export { iePairSetOf, ieSetOf, iesOf } from "./containers.js";
export * from "./ids.js";
export type { ProcedureSpec } from "./procedures.js";
export { buildE2ap, type E2apBuild };

/** E2AP v02.03: types, procedures, IE sets, ids. */
export const e2apV2Parts = buildE2ap(2);
/** E2AP v03.01: types, procedures, IE sets, ids. */
export const e2apV3Parts = buildE2ap(3);

export const e2apV2: SchemaModule = defineModule(
  { id: "e2ap-v2", title: "E2AP v02.03", topLevel: e2apV2Parts.topLevel },
  e2apV2Parts.types,
);
export const e2apV3: SchemaModule = defineModule(
  { id: "e2ap-v3", title: "E2AP v03.01", topLevel: e2apV3Parts.topLevel },
  e2apV3Parts.types,
);

/** The parts of a version, by its number. */
export const e2apParts = (version: 2 | 3): E2apBuild => (version === 3 ? e2apV3Parts : e2apV2Parts);
