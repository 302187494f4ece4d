import * as fc from "fast-check";
import { arbitrary } from "../e2sm/schema/arbitrary.js";
import { encode } from "../e2sm/schema/encode.js";
import { E2AP_MODULES, SERVICE_MODELS } from "../e2sm/registry.js";
for (const [mod, t] of [[SERVICE_MODELS.rc.module, "E2SM-RC-RANFunctionDefinition"], [SERVICE_MODELS.rc.module, "E2SM-RC-ActionDefinition"], [SERVICE_MODELS["kpm-v3"].module, "E2SM-KPM-RANfunction-Description"], [E2AP_MODULES[3], "E2AP-PDU"], [E2AP_MODULES[3], "E2setupRequest"]] as const) {
  const d = (mod as any).types.get(t);
  for (const maxDepth of [16, 12]) {
    const t0 = Date.now();
    const vals = fc.sample(arbitrary(d, { maxDepth }), 300);
    const sizes = vals.map((v) => encode(d, v).length).sort((a, b) => a - b);
    console.log(t, maxDepth, "ms", Date.now() - t0, "avg", Math.round(sizes.reduce((a, b) => a + b) / sizes.length), "median", sizes[150], "max", sizes[299]);
  }
}
