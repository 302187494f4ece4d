/**
 * RMR over TCP as librmr speaks it (../shared/facts/oran-sc-platform.md §1.1-1.6): a listener on the
 * data port; one outbound connection per endpoint name ("host:port"), dialled on first use and kept;
 * frames read from every socket, inbound and outbound (a C peer may answer on either); messages
 * routed by the route table; return to sender (the src name, else the socket the message came on);
 * calls matched on call id and the 32-byte xid. Frames are written into a per-connection batch that
 * goes out once per event-loop turn, and a connection whose peer stops reading refuses sends past a
 * limit (librmr's RMR_ERR_RETRY). The wire format is frame.ts, the routes routes.ts.
 */

import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { sameBytes } from "../../e2sm/index.js";
import { CoalescingWriter, DEFAULT_MAX_QUEUED_BYTES, WriteQueueFull } from "../transports/coalescing-writer.js";
import {
  FLAG_CALL,
  type FrameContent,
  FrameWriter,
  NO_SUB_ID,
  type RmrMessage,
  RmrStreamReader,
  xidOf,
} from "./frame.js";
import type { RouteTables } from "./routes.js";

export interface RmrTransportOptions {
  /** The name peers reach us by (DNS-resolvable; a Kubernetes service), sent as `src` with the port. */
  readonly name: string;
  /** Data port (librmr's default 4560; 0: any free one). */
  readonly port?: number;
  readonly host?: string;
  /** "ip:port" we also answer to (sent as `srcip`). */
  readonly srcip?: string;
  readonly routes: RouteTables;
  /** How long a dial may take (ms, default 2000). */
  readonly dialTimeoutMs?: number;
  /** The most bytes waiting to go out on one connection before sends to it fail (default 64 MiB). */
  readonly maxQueuedBytes?: number;
}

/** What an application sends: the header fields it chooses, and the payload. */
export interface Outgoing {
  readonly mtype: number;
  readonly subId?: number;
  readonly meid?: string;
  readonly xid?: string | Uint8Array;
  readonly payload: Uint8Array;
}

export type RmrHandler = (msg: RmrMessage, replyTo: ReplyPath) => void;

/** Where a received message came from, for return to sender. */
export interface ReplyPath {
  readonly socket: Socket;
}

export class RmrError extends Error {
  override readonly name = "RmrError";
}

const EMPTY_XID = new Uint8Array(32);
const EMPTY = new Uint8Array(0);

export class RmrTransport {
  readonly port: number;
  /** Connections being dialled or up, by endpoint; `connected` holds the ones up (the synchronous path). */
  private readonly outbound = new Map<string, Promise<Socket>>();
  private readonly connected = new Map<string, Socket>();
  private readonly sockets = new Set<Socket>();
  private readonly writers = new Map<Socket, CoalescingWriter>();
  private readonly frames: FrameWriter;
  private closed = false;
  private readonly handlers: RmrHandler[] = [];
  private readonly calls = new Map<number, { xid: Uint8Array; done: (m: RmrMessage) => void }>();
  private nextCallId = 1;

  private constructor(
    private readonly server: Server,
    port: number,
    private readonly options: RmrTransportOptions,
  ) {
    this.port = port;
    this.frames = new FrameWriter(this.src, options.srcip ?? this.src);
  }

  static start(options: RmrTransportOptions): Promise<RmrTransport> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(options.port ?? 4560, options.host ?? "0.0.0.0", () => {
        server.removeListener("error", reject);
        const a = server.address();
        const t = new RmrTransport(server, typeof a === "object" && a ? a.port : (options.port ?? 4560), options);
        server.on("connection", (s) => t.adopt(s));
        resolve(t);
      });
    });
  }

  /** Our src: "name:port". */
  get src(): string {
    return `${this.options.name}:${this.port}`;
  }

  onMessage(handler: RmrHandler): void {
    this.handlers.push(handler);
  }

  /**
   * Sends by the route table: one copy to each group. Resolves to the endpoints it went to (none: no
   * route); rejects with RmrError when an endpoint cannot be reached or its connection is full.
   */
  async send(m: Outgoing): Promise<string[]> {
    const to = this.options.routes.endpoints(m.mtype, m.subId ?? NO_SUB_ID, m.meid ?? "");
    let dialling: Promise<void>[] | undefined;
    let refused: unknown;
    for (const endpoint of to) {
      const socket = this.connected.get(endpoint);
      try {
        if (socket) this.put(socket, endpoint, m, 0, 0, EMPTY);
        else (dialling ??= []).push(this.sendTo(endpoint, m));
      } catch (e) {
        refused ??= e; // the other groups still get their copy, and every dial is awaited
      }
    }
    if (dialling) {
      const settled = await Promise.allSettled(dialling);
      for (const r of settled) if (r.status === "rejected") refused ??= r.reason;
    }
    if (refused !== undefined) throw refused;
    return to;
  }

  /** Sends straight to an endpoint (a wormhole): no route table. */
  async sendTo(endpoint: string, m: Outgoing, flags = 0, callId = 0): Promise<void> {
    const socket = this.connected.get(endpoint) ?? (await this.dial(endpoint));
    this.put(socket, endpoint, m, flags, callId, EMPTY);
  }

  /**
   * Return to sender: the reply keeps the request's sub id, xid, meid, trace and call id, with the call
   * flag cleared (librmr answers in the request's own buffer); it goes to the request's src, or back
   * on the socket it came on when src cannot be reached.
   */
  async rts(request: RmrMessage, from: ReplyPath, reply: { mtype?: number; payload: Uint8Array }): Promise<void> {
    const m: Outgoing = {
      mtype: reply.mtype ?? request.mtype,
      subId: request.subId,
      meid: request.meid,
      xid: request.xid,
      payload: reply.payload,
    };
    let socket = this.connected.get(request.src);
    if (!socket) {
      try {
        socket = await this.dial(request.src);
      } catch {
        if (from.socket.destroyed)
          throw new RmrError(`cannot return to ${request.src}: unreachable, and its connection is gone`);
        socket = from.socket;
      }
    }
    this.put(socket, request.src, m, 0, request.callId, request.trace);
  }

  /** A call: sends with the call flag and a call id, and resolves with the reply of the same xid. */
  call(endpoint: string, m: Outgoing, timeoutMs = 1000): Promise<RmrMessage> {
    const callId = this.nextCallId;
    this.nextCallId = (this.nextCallId % 255) + 1;
    const xid = xidOf(m.xid ?? `call-${callId}-${Date.now()}`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(callId);
        reject(new RmrError(`no reply from ${endpoint} to mtype ${m.mtype} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.calls.set(callId, {
        xid,
        done: (reply) => {
          clearTimeout(timer);
          this.calls.delete(callId);
          resolve(reply);
        },
      });
      this.sendTo(endpoint, { ...m, xid }, FLAG_CALL, callId).catch((e) => {
        clearTimeout(timer);
        this.calls.delete(callId);
        reject(e);
      });
    });
  }

  /** Stops listening and closes every connection, after what waits to be sent has gone out. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = [...this.sockets].map(
      (s) =>
        new Promise<void>((done) => {
          if (s.destroyed) return done();
          s.once("close", () => done());
          this.writers.get(s)?.flush();
          s.end(() => s.destroy());
          // a peer that never reads would hold the end up: give it a moment, then cut
          setTimeout(() => s.destroy(), 500).unref();
        }),
    );
    await Promise.all([...closing, new Promise<void>((done) => this.server.close(() => done()))]);
  }

  /** Writes m's frame into the connection's batch. Throws RmrError when the connection is full. */
  private put(socket: Socket, endpoint: string, m: Outgoing, flags: number, callId: number, trace: Uint8Array): void {
    let writer = this.writers.get(socket);
    if (!writer) {
      writer = new CoalescingWriter(socket, this.options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES);
      this.writers.set(socket, writer);
    }
    const frame: FrameContent = {
      mtype: m.mtype,
      subId: m.subId ?? NO_SUB_ID,
      xid: m.xid === undefined ? EMPTY_XID : m.xid instanceof Uint8Array ? m.xid : xidOf(m.xid),
      meid: m.meid ?? "",
      flags,
      callId,
      trace,
      payload: m.payload,
    };
    try {
      writer.append(FrameWriter.size(frame), (out, at) => this.frames.write(frame, out, at));
    } catch (e) {
      if (!(e instanceof WriteQueueFull)) throw e;
      throw new RmrError(`cannot send mtype ${m.mtype} to ${endpoint}: ${e.message}`);
    }
  }

  /** The connection to an endpoint: dialled once, kept, dialled again after it closed. */
  private dial(endpoint: string): Promise<Socket> {
    if (this.closed) return Promise.reject(new RmrError(`cannot reach ${endpoint}: the transport is closed`));
    let s = this.outbound.get(endpoint);
    if (!s) {
      s = new Promise<Socket>((resolve, reject) => {
        const m = /^(.*):(\d+)$/.exec(endpoint);
        if (!m) return reject(new RmrError(`endpoint '${endpoint}' is not host:port`));
        const socket = tcpConnect({ host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) });
        const timer = setTimeout(() => socket.destroy(new Error("timed out")), this.options.dialTimeoutMs ?? 2000);
        socket.once("connect", () => {
          clearTimeout(timer);
          if (this.closed) {
            socket.destroy();
            this.outbound.delete(endpoint);
            return reject(new RmrError(`cannot reach ${endpoint}: the transport is closed`));
          }
          this.adopt(socket);
          this.connected.set(endpoint, socket);
          socket.once("close", () => {
            this.outbound.delete(endpoint);
            if (this.connected.get(endpoint) === socket) this.connected.delete(endpoint);
          });
          resolve(socket);
        });
        socket.once("error", (e) => {
          clearTimeout(timer);
          this.outbound.delete(endpoint);
          reject(new RmrError(`cannot reach ${endpoint}: ${e.message}`));
        });
      });
      this.outbound.set(endpoint, s);
    }
    return s;
  }

  /** Reads frames from a socket, inbound or outbound alike. */
  private adopt(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new RmrStreamReader();
    const from: ReplyPath = { socket };
    socket.on("data", (chunk: Buffer) => {
      let messages: RmrMessage[];
      try {
        messages = reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (e) {
        // a bad length desynchronises the stream for good: deliver what came before, then drop it
        messages = (e as { completed?: RmrMessage[] }).completed ?? [];
        socket.destroy();
      }
      for (const m of messages) this.deliver(m, from);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.writers.delete(socket);
    });
  }

  private deliver(m: RmrMessage, from: ReplyPath): void {
    // a reply to one of our calls: no call flag, its call id, the same xid
    if ((m.flags & FLAG_CALL) === 0 && m.callId !== 0) {
      const pending = this.calls.get(m.callId);
      if (pending && sameBytes(pending.xid, m.xid)) {
        pending.done(m);
        return;
      }
    }
    for (const h of this.handlers) h(m, from);
  }
}
