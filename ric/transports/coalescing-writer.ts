/**
 * Writes to a socket coalesced per event-loop turn: messages are written straight into one slab and
 * go out in a single `socket.write` once the turn's synchronous work is done. At high rates a write
 * per message costs more than the message (an allocation, a libuv request, often a system call);
 * this costs one of each per turn. The amount waiting (in the slab and in the socket's own buffer)
 * is bounded: past the limit an append is refused, as a full socket refuses a C sender (librmr's
 * RMR_ERR_RETRY), rather than memory growing with a peer that does not read.
 */
import type { Socket } from "node:net";

const SLAB_BYTES = 64 * 1024;
/** How much may wait to be sent for one connection before appends are refused (default). */
export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

export class WriteQueueFull extends Error {
  override readonly name = "WriteQueueFull";
}

export class CoalescingWriter {
  private slab = Buffer.allocUnsafe(SLAB_BYTES);
  /** The slab's part not yet handed to the socket: [start, used); before it, the socket's. */
  private start = 0;
  private used = 0;
  private scheduled = false;

  constructor(
    private readonly socket: Socket,
    /** The most bytes allowed to wait, here and in the socket's buffer. */
    private readonly maxQueuedBytes: number,
  ) {}

  /** Bytes waiting: in the slab and not yet taken by the kernel. */
  get queued(): number {
    return this.used - this.start + this.socket.writableLength;
  }

  /**
   * Appends `n` bytes that `fill` writes at `out[at..at+n)`; they go out at the end of this turn.
   * Throws WriteQueueFull when they would not fit under the limit (nothing is appended then).
   */
  append(n: number, fill: (out: Uint8Array, at: number) => void): void {
    if (this.queued + n > this.maxQueuedBytes) {
      throw new WriteQueueFull(`${this.queued} bytes already wait to be sent (limit ${this.maxQueuedBytes})`);
    }
    if (this.used + n > this.slab.length) {
      this.flush();
      // the rest of the slab is too small: a fresh one (the old one's bytes are the socket's)
      this.slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, n));
      this.start = 0;
      this.used = 0;
    }
    fill(this.slab, this.used);
    this.used += n;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands what is in the slab to the socket now. */
  flush(): void {
    this.scheduled = false;
    if (this.used === this.start || this.socket.destroyed) return;
    const out = this.slab.subarray(this.start, this.used);
    // the written part belongs to the socket now: go on after it, in the rest of the slab
    this.start = this.used;
    this.socket.write(out);
  }
}
