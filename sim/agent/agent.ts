/**
 * The E2 agent of one simulated gNB: it speaks E2AP (v2 or v3, per connection) over a link to a RIC,
 * as a real E2 node does. It sets up (E2 Setup, retried after a TimeToWait), keeps subscriptions and
 * runs their actions on the simulated network every step, executes controls, answers Reset, RIC
 * Service Query and Subscription Delete, and reports what it cannot decode with an Error Indication.
 * The service models' logic lives in their services (kpm.ts, rc.ts, bm.ts...); this file is the E2AP.
 */
import {
  type Cause,
  decodeSm,
  E2apCodec,
  type E2apVersion,
  type E2Message,
  e2setupRequest,
  encodeSm,
  gnbNodeId,
  isE2CodecError,
  ricControlAcknowledge,
  ricControlFailure,
  ricIndication,
  ricSubscriptionFailure,
  ricSubscriptionResponse,
  sameBytes,
} from "../../e2sm/index.js";
import { type E2Link, LinkClosedError } from "../../ric/transports/link.js";
import type { NodeContext } from "./node.js";
import type { ActionRequest, IndicationOut, RanService, RunningAction } from "./service.js";

export interface AgentStats {
  messagesIn: number;
  messagesOut: number;
  indications: number;
  controlsAcked: number;
  controlsFailed: number;
  errorIndicationsIn: number;
  errorIndicationsOut: number;
  /** Indications a service model could not carry (logged): values beyond its ranges. */
  indicationsDropped: number;
  /** Messages per `procedure/kind`, both ways. */
  byType: Record<string, number>;
}

export interface AgentEvent {
  readonly node: string;
  readonly event: string;
  readonly detail?: string;
}

export interface AgentOptions {
  readonly version: E2apVersion;
  /** RAN functions in the order announced; their RAN function ids are 1, 2, 3... */
  readonly services: readonly RanService[];
  /** Structured log of what happens (setup, refusals, errors). */
  readonly log?: (e: AgentEvent) => void;
}

type State = "down" | "setting-up" | "ready";

interface Subscription {
  readonly key: string;
  readonly requestId: { requestor: number; instance: number };
  readonly ranFunctionId: number;
  readonly actions: { id: number; running: RunningAction; sn: number }[];
}

export const emptyStats = (): AgentStats => ({
  messagesIn: 0,
  messagesOut: 0,
  indications: 0,
  controlsAcked: 0,
  controlsFailed: 0,
  errorIndicationsIn: 0,
  errorIndicationsOut: 0,
  indicationsDropped: 0,
  byType: {},
});

const TIME_TO_WAIT_S: Record<string, number> = { v1s: 1, v2s: 2, v5s: 5, v10s: 10, v20s: 20, v60s: 60 };

export class E2Agent {
  readonly stats: AgentStats = emptyStats();
  private state: State = "down";
  private link: E2Link | null = null;
  private codec: E2apCodec;
  private transaction = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly subscriptions = new Map<string, Subscription>();
  /** RAN function id -> service. */
  private readonly functions = new Map<number, RanService>();
  /** What the RIC was last told each function's definition is, and each one's revision. */
  private announced = new Map<number, Uint8Array>();
  private readonly revisions = new Map<number, number>();

  constructor(
    readonly ctx: NodeContext,
    private readonly options: AgentOptions,
  ) {
    this.codec = new E2apCodec({ version: options.version });
    options.services.forEach((s, i) => this.functions.set(i + 1, s));
  }

  get ready(): boolean {
    return this.state === "ready";
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /**
   * Starts E2 over `link`: E2 Setup, then whatever the RIC asks. Resolves when the link is gone (with
   * the error, if it broke), so a caller can dial again.
   */
  connect(link: E2Link): Promise<Error | undefined> {
    this.link?.close();
    this.link = link;
    this.codec = new E2apCodec({ version: this.options.version });
    const down = new Promise<Error | undefined>((resolve) =>
      link.listen({
        message: (pdu) => this.receive(pdu),
        closed: (error) => {
          this.linkLost(link, error);
          resolve(error);
        },
      }),
    );
    this.setup();
    return down;
  }

  /** Closes the link and ends every subscription. */
  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const link = this.link;
    this.link = null;
    this.dropSubscriptions();
    this.state = "down";
    link?.close();
  }

  /** Runs every admitted action; called after each network step. */
  tick(): void {
    if (this.state !== "ready") return;
    const t = this.ctx.net.timeS;
    for (const sub of this.subscriptions.values()) {
      for (const action of sub.actions) {
        const out = action.running.step(t);
        for (const ind of out) this.indicate(sub, action, ind);
      }
    }
  }

  // ---- E2 Setup --------------------------------------------------------------------------------

  private setup(): void {
    this.state = "setting-up";
    this.transaction = (this.transaction + 1) % 256;
    this.announced = this.offered();
    this.send(
      e2setupRequest({
        transactionId: this.transaction,
        nodeId: gnbNodeId({ plmn: this.ctx.node.plmn, gnbId: this.ctx.node.gnbId }),
        ranFunctions: [...this.announced].map(([id, definition]) => ({
          id,
          oid: this.functions.get(id)!.oid,
          definition,
          revision: this.revisions.get(id) ?? 1,
        })),
      }),
    );
  }

  /** The encoded definition of each RAN function offered now (BM offers none while all cells are off). */
  private offered(): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const [id, s] of this.functions) {
      const definition = s.definition();
      if (definition === undefined) continue;
      try {
        out.set(id, encodeSm(s.sm, s.sm.payloads.RANfunctionDefinition!, definition));
      } catch (e) {
        if (!isE2CodecError(e)) throw e;
        this.log("ran-function-left-out", `${s.smId}: ${e.message}`);
      }
    }
    return out;
  }

  private ranFunctionItem(id: number, definition: Uint8Array) {
    return {
      ranFunctionID: id,
      ranFunctionDefinition: definition,
      ranFunctionRevision: this.revisions.get(id) ?? 1,
      ranFunctionOID: this.functions.get(id)!.oid,
    };
  }

  private setupAnswered(msg: E2Message): void {
    if (msg.kind === "successfulOutcome") {
      this.state = "ready";
      const rejected = (msg.ies.RANfunctionsRejected ?? []) as { ranFunctionID: number; cause: Cause }[];
      for (const r of rejected) {
        this.log("ran-function-rejected", `${r.ranFunctionID}: ${JSON.stringify(r.cause)}`);
      }
      this.log("setup", `E2 Setup accepted (E2AP v${this.options.version})`);
      return;
    }
    const wait = TIME_TO_WAIT_S[msg.ies.TimeToWait as string];
    this.log("setup-failed", `${JSON.stringify(msg.ies.Cause)}${wait ? `, retrying in ${wait} s` : ""}`);
    this.state = "down";
    if (wait) {
      this.retry = setTimeout(() => {
        this.retry = null;
        if (this.link && !this.link.closed) this.setup();
      }, wait * 1000);
    } else {
      // no time to wait given: drop the link, so whoever dials backs off and tries again
      this.link?.close();
    }
  }

  // ---- receiving -------------------------------------------------------------------------------

  private receive(pdu: Uint8Array): void {
    this.stats.messagesIn++;
    let msg: E2Message;
    try {
      msg = this.codec.decode(pdu);
    } catch (e) {
      if (!isE2CodecError(e)) throw e;
      this.log("undecodable", e.message);
      this.errorIndication({ protocol: "transfer-syntax-error" });
      return;
    }
    this.count(msg);
    const type = `${msg.procedure}/${msg.kind}`;
    switch (type) {
      case "E2setup/successfulOutcome":
      case "E2setup/unsuccessfulOutcome":
        return this.setupAnswered(msg);
      case "RICsubscription/initiatingMessage":
        return this.subscribe(msg);
      case "RICsubscriptionDelete/initiatingMessage":
        return this.unsubscribe(msg);
      case "RICcontrol/initiatingMessage":
        return this.control(msg);
      case "Reset/initiatingMessage":
        return this.reset(msg);
      case "RICserviceQuery/initiatingMessage":
        return this.serviceQuery(msg);
      case "RICserviceUpdate/successfulOutcome":
      case "RICserviceUpdate/unsuccessfulOutcome":
      case "RICsubscriptionDeleteRequired/successfulOutcome":
        return;
      case "ErrorIndication/initiatingMessage":
        this.stats.errorIndicationsIn++;
        this.log("error-indication", JSON.stringify(msg.ies.Cause ?? null));
        return;
      default:
        this.log("unexpected", type);
        this.errorIndication({ protocol: "message-not-compatible-with-receiver-state" }, msg);
    }
  }

  // ---- subscriptions ---------------------------------------------------------------------------

  private subscribe(msg: E2Message): void {
    const requestId = { requestor: msg.ies.RICrequestID.ricRequestorID, instance: msg.ies.RICrequestID.ricInstanceID };
    const ranFunctionId = msg.ies.RANfunctionID as number;
    const fail = (cause: Cause, reason: string) => {
      this.log("subscription-refused", `${requestId.requestor}/${requestId.instance}: ${reason}`);
      this.send(ricSubscriptionFailure({ requestId, ranFunctionId, cause }));
    };
    const service = this.announced.has(ranFunctionId) ? this.functions.get(ranFunctionId) : undefined;
    if (!service) return fail({ ricRequest: "ran-function-id-invalid" }, `no RAN function ${ranFunctionId}`);
    const key = `${requestId.requestor}/${requestId.instance}`;
    if (this.subscriptions.has(key)) {
      return fail(
        this.options.version === 3 ? { ricRequest: "duplicate-ric-request-id" } : { ricRequest: "unspecified" },
        `request id ${key} is in use`,
      );
    }
    const details = msg.ies.RICsubscriptionDetails;
    const trigger = this.decodePayload(service, "RICeventTriggerDefinition", details.ricEventTriggerDefinition);
    if (!trigger.ok) return fail({ ricRequest: "unspecified" }, `event trigger: ${trigger.reason}`);
    const checked = service.trigger(trigger.value);
    if (!checked.ok) return fail(checked.cause, `event trigger: ${checked.reason}`);

    const admitted: Subscription["actions"] = [];
    const notAdmitted: { id: number; cause: Cause }[] = [];
    const seen = new Set<number>();
    for (const a of details["ricAction-ToBeSetup-List"] as any[]) {
      const refuse = (cause: Cause, reason: string) => {
        this.log("action-refused", `${key} action ${a.ricActionID}: ${reason}`);
        notAdmitted.push({ id: a.ricActionID, cause });
      };
      if (seen.has(a.ricActionID)) {
        refuse({ ricRequest: "duplicate-action" }, "action id given twice");
        continue;
      }
      seen.add(a.ricActionID);
      let definition: unknown;
      if (a.ricActionDefinition !== undefined) {
        const d = this.decodePayload(service, "RICactionDefinition", a.ricActionDefinition);
        if (!d.ok) {
          refuse({ ricRequest: "action-not-supported" }, `action definition: ${d.reason}`);
          continue;
        }
        definition = d.value;
      }
      const request: ActionRequest = { id: a.ricActionID, type: a.ricActionType, definition };
      const result = service.action(checked.trigger, request);
      if (result.ok) admitted.push({ id: a.ricActionID, running: result.running, sn: 0 });
      else refuse(result.cause, result.reason);
    }
    if (admitted.length === 0) {
      return fail(notAdmitted[0]?.cause ?? { ricRequest: "action-not-supported" }, "no action admitted");
    }
    this.subscriptions.set(key, { key, requestId, ranFunctionId, actions: admitted });
    this.log(
      "subscribed",
      `${key} on RAN function ${ranFunctionId} (${service.smId}), actions ${admitted.map((a) => a.id)}`,
    );
    this.send(
      ricSubscriptionResponse({
        requestId,
        ranFunctionId,
        admitted: admitted.map((a) => a.id),
        notAdmitted: notAdmitted.length ? notAdmitted : undefined,
      }),
    );
  }

  private unsubscribe(msg: E2Message): void {
    const requestId = {
      ricRequestorID: msg.ies.RICrequestID.ricRequestorID,
      ricInstanceID: msg.ies.RICrequestID.ricInstanceID,
    };
    const key = `${requestId.ricRequestorID}/${requestId.ricInstanceID}`;
    const sub = this.subscriptions.get(key);
    const ies = { RICrequestID: requestId, RANfunctionID: msg.ies.RANfunctionID };
    if (!sub || sub.ranFunctionId !== msg.ies.RANfunctionID) {
      this.send({
        procedure: "RICsubscriptionDelete",
        kind: "unsuccessfulOutcome",
        ies: { ...ies, Cause: { ricRequest: "request-id-unknown" } },
      });
      return;
    }
    this.stopSubscription(sub);
    this.log("unsubscribed", key);
    this.send({ procedure: "RICsubscriptionDelete", kind: "successfulOutcome", ies });
  }

  private stopSubscription(sub: Subscription): void {
    this.subscriptions.delete(sub.key);
    for (const a of sub.actions) a.running.stop();
  }

  private dropSubscriptions(): void {
    for (const sub of [...this.subscriptions.values()]) this.stopSubscription(sub);
  }

  private indicate(sub: Subscription, action: Subscription["actions"][number], ind: IndicationOut): void {
    const service = this.functions.get(sub.ranFunctionId)!;
    const p = service.sm.payloads;
    let header: Uint8Array;
    let message: Uint8Array;
    let callProcessId: Uint8Array | undefined;
    try {
      header = encodeSm(service.sm, p.RICindicationHeader!, ind.header);
      message = encodeSm(service.sm, p.RICindicationMessage!, ind.message);
      callProcessId =
        ind.callProcessId === undefined ? undefined : encodeSm(service.sm, p.RICcallProcessID!, ind.callProcessId);
    } catch (e) {
      // a value the service model cannot carry (a scenario beyond its ranges): drop it, say so
      if (!isE2CodecError(e)) throw e;
      this.stats.indicationsDropped++;
      this.log("indication-dropped", `${sub.key} action ${action.id}: ${e.message}`);
      return;
    }
    const sn = action.sn;
    action.sn = (action.sn + 1) % 65536;
    this.stats.indications++;
    this.send(
      ricIndication({
        requestId: sub.requestId,
        ranFunctionId: sub.ranFunctionId,
        actionId: action.id,
        sn,
        type: ind.type,
        header,
        message,
        callProcessId,
      }),
    );
  }

  // ---- control ---------------------------------------------------------------------------------

  private control(msg: E2Message): void {
    const requestId = { requestor: msg.ies.RICrequestID.ricRequestorID, instance: msg.ies.RICrequestID.ricInstanceID };
    const ranFunctionId = msg.ies.RANfunctionID as number;
    const callProcessIdBytes = msg.ies.RICcallProcessID as Uint8Array | undefined;
    const fail = (cause: Cause, reason: string, outcome?: Uint8Array) => {
      this.stats.controlsFailed++;
      this.log("control-failed", `${requestId.requestor}/${requestId.instance}: ${reason}`);
      this.send(ricControlFailure({ requestId, ranFunctionId, cause, callProcessId: callProcessIdBytes, outcome }));
    };
    const service = this.announced.has(ranFunctionId) ? this.functions.get(ranFunctionId) : undefined;
    if (!service) return fail({ ricRequest: "ran-function-id-invalid" }, `no RAN function ${ranFunctionId}`);
    if (!service.control) return fail({ ricRequest: "action-not-supported" }, `${service.smId} has no control`);
    const header = this.decodePayload(service, "RICcontrolHeader", msg.ies.RICcontrolHeader);
    if (!header.ok) return fail({ ricRequest: "control-message-invalid" }, `control header: ${header.reason}`);
    const message = this.decodePayload(service, "RICcontrolMessage", msg.ies.RICcontrolMessage);
    if (!message.ok) return fail({ ricRequest: "control-message-invalid" }, `control message: ${message.reason}`);
    let callProcessId: unknown;
    if (callProcessIdBytes !== undefined) {
      const cpid = this.decodePayload(service, "RICcallProcessID", callProcessIdBytes);
      if (!cpid.ok) return fail({ ricRequest: "ric-call-process-id-invalid" }, `call process id: ${cpid.reason}`);
      callProcessId = cpid.value;
    }
    const result = service.control({ header: header.value, message: message.value, callProcessId });
    const outcomeType = service.sm.payloads.RICcontrolOutcome;
    const outcome =
      result.outcome === undefined || !outcomeType ? undefined : encodeSm(service.sm, outcomeType, result.outcome);
    if (!result.ok) return fail(result.cause, result.reason, outcome);
    this.stats.controlsAcked++;
    if (msg.ies.RICcontrolAckRequest === "noAck") return;
    this.send(ricControlAcknowledge({ requestId, ranFunctionId, callProcessId: callProcessIdBytes, outcome }));
  }

  // ---- node-wide procedures --------------------------------------------------------------------

  private reset(msg: E2Message): void {
    this.log("reset", JSON.stringify(msg.ies.Cause));
    this.dropSubscriptions();
    this.send({ procedure: "Reset", kind: "successfulOutcome", ies: { TransactionID: msg.ies.TransactionID } });
  }

  /** The RIC lists what it holds; the node answers with a Service Update for every difference. */
  private serviceQuery(msg: E2Message): void {
    const accepted = new Set(
      ((msg.ies.RANfunctionsAccepted ?? []) as { ranFunctionID: number }[]).map((f) => f.ranFunctionID),
    );
    const current = this.offered();
    const added = [...current.keys()].filter((id) => !accepted.has(id));
    const deleted = [...accepted].filter((id) => !current.has(id));
    this.announced = current;
    this.serviceUpdate(added, [], deleted);
  }

  /**
   * Tells the RIC what changed in the RAN functions offered (cells off or back on change their
   * definitions): a RIC Service Update with the functions added, modified (revision + 1) and deleted.
   */
  refreshFunctions(): void {
    const current = this.offered();
    const before = this.announced;
    const added = [...current.keys()].filter((id) => !before.has(id));
    const deleted = [...before.keys()].filter((id) => !current.has(id));
    const modified = [...current.keys()].filter(
      (id) => before.has(id) && !sameBytes(before.get(id)!, current.get(id)!),
    );
    for (const id of modified) this.revisions.set(id, (this.revisions.get(id) ?? 1) + 1);
    this.announced = current;
    if (added.length + modified.length + deleted.length > 0) this.serviceUpdate(added, modified, deleted);
    this.endSubscriptionsOf(deleted);
  }

  /** The subscriptions of withdrawn RAN functions end; the RIC hears it (RIC Subscription Delete Required). */
  private endSubscriptionsOf(ranFunctionIds: readonly number[]): void {
    const ended = [...this.subscriptions.values()].filter((s) => ranFunctionIds.includes(s.ranFunctionId));
    for (const sub of ended) this.stopSubscription(sub);
    if (ended.length === 0 || this.state !== "ready") return;
    this.send({
      procedure: "RICsubscriptionDeleteRequired",
      kind: "initiatingMessage",
      ies: {
        RICsubscriptionToBeRemoved: ended.map((s) => ({
          ricRequestID: { ricRequestorID: s.requestId.requestor, ricInstanceID: s.requestId.instance },
          ranFunctionID: s.ranFunctionId,
          cause: { ricService: "ran-function-not-supported" },
        })),
      },
    });
  }

  private serviceUpdate(added: readonly number[], modified: readonly number[], deleted: readonly number[]): void {
    if (this.state !== "ready") return;
    const item = (id: number) => this.ranFunctionItem(id, this.announced.get(id)!);
    this.transaction = (this.transaction + 1) % 256;
    this.send({
      procedure: "RICserviceUpdate",
      kind: "initiatingMessage",
      ies: {
        TransactionID: this.transaction,
        RANfunctionsAdded: added.length ? added.map(item) : undefined,
        RANfunctionsModified: modified.length ? modified.map(item) : undefined,
        RANfunctionsDeleted: deleted.length
          ? deleted.map((id) => ({ ranFunctionID: id, ranFunctionRevision: this.revisions.get(id) ?? 1 }))
          : undefined,
      },
    });
  }

  private errorIndication(cause: Cause, about?: E2Message): void {
    this.stats.errorIndicationsOut++;
    this.send({
      procedure: "ErrorIndication",
      kind: "initiatingMessage",
      ies: {
        TransactionID: about?.ies.TransactionID,
        RICrequestID: about?.ies.RICrequestID,
        RANfunctionID: about?.ies.RANfunctionID,
        Cause: cause,
      },
    });
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private decodePayload(
    service: RanService,
    container:
      | "RICeventTriggerDefinition"
      | "RICactionDefinition"
      | "RICcontrolHeader"
      | "RICcontrolMessage"
      | "RICcallProcessID",
    bytes: Uint8Array,
  ): { ok: true; value: any } | { ok: false; reason: string } {
    const type = service.sm.payloads[container];
    if (!type) return { ok: false, reason: `${service.smId} has no ${container}` };
    try {
      return { ok: true, value: decodeSm(service.sm, type, bytes) };
    } catch (e) {
      if (!isE2CodecError(e)) throw e;
      return { ok: false, reason: e.message };
    }
  }

  private send(msg: E2Message): void {
    const link = this.link;
    if (!link || link.closed) return;
    try {
      link.send(this.codec.encode(msg));
    } catch (e) {
      if (e instanceof LinkClosedError) return; // the link's listener has been told: linkLost follows
      throw e;
    }
    this.stats.messagesOut++;
    this.count(msg);
  }

  private count(msg: E2Message): void {
    const type = `${msg.procedure}/${msg.kind}`;
    this.stats.byType[type] = (this.stats.byType[type] ?? 0) + 1;
  }

  private linkLost(link: E2Link, error?: Error): void {
    if (link !== this.link) return;
    this.link = null;
    this.state = "down";
    this.dropSubscriptions();
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.log("link-down", error?.message ?? "closed");
  }

  private log(event: string, detail?: string): void {
    this.options.log?.({ node: this.ctx.node.name, event, detail });
  }
}
