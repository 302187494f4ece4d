/**
 * Registering an xApp with O-RAN SC's appmgr (../shared/facts/oran-sc-platform.md §4.1, §4.3), and the
 * naming conventions everything else hangs on. appmgr ignores the registered RMR address and records
 * `service-ricxapp-<appInstanceName>-rmr.ricxapp:<port>`; rtmgr routes to that string, and submgr's
 * notification Host must be its `-http` twin. So the names are derived here, in one pure function.
 */
import { Router } from "express";
import { FieldError } from "./errors.js";
import { apiBase, callJson, type RestClientOptions } from "./http.js";

export const DEFAULT_APPMGR_URL = "http://service-ricplt-appmgr-http.ricplt:8080/ric/v1";
/** The namespace appmgr assumes for every xApp (it writes it into the RMR endpoint it records). */
export const XAPP_NAMESPACE = "ricxapp";
export const DEFAULT_XAPP_HTTP_PORT = 8080;
export const DEFAULT_XAPP_RMR_PORT = 4560;
export const DEFAULT_XAPP_ROUTE_PORT = 4561;
/** Where the platform reads an xApp's descriptor when registration carries none (the Go framework's path). */
export const XAPP_CONFIG_PATH = "/ric/v1/config";

export interface XappNaming {
  /** The descriptor's `name`: the chart name, pod hostname and service infix. */
  readonly name: string;
  readonly namespace?: string;
  readonly httpPort?: number;
  readonly rmrPort?: number;
  readonly routePort?: number;
}

export interface XappEndpoints {
  /** `service-<ns>-<name>-http.<ns>`: submgr's ClientEndpoint.Host. */
  readonly httpService: string;
  /** `service-<ns>-<name>-rmr.<ns>`: RMR_SRC_ID, and the name rtmgr routes to. */
  readonly rmrService: string;
  readonly httpPort: number;
  readonly rmrPort: number;
  readonly httpEndpoint: string;
  /** RMR data endpoint, as appmgr records it and rtmgr's routes name it. */
  readonly rmrEndpoint: string;
  /** Where rtmgr pushes route tables. */
  readonly routeEndpoint: string;
}

/** A Kubernetes service name is a DNS-1035 label: lower-case letters, digits and '-', at most 63. */
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The xApp's Service names and endpoints as the onboarder's chart creates them (`service-<ns>-<name>-…`
 * in namespace `<ns>`). Keep the namespace `ricxapp`: appmgr writes that into the endpoint it records
 * whatever the xApp registers, so another namespace gets routes to a service that does not exist.
 */
export function xappEndpoints(x: XappNaming): XappEndpoints {
  const ns = x.namespace ?? XAPP_NAMESPACE;
  for (const [field, value] of [
    ["name", x.name],
    ["namespace", ns],
  ] as const) {
    if (typeof value !== "string" || !DNS_LABEL.test(value))
      throw new FieldError("xApp naming", field, `must be a DNS label (a-z, 0-9, '-'), got ${JSON.stringify(value)}`);
  }
  const base = `service-${ns}-${x.name}`;
  if (`${base}-http`.length > 63)
    throw new FieldError("xApp naming", "name", `makes the service name ${base}-http longer than 63 characters`);
  const port = (field: string, p: number | undefined, fallback: number) => {
    const v = p ?? fallback;
    if (!Number.isInteger(v) || v < 1 || v > 65535)
      throw new FieldError("xApp naming", field, `must be a port 1..65535, got ${v}`);
    return v;
  };
  const httpService = `${base}-http.${ns}`;
  const rmrService = `${base}-rmr.${ns}`;
  const httpPort = port("httpPort", x.httpPort, DEFAULT_XAPP_HTTP_PORT);
  const rmrPort = port("rmrPort", x.rmrPort, DEFAULT_XAPP_RMR_PORT);
  return {
    httpService,
    rmrService,
    httpPort,
    rmrPort,
    httpEndpoint: `${httpService}:${httpPort}`,
    rmrEndpoint: `${rmrService}:${rmrPort}`,
    routeEndpoint: `${rmrService}:${port("routePort", x.routePort, DEFAULT_XAPP_ROUTE_PORT)}`,
  };
}

/**
 * The endpoints the frameworks register: Kubernetes service-link variables
 * `SERVICE_<NS>_<NAME>_HTTP_PORT` / `…_RMR_PORT` (`tcp://ip:port`, '-' as '_', upper case) give
 * "ip:port"; without them (outside a cluster) the service names stand in. The RMR one's IP is not
 * used by appmgr, only its port.
 */
export function registeredEndpoints(
  env: Readonly<Record<string, string | undefined>>,
  naming: XappNaming,
): { httpEndpoint: string; rmrEndpoint: string } {
  const names = xappEndpoints(naming);
  const key = (kind: string) =>
    `SERVICE_${naming.namespace ?? XAPP_NAMESPACE}_${naming.name}_${kind}_PORT`.replace(/-/g, "_").toUpperCase();
  const link = (kind: string, fallback: string) => {
    const value = env[key(kind)];
    if (value === undefined) return fallback;
    const m = /^tcp:\/\/(.+:\d+)$/.exec(value);
    if (!m) throw new FieldError("environment", key(kind), `must be tcp://ip:port, got ${JSON.stringify(value)}`);
    return m[1];
  };
  return { httpEndpoint: link("HTTP", names.httpEndpoint), rmrEndpoint: link("RMR", names.rmrEndpoint) };
}

/** An xApp descriptor (config-file.json): only what registration needs is typed. */
export interface XappDescriptor {
  readonly name: string;
  readonly version: string;
  readonly [key: string]: unknown;
}

/** appmgr's registerRequest, field names as its API spells them. */
export interface RegisterRequest {
  readonly appName: string;
  readonly appInstanceName: string;
  readonly appVersion?: string;
  readonly httpEndpoint: string;
  readonly rmrEndpoint: string;
  readonly configPath?: string;
  /** The descriptor as a JSON *string*: appmgr parses a string, an object breaks it. */
  readonly config?: string;
}

export interface DeregisterRequest {
  readonly appName: string;
  readonly appInstanceName: string;
}

/**
 * The registration the frameworks send: appName = pod hostname (= descriptor name under the chart),
 * appInstanceName/appVersion from the descriptor, the config inline as a string (so appmgr need not
 * call back), and the config path anyway.
 */
export function registerRequest(input: {
  descriptor: XappDescriptor;
  httpEndpoint: string;
  rmrEndpoint: string;
  hostname?: string;
}): RegisterRequest {
  const d = input.descriptor as unknown;
  if (typeof d !== "object" || d === null || Array.isArray(d))
    throw new FieldError("xApp descriptor", "(top level)", "must be a JSON object");
  const { name, version } = d as Record<string, unknown>;
  if (typeof name !== "string" || name === "")
    throw new FieldError("xApp descriptor", "name", "must be a non-empty string");
  if (typeof version !== "string" || version === "")
    throw new FieldError("xApp descriptor", "version", "must be a non-empty string");
  for (const field of ["httpEndpoint", "rmrEndpoint"] as const) {
    if (!/^.+:\d+$/.test(input[field]))
      throw new FieldError("registerRequest", field, `must be host:port, got ${JSON.stringify(input[field])}`);
  }
  return {
    appName: input.hostname ?? name,
    appInstanceName: name,
    appVersion: version,
    httpEndpoint: input.httpEndpoint,
    rmrEndpoint: input.rmrEndpoint,
    configPath: XAPP_CONFIG_PATH,
    config: JSON.stringify(input.descriptor),
  };
}

/** appmgr's API base (baseUrl), `…/ric/v1` (default: the platform's service). */
export type AppmgrClientOptions = RestClientOptions;

export class AppmgrClient {
  private readonly baseUrl: string;

  constructor(private readonly options: AppmgrClientOptions = {}) {
    this.baseUrl = apiBase(options, DEFAULT_APPMGR_URL);
  }

  /** POST /register, answered 201. Frameworks retry until it takes; so should the caller. */
  async register(request: RegisterRequest): Promise<void> {
    await this.post("/register", request, 201);
  }

  /** POST /deregister {appName, appInstanceName}, answered 204. */
  async deregister(request: DeregisterRequest): Promise<void> {
    await this.post("/deregister", { appName: request.appName, appInstanceName: request.appInstanceName }, 204);
  }

  private post(path: string, body: unknown, status: number): Promise<unknown> {
    return callJson({
      service: "appmgr",
      method: "POST",
      url: `${this.baseUrl}${path}`,
      body,
      expect: [status],
      timeoutMs: this.options.timeoutMs,
      parseBody: false,
    });
  }
}

/**
 * GET /ric/v1/config, as appmgr reads it when registration carries no config: a list whose `config`
 * is the descriptor as a *string* (appmgr formats it with %v and parses that; an object breaks it).
 */
export function xappConfigRouter(descriptor: XappDescriptor): Router {
  const body = [{ metadata: { xappName: descriptor.name, configType: "json" }, config: JSON.stringify(descriptor) }];
  const router = Router();
  router.get(XAPP_CONFIG_PATH, (_req, res) => {
    res.status(200).json(body);
  });
  return router;
}
