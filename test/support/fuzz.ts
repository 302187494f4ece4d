/**
 * Mutation fuzzing of decoders: valid encodings are damaged (bit flips, truncation, extension,
 * length-field corruption, random bytes) and decoded; anything thrown other than E2CodecError is a
 * finding. Shared by the bounded run in the test suite and the long run in bench/.
 */
import { isE2CodecError } from "../../e2sm/errors.js";
import { decode } from "../../e2sm/schema/decode.js";
import type { Desc } from "../../e2sm/schema/descriptors.js";

export interface Seed {
  name: string;
  desc: Desc;
  bytes: Uint8Array;
}

export interface Finding {
  seed: string;
  mutation: string;
  hex: string;
  error: string;
}

export interface FuzzReport {
  runs: number;
  decodedOk: number;
  typedErrors: number;
  findings: Finding[];
  slowestMs: number;
  errorCodes: Record<string, number>;
}

/** A small seeded PRNG (mulberry32): runs are reproducible from their seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutator = (b: Uint8Array, rnd: () => number) => Uint8Array;
const pick = (n: number, rnd: () => number) => Math.floor(rnd() * n);

export const MUTATORS: Record<string, Mutator> = {
  flipBits: (b, rnd) => {
    const out = b.slice();
    const n = 1 + pick(8, rnd);
    for (let i = 0; i < n && out.length; i++) out[pick(out.length, rnd)] ^= 1 << pick(8, rnd);
    return out;
  },
  truncate: (b, rnd) => b.slice(0, pick(b.length, rnd)),
  extend: (b, rnd) => {
    const tail = Uint8Array.from({ length: 1 + pick(16, rnd) }, () => pick(256, rnd));
    const out = new Uint8Array(b.length + tail.length);
    out.set(b);
    out.set(tail, b.length);
    return out;
  },
  // length determinants: claim long, huge (fragmented) or two-octet lengths anywhere
  corruptLength: (b, rnd) => {
    const out = b.slice();
    if (!out.length) return out;
    const values = [0xff, 0x80, 0xbf, 0xc1, 0xc4, 0xc0, 0x7f, 0x00];
    out[pick(out.length, rnd)] = values[pick(values.length, rnd)];
    return out;
  },
  randomBytes: (b, rnd) => Uint8Array.from({ length: pick(Math.max(2, b.length), rnd) }, () => pick(256, rnd)),
  spliceSelf: (b, rnd) => {
    if (b.length < 2) return b.slice();
    const at = pick(b.length, rnd);
    const from = pick(b.length, rnd);
    const out = b.slice();
    out.set(b.subarray(from, from + Math.min(8, b.length - at)), at);
    return out;
  },
};

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Runs `runs` mutations spread over the seeds. */
export function fuzz(seeds: Seed[], runs: number, seed = 1): FuzzReport {
  const rnd = prng(seed);
  const names = Object.keys(MUTATORS);
  const report: FuzzReport = { runs, decodedOk: 0, typedErrors: 0, findings: [], slowestMs: 0, errorCodes: {} };
  for (let i = 0; i < runs; i++) {
    const s = seeds[i % seeds.length];
    const m = names[pick(names.length, rnd)];
    const input = MUTATORS[m](s.bytes, rnd);
    const t0 = performance.now();
    try {
      decode(s.desc, input);
      report.decodedOk++;
    } catch (e) {
      if (isE2CodecError(e)) {
        report.typedErrors++;
        report.errorCodes[e.code] = (report.errorCodes[e.code] ?? 0) + 1;
      } else {
        report.findings.push({ seed: s.name, mutation: m, hex: hex(input), error: String((e as Error)?.stack ?? e) });
      }
    }
    report.slowestMs = Math.max(report.slowestMs, performance.now() - t0);
  }
  return report;
}
