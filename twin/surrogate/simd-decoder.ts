/**
 * The MLP for answering one position at a time, in WebAssembly SIMD (mlp-kernel.wat): four float32
 * lanes a step and the zero inputs of each ReLU layer skipped. What `decode` (network.ts) gives, within
 * float32 rounding (the sums run in another order); about 15 times faster than the same loops in
 * JavaScript, which cannot vectorise (BENCHMARKS.md, the surrogate's speed).
 */
import { wasmBase64 } from "./mlp-kernel.gen.js";
import type { NetworkLayout } from "./network.js";

/** Outputs summed together by the kernel: the weights are stored in blocks of this many outputs. */
const BLOCK = 16;
const PAGE_BYTES = 65_536;

interface Kernel {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  layer(w: number, b: number, x: number, inputs: number, y: number, blocks: number, relu: number, list: number): void;
}

/** The part of the WebAssembly API used here (the project's type libraries leave WebAssembly out). */
const wasm = (
  globalThis as unknown as {
    WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: unknown } };
  }
).WebAssembly;

let compiled: object | undefined;

/** Where one layer's parts lie in the kernel's memory (byte offsets). */
interface LayerPlace {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: number;
  readonly biases: number;
  readonly out: number;
}

export class SimdDecoder {
  private readonly kernel: Kernel;
  private readonly places: LayerPlace[] = [];
  private readonly input: number;
  private readonly list: number;
  private readonly inputView: Float32Array;
  private readonly outputView: Float32Array;

  constructor(layout: NetworkLayout, params: Float32Array) {
    compiled ??= new wasm.Module(Buffer.from(wasmBase64, "base64"));
    // the memory plan: per layer its weights in blocks and its biases, then the activations, the input
    // and the kernel's list of non-zero inputs; everything 16-byte aligned
    let at = 0;
    const take = (floats: number) => {
      const start = at;
      at += 4 * Math.ceil(floats / 4) * 4;
      return start;
    };
    const blocked = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
    const spaces = layout.layers.map((l) => ({
      weights: take(blocked(l.outputs) * l.inputs),
      biases: take(blocked(l.outputs)),
    }));
    const outs = layout.layers.map((l) => take(blocked(l.outputs)));
    this.input = take(layout.inputs);
    this.list = take(2 * Math.max(...layout.layers.map((l) => l.inputs)));
    this.kernel = new wasm.Instance(compiled).exports as Kernel;
    // the module's own memory (one page) grown to the plan
    const { memory } = this.kernel;
    const pages = Math.ceil(at / PAGE_BYTES) - memory.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) memory.grow(pages);
    const heap = new Float32Array(memory.buffer);
    layout.layers.forEach((l, k) => {
      const { weights, biases } = spaces[k];
      // block b, input c, output r of the block: the weight of output (b x BLOCK + r) for input c
      for (let o = 0; o < l.outputs; o++) {
        const block = Math.floor(o / BLOCK);
        for (let c = 0; c < l.inputs; c++) {
          heap[weights / 4 + (block * l.inputs + c) * BLOCK + (o % BLOCK)] = params[l.w + o * l.inputs + c];
        }
        heap[biases / 4 + o] = params[l.b + o];
      }
      this.places.push({ inputs: l.inputs, outputs: l.outputs, weights, biases, out: outs[k] });
    });
    this.inputView = heap.subarray(this.input / 4, this.input / 4 + layout.inputs);
    const last = this.places[this.places.length - 1];
    this.outputView = heap.subarray(last.out / 4, last.out / 4 + last.outputs);
  }

  /**
   * The last layer's outputs from an input vector (a view into the kernel's memory, overwritten by the
   * next call); only the first `lastOutputs` (all by default) are computed, the rest are stale.
   */
  decode(input: ArrayLike<number>, lastOutputs = Number.POSITIVE_INFINITY): Float32Array {
    if (input.length !== this.inputView.length) {
      throw new RangeError(`the network takes ${this.inputView.length} inputs, not ${input.length}`);
    }
    if (!(lastOutputs >= 0)) throw new RangeError(`lastOutputs ${lastOutputs} is not a count`);
    this.inputView.set(input);
    const last = this.places.length - 1;
    let x = this.input;
    for (let k = 0; k <= last; k++) {
      const p = this.places[k];
      const outputs = k < last ? p.outputs : Math.min(p.outputs, lastOutputs);
      const blocks = Math.ceil(outputs / BLOCK);
      this.kernel.layer(p.weights, p.biases, x, p.inputs, p.out, blocks, k < last ? 1 : 0, this.list);
      x = p.out;
    }
    return this.outputView;
  }
}
