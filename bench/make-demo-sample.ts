/**
 * Writes docs/samples/kpm-session.hex, the README demo's input: an E2 Setup Request announcing
 * KPM v3 / RC / KPM v2 RAN functions, then a KPM indication and an RC handover control request.
 *   npx tsx bench/make-demo-sample.ts
 */
import { writeFileSync } from "node:fs";
import { benchMessages } from "./fixtures.js";

const m = benchMessages();
const lines = [
  "# twinric demo: an E2 node's setup, then a KPM v3 report and an RC handover control (E2AP v3, APER hex)",
  Buffer.from(m["e2setupRequest (3 RAN functions)"]).toString("hex"),
  Buffer.from(m["ricIndication KPM format 1 (20 meas x 10 records)"]).toString("hex"),
  Buffer.from(m["ricControlRequest RC handover"]).toString("hex"),
];
writeFileSync(new URL("../docs/samples/kpm-session.hex", import.meta.url), `${lines.join("\n")}\n`);
