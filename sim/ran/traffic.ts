/**
 * Downlink traffic per UE: full buffer (always data), web-like (files of log-normal size, then an
 * exponential reading time once a file is through) and video-like (a segment of bitrate x duration
 * every segment period). Buffers in bits, one flat array.
 */
import { Rng } from "../random.js";
import type { TrafficSpec } from "../scenario/schema.js";

enum Model {
  FullBuffer = 0,
  Web = 1,
  Video = 2,
}

export const WEB_DEFAULTS = { meanFileBytes: 2_000_000, meanReadingS: 10 };
export const VIDEO_DEFAULTS = { bitrateMbps: 5, segmentS: 2 };

export class Traffic {
  /** Bits waiting per UE (Infinity for full buffer). */
  readonly buffer: Float64Array;
  /** Bits delivered per UE so far. */
  readonly delivered: Float64Array;
  private readonly model: Uint8Array;
  /** Time of the next arrival (s); NaN while a web file is being delivered. */
  private readonly nextArrival: Float64Array;
  private readonly specs: TrafficSpec[];
  private readonly rng: Rng;

  constructor(specs: readonly TrafficSpec[], seed: number) {
    const n = specs.length;
    this.specs = [...specs];
    this.rng = new Rng(seed, "traffic");
    this.buffer = new Float64Array(n);
    this.delivered = new Float64Array(n);
    this.model = new Uint8Array(n);
    this.nextArrival = new Float64Array(n);
    specs.forEach((s, u) => {
      if (s.model === "full-buffer") {
        this.model[u] = Model.FullBuffer;
        this.buffer[u] = Infinity;
      } else if (s.model === "web") {
        this.model[u] = Model.Web;
        this.nextArrival[u] = this.rng.exponential(s.meanReadingS ?? WEB_DEFAULTS.meanReadingS);
      } else {
        this.model[u] = Model.Video;
        this.nextArrival[u] = this.rng.uniform(0, s.segmentS ?? VIDEO_DEFAULTS.segmentS);
      }
    });
  }

  get count(): number {
    return this.buffer.length;
  }

  /** Adds what arrives up to `timeS`. */
  arrive(timeS: number): void {
    for (let u = 0; u < this.buffer.length; u++) {
      const m = this.model[u];
      if (m === Model.FullBuffer) continue;
      const s = this.specs[u];
      if (m === Model.Web) {
        if (timeS >= this.nextArrival[u]) {
          const w = s as { meanFileBytes?: number };
          this.buffer[u] += 8 * this.rng.logNormal(w.meanFileBytes ?? WEB_DEFAULTS.meanFileBytes, 1);
          this.nextArrival[u] = Number.NaN;
        }
      } else {
        const v = s as { bitrateMbps?: number; segmentS?: number };
        const segmentS = v.segmentS ?? VIDEO_DEFAULTS.segmentS;
        while (timeS >= this.nextArrival[u]) {
          this.buffer[u] += (v.bitrateMbps ?? VIDEO_DEFAULTS.bitrateMbps) * 1e6 * segmentS;
          this.nextArrival[u] += segmentS;
        }
      }
    }
  }

  /** Up to `bits` delivered to UE `u` at `timeS` (returns how many); a finished web file starts the reading time. */
  serve(u: number, bits: number, timeS: number): number {
    const served = Math.min(bits, this.buffer[u]);
    this.delivered[u] += served;
    if (this.model[u] === Model.FullBuffer) return served;
    this.buffer[u] -= served;
    if (this.buffer[u] <= 0) {
      this.buffer[u] = 0;
      if (this.model[u] === Model.Web) {
        const w = this.specs[u] as { meanReadingS?: number };
        this.nextArrival[u] = timeS + this.rng.exponential(w.meanReadingS ?? WEB_DEFAULTS.meanReadingS);
      }
    }
    return served;
  }
}
