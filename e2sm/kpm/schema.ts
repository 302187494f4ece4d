/**
 * E2SM-KPM types for one version. v02.03 and v03.00 differ only in TimeStamp (4 octets in v2, 8 in
 * v3), which only the indication header contains; those types are built per version, the rest are
 * shared (`ies.ts`, `pdus.ts`).
 */
import { choice, def, octets, opt, printable, seq, size } from "../schema/builders.js";
import * as ies from "./ies.js";
import * as pdus from "./pdus.js";

export type KpmVersion = 2 | 3;

function buildVersioned(version: KpmVersion) {
  const TimeStamp = def("TimeStamp", octets(size(version === 3 ? 8 : 4)));

  const E2SM_KPM_IndicationHeader_Format1 = def(
    "E2SM-KPM-IndicationHeader-Format1",
    seq(
      {
        colletStartTime: TimeStamp,
        fileFormatversion: opt(printable(size(0, 15, true))),
        senderName: opt(printable(size(0, 400, true))),
        senderType: opt(printable(size(0, 8, true))),
        vendorName: opt(printable(size(0, 32, true))),
      },
      {},
    ),
  );

  const E2SM_KPM_IndicationHeader = def(
    "E2SM-KPM-IndicationHeader",
    seq(
      {
        "indicationHeader-formats": choice({ "indicationHeader-Format1": E2SM_KPM_IndicationHeader_Format1 }, {}),
      },
      {},
    ),
  );

  return { TimeStamp, E2SM_KPM_IndicationHeader_Format1, E2SM_KPM_IndicationHeader };
}

function build(version: KpmVersion) {
  return { ...ies, ...pdus, ...buildVersioned(version) };
}

export type KpmTypes = ReturnType<typeof build>;

const built = new Map<KpmVersion, KpmTypes>();

/** Every E2SM-KPM type (and constant) of `version`, by TS name; the same object on every call. */
export function buildKpm(version: KpmVersion): KpmTypes {
  let types = built.get(version);
  if (!types) {
    types = build(version);
    built.set(version, types);
  }
  return types;
}
