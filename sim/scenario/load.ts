/**
 * Scenario files: a bundled scenario by name (`urban-district`) or a YAML file by path, validated
 * against the schema and resolved. Scene files are named relative to the scenario file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigFileError, readYamlConfig } from "../../twin/config/yaml-config.js";
import { resolveScenario, type Scenario } from "./resolve.js";
import { SCENARIO_SCHEMA, type ScenarioSpec } from "./schema.js";

/** The twinric package's folder (holding package.json), from source or from `dist/`. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the twinric package root");
    dir = up;
  }
  return dir;
}

/** The bundled scenarios' folder: `sim/scenarios` of the package. */
export function bundledScenarioDir(): string {
  return join(packageRoot(), "sim", "scenarios");
}

export function bundledScenarioNames(): string[] {
  return readdirSync(bundledScenarioDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** The file a scenario argument names: a bundled name or a path. */
export function scenarioPath(nameOrPath: string): string {
  if (/^[a-z0-9-]+$/.test(nameOrPath) && !existsSync(nameOrPath)) {
    const path = join(bundledScenarioDir(), `${nameOrPath}.yaml`);
    if (!existsSync(path)) {
      throw new ConfigFileError(
        `no bundled scenario '${nameOrPath}' (bundled: ${bundledScenarioNames().join(", ")}); give a name or a .yaml path`,
      );
    }
    return path;
  }
  return nameOrPath;
}

export function loadScenario(nameOrPath: string): Scenario {
  const path = scenarioPath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseScenario(text, path);
}

/** Parses scenario YAML from `file` (its folder anchors relative scene paths). */
export function parseScenario(text: string, file: string): Scenario {
  const config = readYamlConfig<ScenarioSpec>(text, file, SCENARIO_SCHEMA);
  const spec = config.value;
  const scene =
    "file" in spec.scene && !isAbsolute(spec.scene.file)
      ? { file: resolve(dirname(file), spec.scene.file) }
      : spec.scene;
  return resolveScenario({ ...spec, scene }, config.fail);
}
