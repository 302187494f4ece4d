/** E2SM-RC v01.03: the schema module (RAN function OID 1.3.6.1.4.1.53148.1.1.2.3). */
import * as common from "../common/ies.js";
import { defineModule, type SchemaModule } from "../schema/module.js";
import * as rc from "./schema.js";

export * from "./schema.js";

export const rcV1: SchemaModule = defineModule(
  {
    id: "rc-v1",
    title: "E2SM-RC v01.03",
    oid: "1.3.6.1.4.1.53148.1.1.2.3",
    topLevel: [
      "E2SM-RC-EventTrigger",
      "E2SM-RC-ActionDefinition",
      "E2SM-RC-IndicationHeader",
      "E2SM-RC-IndicationMessage",
      "E2SM-RC-CallProcessID",
      "E2SM-RC-ControlHeader",
      "E2SM-RC-ControlMessage",
      "E2SM-RC-ControlOutcome",
      "E2SM-RC-RANFunctionDefinition",
    ],
  },
  common,
  rc,
);
