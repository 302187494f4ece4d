import * as fc from "fast-check";
import { arbitrary } from "../e2sm/schema/arbitrary.js";
import { stringifyJson, toJson } from "../e2sm/schema/json.js";
import { SERVICE_MODELS } from "../e2sm/registry.js";
const d = SERVICE_MODELS.rc.module.types.get("E2SM-RC-RANFunctionDefinition")!;
const [v] = fc.sample(arbitrary(d), { numRuns: 1, seed: 3 });
const j = toJson(d, v);
// count where bytes go: by top-level key
for (const [k, x] of Object.entries(j as object)) console.log(k, stringifyJson(x).length);
console.log(stringifyJson(j, 1).split("\n").slice(0, 120).join("\n"));
