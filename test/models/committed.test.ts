/**
 * The trained models committed under models/: each one a valid surrogate file of its scenario's
 * nominal scene, answering one position in process as onnxruntime answers it in a batch.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultModelDir } from "../../cli/twin-surrogate.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { nominalScene } from "../../sim/world/scene.js";
import { sceneBounds } from "../../twin/scene/index.js";
import { readSurrogate } from "../../twin/surrogate/model-file.js";
import { Surrogate } from "../../twin/surrogate/surrogate.js";

const modelsDir = join(defaultModelDir("x"), "..");
const committed = readdirSync(modelsDir).filter((d) => existsSync(join(modelsDir, d, "model.onnx")));

describe("the committed models", () => {
  it("cover the four bundled scenarios", () => {
    expect(committed.sort()).toEqual(["factory", "paris-etoile", "scale-city", "urban-district"]);
  });

  for (const name of committed) {
    it(`${name}: loads on its scenario's scene and answers one position as a batch does`, async () => {
      const scenario = loadScenario(name);
      const scene = await nominalScene(scenario.scene);
      const model = readSurrogate(readFileSync(join(modelsDir, name, "model.onnx")), `${name}/model.onnx`);
      expect(model.scenario).toBe(name);
      const s = await Surrogate.fromModel(model, scene);
      try {
        const b = sceneBounds(scene)!;
        const xyz = Float32Array.of(
          (b.min[0] + b.max[0]) / 2 + 3.3,
          (b.min[1] + b.max[1]) / 2 - 7.1,
          1.5,
          b.min[0] + 0.3 * (b.max[0] - b.min[0]),
          b.min[1] + 0.6 * (b.max[1] - b.min[1]),
          1.5,
        );
        const batch = await s.gainsBatch(xyz);
        const G = s.model.spec.outputs;
        for (let p = 0; p < 2; p++) {
          const one = s.gainsAt(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]);
          for (let k = 0; k < G; k++) {
            expect(Number.isFinite(one[k])).toBe(true);
            expect(Math.abs(one[k] - batch[p * G + k])).toBeLessThan(1e-3);
          }
        }
      } finally {
        await s.close();
      }
    }, 60_000);
  }
});
