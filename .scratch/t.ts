import { encode } from "../e2sm/schema/encode.js";
import { E2AP_MODULES, SERVICE_MODELS } from "../e2sm/registry.js";
import { fromJson, stringifyJson, toJson } from "../e2sm/schema/json.js";
import { startOracle } from "../test/support/oracle.js";
const o = await startOracle(); if ("skip" in o) process.exit();
const m = E2AP_MODULES[3];
const cases: [any, string, string, any][] = [
  ["E2AP_v3", m, "TNLinformation", { tnlAddress: { bits: "", length: 0 } }],
  ["E2AP_v3", m, "TNLinformation", { tnlAddress: { bits: "80", length: 1 } }],
  ["E2AP_v3", m, "RANfunctionOID", ""],
  ["E2AP_v3", m, "RANfunctionOID", "a"],
  ["KPM_v3", SERVICE_MODELS["kpm-v3"].module, "RANfunction-Name", { "ranFunction-ShortName": "", "ranFunction-E2SM-OID": "a", "ranFunction-Description": "b" }],
  ["KPM_v3", SERVICE_MODELS["kpm-v3"].module, "RANfunction-Name", { "ranFunction-ShortName": "x", "ranFunction-E2SM-OID": "a", "ranFunction-Description": "b", "ranFunction-Instance": 9007199254740991 }],
  ["KPM_v3", SERVICE_MODELS["kpm-v3"].module, "E2SM-KPM-IndicationHeader", {"indicationHeader-formats":{"indicationHeader-Format1":{"colletStartTime":{"octets":"3aff01fda4cd3b04"},"senderType":"","vendorName":"H"}}}],
  ["KPM_v3", SERVICE_MODELS["kpm-v3"].module, "E2SM-KPM-IndicationHeader", {"indicationHeader-formats":{"indicationHeader-Format1":{"colletStartTime":{"octets":"3aff01fda4cd3b04"},"vendorName":"H"}}}],
];
for (const [mid, mod, t, j] of cases) {
  const d = mod.types.get(t); if (!d) { console.log("no", t); continue; }
  const b = encode(d, fromJson(d, j));
  const a = await o.check(mid, t, b);
  console.log(t, Buffer.from(b).toString("hex"), stringifyJson(a as any));
}
await o.close();
