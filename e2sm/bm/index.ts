/** E2SM-BM v1, twinric's beam-management service model: the schema module (RAN function OID `BM_OID`). */
import * as common from "../common/ies.js";
import { defineModule, type SchemaModule } from "../schema/module.js";
import * as bm from "./schema.js";

export * from "./schema.js";

/** Under twinric's X.667 UUID arc 2.25.<UUID>: service-models(1) e2sm-bm(1) version1(1). */
export const BM_OID = "2.25.318430592061587572342788504911506613705.1.1.1";

export const bmV1: SchemaModule = defineModule(
  {
    id: "bm-v1",
    title: "E2SM-BM v1 (twinric)",
    oid: BM_OID,
    topLevel: [
      "E2SM-BM-RANFunctionDefinition",
      "E2SM-BM-EventTrigger",
      "E2SM-BM-ActionDefinition",
      "E2SM-BM-IndicationHeader",
      "E2SM-BM-IndicationMessage",
      "E2SM-BM-ControlHeader",
      "E2SM-BM-ControlMessage",
      "E2SM-BM-ControlOutcome",
    ],
  },
  common,
  bm,
);
