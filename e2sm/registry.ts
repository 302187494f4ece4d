/**
 * Every module version the codec speaks, looked up by short id or by RAN function OID, and the map
 * from E2AP's E2SM-carrying OCTET STRINGs to each service model's types.
 */
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

/** Service models by the short id used on the command line. */
export const SERVICE_MODELS: Readonly<Record<string, ServiceModel>> = {
  "kpm-v2": { module: kpmV2, payloads: kpmPayloads },
  "kpm-v3": { module: kpmV3, payloads: kpmPayloads },
  rc: { module: rcV1, payloads: rcPayloads },
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
