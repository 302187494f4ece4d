import * as fc from "fast-check";
import { arbitrary } from "../e2sm/schema/arbitrary.js";
import { encode } from "../e2sm/schema/encode.js";
import { decode } from "../e2sm/schema/decode.js";
import { startOracle } from "../test/support/oracle.js";
import { stringifyJson, toJson } from "../e2sm/schema/json.js";
import { E2AP_MODULES, SERVICE_MODELS } from "../e2sm/registry.js";
const o = await startOracle(); if ("skip" in o) process.exit();
const cases: [any, any, string][] = [["E2AP_v3", E2AP_MODULES[3], "E2connectionUpdate"], ["KPM_v3", SERVICE_MODELS["kpm-v3"].module, "E2SM-KPM-RANfunction-Description"], ["RC_v1", SERVICE_MODELS.rc.module, "E2SM-RC-ActionDefinition"]];
for (const [mid, mod, t] of cases) {
  const d = mod.types.get(t);
  for (const [label, opts] of [["ext", {}], ["noext", { extensions: false }]] as const) {
    const vals = fc.sample(arbitrary(d, { specialReals: false, ...opts }), 300);
    let ni = 0, same = 0, shown = 0;
    for (const v of vals) {
      const b = encode(d, v); const a = await o.check(mid, t, b);
      if (!a.ok || a.identical) continue;
      ni++;
      try { const back = decode(d, Buffer.from(a.reencoded, "hex")); if (stringifyJson(toJson(d, back)) === stringifyJson(toJson(d, v))) same++; } catch {}
      if (shown++ < 1 && label === "ext") { const x = Buffer.from(b).toString("hex"), y = a.reencoded; let i = 0; while (x[i] === y[i]) i++; console.log("  diverge at", i / 2, x.slice(Math.max(0, i - 10), i + 20), "|", y.slice(Math.max(0, i - 10), i + 20)); }
    }
    console.log(t, label, "not identical", ni, "of which OTP bytes decode to the same value", same);
  }
}
await o.close();
