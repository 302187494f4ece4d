/** RMR frames (SI95, header v3), byte for byte against the capture in the platform fact sheet. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeRmr,
  encodeRmr,
  FLAG_CALL,
  frameLength,
  NO_SUB_ID,
  RmrFrameError,
  type RmrMessage,
  RmrStreamReader,
  xidOf,
} from "../../../ric/rmr/frame.js";

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** The fact sheet's capture: librmr 4.9.4 rmr_send_msg, mtype 12050, sub_id 7, payload "hello". */
const CAPTURED: RmrMessage = {
  mtype: 12050,
  subId: 7,
  xid: xidOf("xid-123"),
  meid: "gnb_001_001_00000001",
  src: "testsrc.ns:43101",
  srcip: "10.1.2.3:43101",
  flags: 0,
  callId: 0,
  trace: new Uint8Array(0),
  payload: ascii("hello"),
};

describe("RMR frames", () => {
  it("lay a message out as librmr does (the captured 339-byte frame)", () => {
    const f = encodeRmr(CAPTURED);
    expect(f.length).toBe(339);
    const at = (o: number, n: number) => hex(f.subarray(o, o + n));
    expect(at(0, 4)).toBe("53010000"); // total length, little-endian
    expect(at(4, 4)).toBe("00000153"); // and big-endian
    expect(at(8, 1)).toBe("24"); // '$'
    expect(at(9, 41)).toBe("00".repeat(41));
    expect(at(50, 4)).toBe("00002f12"); // mtype 12050
    expect(at(54, 4)).toBe("00000005"); // plen
    expect(at(58, 4)).toBe("00000003"); // RMR header version
    expect(f.subarray(62, 62 + 7)).toEqual(ascii("xid-123"));
    expect(f.subarray(126, 126 + 16)).toEqual(ascii("testsrc.ns:43101"));
    expect(f.subarray(190, 190 + 20)).toEqual(ascii("gnb_001_001_00000001"));
    expect(at(242, 4)).toBe("00000000"); // flags
    expect(at(246, 4)).toBe("00000118"); // len0 280
    expect(at(250, 4)).toBe("00000000"); // len1: no trace
    expect(at(254, 4)).toBe("00000004"); // len2: d1 is 4 bytes
    expect(at(258, 4)).toBe("00000000"); // len3
    expect(at(262, 4)).toBe("00000007"); // sub_id
    expect(f.subarray(266, 266 + 14)).toEqual(ascii("10.1.2.3:43101"));
    expect(at(330, 4)).toBe("00000000"); // d1
    expect(f.subarray(334)).toEqual(ascii("hello"));
  });

  it("read back what they wrote, flags in host order and the call id in d1", () => {
    const call = { ...CAPTURED, flags: FLAG_CALL, callId: 17, subId: NO_SUB_ID, trace: Uint8Array.of(1, 2, 3) };
    const f = encodeRmr(call);
    expect(hex(f.subarray(242, 246))).toBe("04000000");
    expect(hex(f.subarray(262, 266))).toBe("ffffffff");
    expect(decodeRmr(f)).toEqual(call);
  });

  it("take strings up to their NUL (a previous message's residue after it is normal) and ignore transport garbage", () => {
    const f = encodeRmr(CAPTURED);
    f.set(ascii("GARBAGE"), 126 + 17); // after src's NUL
    for (let i = 13; i < 50; i++) f[i] = 0xa5;
    expect(decodeRmr(f)).toEqual(CAPTURED);
  });

  it("carry strings as UTF-8 bytes, as C code sees them, and count their room in bytes", () => {
    const m = decodeRmr(encodeRmr({ ...CAPTURED, meid: "gnb_ñandú_é", src: "xapp-ü.ns:4560" }));
    expect([m.meid, m.src]).toEqual(["gnb_ñandú_é", "xapp-ü.ns:4560"]);
    expect(() => encodeRmr({ ...CAPTURED, meid: "é".repeat(16) })).toThrow(/meid holds 31 bytes, got 32/);
    expect(decodeRmr(encodeRmr({ ...CAPTURED, meid: `${"a".repeat(29)}é` })).meid).toBe(`${"a".repeat(29)}é`);
  });

  it("find the frame length by librmr's rules: big-endian with '$', little-endian without or when they differ", () => {
    const f = encodeRmr(CAPTURED);
    expect(frameLength(f)).toBe(339);
    const old = f.slice();
    old[8] = 0;
    old.fill(0, 4, 8);
    expect(frameLength(old)).toBe(339);
    const backLevel = f.slice();
    backLevel.set([0, 0, 0x12, 0x34], 4); // a back-level reply: BE disagrees, LE wins
    expect(frameLength(backLevel)).toBe(339);
  });

  it("refuse lengths that do not fit, naming them", () => {
    const f = encodeRmr(CAPTURED);
    const plen = f.slice();
    plen.set([0, 0, 0x10, 0], 54); // payload 4096 bytes in a 339-byte frame
    expect(() => decodeRmr(plen)).toThrow(/payload 4096\) run past the 339-byte frame/);
    const len0 = f.slice();
    len0.set([0, 0, 0, 8], 246);
    expect(() => decodeRmr(len0)).toThrow(/len0 8 is below 280 at frame byte 246/);
    expect(() => decodeRmr(f.subarray(0, 100))).toThrow(RmrFrameError);
    expect(() => encodeRmr({ ...CAPTURED, meid: "m".repeat(32) })).toThrow(/meid holds 31 bytes/);
    expect(() => xidOf("x".repeat(33))).toThrow(/holds 32 bytes/);
  });
});

describe("RmrStreamReader", () => {
  const message = (i: number): RmrMessage => ({
    ...CAPTURED,
    mtype: 12000 + i,
    subId: i % 3 === 0 ? NO_SUB_ID : i,
    xid: xidOf(`x${i}`),
    payload: Uint8Array.from({ length: (i * 37) % 3000 }, (_, k) => (k * i) & 255),
  });

  it("cuts any chunking of a stream back into its messages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }),
        (count, cuts) => {
          const messages = Array.from({ length: count }, (_, i) => message(i + 1));
          const stream = Buffer.concat(messages.map(encodeRmr));
          const reader = new RmrStreamReader();
          const got: RmrMessage[] = [];
          let at = 0;
          for (let c = 0; at < stream.length; c++) {
            const next = Math.min(stream.length, at + cuts[c % cuts.length]);
            got.push(...reader.push(new Uint8Array(stream.subarray(at, next))));
            at = next;
          }
          expect(got).toEqual(messages);
          expect(reader.pending).toBe(0);
        },
      ),
      { numRuns: 100, seed: 4 },
    );
  });

  it("refuses a frame length below the headers or above the limit, at its stream offset, before buffering it", () => {
    const good = encodeRmr(CAPTURED);
    const bad = encodeRmr(CAPTURED);
    bad.set([0xff, 0xff, 0xff, 0x7f], 0);
    bad.set([0x7f, 0xff, 0xff, 0xff], 4);
    const reader = new RmrStreamReader(1 << 20);
    let error: unknown;
    try {
      reader.push(Buffer.concat([good, bad.subarray(0, 9)]));
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/RMR frame at stream byte 339 claims 2147483647 bytes/);
    expect((error as RmrFrameError).completed).toEqual([CAPTURED]); // the good one before it is not lost
    const small = encodeRmr(CAPTURED);
    small.set([10, 0, 0, 0], 0);
    small.set([0, 0, 0, 10], 4);
    expect(() => new RmrStreamReader().push(small)).toThrow(/claims 10 bytes/);
  });
});
