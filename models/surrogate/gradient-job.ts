/**
 * One minibatch's gradient, as a pool job (../../twin/parallel/pool.ts): each thread takes a share of
 * the batch's positions and adds their gradient into its own buffer; the trainer sums the buffers in
 * thread order (so a run is the same for the same seed and thread count) and takes the Adam step on
 * the parameters, which live in shared memory every thread reads.
 */
import { seededRandom } from "../../twin/scene/index.js";
import {
  backward,
  decode,
  encodeInput,
  NetworkLayout,
  type NetworkSpec,
  pathOutputCount,
} from "../../twin/surrogate/network.js";

export interface GradientInit {
  readonly spec: NetworkSpec;
  /** The parameters (float32), shared: the trainer updates them between batches. */
  readonly params: SharedArrayBuffer;
  /** One gradient buffer (float64, the parameters' size) per share of a batch. */
  readonly grads: readonly SharedArrayBuffer[];
  readonly xyz: Float64Array;
  /** Per position, spec.geometry features. */
  readonly geometry: Float32Array;
  /** Per position, every output's target, normalised ((dB - mean) / std). */
  readonly targets: Float32Array;
  /** Per position, the path head's targets, normalised; NaN where there is none (train.ts pathTargets). */
  readonly pathTargets: Float32Array;
  /** The path outputs' share of the loss, against the gains' 1. */
  readonly pathWeight: number;
  readonly levelDropout: number;
  readonly dropoutBelowM: number;
}

export interface GradientContext {
  readonly init: GradientInit;
  readonly layout: NetworkLayout;
  readonly params: Float32Array;
  readonly grads: Float64Array[];
  readonly input: Float64Array;
  readonly corners: Float64Array;
  readonly acts: Float64Array[];
  readonly deltas: Float64Array[];
  readonly inputDelta: Float64Array;
}

export interface GradientTask {
  /** The positions of this share. */
  readonly positions: Int32Array;
  /** The batch's size (the loss is its mean). */
  readonly batch: number;
  /** Which gradient buffer to fill. */
  readonly share: number;
  /** The batch's dropout seed, and where this share starts in the batch: position j of the batch draws
   *  its dropout from seed + j, however the batch is shared out. */
  readonly seed: number;
  readonly offset: number;
}

export interface GradientResult {
  /** Sum of the squared (normalised) errors of the share's gains. */
  readonly squaredError: number;
  /** The same over the path head's targets (normalised), and how many there were. */
  readonly pathSquaredError: number;
  readonly pathTargets: number;
}

export function createContext(init: GradientInit): GradientContext {
  const layout = new NetworkLayout(init.spec);
  return {
    init,
    layout,
    params: new Float32Array(init.params),
    grads: init.grads.map((g) => new Float64Array(g)),
    input: new Float64Array(layout.inputs),
    corners: new Float64Array(8 * layout.levels.length),
    acts: layout.layers.map((l) => new Float64Array(l.outputs)),
    deltas: layout.layers.map((l) => new Float64Array(l.outputs)),
    inputDelta: new Float64Array(layout.inputs),
  };
}

export function runTask(ctx: GradientContext, task: GradientTask): GradientResult {
  const { init, layout, params, input, corners, acts, deltas } = ctx;
  const { spec } = layout;
  const grad = ctx.grads[task.share];
  grad.fill(0);
  const K = spec.geometry;
  const G = spec.outputs;
  const Q = pathOutputCount(spec);
  const F = spec.features;
  const last = layout.layers.length - 1;
  let squaredError = 0;
  let pathSquaredError = 0;
  let pathTargets = 0;
  for (let n = 0; n < task.positions.length; n++) {
    const i = task.positions[n];
    const rng = seededRandom((task.seed + task.offset + n) >>> 0);
    encodeInput(
      layout,
      params,
      init.xyz[3 * i],
      init.xyz[3 * i + 1],
      init.geometry.subarray(i * K, i * K + K),
      input,
      corners,
    );
    for (let lv = 0; lv < layout.levels.length; lv++) {
      if (layout.levels[lv].resM >= init.dropoutBelowM || rng.next() >= init.levelDropout) continue;
      input.fill(0, lv * F, (lv + 1) * F);
      for (let c = 0; c < 4; c++) corners[8 * lv + 2 * c + 1] = 0; // and no gradient into it
    }
    const y = decode(layout, params, input, acts);
    const dy = deltas[last];
    for (let k = 0; k < G; k++) {
      const e = y[k] - init.targets[i * G + k];
      squaredError += e * e;
      dy[k] = (2 * e) / (G * task.batch);
    }
    // the loss is the mean over the gains plus pathWeight x the mean over the paths' numbers
    for (let q = 0; q < Q; q++) {
      const t = init.pathTargets[i * Q + q];
      if (Number.isNaN(t)) {
        dy[G + q] = 0;
        continue;
      }
      const e = y[G + q] - t;
      pathSquaredError += e * e;
      pathTargets++;
      dy[G + q] = (init.pathWeight * 2 * e) / (Q * task.batch);
    }
    backward(layout, params, input, acts, corners, deltas, ctx.inputDelta, grad);
  }
  return { squaredError, pathSquaredError, pathTargets };
}
