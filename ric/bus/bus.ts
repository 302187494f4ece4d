/**
 * The message bus between the RIC's services and its apps, with NATS semantics whatever carries it:
 * dot-separated subjects with `*` (one token) and `>` (the rest) wildcards, queue groups (one member of
 * a group gets each message), request/reply through a reply subject, headers. Two carriers: an
 * in-process bus (embedded, tests) and NATS (the standalone RIC). Payloads are bytes; JSON helpers below.
 */

export type Headers = Readonly<Record<string, string>>;

export interface BusMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** Where an answer goes, for requests. */
  readonly reply?: string;
  readonly headers?: Headers;
}

export type BusHandler = (msg: BusMessage) => void;

export interface BusSubscription {
  unsubscribe(): void;
}

export interface Bus {
  /** Who carries it, for logs: `in-process`, `nats://127.0.0.1:4222`. */
  readonly peer: string;
  publish(subject: string, data: Uint8Array, opts?: { reply?: string; headers?: Headers }): void;
  subscribe(subject: string, handler: BusHandler, opts?: { queue?: string }): BusSubscription;
  /** One answer; rejects with BusError "no-responders" at once when nobody listens, "timeout" after `timeoutMs`. */
  request(subject: string, data: Uint8Array, opts: { timeoutMs: number; headers?: Headers }): Promise<BusMessage>;
  /** Resolves once everything published so far has left this process. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export type BusErrorKind = "no-responders" | "timeout" | "closed" | "invalid-subject";

export class BusError extends Error {
  override readonly name = "BusError";
  constructor(
    readonly kind: BusErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const jsonBytes = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/** Parses a JSON payload; a bad one names the subject it came on. */
export function jsonOf<T = unknown>(msg: BusMessage): T {
  try {
    return JSON.parse(decoder.decode(msg.data)) as T;
  } catch (e) {
    throw new SyntaxError(`${msg.subject}: payload is not JSON (${(e as Error).message})`);
  }
}

/** A subject token may not be empty nor hold spaces, dots or wildcards (names of nodes, apps...). */
export function checkToken(token: string, what: string): string {
  if (!/^[A-Za-z0-9_\-:]+$/.test(token)) {
    throw new BusError("invalid-subject", `${what} '${token}' cannot be a subject token (letters, digits, _ - : only)`);
  }
  return token;
}
