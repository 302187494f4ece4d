#!/usr/bin/env node
// The `twinric` command: runs the compiled CLI (npm install builds it through `prepare`).
import { tuneV8 } from "../dist/cli/v8-tuning.js";

tuneV8(); // before the CLI's modules load and anything is optimized
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
