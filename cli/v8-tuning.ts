/**
 * V8 settings the `twinric` command runs with, set before any hot code is optimized. The E2 codec's
 * generated decoders and encoders call small bit-level helpers from every leaf; V8 inlines calls only
 * within a budget of callee bytecode per optimized function (920 by default), which a KPM report's
 * record lists spend, leaving the REAL, integer and string helpers as calls, and never inlines a callee
 * of more than 460 bytecodes, such as a KPM record list's decoder. Budgets of 6000 and 1000 make
 * KPM indications 10-20 % faster in most runs (bench/codec.ts measures node's defaults and these side
 * by side). Programs that use the codec as a library can pass the same flags to node.
 */
import { setFlagsFromString } from "node:v8";

export const V8_FLAGS = ["--max-inlined-bytecode-size-cumulative=6000", "--max-inlined-bytecode-size=1000"] as const;

export function tuneV8(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}
