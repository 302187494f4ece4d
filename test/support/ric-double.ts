/**
 * The RIC end of an E2 link for tests: it answers E2 Setup like a RIC, records every message it gets
 * (decoded, with its bytes), and lets a test send requests and wait for what comes back.
 */
import { E2apCodec, type E2apVersion, type E2Message, e2setupResponse } from "../../e2sm/index.js";
import type { E2Link } from "../../ric/transports/link.js";

export interface Received {
  readonly msg: E2Message;
  readonly bytes: Uint8Array;
}

export class RicDouble {
  readonly codec: E2apCodec;
  readonly received: Received[] = [];
  closed = false;
  private waiters: { pred: (r: Received) => boolean; done: (r: Received) => void }[] = [];

  constructor(
    readonly link: E2Link,
    version: E2apVersion,
    private readonly answerSetup = true,
  ) {
    this.codec = new E2apCodec({ version });
    link.listen({
      message: (pdu) => this.receive(pdu),
      closed: () => {
        this.closed = true;
      },
    });
  }

  send(msg: E2Message): Uint8Array {
    const bytes = this.codec.encode(msg);
    this.link.send(bytes);
    return bytes;
  }

  sendBytes(bytes: Uint8Array): void {
    this.link.send(bytes);
  }

  /** The first message (already received or to come) that `pred` accepts. */
  next(pred: (m: E2Message) => boolean, timeoutMs = 5000): Promise<Received> {
    const found = this.received.find((r) => pred(r.msg));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no such E2 message in time")), timeoutMs);
      this.waiters.push({
        pred: (r) => pred(r.msg),
        done: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  of(procedure: string, kind = "initiatingMessage"): Received[] {
    return this.received.filter((r) => r.msg.procedure === procedure && r.msg.kind === kind);
  }

  private receive(bytes: Uint8Array): void {
    const msg = this.codec.decode(bytes);
    const r = { msg, bytes };
    this.received.push(r);
    for (const w of [...this.waiters]) {
      if (w.pred(r)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(r);
      }
    }
    if (this.answerSetup && msg.procedure === "E2setup" && msg.kind === "initiatingMessage") {
      this.send(
        e2setupResponse({
          transactionId: msg.ies.TransactionID,
          plmn: "00f110",
          ricId: 1,
          accepted: msg.ies.RANfunctionsAdded.map((f: { ranFunctionID: number }) => ({ id: f.ranFunctionID })),
        }),
      );
    }
  }
}
