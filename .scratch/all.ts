import * as fc from "fast-check";
import { arbitrary } from "../e2sm/schema/arbitrary.js";
import { encode } from "../e2sm/schema/encode.js";
import { decode } from "../e2sm/schema/decode.js";
import { startOracle, type OracleModule } from "../test/support/oracle.js";
import { compareWithOracle } from "../test/support/oracle-compare.js";
import { stringifyJson, toJson } from "../e2sm/schema/json.js";
import { E2AP_MODULES, SERVICE_MODELS } from "../e2sm/registry.js";
const o = await startOracle();
if ("skip" in o) { console.log(o.skip); process.exit(); }
const mods: [OracleModule, any][] = [["E2AP_v3", E2AP_MODULES[3]], ["E2AP_v2", E2AP_MODULES[2]], ["KPM_v3", SERVICE_MODELS["kpm-v3"].module], ["KPM_v2", SERVICE_MODELS["kpm-v2"].module], ["RC_v1", SERVICE_MODELS.rc.module]];
const N = Number(process.argv[2] ?? 200);
for (const [mid, mod] of mods) {
  for (const type of mod.topLevel) {
    const desc = mod.types.get(type);
    const t0 = Date.now();
    let vals: unknown[];
    try { vals = fc.sample(arbitrary(desc, { specialReals: false }), N); } catch (e) { console.log(mid, type, "arbitrary:", String(e)); continue; }
    const t1 = Date.now();
    const enc: (Uint8Array | string)[] = vals.map((v) => { try { return encode(desc, v); } catch (e) { return String(e); } });
    const answers = await Promise.all(enc.map((b) => typeof b === "string" ? null : o.check(mid, type, b)));
    let bad = 0; const msgs: string[] = [];
    answers.forEach((a, i) => {
      const b = enc[i]; const v = vals[i];
      const d: string[] = [];
      if (typeof b === "string") d.push("encode: " + b.slice(0, 300));
      else if (!a!.ok) d.push("oracle: " + (a as any).error.slice(0, 300));
      else {
        d.push(...compareWithOracle(desc, v, a!.value));
        if (!a!.identical && !stringifyJson(toJson(desc, v)).match(/[0-9.]e|\.[0-9]|REAL/)) d.push("not identical");
        try { const back = decode(desc, b); const x = stringifyJson(toJson(desc, back)), y = stringifyJson(toJson(desc, v)); if (x !== y) d.push("decode differs"); } catch (e) { d.push("decode: " + String(e).slice(0, 200)); }
      }
      if (d.length) { bad++; if (msgs.length < 2) msgs.push(d.slice(0, 3).join(" | ") + "\n   value " + stringifyJson(toJson(desc, v)).slice(0, 400)); }
    });
    const size = enc.reduce((s, b) => s + (typeof b === "string" ? 0 : b.length), 0) / N;
    console.log(`${mid} ${type}: gen ${t1 - t0}ms, total ${Date.now() - t0}ms, avg ${size.toFixed(0)}B, bad ${bad}`);
    for (const m of msgs) console.log("   " + m);
  }
}
await o.close();
