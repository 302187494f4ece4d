/** E2SM-CSI v1, twinric's channel-state-information service model: the schema module (RAN function OID `CSI_OID`). */
import * as common from "../common/ies.js";
import { defineModule, type SchemaModule } from "../schema/module.js";
import * as csi from "./schema.js";

export * from "./schema.js";

/** Under twinric's X.667 UUID arc 2.25.<UUID>: service-models(1) e2sm-csi(2) version1(1). */
export const CSI_OID = "2.25.318430592061587572342788504911506613705.1.2.1";

export const csiV1: SchemaModule = defineModule(
  {
    id: "csi-v1",
    title: "E2SM-CSI v1 (twinric)",
    oid: CSI_OID,
    topLevel: [
      "E2SM-CSI-RANFunctionDefinition",
      "E2SM-CSI-EventTrigger",
      "E2SM-CSI-ActionDefinition",
      "E2SM-CSI-IndicationHeader",
      "E2SM-CSI-IndicationMessage",
      "E2SM-CSI-ControlHeader",
      "E2SM-CSI-ControlMessage",
      "E2SM-CSI-ControlOutcome",
    ],
  },
  common,
  csi,
);
