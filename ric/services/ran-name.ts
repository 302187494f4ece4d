/**
 * The RAN name of an E2 node, as O-RAN SC's e2term builds it and uses as meid and inventory key
 * (../shared/facts/oran-sc-platform.md §2, RIC-E2-TERMINATION/BuildRunName.h of o-ran-sc/ric-plt-e2):
 * `gnb_<MCC>_<MNC>_<gNB id in hex>`, a 2-digit MNC printed with a leading 0.
 */
import type { BitString } from "../../e2sm/index.js";

/** MCC and MNC of a 3-byte PLMN identity (TBCD: digits nibble-swapped, F filling a 2-digit MNC). */
export function plmnDigits(plmn: Uint8Array): { mcc: string; mnc: string } {
  if (plmn.length !== 3) throw new RangeError(`a PLMN identity has 3 bytes, not ${plmn.length}`);
  const d = (byte: number, high: boolean) => (high ? byte >> 4 : byte & 15);
  const digit = (n: number) => (n <= 9 ? String(n) : "");
  const mcc = `${digit(d(plmn[0], false))}${digit(d(plmn[0], true))}${digit(d(plmn[1], false))}`;
  const mnc = `${digit(d(plmn[2], false))}${digit(d(plmn[2], true))}${digit(d(plmn[1], true))}`;
  return { mcc, mnc };
}

/**
 * A node id's BIT STRING in hex as e2term prints it: the value right-aligned in the string's octets, two
 * digits per octet (a 22-bit gNB id has 6 digits, a 32-bit one 8).
 */
function hexOfBits(b: BitString): string {
  const octets = Math.ceil(b.length / 8);
  let v = 0n;
  for (const byte of b.bits.subarray(0, octets)) v = (v << 8n) | BigInt(byte);
  v >>= BigInt(octets * 8 - b.length);
  return v.toString(16).padStart(octets * 2, "0");
}

/** Prefixes of the eNB id kinds, by the ID CHOICE alternative (ng-eNB and eNB spell them apart). */
const ENB_KINDS: Record<string, string> = {
  "enb-ID-macro": "macro",
  "enb-ID-shortmacro": "shortmacro",
  "enb-ID-longmacro": "longmacro",
  "macro-eNB-ID": "macro",
  "home-eNB-ID": "home",
  "short-Macro-eNB-ID": "shortmacro",
  "long-Macro-eNB-ID": "longmacro",
};

const first = (choice: unknown): [string, any] | [] => Object.entries(choice ?? {})[0] ?? [];

/**
 * The RAN name of a GlobalE2node-ID value (as decoded), as e2term's BuildRunName.h builds it:
 * `gnb_` / `en_gnb_` / `ng_enB_<kind>_` / `enB_<kind>_`, then MCC_MNC and the node id; a gNB with a
 * CU-UP id alone is `gnbc_..._<id>`, with a DU id alone `gnbd_..._<id>` (with both, plainly `gnb_`).
 */
export function ranName(nodeId: any): string {
  return ranIdentity(nodeId).name;
}

/** `MCC_MNC` of a 3-byte PLMN identity as RAN names print it: a 2-digit MNC with a leading 0. */
export function plmnName(plmn: Uint8Array): string {
  const { mcc, mnc } = plmnDigits(plmn);
  return `${mcc}_${mnc.padStart(3, "0")}`;
}

/** The `MCC_MNC` inside a RAN name (whatever its prefix), or "" when it holds none. */
export function plmnOfRanName(name: string): string {
  return /_(\d{3})_(\d{3})_/.exec(name)?.slice(1, 3).join("_") ?? "";
}

/** The RAN name of a GlobalE2node-ID value and its PLMN (`MCC_MNC`, as in the name). */
export function ranIdentity(nodeId: any): { name: string; plmn: string } {
  const [kind, node] = first(nodeId);
  let prefix: string | undefined;
  let plmn: Uint8Array | undefined;
  let id: BitString | undefined;
  let suffix = "";
  if (kind === "gNB") {
    const g = node?.["global-gNB-ID"];
    [plmn, id] = [g?.["plmn-id"], g?.["gnb-id"]?.["gnb-ID"]];
    const cuUp = node["gNB-CU-UP-ID"];
    const du = node["gNB-DU-ID"];
    prefix = cuUp !== undefined && du === undefined ? "gnbc" : du !== undefined && cuUp === undefined ? "gnbd" : "gnb";
    const alone = prefix === "gnbc" ? cuUp : prefix === "gnbd" ? du : undefined;
    if (alone !== undefined) suffix = `_${BigInt(alone).toString(16)}`;
  } else if (kind === "en-gNB") {
    const g = node?.["global-en-gNB-ID"];
    [prefix, plmn, id] = ["en_gnb", g?.["pLMN-Identity"], g?.["gNB-ID"]?.["gNB-ID"]];
  } else if (kind === "ng-eNB" || kind === "eNB") {
    const g = kind === "eNB" ? node?.["global-eNB-ID"] : node?.["global-ng-eNB-ID"];
    const [alt, bits] = first(kind === "eNB" ? g?.["eNB-ID"] : g?.["enb-id"]);
    const enbKind = alt === undefined ? undefined : ENB_KINDS[alt];
    if (enbKind)
      [prefix, plmn, id] = [
        `${kind === "eNB" ? "enB" : "ng_enB"}_${enbKind}`,
        g?.["pLMN-Identity"] ?? g?.["plmn-id"],
        bits,
      ];
  }
  if (!prefix || !plmn || !id?.bits)
    throw new TypeError(`GlobalE2node-ID (${kind ?? "empty"}) without PLMN and node id`);
  const plmnText = plmnName(plmn);
  return { name: `${prefix}_${plmnText}_${hexOfBits(id)}${suffix}`, plmn: plmnText };
}
