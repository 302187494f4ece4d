/**
 * The bus over NATS (the standalone RIC): a thin mapping of `Bus` onto a nats.js connection. The
 * connection reconnects by itself (forever, 250 ms apart) and replays its subscriptions; what is
 * published while it is away is buffered by nats.js up to its limit.
 */
import {
  connect,
  createInbox,
  ErrorCode,
  type MsgHdrs,
  type NatsConnection,
  type NatsError,
  headers as natsHeaders,
} from "nats";
import { type Bus, BusError, type BusHandler, type BusMessage, type BusSubscription, type Headers } from "./bus.js";
import { RequestMux } from "./request-mux.js";

export interface NatsBusOptions {
  /** `nats://127.0.0.1:4222` or `127.0.0.1:4222`; several, comma-separated, for a cluster. */
  readonly servers: string;
  /** The name the server shows for this connection (`twinric-ric`, `kpimon-1`). */
  readonly name?: string;
}

/** The status code of the empty message NATS answers a request with when nobody subscribes to it. */
const NO_RESPONDERS = 503;

export class NatsBus implements Bus {
  private readonly requests = new RequestMux(createInbox());

  private constructor(
    private readonly nc: NatsConnection,
    readonly peer: string,
  ) {
    nc.subscribe(this.requests.wildcard, {
      callback: (err, m) => {
        if (err) return;
        if (m.data.length === 0 && m.headers?.code === NO_RESPONDERS) this.requests.noResponders(m.subject);
        else this.requests.answer(m.subject, { subject: m.subject, data: m.data, headers: fromNats(m.headers) });
      },
    });
  }

  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    const servers = opts.servers.split(",").map((s) => s.trim());
    const nc = await connect({
      servers,
      name: opts.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      // otherwise every request builds Error objects with stack traces up front (profiled: a quarter of
      // an xApp's CPU at 10k controls/s); our errors name the subject and timeout instead
      noAsyncTraces: true,
      // the first connection fails at once when no server answers (a clear error); later losses retry forever
    }).catch((e: Error) => {
      throw new Error(`cannot reach NATS at ${opts.servers}: ${e.message}`);
    });
    return new NatsBus(nc, `nats://${servers[0].replace(/^nats:\/\//, "")}`);
  }

  /** Connection changes (disconnect, reconnect...), for logs. */
  async *status(): AsyncIterable<{ type: string; data: unknown }> {
    for await (const s of this.nc.status()) yield { type: String(s.type), data: s.data };
  }

  publish(subject: string, data: Uint8Array, opts: { reply?: string; headers?: Headers } = {}): void {
    try {
      this.nc.publish(subject, data, { reply: opts.reply, headers: toNats(opts.headers) });
    } catch (e) {
      throw mapError(e);
    }
  }

  subscribe(subject: string, handler: BusHandler, opts: { queue?: string } = {}): BusSubscription {
    const sub = this.nc.subscribe(subject, {
      queue: opts.queue,
      callback: (err, m) => {
        if (err) return;
        try {
          handler({ subject: m.subject, data: m.data, reply: m.reply || undefined, headers: fromNats(m.headers) });
        } catch (e) {
          // nats.js calls us inside its reader: a throw here would stop the whole connection
          console.error(`bus handler on ${m.subject} threw:`, e);
        }
      },
    });
    return { unsubscribe: () => sub.unsubscribe() };
  }

  request(subject: string, data: Uint8Array, opts: { timeoutMs: number; headers?: Headers }): Promise<BusMessage> {
    return this.requests.request(subject, opts.timeoutMs, (reply) =>
      this.publish(subject, data, { reply, headers: opts.headers }),
    );
  }

  flush(): Promise<void> {
    return this.nc.flush();
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
    this.requests.failAll(new BusError("closed", "the NATS connection is closed"));
  }
}

function toNats(h: Headers | undefined): MsgHdrs | undefined {
  if (!h) return undefined;
  const out = natsHeaders();
  for (const [k, v] of Object.entries(h)) out.set(k, v);
  return out;
}

function fromNats(h: MsgHdrs | undefined): Headers | undefined {
  if (!h) return undefined;
  const out: Record<string, string> = {};
  for (const k of h.keys()) out[k] = h.get(k);
  return out;
}

/** A publish's failure in the bus's terms (no responders come as a reply header: see requests). */
function mapError(e: unknown): Error {
  if ((e as NatsError).code === ErrorCode.ConnectionClosed)
    return new BusError("closed", "the NATS connection is closed");
  return e as Error;
}
