import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_FRAME_BYTES, FrameReader, FramingError, frame } from "../../../ric/transports/framing.js";
import { pduOf } from "./support.js";

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

/** A 4-byte header claiming `length`, without a body. */
const header = (length: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, length);
  return out;
};

/** Feeds `stream` to a fresh reader cut at `cuts` (sorted offsets), checking nothing is lost on the way. */
const readCut = (stream: Uint8Array, cuts: number[], reader = new FrameReader()): Uint8Array[] => {
  const got: Uint8Array[] = [];
  let start = 0;
  let delivered = 0;
  for (const end of [...cuts, stream.length]) {
    if (end < start) continue;
    for (const pdu of reader.push(stream.subarray(start, end))) {
      got.push(pdu);
      delivered += 4 + pdu.length;
    }
    start = end;
    // what is not yet a PDU is still held (a plain check: expect() per byte would dominate the run)
    if (reader.pending !== start - delivered)
      expect(reader.pending, `pending after byte ${start}`).toBe(start - delivered);
  }
  return got;
};

const checkRoundTrip = (sizes: number[], seed: number, cutsOf: (stream: Uint8Array, ends: number[]) => number[]) => {
  const pdus = sizes.map((n, i) => pduOf(n, seed + i));
  const frames = pdus.map(frame);
  const stream = concat(frames);
  const ends: number[] = [];
  for (const f of frames) ends.push((ends.at(-1) ?? 0) + f.length);
  const got = readCut(stream, cutsOf(stream, ends));
  expect(got.length).toBe(pdus.length);
  for (let i = 0; i < pdus.length; i++) {
    expect(got[i].length).toBe(pdus[i].length);
    expect(same(got[i], pdus[i]), `PDU ${i} of ${pdus.length}`).toBe(true);
  }
};

const sizesArb = fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 6 });
const smallSizesArb = fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 100_000 })), {
  minLength: 1,
  maxLength: 12,
});

describe("frame / FrameReader round trip", () => {
  it("frame writes a big-endian length, then the PDU", () => {
    expect([...frame(Uint8Array.of(7, 8, 9))]).toEqual([0, 0, 0, 3, 7, 8, 9]);
    expect([...frame(new Uint8Array(0x01020304)).subarray(0, 4)]).toEqual([1, 2, 3, 4]);
  });

  it("frame copies a PDU that is a view into a larger buffer", () => {
    const big = Uint8Array.of(1, 2, 3, 4, 5, 6);
    expect([...frame(big.subarray(2, 5))]).toEqual([0, 0, 0, 3, 3, 4, 5]);
  });

  it("the whole stream in one chunk", () => {
    fc.assert(
      fc.property(sizesArb, fc.nat(), (sizes, seed) => checkRoundTrip(sizes, seed, () => [])),
      { numRuns: 50 },
    );
  });

  it("random chunk sizes", () => {
    fc.assert(
      fc.property(
        smallSizesArb,
        fc.nat(),
        fc.array(fc.integer({ min: 1, max: 150_000 }), { minLength: 1, maxLength: 20 }),
        (sizes, seed, chunkSizes) =>
          checkRoundTrip(sizes, seed, (stream) => {
            const cuts: number[] = [];
            for (let at = 0, i = 0; at < stream.length; i++) cuts.push((at += chunkSizes[i % chunkSizes.length]));
            return cuts.filter((c) => c < stream.length);
          }),
      ),
      { numRuns: 100 },
    );
  });

  it("chunk boundaries inside every header and at every frame edge", () => {
    fc.assert(
      fc.property(
        smallSizesArb,
        fc.nat(),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
        (sizes, seed, intoHeader) =>
          checkRoundTrip(sizes, seed, (_stream, ends) => {
            // a cut 0..4 bytes into each frame's header (0: exactly at the frame edge), and a second cut inside it
            const starts = [0, ...ends.slice(0, -1)];
            const cuts = starts.flatMap((s, i) => [s + intoHeader[i % intoHeader.length], s + 3]);
            return [...new Set(cuts)].sort((a, b) => a - b);
          }),
      ),
      { numRuns: 100 },
    );
  });

  it("one byte at a time", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        (sizes, seed) => checkRoundTrip(sizes, seed, (stream) => Array.from({ length: stream.length }, (_, i) => i)),
      ),
      { numRuns: 10 },
    );
  });

  it("a 200 KB frame trickled in one byte at a time is cut in linear time", () => {
    // gathering once removed each chunk with a shift (a memmove of the chunk list): 200,000 chunks took ~20 s
    const pdu = pduOf(200_000, 9);
    const f = frame(pdu);
    const reader = new FrameReader();
    const started = performance.now();
    for (let i = 0; i < f.length - 1; i++) reader.push(f.subarray(i, i + 1));
    const [got] = reader.push(f.subarray(f.length - 1));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(same(got, pdu)).toBe(true);
  });

  it("empty chunks change nothing", () => {
    const reader = new FrameReader();
    expect(reader.push(new Uint8Array(0))).toEqual([]);
    const f = frame(Uint8Array.of(42));
    expect(reader.push(f.subarray(0, 2))).toEqual([]);
    expect(reader.push(new Uint8Array(0))).toEqual([]);
    expect(reader.pending).toBe(2);
    expect(reader.push(f.subarray(2)).map((p) => [...p])).toEqual([[42]]);
    expect(reader.pending).toBe(0);
  });

  it("a frame of exactly the limit is accepted", () => {
    const reader = new FrameReader(1024);
    const [pdu] = reader.push(frame(pduOf(1024, 1)));
    expect(same(pdu, pduOf(1024, 1))).toBe(true);
  });

  it("the default limit is 16 MiB", () => {
    expect(DEFAULT_MAX_FRAME_BYTES).toBe(16 * 1024 * 1024);
  });
});

describe("partial frames", () => {
  it("a partial frame stays pending until its last byte, and bytes after it are kept", () => {
    const reader = new FrameReader();
    const a = frame(pduOf(1000, 1));
    const b = frame(pduOf(10, 2));
    expect(reader.push(a.subarray(0, 3))).toEqual([]); // part of the header
    expect(reader.pending).toBe(3);
    expect(reader.push(a.subarray(3, 600))).toEqual([]);
    expect(reader.pending).toBe(600);
    expect(reader.push(a.subarray(600, a.length - 1))).toEqual([]);
    expect(reader.pending).toBe(a.length - 1);
    // the last byte of a, and the first bytes of b, in one chunk
    const got = reader.push(concat([a.subarray(a.length - 1), b.subarray(0, 6)]));
    expect(got.length).toBe(1);
    expect(same(got[0], pduOf(1000, 1))).toBe(true);
    expect(reader.pending).toBe(6);
    const rest = reader.push(b.subarray(6));
    expect(rest.length).toBe(1);
    expect(same(rest[0], pduOf(10, 2))).toBe(true);
    expect(reader.pending).toBe(0);
  });
});

describe("refused lengths", () => {
  const framingError = (f: () => unknown): FramingError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(FramingError);
      expect((e as Error).name).toBe("FramingError");
      return e as FramingError;
    }
    throw new Error("no FramingError");
  };

  it("a zero length is refused, naming the stream byte offset of its header", () => {
    const reader = new FrameReader();
    const first = frame(pduOf(5, 1)); // 9 bytes
    expect(reader.push(first).length).toBe(1);
    const e = framingError(() => reader.push(header(0)));
    expect(e.message).toBe("empty E2AP frame at stream byte 9");
  });

  it("the offset counts bytes over every chunk, whatever the cuts", () => {
    const stream = concat([frame(pduOf(300, 1)), frame(pduOf(20, 2)), header(0), Uint8Array.of(1, 2)]);
    for (const step of [1, 2, 3, 7, 100, stream.length]) {
      const reader = new FrameReader();
      const e = framingError(() => {
        for (let at = 0; at < stream.length; at += step) reader.push(stream.subarray(at, at + step));
      });
      expect(e.message).toBe("empty E2AP frame at stream byte 328");
    }
  });

  it("a length above the limit is refused with the offset, the claim and the limit", () => {
    const reader = new FrameReader(1024);
    expect(reader.push(frame(pduOf(1024, 1))).length).toBe(1);
    const e = framingError(() => reader.push(concat([header(1025), new Uint8Array(1025)])));
    expect(e.message).toBe("E2AP frame at stream byte 1028 claims 1025 bytes (limit 1024)");
  });

  it("a header claiming 2 GB is refused on its header alone, without allocating", () => {
    const reader = new FrameReader();
    const before = process.memoryUsage().arrayBuffers;
    expect(reader.push(Uint8Array.of(0x80, 0))).toEqual([]); // half a header: nothing to judge yet
    const e = framingError(() => reader.push(Uint8Array.of(0, 0, 1, 2, 3)));
    expect(e.message).toBe(`E2AP frame at stream byte 0 claims ${2 ** 31} bytes (limit ${DEFAULT_MAX_FRAME_BYTES})`);
    expect(reader.pending).toBe(7);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
  });

  it("the largest uint32 length is refused", () => {
    const e = framingError(() => new FrameReader().push(header(0xffffffff)));
    expect(e.message).toMatch(/^E2AP frame at stream byte 0 claims 4294967295 bytes/);
  });

  it("the PDUs completed before a bad header are handed over with the error, whatever the chunking", () => {
    const stream = concat([frame(pduOf(30, 1)), frame(pduOf(4, 2)), header(0)]);
    for (const step of [1, 5, stream.length]) {
      const reader = new FrameReader();
      const got: Uint8Array[] = [];
      const e = framingError(() => {
        for (let at = 0; at < stream.length; at += step) got.push(...reader.push(stream.subarray(at, at + step)));
      });
      got.push(...e.completed);
      expect(got.map((p) => p.length)).toEqual([30, 4]);
      expect(same(got[0], pduOf(30, 1)) && same(got[1], pduOf(4, 2))).toBe(true);
    }
  });
});
