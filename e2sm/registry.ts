/**
 * Every module version the codec speaks, looked up by short id or by RAN function OID, and the map
 * from E2AP's E2SM-carrying OCTET STRINGs to each service model's types.
 */
import { bmV1 } from "./bm/index.js";
import { csiV1 } from "./csi/index.js";
import { e2apV2, e2apV3 } from "./e2ap/index.js";
import { E2CodecError } from "./errors.js";
import { kpmV2, kpmV3 } from "./kpm/index.js";
import { rcV1 } from "./rc/index.js";
import type { SchemaModule } from "./schema/module.js";

export type E2apVersion = 2 | 3;

export const E2AP_MODULES: Readonly<Record<E2apVersion, SchemaModule>> = { 2: e2apV2, 3: e2apV3 };

/** The E2AP containers (OCTET STRING types) whose contents belong to the service model. */
export type E2smContainer =
  | "RANfunctionDefinition"
  | "RICeventTriggerDefinition"
  | "RICactionDefinition"
  | "RICindicationHeader"
  | "RICindicationMessage"
  | "RICcallProcessID"
  | "RICcontrolHeader"
  | "RICcontrolMessage"
  | "RICcontrolOutcome"
  | "RICqueryHeader"
  | "RICqueryDefinition"
  | "RICqueryOutcome";

export interface ServiceModel {
  readonly module: SchemaModule;
  /** The E2SM type carried in each E2AP container this model uses. */
  readonly payloads: Partial<Record<E2smContainer, string>>;
}

const kpmPayloads = {
  RANfunctionDefinition: "E2SM-KPM-RANfunction-Description",
  RICeventTriggerDefinition: "E2SM-KPM-EventTriggerDefinition",
  RICactionDefinition: "E2SM-KPM-ActionDefinition",
  RICindicationHeader: "E2SM-KPM-IndicationHeader",
  RICindicationMessage: "E2SM-KPM-IndicationMessage",
} as const;

const rcPayloads = {
  RANfunctionDefinition: "E2SM-RC-RANFunctionDefinition",
  RICeventTriggerDefinition: "E2SM-RC-EventTrigger",
  RICactionDefinition: "E2SM-RC-ActionDefinition",
  RICindicationHeader: "E2SM-RC-IndicationHeader",
  RICindicationMessage: "E2SM-RC-IndicationMessage",
  RICcallProcessID: "E2SM-RC-CallProcessID",
  RICcontrolHeader: "E2SM-RC-ControlHeader",
  RICcontrolMessage: "E2SM-RC-ControlMessage",
  RICcontrolOutcome: "E2SM-RC-ControlOutcome",
} as const;

const bmPayloads = {
  RANfunctionDefinition: "E2SM-BM-RANFunctionDefinition",
  RICeventTriggerDefinition: "E2SM-BM-EventTrigger",
  RICactionDefinition: "E2SM-BM-ActionDefinition",
  RICindicationHeader: "E2SM-BM-IndicationHeader",
  RICindicationMessage: "E2SM-BM-IndicationMessage",
  RICcontrolHeader: "E2SM-BM-ControlHeader",
  RICcontrolMessage: "E2SM-BM-ControlMessage",
  RICcontrolOutcome: "E2SM-BM-ControlOutcome",
} as const;

const csiPayloads = {
  RANfunctionDefinition: "E2SM-CSI-RANFunctionDefinition",
  RICeventTriggerDefinition: "E2SM-CSI-EventTrigger",
  RICactionDefinition: "E2SM-CSI-ActionDefinition",
  RICindicationHeader: "E2SM-CSI-IndicationHeader",
  RICindicationMessage: "E2SM-CSI-IndicationMessage",
  RICcontrolHeader: "E2SM-CSI-ControlHeader",
  RICcontrolMessage: "E2SM-CSI-ControlMessage",
  RICcontrolOutcome: "E2SM-CSI-ControlOutcome",
} as const;

/** Service models by the short id used on the command line; bm and csi are twinric's own. */
export const SERVICE_MODELS: Readonly<Record<string, ServiceModel>> = {
  "kpm-v2": { module: kpmV2, payloads: kpmPayloads },
  "kpm-v3": { module: kpmV3, payloads: kpmPayloads },
  rc: { module: rcV1, payloads: rcPayloads },
  bm: { module: bmV1, payloads: bmPayloads },
  csi: { module: csiV1, payloads: csiPayloads },
};

/** The service model announced with a RAN function OID, if we speak it. */
let byOid: Map<string, ServiceModel> | undefined;

/** The service model of a RAN function OID (looked up per indication: a map, made on first use). */
export function serviceModelByOid(oid: string): ServiceModel | undefined {
  byOid ??= new Map(
    Object.values(SERVICE_MODELS).flatMap((sm) => (sm.module.oid ? [[sm.module.oid, sm] as const] : [])),
  );
  return byOid.get(oid) ?? byOid.get(oid.trim());
}

export function serviceModel(id: string): ServiceModel {
  const sm = SERVICE_MODELS[id];
  if (!sm) {
    throw new E2CodecError(
      "E2_UNKNOWN_TYPE",
      id,
      -1,
      `unknown service model ${id} (known: ${Object.keys(SERVICE_MODELS).join(", ")})`,
    );
  }
  return sm;
}

export function e2apModule(version: number): SchemaModule {
  const m = E2AP_MODULES[version as E2apVersion];
  if (!m) throw new E2CodecError("E2_UNKNOWN_TYPE", `v${version}`, -1, `unknown E2AP version ${version} (known: 2, 3)`);
  return m;
}
