/**
 * The twin-free handover decision, A3-like with the app's own thresholds: the node proposes a target
 * when its A3 event fires; the app keeps the UE where it is when the serving link is still good, or
 * when the UE moved too recently (ping-pong), unless the serving link is failing.
 */

export interface HandoverThresholds {
  /** Keep the UE when its serving RSRP is at least this (dBm)... */
  readonly keepRsrpDbm: number;
  /** ...and its SINR at least this (dB). */
  readonly keepSinrDb: number;
  /** A UE handed over less than this ago stays (ms)... */
  readonly minStayMs: number;
  /** ...unless its RSRP fell below this (dBm): a failing link always moves. */
  readonly forceRsrpDbm: number;
}

export const HANDOVER_DEFAULTS: HandoverThresholds = {
  keepRsrpDbm: -90,
  keepSinrDb: 8,
  minStayMs: 2000,
  forceRsrpDbm: -112,
};

/** What the app knows of a UE: its last KPM report and its last handover by the app. */
export interface UeView {
  readonly rsrpDbm?: number;
  readonly sinrDb?: number;
  readonly lastMoveMs?: number;
}

export type Decision =
  | { readonly accept: true }
  | { readonly accept: false; readonly reason: "serving-good" | "ping-pong" };

export function decideHandover(ue: UeView | undefined, nowMs: number, t: HandoverThresholds): Decision {
  const failing = ue?.rsrpDbm !== undefined && ue.rsrpDbm < t.forceRsrpDbm;
  if (failing) return { accept: true };
  if (ue?.lastMoveMs !== undefined && nowMs - ue.lastMoveMs < t.minStayMs)
    return { accept: false, reason: "ping-pong" };
  if (
    ue?.rsrpDbm !== undefined &&
    ue.sinrDb !== undefined &&
    ue.rsrpDbm >= t.keepRsrpDbm &&
    ue.sinrDb >= t.keepSinrDb
  ) {
    return { accept: false, reason: "serving-good" };
  }
  return { accept: true };
}
