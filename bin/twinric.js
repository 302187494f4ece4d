#!/usr/bin/env node
// The `twinric` command: runs the compiled CLI (npm install builds it through `prepare`).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
