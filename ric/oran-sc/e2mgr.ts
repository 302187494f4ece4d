/**
 * The xApp side of O-RAN SC's e2mgr REST API (../shared/facts/oran-sc-platform.md §1.10, service
 * `service-ricplt-e2mgr-http`, port 3800, base `/v1`): which E2 nodes there are and what they offer.
 *
 *   GET /v1/nodeb/states     -> NbIdentity[]  (every node e2mgr knows, with its connection status)
 *   GET /v1/nodeb/{ranName}  -> NodebInfo     (one node; a gNB's RAN functions under gnb.ranFunctions)
 *
 * e2mgr writes nodeb-rnib's protobuf messages with jsonpb's defaults: lowerCamelCase names, enums by
 * name, 64-bit integers as decimal strings, and every zero value (0, "", false, the enum's first
 * name, an empty list) left out. So an absent field reads as its zero value here, while a present
 * one of the wrong kind is an error naming it. A RAN function definition is the E2SM bytes as e2term's
 * XER printed them (hex octets, spaced and wrapped): `toNodeInfo` turns them into our base64.
 */
import type { E2apVersion } from "../../e2sm/index.js";
import type { NodeInfo } from "../bus/contract.js";
import { plmnName, plmnOfRanName } from "../services/ran-name.js";
import { FieldError } from "./errors.js";
import { apiBase, callJson, type RestClientOptions } from "./http.js";

export const DEFAULT_E2MGR_URL = "http://service-ricplt-e2mgr-http.ricplt:3800/v1";

/** nodeb-rnib's ConnectionStatus, in the enum's order (index = the protobuf number). */
export const CONNECTION_STATUSES = [
  "UNKNOWN_CONNECTION_STATUS",
  "CONNECTED",
  "DISCONNECTED",
  "CONNECTED_SETUP_FAILED",
  "CONNECTING",
  "SHUTTING_DOWN",
  "SHUT_DOWN",
  "UNDER_RESET",
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** nodeb-rnib's Node.Type. */
export const NODE_TYPES = ["UNKNOWN", "ENB", "GNB"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

// ---- the API's types, names as on the wire, zero values filled in ----

export interface GlobalNbId {
  readonly plmnId: string;
  readonly nbId: string;
}

/** An entry of GET /nodeb/states. */
export interface NbIdentity {
  readonly inventoryName: string;
  readonly globalNbId?: GlobalNbId;
  readonly connectionStatus: ConnectionStatus;
}

export interface RanFunction {
  readonly ranFunctionId: number;
  /** The E2SM RAN function definition as hex octets, whitespace allowed (e2term's XER). */
  readonly ranFunctionDefinition: string;
  readonly ranFunctionRevision: number;
  readonly ranFunctionOid: string;
}

/** GET /nodeb/{ranName}: what discovery needs of nodeb-rnib's NodebInfo (other fields are not read). */
export interface NodebInfo {
  readonly ranName: string;
  readonly ip: string;
  readonly port: number;
  readonly connectionStatus: ConnectionStatus;
  readonly globalNbId?: GlobalNbId;
  readonly nodeType: NodeType;
  /** Only a gNB carries RAN functions. */
  readonly gnb?: { readonly ranFunctions: readonly RanFunction[] };
  /** The e2term holding the node's SCTP association, `ip:port`. */
  readonly associatedE2tInstanceAddress: string;
  /** When the connection status last changed: nanoseconds since the epoch, decimal ("0": never). */
  readonly statusUpdateTimeStamp: string;
}

// ---- reading e2mgr's JSON ----

type Json = Record<string, unknown>;

/** Readers of one answer's fields: absent means the zero value, anything else must be of the right kind. */
function fields(what: string) {
  const fail = (field: string, reason: string): never => {
    throw new FieldError(what, field, reason);
  };
  const got = (v: unknown) => `, got ${JSON.stringify(v) ?? String(v)}`;
  const r = {
    fail,
    object(v: unknown, field: string): Json {
      if (typeof v !== "object" || v === null || Array.isArray(v)) fail(field, `must be a JSON object${got(v)}`);
      return v as Json;
    },
    list(v: unknown, field: string): unknown[] {
      if (v === undefined) return [];
      if (!Array.isArray(v)) fail(field, `must be a JSON array${got(v)}`);
      return v as unknown[];
    },
    string(v: unknown, field: string): string {
      if (v === undefined) return "";
      if (typeof v !== "string") fail(field, `must be a string${got(v)}`);
      return v as string;
    },
    /** protojson writes 32-bit integers as numbers and 64-bit ones as decimal strings; both are read. */
    uint(v: unknown, field: string, max: number): number {
      if (v === undefined) return 0;
      const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > max)
        fail(field, `must be an integer 0..${max}${got(v)}`);
      return n as number;
    },
    uint64(v: unknown, field: string): string {
      if (v === undefined) return "0";
      const s = typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
      if (typeof s !== "string" || !/^\d{1,20}$/.test(s) || BigInt(s) >= 2n ** 64n)
        fail(field, `must be an unsigned 64-bit integer (a decimal string)${got(v)}`);
      return s as string;
    },
    /** An enum by name (jsonpb's form) or by number. */
    enumOf<T extends string>(v: unknown, field: string, names: readonly T[]): T {
      if (v === undefined) return names[0];
      if (typeof v === "number" && names[v] !== undefined) return names[v];
      if (typeof v !== "string" || !names.includes(v as T)) fail(field, `must be one of ${names.join(", ")}${got(v)}`);
      return v as T;
    },
    globalNbId(v: unknown, field: string): GlobalNbId | undefined {
      if (v === undefined) return undefined;
      const g = r.object(v, field);
      return { plmnId: r.string(g.plmnId, `${field}.plmnId`), nbId: r.string(g.nbId, `${field}.nbId`) };
    },
  };
  return r;
}

/** Hex octets with any whitespace between them (asn1c's basic XER of an OCTET STRING). */
const HEX_OCTETS = /^(?:[0-9A-Fa-f]{2})*$/;
const squeeze = (s: string) => s.replace(/\s+/g, "");

/** The body of GET /nodeb/states. Throws FieldError naming the field (`[2].connectionStatus`). */
export function parseNodebStates(body: unknown, what = "NbIdentity list"): NbIdentity[] {
  const r = fields(what);
  if (!Array.isArray(body)) r.fail("(body)", `must be a JSON array, got ${typeof body}`);
  return (body as unknown[]).map((item, i) => {
    const at = `[${i}]`;
    const o = r.object(item, at);
    const inventoryName = r.string(o.inventoryName, `${at}.inventoryName`);
    if (inventoryName === "") r.fail(`${at}.inventoryName`, "must be a non-empty RAN name");
    const globalNbId = r.globalNbId(o.globalNbId, `${at}.globalNbId`);
    return {
      inventoryName,
      ...(globalNbId ? { globalNbId } : {}),
      connectionStatus: r.enumOf(o.connectionStatus, `${at}.connectionStatus`, CONNECTION_STATUSES),
    };
  });
}

/** The body of GET /nodeb/{ranName}. Throws FieldError naming the field (`gnb.ranFunctions[1].ranFunctionId`). */
export function parseNodebInfo(body: unknown, what = "NodebInfo"): NodebInfo {
  const r = fields(what);
  const o = r.object(body, "(body)");
  const ranName = r.string(o.ranName, "ranName");
  if (ranName === "") r.fail("ranName", "must be a non-empty RAN name");
  const globalNbId = r.globalNbId(o.globalNbId, "globalNbId");
  if (globalNbId && globalNbId.plmnId !== "" && !/^[0-9A-Fa-f]{6}$/.test(squeeze(globalNbId.plmnId)))
    r.fail("globalNbId.plmnId", `must be a PLMN identity, 3 octets in hex, got ${JSON.stringify(globalNbId.plmnId)}`);
  let gnb: NodebInfo["gnb"];
  if (o.gnb !== undefined) {
    const g = r.object(o.gnb, "gnb");
    const ranFunctions = r.list(g.ranFunctions, "gnb.ranFunctions").map((item, i): RanFunction => {
      const at = `gnb.ranFunctions[${i}]`;
      const f = r.object(item, at);
      const definition = r.string(f.ranFunctionDefinition, `${at}.ranFunctionDefinition`);
      if (!HEX_OCTETS.test(squeeze(definition)))
        r.fail(`${at}.ranFunctionDefinition`, "must be the definition's octets in hex (e2term's XER)");
      return {
        ranFunctionId: r.uint(f.ranFunctionId, `${at}.ranFunctionId`, 4095),
        ranFunctionDefinition: definition,
        ranFunctionRevision: r.uint(f.ranFunctionRevision, `${at}.ranFunctionRevision`, 4095),
        ranFunctionOid: r.string(f.ranFunctionOid, `${at}.ranFunctionOid`),
      };
    });
    gnb = { ranFunctions };
  }
  return {
    ranName,
    ip: r.string(o.ip, "ip"),
    port: r.uint(o.port, "port", 65535),
    connectionStatus: r.enumOf(o.connectionStatus, "connectionStatus", CONNECTION_STATUSES),
    ...(globalNbId ? { globalNbId } : {}),
    nodeType: r.enumOf(o.nodeType, "nodeType", NODE_TYPES),
    ...(gnb ? { gnb } : {}),
    associatedE2tInstanceAddress: r.string(o.associatedE2tInstanceAddress, "associatedE2tInstanceAddress"),
    statusUpdateTimeStamp: r.uint64(o.statusUpdateTimeStamp, "statusUpdateTimeStamp"),
  };
}

// ---- e2mgr's node as ours ----

export interface NodeInfoContext {
  /** The E2AP version of the RIC's e2term (e2mgr does not record it). */
  readonly e2ap: E2apVersion;
  /** connectedAt when e2mgr has no status time: when we first saw the node up (ISO 8601). */
  readonly seenAt: string;
}

/**
 * Our NodeInfo of e2mgr's (parsed) NodebInfo: id = the RAN name; plmn `MCC_MNC` as the RAN name spells
 * it (from globalNbId.plmnId, else from the name); the gNB's RAN functions with their definitions in
 * base64; peer = the node's address when e2mgr has one, else the e2term holding it; connectedAt = the
 * last status change.
 */
export function toNodeInfo(nb: NodebInfo, context: NodeInfoContext): NodeInfo {
  return {
    id: nb.ranName,
    e2ap: context.e2ap,
    plmn: plmnOf(nb),
    ranFunctions: (nb.gnb?.ranFunctions ?? []).map((f) => ({
      id: f.ranFunctionId,
      oid: f.ranFunctionOid,
      revision: f.ranFunctionRevision,
      definition: Buffer.from(squeeze(f.ranFunctionDefinition), "hex").toString("base64"),
    })),
    peer: nb.ip ? `${nb.ip}:${nb.port}` : nb.associatedE2tInstanceAddress || "e2term",
    connectedAt:
      nb.statusUpdateTimeStamp === "0"
        ? context.seenAt
        : new Date(Number(BigInt(nb.statusUpdateTimeStamp) / 1_000_000n)).toISOString(),
  };
}

/** `MCC_MNC`, a 2-digit MNC with a leading 0, as in RAN names (`gnb_001_001_…`). */
function plmnOf(nb: NodebInfo): string {
  const hex = squeeze(nb.globalNbId?.plmnId ?? "");
  return hex ? plmnName(Buffer.from(hex, "hex")) : plmnOfRanName(nb.ranName);
}

// ---- the client ----

/** e2mgr's base is `…/v1`; DEFAULT_E2MGR_URL when none is given. */
export type E2mgrClientOptions = RestClientOptions;

export class E2mgrClient {
  private readonly baseUrl: string;

  constructor(private readonly options: E2mgrClientOptions = {}) {
    this.baseUrl = apiBase(options, DEFAULT_E2MGR_URL);
  }

  /** GET /nodeb/states: every node e2mgr knows, connected or not. */
  async states(): Promise<NbIdentity[]> {
    const url = `${this.baseUrl}/nodeb/states`;
    return parseNodebStates(await this.get(url), `e2mgr GET ${url}`);
  }

  /** GET /nodeb/{ranName}: one node (404, a RicHttpError, when e2mgr has none of that name). */
  async nodeb(ranName: string): Promise<NodebInfo> {
    if (typeof ranName !== "string" || ranName === "")
      throw new FieldError("e2mgr nodeb", "ranName", "must be a non-empty string");
    const url = `${this.baseUrl}/nodeb/${encodeURIComponent(ranName)}`;
    const what = `e2mgr GET ${url}`;
    const nb = parseNodebInfo(await this.get(url), what);
    if (nb.ranName !== ranName) throw new FieldError(what, "ranName", `is ${nb.ranName}, not the ${ranName} asked for`);
    return nb;
  }

  private get(url: string): Promise<unknown> {
    return callJson({ service: "e2mgr", method: "GET", url, expect: [200], timeoutMs: this.options.timeoutMs });
  }
}
