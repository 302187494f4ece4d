/**
 * Progress of long work on stderr: a bar per phase on a terminal; otherwise (logs: CI, kubectl, a
 * file) a line when a phase starts and at each tenth of it, with the time it has taken, so that an
 * hour of training shows it is alive.
 */
import { SingleBar } from "cli-progress";
import type { CliIo } from "./io.js";

/** Lines a phase writes when stderr is not a terminal, besides its first. */
const LOG_STEPS = 10;

/** A progress bar on a terminal; lines at each tenth of a phase otherwise. */
export function progress(io: CliIo, now: () => number = () => performance.now()) {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let bar: SingleBar | undefined;
  let phase = "";
  let started = 0;
  let logged = 0;
  return {
    update(name: string, fraction: number) {
      if (name !== phase) {
        bar?.stop();
        phase = name;
        started = now();
        logged = 0;
        if (tty) {
          bar = new SingleBar({
            format: `${name.padEnd(16)} [{bar}] {percentage}% {eta_formatted}`,
            hideCursor: true,
            stream: io.stderr as NodeJS.WritableStream,
          });
          bar.start(1000, 0);
        } else io.stderr.write(`${name}...\n`);
      }
      if (bar) {
        bar.update(Math.round(fraction * 1000));
        return;
      }
      const step = Math.floor(Math.min(Math.max(fraction, 0), 1) * LOG_STEPS);
      if (step > logged) {
        logged = step;
        io.stderr.write(`${name} ${step * (100 / LOG_STEPS)} % (${elapsed(now() - started)})\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A duration for people: seconds below two minutes, else minutes. */
function elapsed(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`;
}
