/**
 * E2 termination: the RIC end of every E2 link. It answers E2 Setup (accepting every RAN function),
 * keeps the inventory of connected nodes and their RAN functions, answers Reset and RIC Service Update,
 * and hands every other message to the RIC's services. A node that sets up again under the same name
 * replaces its old link.
 */
import { E2apCodec, type E2apVersion, type E2Message, e2setupResponse, isE2CodecError } from "../../e2sm/index.js";
import type { NodeInfo, RanFunctionInfo } from "../bus/contract.js";
import { b64 } from "../bus/contract.js";
import type { E2Link } from "../transports/link.js";
import { ranIdentity } from "./ran-name.js";

export interface E2TerminationEvents {
  nodeUp(node: NodeInfo): void;
  nodeUpdated(node: NodeInfo): void;
  nodeDown(node: NodeInfo, reason: string): void;
  /** A node reset: its subscriptions are gone (it stays up). */
  nodeReset(node: NodeInfo): void;
  /** Any other message from a set-up node; `bytes` as received. */
  message(node: ConnectedNode, msg: E2Message, bytes: Uint8Array): void;
}

export interface ConnectedNode {
  readonly info: NodeInfo;
  readonly codec: E2apCodec;
  send(msg: E2Message): void;
  sendBytes(bytes: Uint8Array): void;
}

export type Log = (level: "info" | "warn" | "error", event: string, detail: Record<string, unknown>) => void;

export interface E2TerminationOptions {
  /** The E2AP version links speak (O-RAN SC's e2term speaks 2). */
  readonly version: E2apVersion;
  readonly plmn?: string;
  readonly ricId?: number;
  readonly log?: Log;
}

export class E2Termination {
  private readonly connected = new Map<string, Node>();
  private readonly log: Log;

  constructor(
    private readonly options: E2TerminationOptions,
    private readonly events: E2TerminationEvents,
  ) {
    this.log = options.log ?? (() => {});
  }

  get nodes(): NodeInfo[] {
    return [...this.connected.values()].map((n) => n.info);
  }

  node(id: string): ConnectedNode | undefined {
    return this.connected.get(id);
  }

  /** A new link from an E2 node: it becomes a node once its E2 Setup is answered. */
  attach(link: E2Link): void {
    const codec = new E2apCodec({ version: this.options.version });
    let node: Node | undefined;
    link.listen({
      message: (bytes) => {
        let msg: E2Message;
        try {
          msg = codec.decode(bytes);
        } catch (e) {
          this.log("warn", "e2-decode-error", {
            peer: link.peer,
            node: node?.info.id,
            error: isE2CodecError(e) ? e.message : String(e),
          });
          this.decodeErrors++;
          return;
        }
        if (msg.procedure === "E2setup" && msg.kind === "initiatingMessage") {
          node = this.setup(link, codec, msg, node);
          return;
        }
        if (!node) {
          this.log("warn", "e2-before-setup", { peer: link.peer, procedure: msg.procedure });
          return;
        }
        this.fromNode(node, msg, bytes);
      },
      closed: (error) => {
        if (node && this.connected.get(node.info.id) === node) {
          this.connected.delete(node.info.id);
          this.events.nodeDown(node.info, error?.message ?? "link closed");
        }
      },
    });
  }

  /** E2AP messages that could not be decoded, over every link. */
  decodeErrors = 0;

  close(): void {
    for (const n of this.connected.values()) n.link.close();
    this.connected.clear();
  }

  private setup(link: E2Link, codec: E2apCodec, msg: E2Message, previous: Node | undefined): Node {
    let id: string;
    let plmn: string;
    try {
      ({ name: id, plmn } = ranIdentity(msg.ies.GlobalE2node_ID));
    } catch (e) {
      this.log("warn", "e2-setup-refused", { peer: link.peer, error: (e as Error).message });
      link.close();
      return previous as Node;
    }
    const functions: RanFunctionInfo[] = (msg.ies.RANfunctionsAdded ?? []).map(functionInfo);
    const info: NodeInfo = {
      id,
      e2ap: this.options.version,
      plmn,
      ranFunctions: functions,
      peer: link.peer,
      connectedAt: new Date().toISOString(),
    };
    const node = new Node(link, codec, info);
    const old = this.connected.get(id);
    if (old && old !== previous) {
      this.log("warn", "e2-node-replaced", { node: id, old: old.link.peer, new: link.peer });
      this.connected.delete(id);
      old.link.close();
      this.events.nodeDown(old.info, "replaced by a new link");
    }
    node.send(
      e2setupResponse({
        transactionId: msg.ies.TransactionID,
        plmn: this.options.plmn ?? "00f110",
        ricId: this.options.ricId ?? 1,
        accepted: functions.map((f: RanFunctionInfo) => ({ id: f.id, revision: f.revision })),
      }),
    );
    this.connected.set(id, node);
    this.log("info", "e2-node-up", { node: id, peer: link.peer, ranFunctions: functions.map((f) => f.oid) });
    this.events.nodeUp(info);
    return node;
  }

  private fromNode(node: Node, msg: E2Message, bytes: Uint8Array): void {
    const type = `${msg.procedure}/${msg.kind}`;
    if (type === "Reset/initiatingMessage") {
      node.send({ procedure: "Reset", kind: "successfulOutcome", ies: { TransactionID: msg.ies.TransactionID } });
      this.events.nodeReset(node.info);
      return;
    }
    if (type === "RICserviceUpdate/initiatingMessage") {
      this.serviceUpdate(node, msg);
      return;
    }
    if (type === "ErrorIndication/initiatingMessage") {
      this.log("warn", "e2-error-indication", { node: node.info.id, cause: msg.ies.Cause ?? null });
      return;
    }
    this.events.message(node, msg, bytes);
  }

  private serviceUpdate(node: Node, msg: E2Message): void {
    const byId = new Map(node.info.ranFunctions.map((f) => [f.id, f]));
    const changed = [...(msg.ies.RANfunctionsAdded ?? []), ...(msg.ies.RANfunctionsModified ?? [])].map(functionInfo);
    for (const f of changed) byId.set(f.id, f);
    for (const f of (msg.ies.RANfunctionsDeleted ?? []) as { ranFunctionID: number }[]) byId.delete(f.ranFunctionID);
    node.info = { ...node.info, ranFunctions: [...byId.values()].sort((a, b) => a.id - b.id) };
    node.send({
      procedure: "RICserviceUpdate",
      kind: "successfulOutcome",
      ies: {
        TransactionID: msg.ies.TransactionID,
        RANfunctionsAccepted: changed.length
          ? changed.map((f) => ({ ranFunctionID: f.id, ranFunctionRevision: f.revision }))
          : undefined,
      },
    });
    this.log("info", "e2-node-updated", { node: node.info.id, ranFunctions: node.info.ranFunctions.map((f) => f.id) });
    this.events.nodeUpdated(node.info);
  }
}

class Node implements ConnectedNode {
  constructor(
    readonly link: E2Link,
    readonly codec: E2apCodec,
    public info: NodeInfo,
  ) {}

  send(msg: E2Message): void {
    this.sendBytes(this.codec.encode(msg));
  }

  sendBytes(bytes: Uint8Array): void {
    if (!this.link.closed) this.link.send(bytes);
  }
}

const functionInfo = (f: any): RanFunctionInfo => ({
  id: f.ranFunctionID,
  oid: f.ranFunctionOID,
  revision: f.ranFunctionRevision,
  definition: b64(f.ranFunctionDefinition),
});
