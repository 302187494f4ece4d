/**
 * The bundled xApps by name: how `twinric xapp <name>` and `twinric demo` start them on any platform.
 * Each entry declares its A1 policy types (if any) and starts its logic on a started XApp.
 */
import type { PolicyEvent } from "../ric/bus/contract.js";
import type { PolicyTypeSpec, XApp } from "../ric/sdk/xapp.js";
import { HandoverApp } from "./handover/handover.js";
import { Kpimon } from "./kpimon/kpimon.js";

export interface BundledXApp {
  readonly description: string;
  /** The A1 handling, given a way to reach the started logic (policies may come before it starts). */
  policies?(logic: () => unknown): { types: readonly PolicyTypeSpec[]; handle(e: PolicyEvent): void };
  start(app: XApp): Promise<unknown>;
}

export const XAPPS: Readonly<Record<string, BundledXApp>> = {
  kpimon: {
    description: "KPM of every cell and UE as Prometheus metrics",
    start: (app) => Kpimon.start(app),
  },
  handover: {
    description: "answers RC insert before A3 handovers with RC handover control (twin-free, A1 type 20101)",
    policies: (logic) => HandoverApp.policies(() => logic() as HandoverApp | undefined),
    start: (app) => HandoverApp.start(app),
  },
};
