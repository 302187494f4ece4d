/**
 * What the platform REST doubles share: an express app on 127.0.0.1 port 0, JSON bodies checked
 * strictly against a schema written from the published API (unknown fields, wrong types and missing
 * ones are 400 with every violation named), and a way to fail the next request on purpose.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv } from "ajv";
import express, { type Express, type NextFunction, type Request, type Response } from "express";

const ajv = new Ajv({ allErrors: true, strict: true });

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** A canned failure for the next request: the status and body to answer with. */
export interface Failure {
  readonly status: number;
  readonly body: string;
}

export abstract class RestDouble {
  readonly requests: Recorded[] = [];
  /** Set to make the next request fail this way. */
  failNext: Failure | undefined;
  /** The API's base URL (e.g. http://127.0.0.1:<port>/ric/v1), once started. */
  baseUrl = "";
  private server: Server | undefined;

  /** The API's base path, e.g. "/ric/v1". */
  protected abstract readonly prefix: string;
  protected abstract routes(app: Express): void;

  async start(): Promise<this> {
    const app = express();
    app.use((req: Request, res: Response, next: NextFunction) => {
      const failure = this.failNext;
      this.failNext = undefined;
      if (failure) {
        this.requests.push({ method: req.method, path: req.path, body: undefined });
        res.status(failure.status).type("text/plain").send(failure.body);
        return;
      }
      if (req.method === "POST" && !req.is("application/json")) {
        res.status(415).json({ message: `content-type must be application/json, got ${req.get("content-type")}` });
        return;
      }
      next();
    });
    app.use(express.json({ strict: false }));
    app.use((req: Request, _res: Response, next: NextFunction) => {
      this.requests.push({ method: req.method, path: req.path, body: req.body });
      next();
    });
    this.routes(app);
    // JSON that does not parse: 400, as a swagger server answers
    app.use((err: { type?: string; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
      res.status(err.type === "entity.parse.failed" ? 400 : 500).json({ message: err.message });
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(0, "127.0.0.1", (e?: Error) => (e ? reject(e) : resolve(s)));
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${this.prefix}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

/** Answers 400 with `message` when a check failed; says whether it did. */
export function rejected(res: Response, message: string | undefined): boolean {
  if (message === undefined) return false;
  res.status(400).json({ message });
  return true;
}

/** A validator for `schema`: undefined when the value conforms, else every violation, one per line. */
export function checker(schema: object): (value: unknown) => string | undefined {
  const validate = ajv.compile(schema);
  return (value) =>
    validate(value)
      ? undefined
      : (validate.errors ?? [])
          .map((e) =>
            e.keyword === "additionalProperties"
              ? `body${e.instancePath} has unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`
              : `body${e.instancePath} ${e.message}`,
          )
          .join("\n");
}

/** An object schema that allows only its properties. */
export const strictObject = (properties: Record<string, object>, required: string[] = []) => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
});
