/**
 * E2AP over a byte stream (design.md §5, our own RIC's TCP transport): each PDU goes as a 4-byte
 * big-endian length, then the PDU. `FrameReader` cuts a stream back into PDUs, whatever the chunking,
 * and refuses a length it would not hold, so a peer's bad or hostile length cannot make it buffer
 * without bound.
 */

export const FRAME_HEADER_BYTES = 4;
/** The largest PDU accepted by default: a KPM report of every UE of a 10,000-UE scenario fits. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FramingError extends Error {
  override readonly name = "FramingError";

  /** The good PDUs the failing `push` completed before the bad frame: still to be delivered. */
  constructor(
    message: string,
    readonly completed: readonly Uint8Array[] = [],
  ) {
    super(message);
  }
}

/** The frame of one PDU: its length, then its bytes. */
export function frame(pdu: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + pdu.length);
  new DataView(out.buffer).setUint32(0, pdu.length);
  out.set(pdu, FRAME_HEADER_BYTES);
  return out;
}

/**
 * Bytes received and not yet used, kept as the chunks they came in (no copying until a frame is
 * taken): what every stream framing here reads from.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Bytes of the stream taken so far (for error positions). */
  offset = 0;

  get length(): number {
    return this.buffered;
  }

  push(chunk: Uint8Array): void {
    if (!chunk.length) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The first n bytes (n <= length), left in the queue. */
  peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first.length >= n) return first.subarray(0, n);
    return this.gather(n, false);
  }

  /** The first n bytes (n <= length), taken out. */
  take(n: number): Uint8Array {
    this.offset += n;
    const first = this.chunks[0];
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return first.subarray(0, n);
    }
    if (first.length === n) {
      this.chunks.shift();
      this.buffered -= n;
      return first;
    }
    return this.gather(n, true);
  }

  /** The first n buffered bytes as one array, removing them when `consume`. */
  private gather(n: number, consume: boolean): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    let i = 0;
    while (filled < n) {
      const c = this.chunks[i];
      const part = Math.min(c.length, n - filled);
      out.set(c.subarray(0, part), filled);
      filled += part;
      if (part === c.length) i++;
      else if (consume) this.chunks[i] = c.subarray(part);
    }
    if (consume) {
      // one splice, not a shift per chunk: a frame trickled in as 100,000 chunks would take seconds
      this.chunks.splice(0, i);
      this.buffered -= n;
    }
    return out;
  }
}

export class FrameReader {
  private readonly queue = new ByteQueue();

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Takes the next chunk of the stream and returns the PDUs it completes. Throws FramingError. */
  push(chunk: Uint8Array): Uint8Array[] {
    const q = this.queue;
    q.push(chunk);
    const out: Uint8Array[] = [];
    for (;;) {
      if (q.length < FRAME_HEADER_BYTES) return out;
      const header = q.peek(FRAME_HEADER_BYTES);
      const length = new DataView(header.buffer, header.byteOffset, FRAME_HEADER_BYTES).getUint32(0);
      if (length === 0) throw new FramingError(`empty E2AP frame at stream byte ${q.offset}`, out);
      if (length > this.maxFrameBytes) {
        throw new FramingError(
          `E2AP frame at stream byte ${q.offset} claims ${length} bytes (limit ${this.maxFrameBytes})`,
          out,
        );
      }
      if (q.length < FRAME_HEADER_BYTES + length) return out;
      q.take(FRAME_HEADER_BYTES);
      out.push(q.take(length));
    }
  }

  /** Bytes received but not yet a whole frame. */
  get pending(): number {
    return this.queue.length;
  }
}
