/**
 * The RAN name of an E2 node, as O-RAN SC's e2term builds it and uses as meid and inventory key
 * (../shared/facts/oran-sc-platform.md §2): `gnb_<MCC>_<MNC>_<gNB id in hex>`, a 2-digit MNC printed with
 * a leading 0.
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

const hexOfBits = (b: BitString): string => {
  let v = 0n;
  for (const byte of b.bits) v = (v << 8n) | BigInt(byte);
  v >>= BigInt(b.bits.length * 8 - b.length);
  return v.toString(16).padStart(8, "0");
};

/** The RAN name of a GlobalE2node-ID value (as decoded); gNBs with a CU-UP or DU id get it appended. */
export function ranName(nodeId: any): string {
  const [kind, value] = (Object.entries(nodeId ?? {})[0] ?? []) as [string | undefined, any];
  const global = value?.["global-gNB-ID"] ?? value?.["global-ng-eNB-ID"] ?? value?.["global-eNB-ID"];
  const plmnBytes: Uint8Array | undefined = global?.["plmn-id"] ?? global?.["pLMN-Identity"];
  const idBits: BitString | undefined =
    global?.["gnb-id"]?.["gnb-ID"] ?? Object.values(global?.["enb-id"] ?? global?.["eNB-ID"] ?? {})[0];
  if (!kind || !plmnBytes || !idBits?.bits) throw new TypeError("GlobalE2node-ID without PLMN and node id");
  const { mcc, mnc } = plmnDigits(plmnBytes);
  const mnc3 = mnc.length === 2 ? `0${mnc}` : mnc;
  const prefix = kind === "gNB" ? "gnb" : kind === "ng-eNB" ? "ng_enb" : kind === "eNB" ? "enb" : kind.toLowerCase();
  const extra =
    value["gNB-CU-UP-ID"] !== undefined
      ? `_${value["gNB-CU-UP-ID"].toString(16)}`
      : value["gNB-DU-ID"] !== undefined
        ? `_${value["gNB-DU-ID"].toString(16)}`
        : "";
  const p = extra ? (value["gNB-CU-UP-ID"] !== undefined ? "gnbc" : "gnbd") : prefix;
  return `${p}_${mcc}_${mnc3}_${hexOfBits(idBits)}${extra}`;
}
