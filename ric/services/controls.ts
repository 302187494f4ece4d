/**
 * Control routing: an app's RIC Control Request goes to its node as the app encoded it; the node's
 * acknowledge or failure goes back to the app that asked, matched on (RIC request id, RAN function).
 * The app chooses its request ids; two apps choosing the same one at the same time get a clear error,
 * and a node that does not answer in time gets the app a timeout, never silence.
 */
import type { E2Message } from "../../e2sm/index.js";
import type { ControlErrorCode } from "../bus/contract.js";
import type { ConnectedNode, E2Termination } from "./e2-termination.js";

export type ControlAnswer =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: ControlErrorCode; readonly error: string };

interface Pending {
  readonly answer: (a: ControlAnswer) => void;
  readonly timer: NodeJS.Timeout;
}

export class ControlRouter {
  private readonly pending = new Map<string, Pending>();
  /** Answers from nodes that matched no pending control (late, after a timeout). */
  lateAnswers = 0;

  constructor(
    private readonly e2: E2Termination,
    private readonly timeoutMs = 1000,
  ) {}

  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends a control to node `nodeId`; `answer` is called exactly once. */
  send(nodeId: string, bytes: Uint8Array, answer: (a: ControlAnswer) => void): void {
    const node = this.e2.node(nodeId);
    if (!node) return answer({ ok: false, code: "unknown-node", error: `E2 node ${nodeId} is not connected` });
    let msg: E2Message;
    try {
      msg = node.codec.decode(bytes);
    } catch (e) {
      return answer({ ok: false, code: "invalid", error: `not an E2AP message: ${(e as Error).message}` });
    }
    if (msg.procedure !== "RICcontrol" || msg.kind !== "initiatingMessage") {
      return answer({
        ok: false,
        code: "invalid",
        error: `expected a RIC Control Request, got ${msg.procedure}/${msg.kind}`,
      });
    }
    const key = keyOf(nodeId, msg);
    if (this.pending.has(key)) {
      return answer({ ok: false, code: "duplicate-request-id", error: `RIC request id ${key} is already in flight` });
    }
    if (msg.ies.RICcontrolAckRequest === "noAck") {
      node.sendBytes(bytes);
      return answer({ ok: true, bytes: new Uint8Array(0) });
    }
    const timer = setTimeout(() => {
      this.pending.delete(key);
      answer({
        ok: false,
        code: "timeout",
        error: `E2 node ${nodeId} did not answer the control within ${this.timeoutMs} ms`,
      });
    }, this.timeoutMs);
    this.pending.set(key, { answer, timer });
    node.sendBytes(bytes);
  }

  /** Takes a node's control acknowledge / failure; false for other messages. */
  handle(node: ConnectedNode, msg: E2Message, bytes: Uint8Array): boolean {
    if (msg.procedure !== "RICcontrol" || msg.kind === "initiatingMessage") return false;
    const key = keyOf(node.info.id, msg);
    const p = this.pending.get(key);
    if (!p) {
      this.lateAnswers++;
      return true;
    }
    this.pending.delete(key);
    clearTimeout(p.timer);
    p.answer({ ok: true, bytes });
    return true;
  }

  /** A node went away: its pending controls fail now rather than at their timeout. */
  nodeGone(nodeId: string, reason: string): void {
    const prefix = `${nodeId}/`;
    for (const [key, p] of this.pending) {
      if (!key.startsWith(prefix)) continue;
      this.pending.delete(key);
      clearTimeout(p.timer);
      p.answer({ ok: false, code: "node-down", error: `E2 node ${nodeId}: ${reason}` });
    }
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}

const keyOf = (node: string, msg: E2Message) =>
  `${node}/${msg.ies.RICrequestID?.ricRequestorID}/${msg.ies.RICrequestID?.ricInstanceID}/${msg.ies.RANfunctionID}`;
