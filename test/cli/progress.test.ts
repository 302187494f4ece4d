/** Progress on stderr when it is not a terminal: a line per phase and at each tenth, with the time taken. */
import { describe, expect, it } from "vitest";
import { progress } from "../../cli/progress.js";

function logged() {
  const lines: string[] = [];
  let clock = 0;
  const io = { stdin: process.stdin, stdout: { write: () => true }, stderr: { write: (s: string) => lines.push(s) } };
  return { lines, tick: (ms: number) => (clock += ms), bar: progress(io, () => clock) };
}

describe("progress in logs", () => {
  it("writes a phase's start and each tenth reached once, with the time since the phase began", () => {
    const { lines, tick, bar } = logged();
    bar.update("dataset", 0);
    for (let k = 1; k <= 40; k++) {
      tick(1000);
      bar.update("dataset", k / 40);
    }
    expect(lines[0]).toBe("dataset...\n");
    expect(lines.slice(1)).toEqual(
      Array.from({ length: 10 }, (_, k) => `dataset ${10 * (k + 1)} % (${(4 * (k + 1)).toFixed(1)} s)\n`),
    );
  });

  it("starts counting again in a new phase, jumps over tenths that pass at once, and says minutes past two", () => {
    const { lines, tick, bar } = logged();
    bar.update("dataset", 1);
    tick(5000);
    bar.update("training", 0.05);
    tick(150_000);
    bar.update("training", 0.35);
    bar.update("training", 0.36);
    expect(lines.slice(2)).toEqual(["training...\n", "training 30 % (2.5 min)\n"]);
  });
});
