/**
 * What a service model's implementation in the E2 node provides, so that the agent runs every model
 * the same way: it announces a RAN function definition, accepts (or refuses, with a cause) an event
 * trigger and its actions, runs the accepted actions every step to produce indications, and executes
 * controls. Values in and out are the service model's decoded values; the agent does the bytes.
 */
import type { Cause, ServiceModel } from "../../e2sm/index.js";
import type { NodeContext } from "./node.js";

/** A refusal: the E2AP cause, and for logs what exactly was wrong. */
export interface Refusal {
  readonly cause: Cause;
  readonly reason: string;
}

export type Result<T> = ({ readonly ok: true } & T) | ({ readonly ok: false } & Refusal);

export const refuse = (cause: Cause, reason: string): { ok: false } & Refusal => ({ ok: false, cause, reason });

export interface IndicationOut {
  readonly type: "report" | "insert";
  readonly header: unknown;
  readonly message: unknown;
  readonly callProcessId?: unknown;
}

/** An admitted action: run every step, it returns what to send now (usually nothing). */
export interface RunningAction {
  step(timeS: number): readonly IndicationOut[];
  /** The subscription is gone (deleted, reset, link lost). */
  stop(): void;
}

export interface ActionRequest {
  readonly id: number;
  readonly type: "report" | "insert" | "policy";
  /** The decoded action definition, if the request had one. */
  readonly definition: unknown;
}

export interface ControlRequest {
  readonly header: unknown;
  readonly message: unknown;
  /** The decoded call process id, when the control answers an insert. */
  readonly callProcessId: unknown;
}

export interface RanService<Trigger = unknown> {
  /** Short id of the service model (registry key: `kpm-v3`, `rc`, `bm`, `csi`). */
  readonly smId: string;
  readonly sm: ServiceModel;
  readonly oid: string;
  /** The RAN function definition value, or undefined while the node offers nothing of it. */
  definition(): unknown;
  /** Checks a decoded event trigger definition. */
  trigger(value: unknown): Result<{ trigger: Trigger }>;
  /** Admits one action of a subscription with that trigger. */
  action(trigger: Trigger, request: ActionRequest): Result<{ running: RunningAction }>;
  /** Executes a control; the outcome value goes in the acknowledge or the failure. */
  control?(request: ControlRequest): Result<{ outcome?: unknown }> & { outcome?: unknown };
}

export type ServiceFactory = (ctx: NodeContext) => RanService;

export { Periodic } from "../periodic.js";

// ---- what our own service models (E2SM-BM, E2SM-CSI) share ---------------------------------------

/** A report style item of our models: header format 1, the given action and message formats. */
export const ownReportStyle = (type: number, name: string, actionFormat: number, messageFormat: number) => ({
  "ric-ReportStyle-Type": type,
  "ric-ReportStyle-Name": name,
  "ric-ActionFormat-Type": actionFormat,
  "ric-IndicationHeaderFormat-Type": 1,
  "ric-IndicationMessageFormat-Type": messageFormat,
});

/** A control style item of our models: every format 1. */
export const ownControlStyle = (type: number, name: string) => ({
  "ric-ControlStyle-Type": type,
  "ric-ControlStyle-Name": name,
  "ric-ControlHeaderFormat-Type": 1,
  "ric-ControlMessageFormat-Type": 1,
  "ric-ControlOutcomeFormat-Type": 1,
});

/** Our models' event trigger: periodic, `reportingPeriod` ms. */
export function periodicTrigger(value: any): Result<{ trigger: { periodS: number } }> {
  const ms = value?.reportingPeriod;
  if (typeof ms !== "number") return refuse({ ricRequest: "unspecified" }, "no reporting period");
  return { ok: true, trigger: { periodS: ms / 1000 } };
}

/** The most items an E2SM list of UEs or records holds (65,535 in every model the node speaks). */
export const MAX_LIST = 65535;

/** A list in pieces of at most `size`: one indication each, so nothing is cut off. */
export function chunks<T>(list: readonly T[], size = MAX_LIST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
