/** docs/errors.md lists every error code the libraries can put in `error.code`. */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { E2_ERROR_CODES } from "../e2sm/errors.js";
import { SCENE_ERROR_CODES } from "../twin/scene/errors.js";

it("documents every error code with its meaning", () => {
  const doc = readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8");
  for (const [code, meaning] of Object.entries({ ...E2_ERROR_CODES, ...SCENE_ERROR_CODES })) {
    expect(doc).toContain(`| \`${code}\` | ${meaning} |`);
  }
});
