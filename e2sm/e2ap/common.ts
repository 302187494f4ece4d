/** E2AP-CommonDataTypes: identical in v02.03 and v03.01. */
import { def, enumerated, int } from "../schema/builders.js";

export function buildCommon() {
  const Criticality = def("Criticality", enumerated(["reject", "ignore", "notify"]));
  const Presence = def("Presence", enumerated(["optional", "conditional", "mandatory"]));
  const ProcedureCode = def("ProcedureCode", int(0, 255));
  const ProtocolIE_ID = def("ProtocolIE-ID", int(0, 65535));
  // "unsuccessfull" is the spelling of the standard.
  const TriggeringMessage = def(
    "TriggeringMessage",
    enumerated(["initiating-message", "successful-outcome", "unsuccessfull-outcome"]),
  );
  return { Criticality, Presence, ProcedureCode, ProtocolIE_ID, TriggeringMessage };
}

export type E2apCommon = ReturnType<typeof buildCommon>;

/** The E2AP version a schema is built for: 2 = v02.03, 3 = v03.01. */
export type E2apVersion = 2 | 3;

/** A v03.01-only part, asserted present where a v3-only builder uses it. */
export function need<T>(part: T | undefined, what: string): T {
  if (part === undefined) throw new Error(`${what} exists only in E2AP v03.01`);
  return part;
}
