/** The network's time from KPM headers, as the handover app counts a UE's stay in it. */
import { describe, expect, it } from "vitest";
import { decodeSm, encodeSm } from "../../e2sm/index.js";
import { kpmCollectionTimeMs } from "../../xapps/common/kpm.js";
import { NetworkClock } from "../../xapps/common/network-clock.js";

const SECONDS = 3_900_000_000; // an NTP time in 2023
const header = (stamp: Uint8Array) => ({
  "indicationHeader-formats": { "indicationHeader-Format1": { colletStartTime: stamp } },
});
const stamp = (seconds: number, fraction?: number) => {
  const out = new Uint8Array(fraction === undefined ? 4 : 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, seconds);
  if (fraction !== undefined) view.setUint32(4, fraction * 2 ** 32);
  return out;
};

describe("KPM collection times", () => {
  it("read the 8-octet (v3) and 4-octet (v2) NTP stamps of headers as decoded from the wire", () => {
    for (const [sm, bytes, want] of [
      ["kpm-v3", stamp(SECONDS, 0.25), SECONDS * 1000 + 250],
      ["kpm-v2", stamp(SECONDS), SECONDS * 1000],
    ] as const) {
      const wire = encodeSm(sm, "E2SM-KPM-IndicationHeader", header(bytes));
      expect(kpmCollectionTimeMs(decodeSm(sm, "E2SM-KPM-IndicationHeader", wire))).toBe(want);
    }
  });

  it("are missing from headers without a stamp, or with a stamp of another size", () => {
    expect(kpmCollectionTimeMs(undefined)).toBeUndefined();
    expect(kpmCollectionTimeMs({})).toBeUndefined();
    expect(kpmCollectionTimeMs(header(new Uint8Array(6)))).toBeUndefined();
    expect(
      kpmCollectionTimeMs({ "indicationHeader-formats": { "indicationHeader-Format1": { colletStartTime: "x" } } }),
    ).toBeUndefined();
  });
});

describe("the network clock", () => {
  it("stands on the wall clock until a stamped report, then follows the latest stamp only", () => {
    let wall = 5;
    const clock = new NetworkClock(() => wall);
    expect(clock.nowMs()).toBe(5);
    clock.observe({}); // no stamp
    wall = 7;
    expect(clock.nowMs()).toBe(7);
    clock.observe(header(stamp(SECONDS, 0.5)));
    wall = 1e9; // the wall clock no longer counts
    expect(clock.nowMs()).toBe(SECONDS * 1000 + 500);
    clock.observe(header(stamp(SECONDS))); // an older report, late
    expect(clock.nowMs()).toBe(SECONDS * 1000 + 500);
    clock.observe(header(stamp(SECONDS + 3)));
    expect(clock.nowMs()).toBe((SECONDS + 3) * 1000);
  });
});
