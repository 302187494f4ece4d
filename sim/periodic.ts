/** Periodic events in simulated time (reports, measurements). */

/** Due times of a periodic report, in simulated time: first one period after the start. */
export class Periodic {
  private nextS: number;

  constructor(
    readonly periodS: number,
    startS: number,
  ) {
    this.nextS = startS + periodS;
  }

  /** Whether a report is due at `timeS`; advances to the next due time when it is. */
  due(timeS: number): boolean {
    if (timeS + 1e-9 < this.nextS) return false;
    // a late step catches up without a burst of reports
    this.nextS = Math.max(this.nextS + this.periodS, timeS + this.periodS * 0.5);
    return true;
  }
}
