/**
 * RMR's wire format (O-RAN SC's SI95 transport, RMR header version 3), as librmr puts messages on a
 * TCP stream (O-RAN SC's rmr library; ../shared/facts/oran-sc-platform.md §1.2): a 50-byte transport header carrying the frame
 * length twice (little-endian at 0, big-endian at 4, '$' at 8), the 280-byte RMR header, trace data,
 * d1 (4 bytes: the call id first), d2, then the payload. Pure: bytes in, messages out.
 */

import { ByteQueue } from "../transports/framing.js";

export const TRANSPORT_HEADER_BYTES = 50;
export const RMR_HEADER_BYTES = 280;
/** HFL_CALL_MSG: the message is a call awaiting a reply (flags travel in host, little-endian, order). */
export const FLAG_CALL = 0x04;
/** Sub id of a message without one. */
export const NO_SUB_ID = -1;
/** The largest frame accepted by default (librmr's default receive buffer is far smaller; E2 fits). */
export const DEFAULT_MAX_RMR_FRAME = 16 * 1024 * 1024;

const XID_BYTES = 32;
const SRC_BYTES = 64;
const MEID_BYTES = 32;
const SRCIP_BYTES = 64;
const D1_BYTES = 4;
const MARKER = 0x24; // '$': the big-endian length at 4 is the one to use

// offsets within the RMR header
const O = {
  mtype: 0,
  plen: 4,
  version: 8,
  xid: 12,
  sid: 44,
  src: 76,
  meid: 140,
  ts: 176,
  flags: 192,
  len0: 196,
  len1: 200,
  len2: 204,
  len3: 208,
  subId: 212,
  srcip: 216,
} as const;

export interface RmrMessage {
  readonly mtype: number;
  readonly subId: number;
  /** Transaction id: 32 bytes, compared whole (calls match replies on it). */
  readonly xid: Uint8Array;
  /** Managed element id (the E2 node's name), at most 31 characters. */
  readonly meid: string;
  /** The sender: "name:port" it listens on (replies go there), and "ip:port". */
  readonly src: string;
  readonly srcip: string;
  readonly flags: number;
  /** d1[0]: a call's id (1..255), 0 otherwise. */
  readonly callId: number;
  readonly trace: Uint8Array;
  readonly payload: Uint8Array;
}

export class RmrFrameError extends Error {
  override readonly name = "RmrFrameError";

  /** Messages of the same chunk completed before the bad frame: deliver them, then drop the link. */
  constructor(
    message: string,
    readonly completed: readonly RmrMessage[] = [],
  ) {
    super(message);
  }
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();
const EMPTY = new Uint8Array(0);

/** An xid from text (UTF-8, at most 32 bytes, zero-filled) or bytes. */
export function xidOf(x: string | Uint8Array): Uint8Array {
  const bytes = typeof x === "string" ? utf8.encode(x) : x;
  if (bytes.length > XID_BYTES) throw new RangeError(`an RMR xid holds ${XID_BYTES} bytes, got ${bytes.length}`);
  const out = new Uint8Array(XID_BYTES);
  out.set(bytes);
  return out;
}

/** The per-message part of a frame: what `FrameWriter` writes after its sender's fixed fields. */
export interface FrameContent {
  readonly mtype: number;
  readonly subId: number;
  readonly xid: Uint8Array;
  readonly meid: string;
  readonly flags: number;
  readonly callId: number;
  readonly trace: Uint8Array;
  readonly payload: Uint8Array;
}

/**
 * Frames of one sender: src and srcip are checked and laid out once, in a header template every
 * frame starts from (a sender's hot path then writes only what changes per message).
 */
export class FrameWriter {
  private readonly template = new Uint8Array(TRANSPORT_HEADER_BYTES + RMR_HEADER_BYTES);

  constructor(src: string, srcip: string) {
    const t = this.template;
    const h = TRANSPORT_HEADER_BYTES;
    t[8] = MARKER;
    const v = new DataView(t.buffer);
    v.setInt32(h + O.version, 3, false);
    v.setInt32(h + O.len0, RMR_HEADER_BYTES, false);
    v.setInt32(h + O.len2, D1_BYTES, false);
    writeString(t, h + O.src, SRC_BYTES, src, "src");
    writeString(t, h + O.srcip, SRCIP_BYTES, srcip, "srcip");
  }

  /** The bytes a message's frame takes. */
  static size(m: FrameContent): number {
    return TRANSPORT_HEADER_BYTES + RMR_HEADER_BYTES + m.trace.length + D1_BYTES + m.payload.length;
  }

  /**
   * Writes m's frame into `out` at `at` (FrameWriter.size(m) bytes, all of them written: unused
   * header bytes zeroed, where librmr leaves garbage). Throws RangeError for a field RMR cannot carry.
   */
  write(m: FrameContent, out: Uint8Array, at: number): void {
    if (m.xid.length !== XID_BYTES) throw new RangeError(`an RMR xid is ${XID_BYTES} bytes (use xidOf)`);
    if (!(m.callId >= 0 && m.callId <= 255)) throw new RangeError(`an RMR call id is 0..255, got ${m.callId}`);
    const total = FrameWriter.size(m);
    out.set(this.template, at);
    const v = new DataView(out.buffer, out.byteOffset + at, total);
    v.setUint32(0, total, true);
    v.setUint32(4, total, false);
    const h = TRANSPORT_HEADER_BYTES;
    v.setInt32(h + O.mtype, m.mtype, false);
    v.setInt32(h + O.plen, m.payload.length, false);
    out.set(m.xid, at + h + O.xid);
    if (m.meid) writeString(out, at + h + O.meid, MEID_BYTES, m.meid, "meid");
    v.setInt32(h + O.flags, m.flags, true);
    v.setInt32(h + O.len1, m.trace.length, false);
    v.setInt32(h + O.subId, m.subId, false);
    let p = at + h + RMR_HEADER_BYTES;
    out.set(m.trace, p);
    p += m.trace.length;
    out[p] = m.callId;
    out[p + 1] = out[p + 2] = out[p + 3] = 0;
    out.set(m.payload, p + D1_BYTES);
  }
}

/** The frame of a message, as librmr writes it (unused bytes zeroed, where librmr leaves garbage). */
export function encodeRmr(m: RmrMessage): Uint8Array {
  const out = new Uint8Array(FrameWriter.size(m));
  new FrameWriter(m.src, m.srcip).write(m, out, 0);
  return out;
}

function writeString(out: Uint8Array, at: number, size: number, s: string, field: string): void {
  // a C string: room for the NUL
  const room = out.subarray(at, at + size - 1);
  const { read, written } = utf8.encodeInto(s, room);
  if (read < s.length) {
    throw new RangeError(`RMR ${field} holds ${size - 1} bytes, got ${utf8.encode(s).length}: ${s}`);
  }
  room.fill(0, written);
}

/** The frame length a transport header announces, by librmr's reader rules. */
export function frameLength(b: Uint8Array): number {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = v.getUint32(0, true);
  if (b[8] !== MARKER) return le; // old style: native order only
  const be = v.getUint32(4, false);
  return le === be ? be : le; // a back-level sender's reply: the little-endian one
}

/** A whole frame's message. Throws RmrFrameError naming what is wrong and where. */
export function decodeRmr(frame: Uint8Array): RmrMessage {
  if (frame.length < TRANSPORT_HEADER_BYTES + RMR_HEADER_BYTES) {
    throw new RmrFrameError(`RMR frame of ${frame.length} bytes is shorter than its two headers (330)`);
  }
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const h = TRANSPORT_HEADER_BYTES;
  const len0 = lengthAt(v, h + O.len0, "len0");
  if (len0 < RMR_HEADER_BYTES) {
    throw new RmrFrameError(`RMR header length len0 ${len0} is below ${RMR_HEADER_BYTES} at frame byte ${h + O.len0}`);
  }
  const len1 = lengthAt(v, h + O.len1, "len1");
  const len2 = lengthAt(v, h + O.len2, "len2");
  const len3 = lengthAt(v, h + O.len3, "len3");
  const plen = lengthAt(v, h + O.plen, "plen");
  const payloadAt = h + len0 + len1 + len2 + len3;
  if (payloadAt + plen > frame.length) {
    throw new RmrFrameError(
      `RMR lengths (header ${len0}, trace ${len1}, d1 ${len2}, d2 ${len3}, payload ${plen}) run past the ${frame.length}-byte frame`,
    );
  }
  // one copy holds the xid and the payload (views into it): the socket's chunk is not retained
  const own = new Uint8Array(XID_BYTES + plen);
  own.set(frame.subarray(h + O.xid, h + O.xid + XID_BYTES), 0);
  own.set(frame.subarray(payloadAt, payloadAt + plen), XID_BYTES);
  return {
    mtype: v.getInt32(h + O.mtype, false),
    subId: v.getInt32(h + O.subId, false),
    xid: own.subarray(0, XID_BYTES),
    meid: readString(frame, h + O.meid, MEID_BYTES),
    src: readString(frame, h + O.src, SRC_BYTES),
    srcip: readString(frame, h + O.srcip, SRCIP_BYTES),
    flags: v.getInt32(h + O.flags, true),
    callId: len2 > 0 ? frame[h + len0 + len1] : 0,
    trace: len1 === 0 ? EMPTY : new Uint8Array(frame.subarray(h + len0, h + len0 + len1)),
    payload: own.subarray(XID_BYTES),
  };
}

/** A header length field, which must not be negative. */
function lengthAt(v: DataView, at: number, field: string): number {
  const n = v.getInt32(at, false);
  if (n < 0) throw new RmrFrameError(`RMR header ${field} is negative (${n}) at frame byte ${at}`);
  return n;
}

/**
 * A C string: up to the first NUL (bytes after it are a previous message's residue), UTF-8. The
 * fields are short and nearly always ASCII: built char by char, the decoder only for other bytes.
 */
function readString(b: Uint8Array, at: number, size: number): string {
  let s = "";
  for (let i = at, end = at + size; i < end; i++) {
    const c = b[i];
    if (c === 0) break;
    if (c >= 0x80) {
      let nul = i;
      while (nul < end && b[nul] !== 0) nul++;
      return s + utf8Text.decode(b.subarray(i, nul));
    }
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * RMR frames back out of a TCP stream, whatever the chunking. A length below the two headers or
 * above the limit throws: librmr cannot resynchronise either, so the connection must go.
 */
export class RmrStreamReader {
  private readonly queue = new ByteQueue();

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_RMR_FRAME) {}

  /** Takes the next chunk of the stream and returns the messages it completes. Throws RmrFrameError. */
  push(chunk: Uint8Array): RmrMessage[] {
    const q = this.queue;
    q.push(chunk);
    const out: RmrMessage[] = [];
    while (q.length >= 9) {
      const n = frameLength(q.peek(9));
      if (n < TRANSPORT_HEADER_BYTES + RMR_HEADER_BYTES || n > this.maxFrameBytes) {
        throw new RmrFrameError(
          `RMR frame at stream byte ${q.offset} claims ${n} bytes (between 330 and ${this.maxFrameBytes} expected)`,
          out,
        );
      }
      if (q.length < n) break;
      out.push(decodeRmr(q.take(n)));
    }
    return out;
  }

  /** Bytes received but not yet a whole frame. */
  get pending(): number {
    return this.queue.length;
  }
}
