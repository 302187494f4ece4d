/**
 * Long mutation-fuzzing run of every decoder over the realistic samples (the test suite runs a short one).
 *   npx tsx bench/fuzz.ts [--runs 1000000] [--seed 1]
 */
import { parseArgs } from "node:util";
import { corpusSeeds } from "../test/support/corpus.js";
import { fuzz } from "../test/support/fuzz.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "1000000" }, seed: { type: "string", default: "1" } },
});
const runs = Number(values.runs);
const seeds = corpusSeeds();
const t0 = performance.now();
const report = fuzz(seeds, runs, Number(values.seed));
const s = (performance.now() - t0) / 1000;
console.log(
  `${runs} mutated messages over ${seeds.length} seeds in ${s.toFixed(1)} s (${Math.round(runs / s)}/s): ` +
    `${report.decodedOk} decoded, ${report.typedErrors} typed errors ${JSON.stringify(report.errorCodes)}, ` +
    `${report.findings.length} findings, slowest ${report.slowestMs.toFixed(1)} ms`,
);
for (const f of report.findings.slice(0, 10)) console.log(`FINDING ${f.seed} ${f.mutation} ${f.hex}\n${f.error}`);
process.exitCode = report.findings.length ? 1 : 0;
