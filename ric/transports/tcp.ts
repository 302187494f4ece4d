/**
 * E2AP over TCP, framed by a 4-byte big-endian length (design.md §5): `connectE2` for E2 nodes,
 * `listenE2` for a RIC. A peer whose bytes break the framing is disconnected with the reason; a peer
 * that stops reading is disconnected before our send queue outgrows `maxQueuedBytes`.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { DEFAULT_MAX_QUEUED_BYTES } from "./coalescing-writer.js";
import { DEFAULT_MAX_FRAME_BYTES, FrameReader, FramingError, frame } from "./framing.js";
import { BaseLink, type E2Link } from "./link.js";

export interface TcpLinkOptions {
  /** The largest PDU accepted (default 16 MiB). */
  readonly maxFrameBytes?: number;
  /** How much may wait in the socket's send queue before the peer is deemed stuck (default 64 MiB). */
  readonly maxQueuedBytes?: number;
}

class TcpLink extends BaseLink {
  readonly peer: string;
  private readonly maxQueued: number;

  constructor(
    private readonly socket: Socket,
    options: TcpLinkOptions,
  ) {
    super();
    this.peer = `tcp ${socket.remoteAddress}:${socket.remotePort}`;
    this.maxQueued = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    const reader = new FrameReader(options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      let pdus: Uint8Array[];
      try {
        pdus = reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (e) {
        // the good PDUs ahead of the bad frame arrive whatever the chunking, then the link goes
        if (e instanceof FramingError) for (const pdu of e.completed) this.deliver(pdu);
        this.close(e as Error);
        return;
      }
      for (const pdu of pdus) this.deliver(pdu);
    });
    socket.on("end", () => {
      // a half-received frame is a broken stream, not a clean close: its bytes would vanish unnoticed
      if (reader.pending) {
        this.close(
          new FramingError(`${this.peer} ended inside an E2AP frame (${reader.pending} bytes of it received)`),
        );
      }
    });
    socket.on("error", (e) => this.close(e));
    socket.on("close", () => this.close());
  }

  send(pdu: Uint8Array): void {
    this.checkOpen();
    if (this.socket.writableLength > this.maxQueued) {
      this.close(new Error(`${this.peer} does not read: ${this.socket.writableLength} bytes queued`));
      this.checkOpen();
    }
    this.socket.write(frame(pdu));
  }

  protected teardown(error?: Error): void {
    if (error) this.socket.destroy();
    else this.socket.end();
  }
}

/** Connects to a RIC's E2 endpoint. Rejects with the socket's error (e.g. ECONNREFUSED) or on timeout. */
export function connectE2(
  address: { host: string; port: number; timeoutMs?: number },
  options: TcpLinkOptions = {},
): Promise<E2Link> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${address.host}:${address.port} in ${address.timeoutMs ?? 5000} ms`));
    }, address.timeoutMs ?? 5000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeListener("error", fail);
      resolve(new TcpLink(socket, options));
    });
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(new Error(`cannot reach ${address.host}:${address.port}: ${e.message}`));
    };
    socket.once("error", fail);
  });
}

export interface E2Listener {
  readonly port: number;
  /** Stops accepting and closes every link accepted. */
  close(): Promise<void>;
}

/** Accepts E2 nodes on `host:port` (port 0: any free one). */
export function listenE2(
  address: { host?: string; port: number },
  onLink: (link: E2Link) => void,
  options: TcpLinkOptions = {},
): Promise<E2Listener> {
  const open = new Map<Socket, E2Link>();
  const server: Server = createServer((socket) => {
    const link = new TcpLink(socket, options);
    open.set(socket, link);
    socket.on("close", () => open.delete(socket));
    onLink(link);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port, address.host ?? "127.0.0.1", () => {
      server.removeListener("error", reject);
      const info = server.address();
      const port = typeof info === "object" && info ? info.port : address.port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const [socket, link] of open) {
              link.close();
              socket.destroy(); // a peer that never closes its side must not hold the server open
            }
          }),
      });
    });
  });
}
