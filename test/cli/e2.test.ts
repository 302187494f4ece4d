/** `twinric e2 decode|encode` end to end: the README demo, round trips, and malformed input. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./support.js";

const SESSION = readFileSync(new URL("../../docs/samples/kpm-session.hex", import.meta.url), "utf8");

describe("twinric e2", () => {
  it("decodes the README's sample session, E2SM payloads expanded, and re-encodes it identically", async () => {
    const r = await runCli(["e2", "decode", "--reencode", "-"], SESSION);
    expect(r.stderr).not.toMatch(/differ/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"e2sm"');
    expect(r.stdout).toContain("E2SM-KPM-IndicationMessage");
  });

  it("encode takes decode's JSON back to the same hex", async () => {
    const line = SESSION.split("\n")
      .find((l) => /^[0-9a-f]+$/i.test(l.trim()))!
      .trim();
    const decoded = await runCli(["e2", "decode", "--compact", line]);
    expect(decoded.code).toBe(0);
    const encoded = await runCli(["e2", "encode", "-"], decoded.stdout);
    expect(encoded.code).toBe(0);
    expect(encoded.stdout.trim()).toBe(line.toLowerCase());
  });

  it("rejects malformed input with exit status 2 and one line naming the type path and offset", async () => {
    for (const hex of ["00", "0000ff", "zz", "2005000017"]) {
      const r = await runCli(["e2", "decode", hex]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
    const truncated = await runCli([
      "e2",
      "decode",
      "--sm",
      "kpm-v3",
      "--type",
      "E2SM-KPM-EventTriggerDefinition",
      "08",
    ]);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/E2SM-KPM-EventTriggerDefinition/);
    expect(truncated.stderr).toMatch(/bit/);
  });

  it("rejects unknown flags and types as usage errors", async () => {
    expect((await runCli(["e2", "decode", "--frobnicate", "00"])).code).toBe(2);
    const r = await runCli(["e2", "decode", "--type", "NoSuchType", "00"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NoSuchType/);
  });
});
