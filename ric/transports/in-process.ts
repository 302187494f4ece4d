/**
 * Two ends of an in-process E2 link. A PDU is delivered on a later turn of the event loop (a
 * microtask), never inside `send`, so neither end re-enters the other; order is kept.
 */
import { BaseLink, type E2Link } from "./link.js";

class InProcessLink extends BaseLink {
  other: InProcessLink | null = null;

  constructor(readonly peer: string) {
    super();
  }

  send(pdu: Uint8Array): void {
    this.checkOpen();
    const other = this.other!;
    // a copy: the sender may reuse its buffer, as it may with a socket
    const copy = pdu.slice();
    queueMicrotask(() => other.receive(copy));
  }

  receive(pdu: Uint8Array): void {
    this.deliver(pdu);
  }

  protected teardown(error?: Error): void {
    const other = this.other!;
    queueMicrotask(() => other.close(error));
  }
}

/** A connected pair: what one end sends, the other receives. */
export function inProcessLinkPair(names: [string, string] = ["e2 node", "ric"]): [E2Link, E2Link] {
  const a = new InProcessLink(`in-process ${names[1]}`);
  const b = new InProcessLink(`in-process ${names[0]}`);
  a.other = b;
  b.other = a;
  return [a, b];
}
