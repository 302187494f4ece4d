/**
 * The network's own time as an xApp sees it: the latest collection time the E2 nodes stamp on their KPM
 * reports. Decisions that count time (a UE's minimum stay after a handover) follow the network rather
 * than the app's wall clock, so they hold when a simulator runs faster or slower than real time, and
 * when reports arrive late. Before the first stamped report the wall clock stands in.
 */
import { kpmCollectionTimeMs } from "./kpm.js";

export class NetworkClock {
  private latestMs: number | undefined;

  constructor(private readonly wallMs: () => number = () => performance.now()) {}

  /** Takes the time of a KPM indication header (headers without one change nothing). */
  observe(kpmHeader: unknown): void {
    const t = kpmCollectionTimeMs(kpmHeader);
    if (t !== undefined && (this.latestMs === undefined || t > this.latestMs)) this.latestMs = t;
  }

  /** Now, ms: the latest network time seen, else the wall clock. */
  nowMs(): number {
    return this.latestMs ?? this.wallMs();
  }
}
