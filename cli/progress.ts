/**
 * Progress of long work on stderr: a bar per phase on a terminal, a line per phase otherwise (logs).
 */
import { SingleBar } from "cli-progress";
import type { CliIo } from "./io.js";

/** A progress bar on a terminal; a line per phase otherwise. */
export function progress(io: CliIo) {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let bar: SingleBar | undefined;
  let phase = "";
  return {
    update(name: string, fraction: number) {
      if (name !== phase) {
        bar?.stop();
        phase = name;
        if (tty) {
          bar = new SingleBar({
            format: `${name.padEnd(16)} [{bar}] {percentage}% {eta_formatted}`,
            hideCursor: true,
            stream: io.stderr as NodeJS.WritableStream,
          });
          bar.start(1000, 0);
        } else io.stderr.write(`${name}...\n`);
      }
      bar?.update(Math.round(fraction * 1000));
    },
    stop() {
      bar?.stop();
    },
  };
}
