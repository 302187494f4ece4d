/**
 * buildE2ap(version): every E2AP type of one version, built once from the shared definitions, with
 * `version === 3` branches where v03.01 differs from v02.03 (see ies.ts, contents-ric.ts, contents-v3.ts,
 * procedures.ts and ids.ts).
 */
import type { Desc } from "../schema/descriptors.js";
import { buildCommon, type E2apVersion } from "./common.js";
import { buildContainers, type IeSet } from "./containers.js";
import { buildGlobalContents } from "./contents-global.js";
import { buildRicContents } from "./contents-ric.js";
import { buildV3Contents } from "./contents-v3.js";
import { ProcedureCodeOfV2, ProcedureCodeOfV3, ProtocolIeIdV2, ProtocolIeIdV3 } from "./ids.js";
import { buildIes } from "./ies.js";
import { buildPdu, type ProcedureSpec, procedureTable } from "./procedures.js";

export function buildE2ap(version: E2apVersion) {
  const common = buildCommon();
  const ies = buildIes(version, common);
  const k = buildContainers(common);
  // Order matters only for the IE-set registry; types are built bottom-up within each part.
  const ric = buildRicContents(version, ies, k);
  const v3 = version === 3 ? buildV3Contents(ies, k) : undefined;
  const global = buildGlobalContents(ies, k);
  const procedures = procedureTable({ ...global, ...ric }, v3);
  const pdu = buildPdu(common, procedures);

  const types = { ...common, ...ies, ...ric, ...v3, ...global, ...pdu };
  const messageNames = procedures.flatMap((p) =>
    [p.initiating, p.successful, p.unsuccessful].filter((d): d is Desc => d !== undefined).map((d) => d.name ?? "?"),
  );
  return {
    version,
    types,
    procedures,
    procedureByCode: new Map(procedures.map((p) => [p.code, p])) as ReadonlyMap<number, ProcedureSpec>,
    /** Procedures by name without `id-` (`RICsubscription`). */
    procedureByName: new Map(procedures.map((p) => [p.name, p])) as ReadonlyMap<string, ProcedureSpec>,
    /** Every IE set used by a message or item list, by set name (`RICsubscriptionRequest-IEs`). */
    ieSets: k.sets as ReadonlyMap<string, IeSet>,
    protocolIeIds: (version === 3 ? ProtocolIeIdV3 : ProtocolIeIdV2) as Readonly<Record<string, number>>,
    procedureCodes: (version === 3 ? ProcedureCodeOfV3 : ProcedureCodeOfV2) as Readonly<Record<string, number>>,
    /** `E2AP-PDU` and every message type of the version. */
    topLevel: ["E2AP-PDU", ...messageNames] as readonly string[],
  };
}

export type E2apBuild = ReturnType<typeof buildE2ap>;
