/**
 * Whether the transmitter sees points of a wedge's edge, decided once per EDGE_BIN_M of edge. A map's
 * neighbouring cells diffract at edge points centimetres apart, and the long transmitter-to-edge ray was
 * the largest cost of a diffracted path; binned, a shadow's end on the edge moves by under half a bin
 * (2.5 cm), which moves the map's diffraction regions by a few centimetres at most.
 */
import type { Link } from "../paths/path-solver.js";
import type { Wedge } from "../paths/wedges.js";

export const EDGE_BIN_M = 0.05;

const UNKNOWN = 0;
const SEEN = 1;
const HIDDEN = 2;

export class EdgeSight {
  private wedge: Wedge | undefined;
  private bins = new Uint8Array(1024);
  private readonly point: [number, number, number] = [0, 0, 0];

  constructor(private readonly link: Link) {}

  /** Whether the transmitter sees the point `s` metres along `w`'s edge (in its bin's middle). */
  sees(w: Wedge, s: number): boolean {
    const count = Math.ceil(w.length / EDGE_BIN_M);
    if (w !== this.wedge) {
      this.wedge = w;
      if (this.bins.length < count) this.bins = new Uint8Array(count);
      else this.bins.fill(UNKNOWN, 0, count);
    }
    const bin = Math.min(count - 1, Math.floor(s / EDGE_BIN_M));
    const known = this.bins[bin];
    if (known !== UNKNOWN) return known === SEEN;
    // (the bin's middle; the last bin, cut short by the edge's end, its own middle)
    const at = Math.min((bin + 0.5) * EDGE_BIN_M, (bin * EDGE_BIN_M + w.length) / 2);
    const q = this.point;
    for (let i = 0; i < 3; i++) q[i] = w.origin[i] + w.direction[i] * at;
    const seen = this.link.ts.caster.visible(this.link.tx, q, w.triangle0, w.triangle1);
    this.bins[bin] = seen ? SEEN : HIDDEN;
    return seen;
  }
}
