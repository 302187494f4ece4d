/**
 * The CSI-RS channel of a cell's panel to a UE on the true scene: the panel is taken as dual-polarised
 * (+/-45 deg slants at every element position) with one CSI-RS port per column and polarisation (N1 =
 * columns, N2 = 1: each port a column fed evenly, at the panel's mechanical tilt), and the UE as two
 * receive antennas (vertical and horizontal). Paths come from the twin's tracer, each cell's candidate
 * search done once; a UE's paths are traced again once it has moved `retraceM` from where they were
 * traced, or changed cell.
 */

import { type CellSpec, cellFromSpec } from "../../twin/antenna/cell-spec.js";
import type { Cell } from "../../twin/antenna/index.js";
import { frequencyResponse, subcarrierOffsets } from "../../twin/channel/frequency-response.js";
import {
  type Path,
  pathsTo,
  prepareTransmitter,
  TracingScene,
  type Transmitter,
  type Vec3,
} from "../../twin/paths/index.js";
import type { Scene } from "../../twin/scene/index.js";
import type { CsiPorts } from "./csi.js";

export interface CsiPanel {
  readonly ports: CsiPorts;
  /** The panel at +45 and -45 deg slant: the two polarisations of every port. */
  readonly slants: readonly [Cell, Cell];
  readonly rows: number;
  readonly cols: number;
}

/** The CSI-RS port layout of a panel (as configured: the twin's nominal panel serves the definition). */
export function csiPanelOf(spec: CellSpec, maxRank: 1 | 2 = 2): CsiPanel {
  const slant = (deg: number) => cellFromSpec({ ...spec, array: { ...spec.array, polarization: deg } });
  return {
    ports: { n1: spec.array.cols, n2: 1, o1: 4, o2: 1, maxRank },
    slants: [slant(45), slant(-45)],
    rows: spec.array.rows,
    cols: spec.array.cols,
  };
}

/**
 * Per subband (at `offsetsHz` from the carrier), the 2 x P port channel: row-major rx (V, H), ports
 * polarisation-major (+45 columns, then -45 columns), complex interleaved.
 */
export function portChannels(panel: CsiPanel, paths: readonly Path[], offsetsHz: Float64Array): Float64Array[] {
  const { rows, cols } = panel;
  const P = 2 * cols;
  const n = offsetsHz.length;
  const out = Array.from({ length: n }, () => new Float64Array(2 * 2 * P));
  const scale = 1 / Math.sqrt(rows); // a column fed evenly, unit total power
  (["theta", "phi"] as const).forEach((receive, r) => {
    panel.slants.forEach((cell, pol) => {
      const { h } = frequencyResponse(paths, cell, offsetsHz, receive);
      for (let k = 0; k < n; k++) {
        const H = out[k];
        for (let col = 0; col < cols; col++) {
          let re = 0;
          let im = 0;
          for (let row = 0; row < rows; row++) {
            const e = row * cols + col;
            re += h[2 * (e * n + k)];
            im += h[2 * (e * n + k) + 1];
          }
          const at = 2 * (r * P + pol * cols + col);
          H[at] = re * scale;
          H[at + 1] = im * scale;
        }
      }
    });
  });
  return out;
}

/** Subband centres over a carrier: `count` of them, evenly spread. */
export function subbandOffsets(bandwidthHz: number, count: number): Float64Array {
  return subcarrierOffsets(count, bandwidthHz / count);
}

interface Anchor {
  x: number;
  y: number;
  cell: number;
  paths: readonly Path[];
}

/** Each UE's paths from its serving panel on the true scene, traced again only when it moved. */
export class UePaths {
  private readonly tracing: TracingScene;
  private readonly anchors = new Map<number, Anchor>();
  /** Each cell's transmitter, prepared on first use (its candidate search is the costly part). */
  private readonly transmitters = new Map<number, Transmitter>();

  constructor(
    trueScene: Scene,
    private readonly panels: readonly CellSpec[],
    private readonly options: {
      frequencyHz: number;
      maxDepth: number;
      diffraction: boolean;
      heightM: number;
      retraceM?: number;
    },
  ) {
    this.tracing = new TracingScene(trueScene);
  }

  /** The paths of each of `ues` (UE, serving cell, x, y), tracing those that moved or changed cell. */
  pathsOf(ues: readonly { u: number; cell: number; x: number; y: number }[]): Map<number, readonly Path[]> {
    const retrace2 = (this.options.retraceM ?? 1) ** 2;
    const out = new Map<number, readonly Path[]>();
    for (const q of ues) {
      let a = this.anchors.get(q.u);
      if (!a || a.cell !== q.cell || (a.x - q.x) ** 2 + (a.y - q.y) ** 2 >= retrace2) {
        a = {
          x: q.x,
          y: q.y,
          cell: q.cell,
          paths: pathsTo(this.transmitter(q.cell), [q.x, q.y, this.options.heightM]),
        };
        this.anchors.set(q.u, a);
      }
      out.set(q.u, a.paths);
    }
    return out;
  }

  private transmitter(cell: number): Transmitter {
    let t = this.transmitters.get(cell);
    if (!t) {
      t = prepareTransmitter(this.tracing, this.panels[cell].position as Vec3, {
        frequencyHz: this.options.frequencyHz,
        maxDepth: this.options.maxDepth,
        diffraction: this.options.diffraction,
      });
      this.transmitters.set(cell, t);
    }
    return t;
  }
}
