/**
 * One E2 node of the simulated RAN: a gNB (one site) hosting some cells, and how its identities look
 * on the wire: NR-CGIs of its cells, UEIDs of its UEs, time stamps of its reports.
 */
import { bitString, hexBytes, sameBytes } from "../../e2sm/index.js";
import { type Network, Rrc } from "../ran/network.js";
import type { Scenario } from "../scenario/resolve.js";

/** MCC 001, MNC 01: the test network's PLMN, as 3GPP reserves it. */
export const DEFAULT_PLMN = "00f110";
/** NTP counts from 1900, Unix from 1970. */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export interface E2NodeConfig {
  /** For logs: the site's name. */
  readonly name: string;
  readonly plmn: string;
  /** 22-bit gNB id: the top bits of every NR cell identity of the node. */
  readonly gnbId: number;
  /** The network's indices of the cells it hosts. */
  readonly cells: readonly number[];
}

/** One E2 node per site, as a gNB per site connects to the RIC on its own. */
export function e2NodesOf(scenario: Scenario, plmn = DEFAULT_PLMN): E2NodeConfig[] {
  const bySite = new Map<number, number[]>();
  for (const c of scenario.cells) {
    const list = bySite.get(c.siteIndex) ?? [];
    list.push(c.index);
    bySite.set(c.siteIndex, list);
  }
  return [...bySite].map(([site, cells]) => ({
    name: scenario.cells[cells[0]].site,
    plmn,
    gnbId: site + 1,
    cells,
  }));
}

export interface NrCgi {
  pLMNIdentity: Uint8Array;
  nRCellIdentity: { bits: Uint8Array; length: number };
}

export interface UeIdValue {
  "gNB-UEID": {
    "amf-UE-NGAP-ID": number;
    guami: {
      pLMNIdentity: Uint8Array;
      aMFRegionID: { bits: Uint8Array; length: number };
      aMFSetID: { bits: Uint8Array; length: number };
      aMFPointer: { bits: Uint8Array; length: number };
    };
  };
}

/** What the node's services share: the network, the node, and its wire identities. */
export class NodeContext {
  readonly plmnBytes: Uint8Array;
  private readonly hosted: Uint8Array;
  private readonly cgis: NrCgi[];
  private readonly guami: UeIdValue["gNB-UEID"]["guami"];

  constructor(
    readonly net: Network,
    readonly node: E2NodeConfig,
    /** Unix time (s) of the simulation's start, for time stamps. */
    readonly epochS: number,
  ) {
    this.plmnBytes = hexBytes(node.plmn);
    this.hosted = new Uint8Array(net.cellCount);
    for (const c of node.cells) this.hosted[c] = 1;
    this.cgis = net.scenario.cells.map((c) => ({
      pLMNIdentity: this.plmnBytes,
      nRCellIdentity: bitString(c.nci, 36),
    }));
    this.guami = {
      pLMNIdentity: this.plmnBytes,
      aMFRegionID: bitString(1, 8),
      aMFSetID: bitString(1, 10),
      aMFPointer: bitString(0, 6),
    };
  }

  hosts(cell: number): boolean {
    return cell >= 0 && this.hosted[cell] === 1;
  }

  /** Whether UE `u` is served by one of the node's cells now. */
  serves(u: number): boolean {
    return this.hosts(this.net.serving[u]) && this.net.rrc[u] !== Rrc.Idle;
  }

  cgi(cell: number): NrCgi {
    return this.cgis[cell];
  }

  /** The network's index of a cell named by NR-CGI, or -1 when no cell of the network has it. */
  cellOf(cgi: NrCgi | undefined): number {
    if (cgi?.nRCellIdentity?.length !== 36) return -1;
    const id = cgi.nRCellIdentity.bits;
    let nci = 0;
    for (let i = 0; i < 5; i++) nci = nci * 256 + id[i];
    nci /= 16; // 36 bits left-aligned in 40
    if (!cgi.pLMNIdentity || !sameBytes(cgi.pLMNIdentity, this.plmnBytes)) return -1;
    return this.net.scenario.cells.findIndex((c) => c.nci === nci);
  }

  /** The UEID of UE `u`: its AMF UE NGAP ID is its index in the scenario. */
  ueId(u: number): UeIdValue {
    return { "gNB-UEID": { "amf-UE-NGAP-ID": u, guami: this.guami } };
  }

  /** The UE a UEID names, or -1. */
  ueOf(id: unknown): number {
    const gnb = (id as Partial<UeIdValue> | undefined)?.["gNB-UEID"];
    return this.ueOfNumber(gnb?.["amf-UE-NGAP-ID"]);
  }

  ueOfNumber(n: unknown): number {
    return typeof n === "number" && Number.isInteger(n) && n >= 0 && n < this.net.ueCount ? n : -1;
  }

  /** A simulated time (default: now) as a 64-bit NTP time stamp (8 octets), or its seconds alone (4). */
  timestamp(octets: 4 | 8, atS = this.net.timeS): Uint8Array {
    const t = this.epochS + atS + NTP_UNIX_OFFSET_S;
    const seconds = Math.floor(t);
    const out = new Uint8Array(octets);
    const view = new DataView(out.buffer);
    view.setUint32(0, seconds >>> 0);
    if (octets === 8) view.setUint32(4, Math.floor((t - seconds) * 2 ** 32) >>> 0);
    return out;
  }
}
