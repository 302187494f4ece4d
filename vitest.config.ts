import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the oracle's first build takes ~30 s; conformance files stream thousands of messages through it
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
