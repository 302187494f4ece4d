/**
 * Errors deep inside a message name the same type path and bit offset whether the nested types are
 * written into their parent's generated function (blocks) or called: a KPM format-1 report, whose
 * record lists, records and labels are blocks of the message's decoder and encoder. (The figures are
 * those the codec gave before it wrote blocks.)
 */
import { describe, expect, it } from "vitest";
import { E2CodecError } from "../../../e2sm/errors.js";
import { decode, encode, kpmV3 } from "../../../e2sm/index.js";
import { thrown } from "../../support/thrown.js";
import { kpmSamples } from "../samples/kpm.js";

const T = kpmV3.types.get("E2SM-KPM-IndicationMessage")!;
const F1 = "E2SM-KPM-IndicationMessage.indicationMessage-formats.indicationMessage-Format1";
const caught = (f: () => unknown) => thrown(f, E2CodecError);
const report = () => structuredClone(kpmSamples.v3["indicationMessage-format1"].value) as any;

describe("error paths through nested blocks", () => {
  it("encoding names the record, the label and the name that are wrong", () => {
    const v = report();
    const f1 = v["indicationMessage-formats"]["indicationMessage-Format1"];
    f1.measData[2].measRecord[4] = { integer: -1 };
    let e = caught(() => encode(T, v));
    expect([e.path, e.reason]).toEqual([`${F1}.measData[2].measRecord[4].integer`, "-1 is outside 0..4294967295"]);
    f1.measData[2].measRecord[4] = { integer: 5 };
    f1.measInfoList[5].measType = { measName: "bad!" };
    e = caught(() => encode(T, v));
    expect(e.path).toBe(`${F1}.measInfoList[5].measType.measName`);
    f1.measInfoList[5].measType = { measName: "ok" };
    f1.measInfoList[3].labelInfoList = [{ measLabel: { noLabel: "false" } }]; // (the sample shares one list)
    e = caught(() => encode(T, v));
    expect(e.path).toBe(`${F1}.measInfoList[3].labelInfoList[0].measLabel.noLabel`);
  });

  it("decoding names the record where the bytes end, and the offset", () => {
    const bytes = encode(T, report());
    const at = (cut: number) => {
      const e = caught(() => decode(T, bytes.subarray(0, cut)));
      return [e.path, e.bitOffset];
    };
    expect(at(100)).toEqual([`${F1}.measData[1].measRecord[4]`, 800]);
    expect(at(300)).toEqual([`${F1}.measData[3].measRecord[16]`, 2400]);
    expect(at(800)).toEqual([`${F1}.measData[9].measRecord[12].real`, 6376]);
    const flipped = Uint8Array.from(bytes);
    flipped[60] = 0xff;
    flipped[61] = 0xff;
    const e = caught(() => decode(T, flipped));
    expect([e.path, e.bitOffset, e.reason]).toEqual([
      `${F1}.measData[0].measRecord[14]`,
      504,
      "normally small number of 38 octets",
    ]);
  });
});
