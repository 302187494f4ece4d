/** `twinric twin import|trace` end to end on the Sionna scenes, and their errors. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./support.js";

const SCENES = new URL("../../../shared/scenes/sionna/", import.meta.url).pathname;
const present = existsSync(SCENES);
const dir = mkdtempSync(join(tmpdir(), "twinric-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!present)("twinric twin", () => {
  const canyon = `${SCENES}simple_street_canyon/simple_street_canyon.xml`;
  /** `twin trace` of one link in `scene`, then `extra` flags. */
  const trace = (scene: string, ...extra: string[]) =>
    runCli(["twin", "trace", "--scene", scene, "--tx", "-30,0,20", "--rx", "40,5,1.5", "--freq", "3.5e9", ...extra]);

  it("imports a Sionna scene to a scene file that trace then reads", async () => {
    const out = join(dir, "canyon.json");
    const imported = await runCli(["twin", "import", canyon, "--out", out]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/74 triangles/);
    const fromXml = await trace(canyon, "--json");
    const fromJson = await trace(out, "--json");
    expect(fromXml.code).toBe(0);
    expect(JSON.parse(fromJson.stdout)).toEqual(JSON.parse(fromXml.stdout));
  });

  it("trace --json prints the documented shape", async () => {
    const r = await trace(canyon, "--max-depth", "2", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(typeof json.pathGainDb).toBe("number");
    const types = new Set(json.paths.map((p: { type: string }) => p.type));
    expect(types).toEqual(new Set(["los", "reflection", "diffraction"]));
    for (const p of json.paths) {
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining(["type", "gainDb", "amplitude", "delayS", "aod", "aoa", "interactions"]),
      );
      expect(p.aod).toHaveLength(2);
      expect(10 * Math.log10(p.amplitude[0] ** 2 + p.amplitude[1] ** 2)).toBeCloseTo(p.gainDb, 2);
      expect(p.interactions.length).toBeLessThanOrEqual(2);
    }
    // the total is the power sum of the paths
    const sum = json.paths.reduce((s: number, p: { gainDb: number }) => s + 10 ** (p.gainDb / 10), 0);
    expect(10 * Math.log10(sum)).toBeCloseTo(json.pathGainDb, 2);
  });

  it("prints a readable table by default", async () => {
    const r = await trace(canyon, "--no-diffraction");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^path gain -\d+\.\d\d dB/);
    expect(r.stdout).toMatch(/\nlos /);
    expect(r.stdout).not.toMatch(/diffraction/);
  });

  it("rejects bad flags and broken files with exit status 2 and a message naming what is wrong", async () => {
    const bad = async (argv: string[], pattern: RegExp) => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
    };
    const base = ["twin", "trace", "--scene", canyon, "--freq", "3.5e9"];
    await bad([...base, "--tx", "1,2", "--rx", "0,0,1"], /--tx must be three numbers/);
    await bad([...base, "--tx", "1,2,3"], /--rx x,y,z is required/);
    await bad(
      ["twin", "trace", "--scene", canyon, "--tx", "0,0,1", "--rx", "1,1,1", "--freq", "-5"],
      /--freq must be a positive number/,
    );
    await bad([...base, "--tx", "0,0,1", "--rx", "1,1,1", "--max-depth", "x"], /--max-depth/);
    const broken = join(dir, "broken.ply");
    writeFileSync(broken, "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nend_header\n0\n");
    await bad(["twin", "trace", "--scene", broken, "--tx", "0,0,1", "--rx", "1,1,1", "--freq", "1e9"], /broken\.ply/);
    await bad(["twin", "import", join(dir, "missing.xml"), "--out", join(dir, "x.json")], /missing\.xml/);
    await bad(["twin", "import", canyon], /--out is required/);
  });
});

describe.skipIf(!present)("twinric twin map", () => {
  const canyon = `${SCENES}simple_street_canyon/simple_street_canyon.xml`;
  const cells = join(dir, "cells.yaml");
  writeFileSync(
    cells,
    [
      "cells:",
      "  - id: west",
      "    position: [-30, 0, 20]",
      "    bearingDeg: 90",
      "    powerDbm: 43",
      "    array: { rows: 2, cols: 4 }",
      "    codebook: { kind: ssb, count: 4, azimuthSpanDeg: 120 }",
      "  - id: east",
      "    position: [75, 20, 25]",
      "    azimuthDeg: 200",
      "    powerDbm: 40",
      "    array: { rows: 1, cols: 1, pattern: iso }",
      "    codebook: { kind: beams, directionsDeg: [[0, 0]] }",
    ].join("\n"),
  );

  it("writes the pictures and a map file that loads back", async () => {
    const out = join(dir, "map.png");
    const data = join(dir, "map.bin");
    const r = await runCli([
      "twin",
      "map",
      "--scene",
      canyon,
      "--cells",
      cells,
      "--res",
      "4",
      "--rays",
      "50000",
      "--out",
      out,
      "--data",
      data,
      "--max-depth",
      "1",
    ]);
    expect(r.stderr).toMatch(/47 x 31 cells at 4 m, 2 cell\(s\)/);
    expect(r.code).toBe(0);
    for (const f of [out, join(dir, "map-sinr.png"), join(dir, "map-beam.png"), join(dir, "map-cell.png")]) {
      expect(readFileSync(f).subarray(1, 4).toString()).toBe("PNG");
    }
    const { decodeRadioMap } = await import("../../twin/radio-map/map-file.js");
    const map = decodeRadioMap(readFileSync(data), data);
    expect(map.meta.cells.map((c) => [c.id, c.beams])).toEqual([
      ["west", 4],
      ["east", 1],
    ]);
  });

  it("names the line and field of a bad cells file", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      "cells:\n  - id: a\n    position: [0, 0, 10]\n    powerDbm: 40\n    array: { rows: 0, cols: 4 }\n    codebook: { kind: ssb, count: 4, azimuthSpanDeg: 90 }\n",
    );
    const r = await runCli(["twin", "map", "--scene", canyon, "--cells", bad, "--out", join(dir, "x.png")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5: cells\[0\]\.array\.rows: must be >= 1/);
    writeFileSync(bad, "cells:\n  - id: a\n    position: [0, 0]\n");
    expect(
      (await runCli(["twin", "map", "--scene", canyon, "--cells", bad, "--out", join(dir, "x.png")])).stderr,
    ).toMatch(/bad\.yaml:\d+: cells\[0\]/);
    writeFileSync(bad, "cells: [\n");
    expect(
      (await runCli(["twin", "map", "--scene", canyon, "--cells", bad, "--out", join(dir, "x.png")])).stderr,
    ).toMatch(/bad\.yaml:\d+:/);
    expect(
      (await runCli(["twin", "map", "--scene", canyon, "--cells", cells, "--out", join(dir, "x.jpg")])).stderr,
    ).toMatch(/\.png/);
  });
});

describe("twinric twin generate", () => {
  it("writes the procedural scenes, the same for the same seed, and maps them", async () => {
    const a = join(dir, "district-a.json");
    const b = join(dir, "district-b.json");
    expect((await runCli(["twin", "generate", "urban-district", "--seed", "3", "--out", a])).code).toBe(0);
    expect((await runCli(["twin", "generate", "urban-district", "--seed", "3", "--out", b])).code).toBe(0);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    const factory = await runCli(["twin", "generate", "factory", "--out", join(dir, "factory.json")]);
    expect(factory.stderr).toMatch(/factory\.json: \d+ objects, \d+ triangles/);
    const trace = await runCli([
      "twin",
      "trace",
      "--scene",
      join(dir, "factory.json"),
      "--tx",
      "-25,-10,8",
      "--rx",
      "25,10,1.5",
      "--freq",
      "28e9",
      "--max-depth",
      "1",
      "--json",
    ]);
    expect(trace.code).toBe(0);
    expect(JSON.parse(trace.stdout).paths.length).toBeGreaterThan(0);
    expect((await runCli(["twin", "generate", "castle", "--out", a])).code).toBe(2);
    expect((await runCli(["twin", "generate", "factory", "--seed", "x", "--out", a])).stderr).toMatch(/--seed/);
  });
});
