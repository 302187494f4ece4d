/**
 * One JSON call to a platform REST service (Node's global fetch), bounded in time. Any answer other
 * than the expected statuses, no answer, or a body that is not JSON becomes a RicHttpError carrying
 * the method, URL, status and body, so a log line says which service refused what and why.
 */
import { RicHttpError } from "./errors.js";

export const DEFAULT_HTTP_TIMEOUT_MS = 5000;
/** How much of an error body goes into the message (the whole body stays on the error). */
const BODY_IN_MESSAGE = 200;

/** What a platform service's client is told: where the API is, and how long a call may take. */
export interface RestClientOptions {
  /** The API's base URL (default: the platform's service). */
  readonly baseUrl?: string;
  /** Per call (ms, default DEFAULT_HTTP_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** The API's base URL to append paths to: the given one or `fallback`, without a trailing '/'. */
export const apiBase = (options: RestClientOptions, fallback: string): string =>
  (options.baseUrl ?? fallback).replace(/\/+$/, "");

export interface JsonCall {
  /** Who is called, for messages: "submgr", "appmgr". */
  readonly service: string;
  readonly method: "GET" | "POST" | "DELETE";
  readonly url: string;
  readonly body?: unknown;
  /** Statuses that mean success. */
  readonly expect: readonly number[];
  readonly timeoutMs?: number;
  /** false: the answer's body is of no use (register, delete) and is not parsed. */
  readonly parseBody?: boolean;
}

/** Makes the call; resolves with the parsed body (undefined when empty). */
export async function callJson(call: JsonCall): Promise<unknown> {
  const { service, method, url } = call;
  const where = `${service} ${method} ${url}`;
  const timeoutMs = call.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method,
      headers: call.body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    const reason =
      (e as Error).name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : describeFetchFailure(e as Error);
    throw new RicHttpError(`${where} failed: ${reason}`, method, url, 0, "", { cause: e });
  }
  if (!call.expect.includes(res.status)) {
    const shown = text.length > BODY_IN_MESSAGE ? `${text.slice(0, BODY_IN_MESSAGE)}…` : text;
    throw new RicHttpError(
      `${where} answered ${res.status}${shown ? `: ${shown.trim()}` : ""}`,
      method,
      url,
      res.status,
      text,
    );
  }
  if (call.parseBody === false || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RicHttpError(
      `${where} answered ${res.status} with a body that is not JSON`,
      method,
      url,
      res.status,
      text,
      {
        cause: e,
      },
    );
  }
}

/** fetch says "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND) in its cause. */
function describeFetchFailure(e: Error): string {
  const cause = e.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? e.message;
}
