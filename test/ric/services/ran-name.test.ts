/**
 * RAN names (ric/services/ran-name.ts): PLMN digits from TBCD, gNB ids of 22..32 bits right-aligned in
 * hex two digits per octet, the CU-UP / DU suffixes, and every node kind, as O-RAN SC's e2term builds
 * them (RIC-E2-TERMINATION/BuildRunName.h, o-ran-sc/ric-plt-e2).
 */
import { describe, expect, it } from "vitest";
import { bitString, gnbNodeId, hexBytes } from "../../../e2sm/index.js";
import { plmnDigits, plmnOfRanName, ranIdentity, ranName } from "../../../ric/services/ran-name.js";

describe("plmnDigits", () => {
  it("reads the test PLMN 00f110 as MCC 001, MNC 01 (F fills a 2-digit MNC)", () => {
    expect(plmnDigits(hexBytes("00f110"))).toEqual({ mcc: "001", mnc: "01" });
  });

  it("reads digits nibble-swapped, MNC digit 3 in the second octet's high nibble", () => {
    // MCC 310, MNC 410: 13 00 14
    expect(plmnDigits(hexBytes("130014"))).toEqual({ mcc: "310", mnc: "410" });
    // MCC 310, MNC 123: 13 30 21
    expect(plmnDigits(hexBytes("133021"))).toEqual({ mcc: "310", mnc: "123" });
    // MCC 208, MNC 93 (2 digits): 02 f8 39
    expect(plmnDigits(hexBytes("02f839"))).toEqual({ mcc: "208", mnc: "93" });
  });

  it("refuses a PLMN identity that is not 3 bytes", () => {
    expect(() => plmnDigits(hexBytes("00f1"))).toThrow(RangeError);
    expect(() => plmnDigits(hexBytes("00f11000"))).toThrow(/3 bytes, not 4/);
  });
});

describe("ranName", () => {
  it("names a gNB gnb_<MCC>_<MNC, 3 digits>_<gNB id in hex>", () => {
    expect(ranName(gnbNodeId({ plmn: "00f110", gnbId: 1, gnbIdBits: 32 }))).toBe("gnb_001_001_00000001");
    expect(ranName(gnbNodeId({ plmn: "00f110", gnbId: 2 }))).toBe("gnb_001_001_000002"); // 22 bits
    expect(ranName(gnbNodeId({ plmn: "130014", gnbId: 0xabc, gnbIdBits: 32 }))).toBe("gnb_310_410_00000abc");
    expect(ranName(gnbNodeId({ plmn: "02f839", gnbId: 7, gnbIdBits: 32 }))).toBe("gnb_208_093_00000007");
  });

  it("takes the gNB id's bits right-aligned, two hex digits per octet, whatever their count (22..32)", () => {
    const name = (gnbId: number, bits: number) => ranName(gnbNodeId({ plmn: "00f110", gnbId, gnbIdBits: bits }));
    expect(name(0x3fffff, 22)).toBe("gnb_001_001_3fffff");
    expect(name(0x1abcdef, 25)).toBe("gnb_001_001_01abcdef");
    expect(name(0xdeadbeef, 32)).toBe("gnb_001_001_deadbeef");
    expect(name(1, 32)).toBe("gnb_001_001_00000001");
    // two hex digits per octet of the BIT STRING (translateBitStringToChar): 3 octets for 22 bits
    expect(name(1, 22)).toBe("gnb_001_001_000001");
    expect(name(5, 29)).toBe("gnb_001_001_00000005");
  });

  it("appends a CU-UP id (gnbc_) or a DU id (gnbd_) in hex", () => {
    const id = gnbNodeId({ plmn: "00f110", gnbId: 1, gnbIdBits: 32 });
    expect(ranName({ gNB: { ...id.gNB, "gNB-CU-UP-ID": 31 } })).toBe("gnbc_001_001_00000001_1f");
    expect(ranName({ gNB: { ...id.gNB, "gNB-DU-ID": 255 } })).toBe("gnbd_001_001_00000001_ff");
  });

  it("refuses an id without PLMN or node id", () => {
    expect(() => ranName(undefined)).toThrow(TypeError);
    expect(() => ranName({ gNB: {} })).toThrow(/without PLMN and node id/);
    expect(() => ranName({ gNB: { "global-gNB-ID": { "plmn-id": hexBytes("00f110") } } })).toThrow(TypeError);
  });
});

describe("ranName of the other node kinds, as e2term builds them (BuildRunName.h)", () => {
  const plmn = hexBytes("00f110");

  it("names an en-gNB en_gnb_...", () => {
    const enGnb = {
      "en-gNB": { "global-en-gNB-ID": { "pLMN-Identity": plmn, "gNB-ID": { "gNB-ID": bitString(1, 32) } } },
    };
    expect(ranName(enGnb)).toBe("en_gnb_001_001_00000001");
  });

  it("names an ng-eNB by its id kind: ng_enB_macro_ / _shortmacro_ / _longmacro_", () => {
    const ngEnb = (id: object) => ({ "ng-eNB": { "global-ng-eNB-ID": { "plmn-id": plmn, "enb-id": id } } });
    expect(ranName(ngEnb({ "enb-ID-macro": bitString(0xabcde, 20) }))).toBe("ng_enB_macro_001_001_0abcde");
    expect(ranName(ngEnb({ "enb-ID-shortmacro": bitString(0x3ffff, 18) }))).toBe("ng_enB_shortmacro_001_001_03ffff");
    expect(ranName(ngEnb({ "enb-ID-longmacro": bitString(0x1fffff, 21) }))).toBe("ng_enB_longmacro_001_001_1fffff");
  });

  it("names an eNB by its id kind: enB_macro_ / enB_home_ / enB_shortmacro_ / enB_longmacro_", () => {
    const enb = (id: object) => ({ eNB: { "global-eNB-ID": { "pLMN-Identity": plmn, "eNB-ID": id } } });
    expect(ranName(enb({ "macro-eNB-ID": bitString(0xabcde, 20) }))).toBe("enB_macro_001_001_0abcde");
    expect(ranName(enb({ "home-eNB-ID": bitString(0xabcdef1, 28) }))).toBe("enB_home_001_001_0abcdef1");
    expect(ranName(enb({ "short-Macro-eNB-ID": bitString(5, 18) }))).toBe("enB_shortmacro_001_001_000005");
    expect(ranName(enb({ "long-Macro-eNB-ID": bitString(5, 21) }))).toBe("enB_longmacro_001_001_000005");
  });

  it("names a gNB with both a CU-UP and a DU id plainly gnb_ (e2term: a combined node is one gNB)", () => {
    const id = gnbNodeId({ plmn: "00f110", gnbId: 1, gnbIdBits: 32 });
    expect(ranName({ gNB: { ...id.gNB, "gNB-CU-UP-ID": 2, "gNB-DU-ID": 3 } })).toBe("gnb_001_001_00000001");
  });

  it("refuses a node id it cannot name, saying which kind", () => {
    expect(() => ranName({ eNB: { "global-eNB-ID": { "pLMN-Identity": plmn, "eNB-ID": {} } } })).toThrow(
      /\(eNB\) without PLMN and node id/,
    );
  });
});

describe("the PLMN of a RAN name", () => {
  const plmn = hexBytes("130014"); // MCC 310, MNC 410

  it("comes with the name for every node kind, whatever the prefix", () => {
    const enGnb = {
      "en-gNB": { "global-en-gNB-ID": { "pLMN-Identity": plmn, "gNB-ID": { "gNB-ID": bitString(1, 32) } } },
    };
    const ngEnb = {
      "ng-eNB": { "global-ng-eNB-ID": { "plmn-id": plmn, "enb-id": { "enb-ID-macro": bitString(1, 20) } } },
    };
    const gnb = gnbNodeId({ plmn: "130014", gnbId: 1, gnbIdBits: 32 });
    for (const id of [enGnb, ngEnb, gnb]) {
      const { name, plmn: text } = ranIdentity(id);
      expect(text).toBe("310_410");
      expect(name).toBe(ranName(id));
      expect(plmnOfRanName(name)).toBe("310_410");
    }
    expect(plmnOfRanName("no-plmn-here")).toBe("");
  });
});
