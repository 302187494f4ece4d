/**
 * Conformance against the independent Erlang/OTP APER codec (../shared/oracle): for every PDU type of
 * E2AP v2/v3 and every top-level type of E2SM-KPM v2/v3 and E2SM-RC v1, hand-written realistic
 * values and thousands of random ones must
 *   1. encode with our codec, decode in the oracle and re-encode there to identical bytes;
 *   2. decode in the oracle to the value we meant (compared field by field);
 *   3. decode with our codec back to the same value (also from the oracle's own bytes when they
 *      differ, which REAL's decimal form makes them).
 * Skipped, with the reason printed, only when the oracle cannot run.
 *
 * Known differences (the oracle's, not ours):
 * - REAL: the oracle writes the decimal form, we write binary; values are compared instead of bytes.
 * - Erlang/OTP 25 writes a zero length outside an extensible SIZE root (an empty AMFName, an empty
 *   tnlAddress) in the two-octet form `80 00`; X.691 11.9.3.6 says one octet `00`, as we write. Such
 *   re-encodings are accepted when they hold `8000` and decode (with our decoder) to the same value.
 * - The oracle's REAL decoder fails on the special values (0, -0, NaN, +/-infinity: X.690 8.5.3 and
 *   8.5.9), so random values here hold finite non-zero REALs; test/e2sm/aper/real.test.ts checks the
 *   special values' bytes against X.690.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2apV2, e2apV3 } from "../../e2sm/e2ap/index.js";
import { kpmV2, kpmV3 } from "../../e2sm/kpm/index.js";
import { rcV1 } from "../../e2sm/rc/index.js";
import { decode } from "../../e2sm/schema/decode.js";
import type { Desc } from "../../e2sm/schema/descriptors.js";
import { encode } from "../../e2sm/schema/encode.js";
import { fromHex, stringifyJson, toHex } from "../../e2sm/schema/json.js";
import { type SchemaModule, typeOf } from "../../e2sm/schema/module.js";
import { sameValue } from "../../e2sm/schema/values.js";
import { arbitrary } from "../support/arbitrary.js";
import { CORPUS, type OracleModule } from "../support/corpus.js";
import { type Oracle, startOracle } from "../support/oracle.js";
import { compareWithOracle } from "../support/oracle-compare.js";

/** Random values per type; CONFORMANCE_RUNS raises it for a longer run. */
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 1000);
const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261122);

const MODULES: [SchemaModule, OracleModule][] = [
  [e2apV3, "E2AP_v3"],
  [e2apV2, "E2AP_v2"],
  [kpmV3, "KPM_v3"],
  [kpmV2, "KPM_v2"],
  [rcV1, "RC_v1"],
];

let oracle: Oracle | undefined;
let skip = "";

beforeAll(async () => {
  const o = await startOracle();
  if ("skip" in o) {
    skip = o.skip;
    console.warn(`conformance tests skipped: ${skip}`);
  } else oracle = o;
});
afterAll(async () => oracle?.close());

/** Checks one value end to end; returns the problems found. */
async function check(mod: OracleModule, type: string, desc: Desc, value: unknown): Promise<string[]> {
  const bytes = encode(desc, value);
  const hex = toHex(bytes);
  const answer = await oracle!.check(mod, type, bytes);
  if (!answer.ok) return [`oracle cannot decode ${hex}: ${answer.error}`];
  const problems: string[] = [];
  if (answer.trailing !== 0) problems.push(`oracle saw ${answer.trailing} trailing bytes in ${hex}`);
  const hasReal = /"real"|valueReal|REAL/.test(stringifyJson(answer.value));
  const twoOctetZero = answer.reencoded.includes("8000");
  if (!answer.identical && !hasReal && !twoOctetZero) problems.push(`oracle re-encodes ${hex} as ${answer.reencoded}`);
  problems.push(...compareWithOracle(desc, value, answer.value).map((d) => `${hex}: ${d}`));
  const ours = decode(desc, bytes);
  if (!sameValue(ours, value)) problems.push(`our decode of ${hex} differs from the value encoded`);
  if (!answer.identical) {
    const theirs = decode(desc, fromHex(answer.reencoded)!);
    if (!sameValue(theirs, value)) problems.push(`our decode of the oracle's ${answer.reencoded} differs`);
  }
  return problems;
}

describe.each(MODULES)("%s against the oracle", (module, oracleModule) => {
  it.each(CORPUS.filter((c) => c.module === module).map((c) => [c.name, c] as const))(
    "realistic %s",
    async (_name, c) => {
      if (!oracle) return console.warn(`skipped: ${skip}`);
      expect(await check(oracleModule, c.type, typeOf(module, c.type), c.value)).toEqual([]);
    },
  );

  it.each(module.topLevel.map((t) => [t]))(`${RUNS} random %s`, async (type) => {
    if (!oracle) return console.warn(`skipped: ${skip}`);
    const desc = typeOf(module, type);
    const values = fc.sample(arbitrary(desc, { specialReals: false }), { numRuns: RUNS, seed: SEED });
    const results = await Promise.all(values.map((v) => check(oracleModule, type, desc, v)));
    const problems = results.flat();
    expect(problems.slice(0, 5), `${problems.length} problems in ${RUNS} values (seed ${SEED})`).toEqual([]);
  });
});
