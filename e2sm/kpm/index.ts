/** The E2SM-KPM schema modules: v02.03 (`kpm-v2`) and v03.00 (`kpm-v3`). */
import * as common from "../common/ies.js";
import { defineModule, type SchemaModule } from "../schema/module.js";
import { buildKpm } from "./schema.js";

export { buildKpm, type KpmTypes, type KpmVersion } from "./schema.js";

export const kpmTopLevel = [
  "E2SM-KPM-EventTriggerDefinition",
  "E2SM-KPM-ActionDefinition",
  "E2SM-KPM-IndicationHeader",
  "E2SM-KPM-IndicationMessage",
  "E2SM-KPM-RANfunction-Description",
] as const;

export const kpmV2: SchemaModule = defineModule(
  { id: "kpm-v2", title: "E2SM-KPM v02.03", oid: "1.3.6.1.4.1.53148.1.2.2.2", topLevel: kpmTopLevel },
  common,
  buildKpm(2),
);

export const kpmV3: SchemaModule = defineModule(
  { id: "kpm-v3", title: "E2SM-KPM v03.00", oid: "1.3.6.1.4.1.53148.1.3.2.2", topLevel: kpmTopLevel },
  common,
  buildKpm(3),
);
