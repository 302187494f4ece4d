/**
 * A link carries whole E2AP PDUs between an E2 node and a RIC, whatever lies underneath (a function
 * call in one process, TCP). Messages that arrive before anyone listens wait for the listener: nothing
 * is dropped. `close` is idempotent and tells the other end.
 */

export interface LinkListener {
  message(pdu: Uint8Array): void;
  /** The link is gone; `error` says why when it was not a clean close. */
  closed(error?: Error): void;
}

export interface E2Link {
  /** Who is at the other end, for logs: `tcp 127.0.0.1:36421`, `in-process`. */
  readonly peer: string;
  readonly closed: boolean;
  send(pdu: Uint8Array): void;
  listen(listener: LinkListener): void;
  close(error?: Error): void;
}

export class LinkClosedError extends Error {
  override readonly name = "LinkClosedError";
}

/** The listening half every transport shares: buffering until a listener comes, and closing once. */
export abstract class BaseLink implements E2Link {
  abstract readonly peer: string;
  private listener: LinkListener | null = null;
  private early: Uint8Array[] = [];
  private closedWith: { error?: Error } | null = null;

  get closed(): boolean {
    return this.closedWith !== null;
  }

  abstract send(pdu: Uint8Array): void;

  listen(listener: LinkListener): void {
    this.listener = listener;
    const early = this.early;
    this.early = [];
    for (const pdu of early) listener.message(pdu);
    if (this.closedWith) listener.closed(this.closedWith.error);
  }

  close(error?: Error): void {
    if (this.closedWith) return;
    this.closedWith = { error };
    this.teardown(error);
    this.listener?.closed(error);
  }

  /** Releases what the transport holds (socket, peer). Called once. */
  protected abstract teardown(error?: Error): void;

  /** A PDU arrived from the other end. */
  protected deliver(pdu: Uint8Array): void {
    if (this.closedWith) return;
    if (this.listener) this.listener.message(pdu);
    else this.early.push(pdu);
  }

  protected checkOpen(): void {
    if (this.closedWith) throw new LinkClosedError(`E2 link to ${this.peer} is closed`);
  }
}
