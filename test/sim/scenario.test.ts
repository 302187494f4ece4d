import { describe, expect, it } from "vitest";
import { bundledScenarioNames, loadScenario, parseScenario } from "../../sim/scenario/load.js";
import { A3_DEFAULTS, PROPAGATION_DEFAULTS, prbCount, RRM_DEFAULTS } from "../../sim/scenario/resolve.js";
import { ConfigFileError } from "../../twin/config/yaml-config.js";

/** A minimal valid scenario: one site of two cells, one UE group; `extra` is appended at the top level. */
function scenarioYaml(extra = ""): string {
  return `name: tiny
seed: 1
scene: { generator: urban-district }
carrier: { frequencyHz: 3.5e9, bandwidthHz: 40e6, numerology: 1 }
sites:
  - id: a
    position: [0, 0]
    heightM: 20
    cells:
      - id: a-1
        bearingDeg: 0
        powerDbm: 40
        array: { rows: 4, cols: 4 }
        codebook: { kind: ssb, count: 4, azimuthSpanDeg: 90 }
      - id: a-2
        bearingDeg: 120
        powerDbm: 40
        array: { rows: 4, cols: 4 }
        codebook: { kind: ssb, count: 4, azimuthSpanDeg: 90 }
ues:
  - name: walkers
    count: 3
    mobility: { model: random-routes }
${extra}`;
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' is not in the text`);
  return i + 1;
}

function errorOf(text: string, file = "bad.yaml"): ConfigFileError {
  try {
    parseScenario(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigFileError);
    return e as ConfigFileError;
  }
  throw new Error("the scenario loaded without an error");
}

describe("the bundled urban-district scenario", () => {
  const s = loadScenario("urban-district");

  it("is listed among the bundled scenarios", () => {
    expect(bundledScenarioNames()).toContain("urban-district");
  });

  it("has 9 cells on 3 sites, 300 UEs and 106 PRBs at 40 MHz with 30 kHz subcarriers", () => {
    expect(s.name).toBe("urban-district");
    expect(s.seed).toBe(1);
    expect(s.durationS).toBe(60);
    expect(s.cells.length).toBe(9);
    expect(new Set(s.cells.map((c) => c.site))).toEqual(new Set(["north", "west", "east"]));
    expect(s.ues.reduce((n, g) => n + g.count, 0)).toBe(300);
    expect(s.ues.map((g) => g.name)).toEqual(["pedestrians", "vehicles", "fans"]);
    expect(s.carrier.subcarrierSpacingHz).toBe(30e3);
    expect(s.carrier.prbs).toBe(106);
    expect(s.carrier.cqiTable).toBe(2);
    expect(s.carrier.maxLayers).toBe(2);
    // defaults filled in
    expect(s.carrier.ueNoiseFigureDb).toBe(7);
    expect(s.rrm.rlf).toEqual(RRM_DEFAULTS.rlf);
  });

  it("numbers the cells in file order with distinct identities, each the neighbour of all others", () => {
    expect(s.cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.cells[4].id).toBe("west-2");
    expect(s.cells[4].siteIndex).toBe(1);
    expect(new Set(s.cells.map((c) => c.nci)).size).toBe(9);
    expect(new Set(s.cells.map((c) => c.pci)).size).toBe(9);
    // 22-bit gNB id per site (site index + 1), cell number in the low 14 bits
    expect(s.cells[4].nci).toBe(2 * 2 ** 14 + 1);
    for (const c of s.cells) {
      expect([...c.neighbours].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].filter((i) => i !== c.index));
      expect(c.a3).toEqual({ offsetDb: 3, hysteresisDb: 1, timeToTriggerMs: 160, reportIntervalMs: 480 });
    }
  });

  it("turns east-2's true antenna 8 degrees in azimuth and 2 degrees further down than the twin believes", () => {
    const east2 = s.cells.find((c) => c.id === "east-2")!;
    const { nominal, actual } = east2.points[0];
    expect(nominal.bearingDeg).toBe(120);
    expect(nominal.downtiltDeg).toBe(6);
    // bearing 120 (from north, clockwise) is azimuth -30 (from east, counter-clockwise)
    const nominalAzimuth = 90 - nominal.bearingDeg!;
    expect(actual.azimuthDeg! - nominalAzimuth).toBeCloseTo(8, 12);
    expect(actual.downtiltDeg! - nominal.downtiltDeg!).toBeCloseTo(2, 12);
    expect(actual.position).toEqual([200, -100, 30]);
    expect(actual.powerDbm).toBe(nominal.powerDbm);
    // the other cells are where the twin believes
    for (const c of s.cells) if (c.id !== "east-2") expect(c.points[0].actual).toEqual(c.points[0].nominal);
  });

  it("carries the reality the twin does not know", () => {
    expect(s.reality.objects.map((o) => o.id)).toEqual(["truck-1", "truck-2", "container"]);
    expect(s.reality.shadowing).toEqual({ sigmaDb: 4, decorrelationM: 20 });
  });
});

describe("loadScenario", () => {
  it("names the bundled scenarios when a name is unknown", () => {
    expect(() => loadScenario("no-such-name")).toThrow(ConfigFileError);
    expect(() => loadScenario("no-such-name")).toThrow(
      /no bundled scenario 'no-such-name' \(bundled: .*urban-district/,
    );
  });

  it("reports a file it cannot read", () => {
    expect(() => loadScenario("/no/such/dir/scenario.yaml")).toThrow(/cannot read \/no\/such\/dir\/scenario\.yaml/);
  });
});

describe("parseScenario: defaults and resolution", () => {
  it("fills the defaults of a minimal scenario", () => {
    const s = parseScenario(scenarioYaml(), "/tmp/tiny.yaml");
    expect(s.description).toBe("");
    expect(s.durationS).toBe(60);
    expect(s.carrier).toMatchObject({ cqiTable: 1, maxLayers: 2, uePowerDbm: 23, gnbNoiseFigureDb: 5, prbs: 106 });
    expect(s.propagation).toEqual({ ...PROPAGATION_DEFAULTS, rangeM: undefined });
    expect(s.rrm).toEqual(RRM_DEFAULTS);
    expect(s.reality.shadowing).toEqual({ sigmaDb: 0, decorrelationM: 20 });
    expect(s.reality.fastFading).toEqual({ enabled: true, sigmaDb: 2 });
    expect(s.cells.map((c) => c.a3)).toEqual([A3_DEFAULTS, A3_DEFAULTS]);
    expect(s.cells.map((c) => c.pci)).toEqual([0, 1]);
    expect(s.cells.map((c) => c.nci)).toEqual([16384, 16385]);
    expect(s.cells[0].points[0].nominal.position).toEqual([0, 0, 20]);
    expect(s.cells[0].points[0].nominal.downtiltDeg).toBe(0);
    expect(s.ues[0]).toMatchObject({ speedMps: [1, 1.8], traffic: { model: "full-buffer" }, area: undefined });
  });

  it("merges partial rrm sections with the defaults and lets a cell override the A3 settings", () => {
    const text = scenarioYaml(
      "rrm:\n  tickMs: 10\n  rlf: { n310: 4 }\n  a3: { offsetDb: 2, cellOffsetsDb: { a-2: 1.5 } }\n",
    ).replace(
      "      - id: a-2\n",
      "      - id: a-2\n        a3: { timeToTriggerMs: 320, cellOffsetsDb: { a-1: -2 } }\n",
    );
    const s = parseScenario(text, "x.yaml");
    expect(s.rrm.tickMs).toBe(10);
    expect(s.rrm.rlf).toEqual({ ...RRM_DEFAULTS.rlf, n310: 4 });
    expect(s.rrm.handover).toEqual(RRM_DEFAULTS.handover);
    expect(s.cells[0].a3).toEqual({ offsetDb: 2, hysteresisDb: 1, timeToTriggerMs: 160, reportIntervalMs: 480 });
    expect(s.cells[1].a3).toEqual({ offsetDb: 2, hysteresisDb: 1, timeToTriggerMs: 320, reportIntervalMs: 480 });
    expect(Array.from(s.cells[0].cellOffsetsDb)).toEqual([0, 1.5]);
    expect(Array.from(s.cells[1].cellOffsetsDb)).toEqual([-2, 1.5]);
  });

  it("gives each mobility model its default speed range", () => {
    const text = scenarioYaml(
      [
        "  - { name: still, count: 1, mobility: { model: static } }",
        "  - { name: cars, count: 1, mobility: { model: vehicles } }",
        "  - { name: agv, count: 1, speedMps: [2, 2], mobility: { model: waypoints, waypoints: [[0, 0], [5, 5]] } }",
        "",
      ].join("\n"),
    );
    const s = parseScenario(text, "x.yaml");
    expect(s.ues.map((g) => g.speedMps)).toEqual([
      [1, 1.8],
      [0, 0],
      [8, 14],
      [2, 2],
    ]);
  });

  it("anchors a relative scene file at the scenario's folder and keeps an absolute one", () => {
    const relative = scenarioYaml().replace("{ generator: urban-district }", "{ file: scenes/town.json }");
    expect(parseScenario(relative, "/data/runs/s.yaml").scene).toEqual({ file: "/data/runs/scenes/town.json" });
    const absolute = scenarioYaml().replace("{ generator: urban-district }", "{ file: /srv/town.json }");
    expect(parseScenario(absolute, "/data/runs/s.yaml").scene).toEqual({ file: "/srv/town.json" });
  });

  it("numbers repeaters after their cell's panel and misaligns only the panel", () => {
    const text = scenarioYaml("reality:\n  misalignment:\n    - { cell: a-1, azimuthDeg: -5 }\n").replace(
      "      - id: a-2\n",
      [
        "        repeaters:",
        "          - { id: r-1, position: [50, 0, 6], azimuthDeg: 180, powerDbm: 30, array: { rows: 2, cols: 2 }, codebook: { kind: ssb, count: 2, azimuthSpanDeg: 60 } }",
        "      - id: a-2",
        "",
      ].join("\n"),
    );
    const s = parseScenario(text, "x.yaml");
    expect(s.cells[0].points.map((p) => p.id)).toEqual(["a-1", "r-1"]);
    // bearing 0 is azimuth 90
    expect(s.cells[0].points[0].actual.azimuthDeg).toBe(85);
    expect(s.cells[0].points[0].actual.bearingDeg).toBeUndefined();
    expect(s.cells[0].points[1].actual).toEqual(s.cells[0].points[1].nominal);
    expect(s.cells[0].points[1].nominal).toMatchObject({ position: [50, 0, 6], azimuthDeg: 180, downtiltDeg: 0 });
  });
});

describe("parseScenario: errors name the file, the line and the field", () => {
  it("reports a schema violation deep in a site at its line", () => {
    const text = scenarioYaml().replace("array: { rows: 4, cols: 4 }", "array: { rows: 4, cols: 0 }");
    const e = errorOf(text);
    expect(e.message).toMatch(/bad\.yaml:\d+: sites\[0\]\.cells\[0\]\.array\.cols/);
    expect(e.message).toBe(`bad.yaml:${lineOf(text, "cols: 0")}: sites[0].cells[0].array.cols: must be >= 1`);
  });

  it("reports a missing required field at its parent", () => {
    const text = scenarioYaml().replace("    heightM: 20\n", "");
    expect(errorOf(text).message).toMatch(/^bad\.yaml:6: sites\[0\]: must have required property 'heightM'$/);
  });

  it("reports an unknown neighbour id at the neighbour's line", () => {
    const text = scenarioYaml().replace("      - id: a-2\n", "      - id: a-2\n        neighbours: [a-1, zzz]\n");
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "zzz")}: sites[0].cells[1].neighbours[1]: no cell 'zzz' in the scenario`,
    );
  });

  it("refuses a cell as its own neighbour", () => {
    const text = scenarioYaml().replace("      - id: a-2\n", "      - id: a-2\n        neighbours: [a-2]\n");
    expect(errorOf(text).message).toMatch(
      /^bad\.yaml:\d+: sites\[0\]\.cells\[1\]\.neighbours\[0\]: a cell is not its own neighbour/,
    );
  });

  it("reports a duplicate cell id at the second one", () => {
    const text = scenarioYaml().replace("id: a-2", "id: a-1");
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "bearingDeg: 120") - 1}: sites[0].cells[1].id: cell id 'a-1' is used twice`,
    );
  });

  it("reports a duplicate site id, NR cell identity and UE group name", () => {
    const site2 = [
      "  - id: a",
      "    position: [100, 0]",
      "    heightM: 20",
      "    cells:",
      "      - { id: b-1, azimuthDeg: 0, powerDbm: 40, array: { rows: 1, cols: 1 }, codebook: { kind: ssb, count: 1, azimuthSpanDeg: 10 } }",
      "",
    ].join("\n");
    const twoSites = scenarioYaml().replace("ues:\n", `${site2}ues:\n`);
    expect(errorOf(twoSites).message).toBe(
      `bad.yaml:${lineOf(twoSites, "position: [100, 0]") - 1}: sites[1].id: site id 'a' is used twice`,
    );
    const nci = scenarioYaml().replace("      - id: a-2\n", "      - id: a-2\n        nci: 16384\n");
    expect(errorOf(nci).message).toMatch(/sites\[0\]\.cells\[1\]\.nci: NR cell identity 16384 is used twice/);
    const group = scenarioYaml("  - { name: walkers, count: 1, mobility: { model: static } }\n");
    expect(errorOf(group).message).toBe(
      `bad.yaml:${lineOf(group, "{ name: walkers")}: ues[1].name: UE group name 'walkers' is used twice`,
    );
  });

  it("reports a misalignment of an unknown cell at its line", () => {
    const text = scenarioYaml("reality:\n  misalignment:\n    - { cell: nope, azimuthDeg: 3 }\n");
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "cell: nope")}: reality.misalignment[0].cell: no cell 'nope' in the scenario`,
    );
  });

  it("orders cell events in time, and reports an event on an unknown cell at its line", () => {
    const ok = parseScenario(
      scenarioYaml("events:\n  - { atS: 9, cell: a-2, state: on }\n  - { atS: 3, cell: a-2, state: off }\n"),
      "ok.yaml",
    );
    expect(ok.events).toEqual([
      { atS: 3, cell: 1, on: false },
      { atS: 9, cell: 1, on: true },
    ]);
    const text = scenarioYaml("events:\n  - { atS: 3, cell: nope, state: off }\n");
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "cell: nope")}: events[0].cell: no cell 'nope' in the scenario`,
    );
    const state = scenarioYaml("events:\n  - { atS: 3, cell: a-1, state: broken }\n");
    expect(errorOf(state).message).toMatch(/events\[0\]\.state: must be equal to one of the allowed values/);
  });

  it("reports an unknown cell in a cell's offsets at that cell's offsets", () => {
    const text = scenarioYaml().replace(
      "      - id: a-2\n",
      "      - id: a-2\n        a3:\n          cellOffsetsDb: { ghost: 2 }\n",
    );
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "cellOffsetsDb")}: sites[0].cells[1].a3.cellOffsetsDb: no cell 'ghost' in the scenario`,
    );
  });

  // sim/scenario/resolve.ts (resolveCells): offsets from rrm.a3.cellOffsetsDb are merged into every cell's
  // before the check, so an unknown cell there is blamed on `sites[0].cells[0].a3.cellOffsetsDb` (a field
  // the file does not have; the line falls back to the first cell's) instead of `rrm.a3.cellOffsetsDb`.
  it("reports an unknown cell in the scenario-wide offsets at rrm.a3.cellOffsetsDb", () => {
    const text = scenarioYaml("rrm:\n  a3:\n    cellOffsetsDb: { ghost: 2 }\n");
    expect(errorOf(text).message).toMatch(
      new RegExp(`^bad\\.yaml:${lineOf(text, "ghost")}: rrm\\.a3\\.cellOffsetsDb(\\.ghost)?: no cell 'ghost'`),
    );
  });

  it("refuses qInDb below qOutDb", () => {
    const text = scenarioYaml("rrm:\n  rlf: { qOutDb: -6, qInDb: -8 }\n");
    expect(errorOf(text).message).toBe(`bad.yaml:${lineOf(text, "qInDb")}: rrm.rlf.qInDb: must not be below qOutDb`);
  });

  it("refuses a beam report period shorter than the tick", () => {
    const text = scenarioYaml("rrm:\n  tickMs: 50\n  beamReportPeriodMs: 40\n");
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "beamReportPeriodMs")}: rrm.beamReportPeriodMs: 40 ms is shorter than the tick (50 ms)`,
    );
    // the default report period (40 ms) against a longer tick, with no period in the file: still refused
    expect(errorOf(scenarioYaml("rrm:\n  tickMs: 100\n")).message).toMatch(
      /rrm\.beamReportPeriodMs: 40 ms is shorter than the tick \(100 ms\)/,
    );
  });

  it("refuses a cell with both or neither of azimuthDeg and bearingDeg", () => {
    const both = scenarioYaml().replace("bearingDeg: 120", "bearingDeg: 120\n        azimuthDeg: 10");
    expect(errorOf(both).message).toBe(
      `bad.yaml:${lineOf(both, "- id: a-2")}: sites[0].cells[1]: give exactly one of azimuthDeg (from east, counter-clockwise) and bearingDeg (from north, clockwise)`,
    );
    const neither = scenarioYaml().replace("        bearingDeg: 120\n", "");
    expect(errorOf(neither).message).toMatch(/sites\[0\]\.cells\[1\]: give exactly one of azimuthDeg/);
  });

  it("refuses a speed range that runs backwards and an empty start area", () => {
    const speed = scenarioYaml("  - { name: slow, count: 1, speedMps: [2, 1], mobility: { model: random-routes } }\n");
    expect(errorOf(speed).message).toMatch(/^bad\.yaml:\d+: ues\[1\]\.speedMps: the range \[2,1\] runs backwards$/);
    const area = scenarioYaml("  - { name: boxed, count: 1, area: [10, 0, 0, 10], mobility: { model: static } }\n");
    expect(errorOf(area).message).toMatch(/ues\[1\]\.area: must be \[x0, y0, x1, y1\] with x1 > x0 and y1 > y0/);
  });

  it("refuses a repeater whose id is a cell's", () => {
    const text = scenarioYaml().replace(
      "      - id: a-2\n",
      "        repeaters:\n          - { id: a-2, position: [5, 0, 5], azimuthDeg: 0, powerDbm: 30, array: { rows: 1, cols: 1 }, codebook: { kind: ssb, count: 1, azimuthSpanDeg: 10 } }\n      - id: a-2\n",
    );
    expect(errorOf(text).message).toMatch(
      /^bad\.yaml:\d+: sites\[0\]\.cells\[0\]\.repeaters\[0\]\.id: id 'a-2' is already a cell or repeater$/,
    );
  });

  it("refuses two reality objects with one id", () => {
    const text = scenarioYaml(
      "reality:\n  objects:\n    - { id: box, centre: [0, 0], sizeM: [1, 1, 1] }\n    - { id: box, centre: [5, 0], sizeM: [1, 1, 1] }\n",
    );
    expect(errorOf(text).message).toBe(
      `bad.yaml:${lineOf(text, "centre: [5, 0]")}: reality.objects[1].id: object id 'box' is used twice`,
    );
  });

  it("names an unknown top-level field", () => {
    const text = scenarioYaml("foo: 1\n");
    expect(errorOf(text).message).toMatch(/^bad\.yaml:\d+: \(top level\): unknown field 'foo'$/);
  });

  it("names an unknown field inside a section", () => {
    const text = scenarioYaml().replace("numerology: 1 }", "numerology: 1, colour: red }");
    expect(errorOf(text).message).toMatch(/^bad\.yaml:\d+: carrier: unknown field 'colour'$/);
  });

  // twin/config/yaml-config.ts: for `additionalProperties` ajv reports the parent object's path, so the
  // line is that of the parent (line 1 for an unknown top-level field), not the unknown key's own line.
  it("points at the unknown field's own line", () => {
    const text = scenarioYaml("foo: 1\n");
    expect(errorOf(text).message).toMatch(new RegExp(`^bad\\.yaml:${lineOf(text, "foo: 1")}: `));
  });

  it("reports a value out of the schema's range and an unknown enum value", () => {
    const text = scenarioYaml().replace("numerology: 1", "numerology: 7");
    expect(errorOf(text).message).toBe(`bad.yaml:${lineOf(text, "numerology")}: carrier.numerology: must be <= 4`);
    const table = scenarioYaml().replace("numerology: 1", "numerology: 1, cqiTable: 3");
    expect(errorOf(table).message).toMatch(/carrier\.cqiTable: must be equal to one of the allowed values: 1, 2$/);
  });

  it("reports a YAML syntax error at its line", () => {
    const text = scenarioYaml().replace("    position: [0, 0]", "    position: [0, 0");
    const e = errorOf(text);
    expect(e.message).toMatch(/^bad\.yaml:\d+: /);
    const line = Number(/^bad\.yaml:(\d+):/.exec(e.message)![1]);
    // the unclosed bracket opens on line 7; the parser notices it there or on the next lines
    expect(line).toBeGreaterThanOrEqual(lineOf(text, "position: [0, 0"));
    expect(line).toBeLessThanOrEqual(lineOf(text, "position: [0, 0") + 2);
    const tabs = "name: t\nseed: 1\n\tscene: x\n";
    expect(errorOf(tabs).message).toMatch(/^bad\.yaml:3: /);
  });
});

describe("default cell identities", () => {
  // sim/scenario/resolve.ts: the default PCI is (3 * site + cell) % 1008, which assumes at most three
  // cells a site: the fourth cell of site 0 gets PCI 3, the same as the first cell of site 1.
  it("gives every cell a distinct PCI by default, also with more than three cells a site", () => {
    const cell = (id: string, az: number) =>
      `      - { id: ${id}, azimuthDeg: ${az}, powerDbm: 40, array: { rows: 1, cols: 1 }, codebook: { kind: ssb, count: 1, azimuthSpanDeg: 10 } }\n`;
    const site2 = `  - id: b\n    position: [300, 0]\n    heightM: 20\n    cells:\n${cell("b-1", 0)}`;
    const text = scenarioYaml()
      .replace("ues:\n", `${site2}ues:\n`)
      .replace("      - id: a-2\n", `${cell("a-3", 200)}${cell("a-4", 300)}      - id: a-2\n`);
    const s = parseScenario(text, "x.yaml");
    expect(s.cells.length).toBe(5);
    expect(new Set(s.cells.map((c) => c.pci)).size).toBe(5);
  });
});

describe("prbCount", () => {
  it("takes the TS 38.101 transmission bandwidth configurations", () => {
    expect(prbCount(100e6, 30e3, 3.5e9)).toBe(273);
    expect(prbCount(40e6, 30e3, 3.5e9)).toBe(106);
    expect(prbCount(20e6, 15e3, 2e9)).toBe(106);
    expect(prbCount(5e6, 15e3, 700e6)).toBe(25);
    expect(prbCount(100e6, 60e3, 3.5e9)).toBe(135);
    expect(prbCount(100e6, 120e3, 28e9)).toBe(66);
    expect(prbCount(400e6, 120e3, 28e9)).toBe(264);
    expect(prbCount(200e6, 60e3, 28e9)).toBe(264);
  });

  it("uses about 95 % of an off-table bandwidth", () => {
    // 35 MHz at 30 kHz: 0.95 x 35e6 / 360e3 = 92.4
    expect(prbCount(35e6, 30e3, 3.5e9)).toBe(92);
    // 120 kHz is not an FR1 spacing in the table: 0.95 x 100e6 / 1.44e6 = 65.97
    expect(prbCount(100e6, 120e3, 3.5e9)).toBe(65);
    // FR2 at 100 MHz with 30 kHz (not in the FR2 table)
    expect(prbCount(100e6, 30e3, 28e9)).toBe(Math.floor((0.95 * 100e6) / 360e3));
    // close to the table where the table has it
    const ratio = (0.95 * 100e6) / (12 * 30e3) / 273;
    expect(Math.abs(ratio - 1)).toBeLessThan(0.04);
    // never below one PRB
    expect(prbCount(1e6, 120e3, 3.5e9)).toBe(1);
  });

  it("puts 7.125 GHz in FR1 and above it FR2", () => {
    expect(prbCount(100e6, 30e3, 7.125e9)).toBe(273);
    expect(prbCount(100e6, 60e3, 7.2e9)).toBe(132);
  });
});
