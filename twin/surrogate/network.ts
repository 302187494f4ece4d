/**
 * The surrogate network: a multi-resolution grid of learned features over the UE plane (bilinearly
 * interpolated, one table per level: capacity in memory, not in arithmetic), the position's geometry
 * features (geometry.ts: what the twin's scene says of it), and a small MLP decoding them into every
 * (transmit point, beam) gain in dB. A query costs a few hundred table reads and one small MLP, so one
 * position is answered in microseconds in process (simd-decoder.ts); the same computation exports to ONNX.
 *
 * Parameters live in one Float32Array (what ONNX stores); views name the parts.
 */
import { seededRandom } from "../scene/index.js";

export interface NetworkSpec {
  /** The UE plane area the grids cover (positions outside are clamped to it). */
  readonly area: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  /** Grid cell size per level, metres, coarse to fine. */
  readonly levelsM: readonly number[];
  /** Learned features per grid corner. */
  readonly features: number;
  /** Site positions (distinct transmitter positions), for the geometry features. */
  readonly sites: readonly (readonly [number, number, number])[];
  /** How many geometry features follow the grid features (geometryFeatureCount(sites)). */
  readonly geometry: number;
  /** Hidden layer widths. */
  readonly hidden: readonly number[];
  /** Outputs: gains per (point, beam). */
  readonly outputs: number;
  /** Outputs are mean + std x the last layer (dB). */
  readonly outputMean: number;
  readonly outputStd: number;
  /** The dominant-path head, when the network has one (absent in older files). */
  readonly paths?: PathHead;
}

/** Numbers per dominant path, in datasets and predictions: departure azimuth, elevation (rad), delay (ns), power (dB). */
export const PATH_FIELDS = 4;

/** Numbers the network gives per dominant path: cos and sin of the departure azimuth, elevation (rad), delay (ns), power (dB). */
export const PATH_OUTPUT_FIELDS = 5;

/**
 * The strongest paths of each transmit point, as further outputs after the gains: per point,
 * `perPoint` paths of PATH_OUTPUT_FIELDS numbers, each field denormalised as mean + std x output.
 */
export interface PathHead {
  readonly points: number;
  readonly perPoint: number;
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** How many outputs the path head adds. */
export const pathOutputCount = (spec: NetworkSpec): number =>
  spec.paths ? spec.paths.points * spec.paths.perPoint * PATH_OUTPUT_FIELDS : 0;

/** A level's corners each way over `area`: at least one cell each way, so a flat area still has two. */
function levelSize(area: NetworkSpec["area"], resM: number): { cols: number; rows: number } {
  return {
    cols: Math.max(2, Math.ceil((area.x1 - area.x0) / resM) + 1),
    rows: Math.max(2, Math.ceil((area.y1 - area.y0) / resM) + 1),
  };
}

/**
 * The grid levels (coarse to fine) whose tables hold at most `maxParams` numbers over `area`: the finest
 * ones are left out until they fit (a large city would otherwise need tens of MB), never the coarsest.
 */
export function levelsWithin(
  area: NetworkSpec["area"],
  levelsM: readonly number[],
  features: number,
  maxParams: number,
): number[] {
  const kept = [...levelsM];
  const size = () =>
    kept.reduce((n, resM) => n + levelSize(area, resM).cols * levelSize(area, resM).rows * features, 0);
  while (kept.length > 1 && size() > maxParams) kept.pop();
  return kept;
}

export interface Level {
  readonly resM: number;
  readonly cols: number;
  readonly rows: number;
  /** Offset of the level's table in the parameters. */
  readonly at: number;
}

export interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  /** Offsets of the weights (outputs x inputs, row-major) and biases in the parameters. */
  readonly w: number;
  readonly b: number;
}

/** Where every part of the parameters lies, and the sizes of the activations. */
export class NetworkLayout {
  readonly levels: Level[] = [];
  readonly layers: Layer[] = [];
  readonly inputs: number;
  readonly size: number;

  constructor(readonly spec: NetworkSpec) {
    let at = 0;
    for (const resM of spec.levelsM) {
      const { cols, rows } = levelSize(spec.area, resM);
      this.levels.push({ resM, cols, rows, at });
      at += cols * rows * spec.features;
    }
    this.inputs = spec.levelsM.length * spec.features + spec.geometry;
    let n = this.inputs;
    for (const width of [...spec.hidden, spec.outputs + pathOutputCount(spec)]) {
      this.layers.push({ inputs: n, outputs: width, w: at, b: at + width * n });
      at += width * n + width;
      n = width;
    }
    this.size = at;
  }

  /** Parameters of the grid tables (trained with a larger step than the MLP). */
  get gridSize(): number {
    return this.layers[0].w;
  }
}

/**
 * Grid coordinates stop this far (in cells) short of the last corner, so the cell's far corners stay
 * inside the table; large enough to survive float32 rounding in the ONNX graph.
 */
export const GRID_EDGE = 1e-3;

/**
 * The input vector of one position: per level the interpolated features, then its geometry features
 * (`geometry`, spec.geometry numbers). Writes `inputs` numbers into `out`; for training, the corner
 * indices and weights into `corners` (4 per level: index of the corner's first feature, weight).
 */
export function encodeInput(
  layout: NetworkLayout,
  params: Float32Array,
  x: number,
  y: number,
  geometry: ArrayLike<number>,
  out: Float64Array,
  corners?: Float64Array,
): void {
  const { spec } = layout;
  const F = spec.features;
  let o = 0;
  for (let l = 0; l < layout.levels.length; l++) {
    const lv = layout.levels[l];
    // grid coordinates in float32 arithmetic, as the exported graph computes them: the fraction within
    // a cell is where float64 and float32 would part most
    const u = clamp(f32(f32(f32(x) - f32(spec.area.x0)) / f32(lv.resM)), 0, lv.cols - 1 - GRID_EDGE);
    const v = clamp(f32(f32(f32(y) - f32(spec.area.y0)) / f32(lv.resM)), 0, lv.rows - 1 - GRID_EDGE);
    const i = Math.floor(u);
    const j = Math.floor(v);
    const fu = u - i;
    const fv = v - j;
    const k00 = lv.at + (j * lv.cols + i) * F;
    const k10 = k00 + F;
    const k01 = k00 + lv.cols * F;
    const k11 = k01 + F;
    const w00 = (1 - fu) * (1 - fv);
    const w10 = fu * (1 - fv);
    const w01 = (1 - fu) * fv;
    const w11 = fu * fv;
    for (let f = 0; f < F; f++) {
      out[o++] = w00 * params[k00 + f] + w10 * params[k10 + f] + w01 * params[k01 + f] + w11 * params[k11 + f];
    }
    if (corners) {
      const c = 8 * l;
      corners[c] = k00;
      corners[c + 1] = w00;
      corners[c + 2] = k10;
      corners[c + 3] = w10;
      corners[c + 4] = k01;
      corners[c + 5] = w01;
      corners[c + 6] = k11;
      corners[c + 7] = w11;
    }
  }
  for (let g = 0; g < spec.geometry; g++) out[o++] = geometry[g];
}

/**
 * The MLP from an input vector: hidden layers with ReLU, the last linear, then scaled to dB. `acts`
 * holds each layer's outputs (for training: keep them for the backward pass). Returns the last.
 * `lastOutputs` computes only the first outputs of the last layer (the gains without the paths);
 * `layers` stops after that many layers.
 */
export function decode(
  layout: NetworkLayout,
  params: Float32Array,
  input: Float64Array,
  acts: Float64Array[],
  lastOutputs = Number.POSITIVE_INFINITY,
  layers = layout.layers.length,
): Float64Array {
  // (one array type throughout: mixed ones make the loop polymorphic, twice as slow)
  let a = input;
  const last = layout.layers.length - 1;
  for (let k = 0; k < layers; k++) {
    const { inputs, outputs, w, b } = layout.layers[k];
    const out = acts[k];
    // four running sums: one alone waits on each addition's latency (measured 4x slower)
    const whole = inputs - (inputs % 4);
    const rows = k < last ? outputs : Math.min(outputs, lastOutputs);
    for (let r = 0; r < rows; r++) {
      const row = w + r * inputs;
      let s0 = params[b + r];
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let c = 0;
      for (; c < whole; c += 4) {
        s0 += params[row + c] * a[c];
        s1 += params[row + c + 1] * a[c + 1];
        s2 += params[row + c + 2] * a[c + 2];
        s3 += params[row + c + 3] * a[c + 3];
      }
      for (; c < inputs; c++) s0 += params[row + c] * a[c];
      const s = s0 + s1 + (s2 + s3);
      out[r] = k < last && s < 0 ? 0 : s;
    }
    a = out;
  }
  return a;
}

/**
 * Back-propagation of one position: given the input and activations of its forward pass (encodeInput
 * with `corners`, then decode) and the loss gradient on the last layer's outputs in `deltas[last]`,
 * adds the gradient of every parameter into `grad` (MLP weights and biases, and the grid features at
 * the position's corners). `deltas` and `inputDelta` are scratch of the activations' sizes.
 */
export function backward(
  layout: NetworkLayout,
  params: Float32Array,
  input: Float64Array,
  acts: readonly Float64Array[],
  corners: Float64Array,
  deltas: Float64Array[],
  inputDelta: Float64Array,
  grad: Float64Array,
): void {
  for (let l = layout.layers.length - 1; l >= 0; l--) {
    const { inputs, outputs, w, b } = layout.layers[l];
    const a = l === 0 ? input : acts[l - 1];
    const dOut = deltas[l];
    const dIn = l === 0 ? inputDelta : deltas[l - 1];
    dIn.fill(0);
    for (let r = 0; r < outputs; r++) {
      const g = dOut[r];
      if (g === 0) continue;
      grad[b + r] += g;
      const row = w + r * inputs;
      for (let c = 0; c < inputs; c++) {
        grad[row + c] += g * a[c];
        dIn[c] += g * params[row + c];
      }
    }
    if (l > 0) for (let c = 0; c < inputs; c++) if (a[c] <= 0) dIn[c] = 0; // through the ReLU
  }
  // into the grid tables, through the bilinear weights
  const F = layout.spec.features;
  for (let lv = 0; lv < layout.levels.length; lv++) {
    for (let c = 0; c < 4; c++) {
      const at = corners[8 * lv + 2 * c];
      const wgt = corners[8 * lv + 2 * c + 1];
      for (let f = 0; f < F; f++) grad[at + f] += wgt * inputDelta[lv * F + f];
    }
  }
}

/** A network's parameters, initialised for training: small random grid features, He-scaled weights. */
export function initialParams(layout: NetworkLayout, seed: number): Float32Array {
  const p = new Float32Array(layout.size);
  const rand = seededRandom(seed).next;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  for (let i = 0; i < layout.gridSize; i++) p[i] = 1e-4 * (2 * rand() - 1);
  for (const { inputs, outputs, w } of layout.layers) {
    const scale = Math.sqrt(2 / inputs);
    for (let i = 0; i < inputs * outputs; i++) p[w + i] = scale * normal();
  }
  return p;
}

const f32 = Math.fround;

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
