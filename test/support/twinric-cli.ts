/** `twinric` from the sources (no build), for tests that run commands as separate processes. */
import { main } from "../../cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
