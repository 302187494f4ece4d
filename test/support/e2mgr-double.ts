/**
 * An e2mgr for tests, written from its published API (o-ran-sc/ric-plt-e2mgr Swagger/E2Manager_API.yaml:
 * GET /v1/nodeb/states -> NodebIdentity[], GET /v1/nodeb/{ranName} -> NodebResponse, 404 with an
 * ErrorResponse for an unknown name) and from the JSON its Go server really writes: jsonpb of
 * nodeb-rnib's NbIdentity / NodebInfo (entities/*.proto), so lowerCamelCase names, enums by name,
 * uint64 as decimal strings, and zero values left out. That form has fields the yaml lacks
 * (RanFunction.ranFunctionOid, statusUpdateTimeStamp, associatedE2tInstanceAddress, …).
 *
 * A node is put as an E2 Setup leaves it in R-NIB: a gNB, CONNECTED, `globalNbId` from the setup,
 * the e2term holding it, the status time, and its RAN functions with each definition as e2term's
 * basic XER prints an OCTET STRING (`xerHex`). Tests change status and functions as e2mgr would.
 */
import type { Express } from "express";
import type { ConnectionStatus } from "../../ric/oran-sc/e2mgr.js";
import { RestDouble } from "./rest-double.js";

export interface DoubleRanFunction {
  readonly id: number;
  readonly oid: string;
  readonly revision: number;
  /** The E2SM RAN function definition, as the node sent it. */
  readonly definition: Uint8Array;
}

export interface DoubleNode {
  readonly ranName: string;
  connectionStatus: ConnectionStatus;
  /** The PLMN identity's 3 octets in hex, as e2mgr keeps it (`02F839`). */
  plmnId?: string;
  nbId?: string;
  e2tAddress?: string;
  /** Nanoseconds since the epoch of the last status change. */
  statusUpdateNs: bigint;
  ranFunctions: DoubleRanFunction[];
}

/** asn1c's basic XER of an OCTET STRING: upper-case hex pairs, space-separated, a new indented line every 16. */
export function xerHex(bytes: Uint8Array, indent = 11): string {
  const pairs = [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0"));
  if (pairs.length <= 16) return pairs.join(" ");
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += 16) lines.push(`\n${"\t".repeat(indent)}${pairs.slice(i, i + 16).join(" ")}`);
  return `${lines.join("")}\n${"\t".repeat(indent - 1)}`;
}

/** jsonpb's default output: zero values ("", 0, false, empty lists, absent) left out. */
function withoutZeros(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== "" && v !== 0 && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export class E2mgrDouble extends RestDouble {
  protected readonly prefix = "/v1";
  readonly nodes = new Map<string, DoubleNode>();
  private clock = 1_700_000_000_000_000_000n;

  /** A node after its E2 Setup: CONNECTED now, with these functions. */
  setup(ranName: string, ranFunctions: DoubleRanFunction[], more: Partial<DoubleNode> = {}): DoubleNode {
    const node: DoubleNode = {
      ranName,
      connectionStatus: "CONNECTED",
      plmnId: "00F110",
      nbId: "0000000000000000000000000001",
      e2tAddress: "10.0.2.15:38000",
      statusUpdateNs: this.tick(),
      ranFunctions,
      ...more,
    };
    this.nodes.set(ranName, node);
    return node;
  }

  /** A status change, stamped as e2mgr stamps it. */
  setStatus(ranName: string, status: ConnectionStatus): void {
    const node = this.nodes.get(ranName);
    if (!node) throw new Error(`no node ${ranName} in the double`);
    node.connectionStatus = status;
    node.statusUpdateNs = this.tick();
  }

  protected routes(app: Express): void {
    app.get("/v1/nodeb/states", (_req, res) => {
      res.json([...this.nodes.values()].map((n) => this.identity(n)));
    });
    app.get("/v1/nodeb/:ranName", (req, res) => {
      const node = this.nodes.get(req.params.ranName);
      if (!node) {
        res.status(404).json({ errorCode: 404, errorMessage: "Resource not found" });
        return;
      }
      res.json(this.nodebInfo(node));
    });
  }

  /** NbIdentity as jsonpb writes it (no health check was run: its timestamps are 0, left out). */
  private identity(n: DoubleNode): Record<string, unknown> {
    return withoutZeros({
      inventoryName: n.ranName,
      globalNbId: this.globalNbId(n),
      connectionStatus: n.connectionStatus === "UNKNOWN_CONNECTION_STATUS" ? undefined : n.connectionStatus,
    });
  }

  /** NodebInfo of a gNB set up from the network, as jsonpb writes it. */
  private nodebInfo(n: DoubleNode): Record<string, unknown> {
    return withoutZeros({
      ranName: n.ranName,
      connectionStatus: n.connectionStatus === "UNKNOWN_CONNECTION_STATUS" ? undefined : n.connectionStatus,
      globalNbId: this.globalNbId(n),
      nodeType: "GNB",
      gnb: withoutZeros({
        ranFunctions: n.ranFunctions.map((f) =>
          withoutZeros({
            ranFunctionId: f.id,
            ranFunctionDefinition: xerHex(f.definition),
            ranFunctionRevision: f.revision,
            ranFunctionOid: f.oid,
          }),
        ),
        gnbType: "GNB",
      }),
      associatedE2tInstanceAddress: n.e2tAddress,
      setupFromNetwork: true,
      statusUpdateTimeStamp: n.statusUpdateNs === 0n ? undefined : String(n.statusUpdateNs),
      gnbNodeType: "gNB",
    });
  }

  private globalNbId(n: DoubleNode): Record<string, unknown> | undefined {
    return n.plmnId || n.nbId ? withoutZeros({ plmnId: n.plmnId, nbId: n.nbId }) : undefined;
  }

  /** Status times one second apart, so each change is seen as one. */
  private tick(): bigint {
    this.clock += 1_000_000_000n;
    return this.clock;
  }
}

export const startE2mgrDouble = () => new E2mgrDouble().start();
