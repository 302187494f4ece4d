import * as fc from "fast-check";
import { arbitrary } from "../e2sm/schema/arbitrary.js";
import { bits, bool, choice, int, octets, printable, real, seq } from "../e2sm/schema/builders.js";
import { encode } from "../e2sm/schema/encode.js";
import { decode } from "../e2sm/schema/decode.js";
import { startOracle } from "../test/support/oracle.js";
import { compareWithOracle } from "../test/support/oracle-compare.js";
import { stringifyJson, toJson } from "../e2sm/schema/json.js";
const Value = choice({ valueBoolean: bool(), valueInt: int(), valueReal: real(), valueBitS: bits(), valueOctS: octets(), valuePrintableString: printable() }, {});
const Trigger = seq({ "eventDefinition-formats": choice({ "eventDefinition-Format1": seq({ reportingPeriod: int(1, 4294967295) }, {}) }, {}) }, {});
const o = await startOracle();
if ("skip" in o) { console.log(o.skip); process.exit(); }
let bad = 0;
for (const [mod, type, desc] of [["RC_v1", "RANParameter-Value", Value], ["KPM_v3", "E2SM-KPM-EventTriggerDefinition", Trigger]] as const) {
  const vals = fc.sample(arbitrary(desc, { specialReals: false, maxLength: 40 }), 3000);
  const t0 = Date.now();
  const answers = await Promise.all(vals.map((v) => o.check(mod, type, encode(desc, v))));
  console.log(type, vals.length, "in", Date.now() - t0, "ms");
  answers.forEach((a, i) => {
    const v = vals[i];
    const bytes = encode(desc, v);
    const diffs = a.ok ? compareWithOracle(desc, v, a.value) : [a.error.slice(0, 200)];
    const isReal = "valueReal" in (v as object);
    if (a.ok && !a.identical && !isReal) diffs.push("not identical " + Buffer.from(bytes).toString("hex") + " vs " + a.reencoded);
    try { const back = decode(desc, bytes); if (stringifyJson(toJson(desc, back)) !== stringifyJson(toJson(desc, v))) diffs.push("decode differs"); } catch (e) { diffs.push("decode: " + e); }
    if (diffs.length && bad++ < 10) console.log(stringifyJson(toJson(desc, v)), Buffer.from(bytes).toString("hex"), diffs);
  });
}
await o.close();
console.log("bad", bad);
