/**
 * Discovery: which interaction sequences can reach which grid cells, found by shooting rays. Specular
 * sequences come from rays shot from the transmitter over a Fibonacci sphere and bounced specularly
 * (SBR); first-order diffraction from rays shot along Keller's cone from points sampled on the wedges
 * the transmitter sees. Where such a ray crosses the map plane, the cells within its ray tube's
 * footprint are marked for its sequence (or wedge). Discovery decides only *which* paths to evaluate;
 * their values come from the exact path solver, so more rays find more paths but never change a path.
 */
import { closestHit, createHit } from "../bvh/index.js";
import { type SequenceTable, shootAndBounce } from "../paths/sbr.js";
import type { TracingScene } from "../paths/tracing-scene.js";
import { cross, dot, type Vec3 } from "../paths/vec.js";
import type { MapGrid } from "./footprint.js";
import type { CellMarks } from "./marks.js";

/**
 * Largest footprint semi-axes marked, metres: across the ray, and along it (grazing rays stretch their
 * footprint). Marks only seed regions, which evaluation grows to their whole extent, so footprints are
 * kept small: wider ones seed a few more thin regions but cost more than they find.
 */
const MAX_ACROSS_M = 4;
const MAX_ALONG_M = 10;

export interface DiscoveryPlane {
  readonly grid: MapGrid;
  readonly heightM: number;
}

/**
 * Marks the cells of a ray tube's footprint where a ray of direction (dx, dy, dz) crosses the map plane
 * at (x, y): an ellipse `radiusM` wide across the ray and stretched along its horizontal direction by
 * the crossing's obliquity 1/|dz| (at least the cell itself and its neighbours).
 */
function markFootprint(
  marks: CellMarks,
  code: number,
  plane: DiscoveryPlane,
  x: number,
  y: number,
  dx: number,
  dy: number,
  dz: number,
  radiusM: number,
) {
  const { x0, y0, resM, width, height } = plane.grid;
  const pad = resM * 0.71; // a cell counts when the ellipse reaches roughly any part of it
  const across = Math.min(Math.max(radiusM, resM), MAX_ACROSS_M) + pad;
  const along = Math.min(Math.max(radiusM / Math.max(Math.abs(dz), 1e-3), resM), MAX_ALONG_M) + pad;
  const h = Math.sqrt(dx * dx + dy * dy);
  const ux = h > 0 ? dx / h : 1;
  const uy = h > 0 ? dy / h : 0;
  const i0 = Math.max(0, Math.floor((x - along - x0) / resM));
  const i1 = Math.min(width - 1, Math.floor((x + along - x0) / resM));
  const j0 = Math.max(0, Math.floor((y - along - y0) / resM));
  const j1 = Math.min(height - 1, Math.floor((y + along - y0) / resM));
  const a2 = 1 / (along * along);
  const c2 = 1 / (across * across);
  for (let j = j0; j <= j1; j++) {
    const cy = y0 + (j + 0.5) * resM - y;
    for (let i = i0; i <= i1; i++) {
      const cx = x0 + (i + 0.5) * resM - x;
      const u = cx * ux + cy * uy;
      const v = cy * ux - cx * uy;
      if (u * u * a2 + v * v * c2 <= 1) marks.mark(code, j * width + i);
    }
  }
}

/**
 * Shoots rays `first`, `first + stride`, ... of `total` from `tx`, reflecting up to `maxDepth` times,
 * and marks where each reflected ray crosses the map plane. The footprint radius is the tube's radius
 * at its unfolded length, 2 D / sqrt(total) (a ray's share 4 pi / total of the sphere).
 */
export function discoverSpecular(
  ts: TracingScene,
  tx: Vec3,
  plane: DiscoveryPlane,
  maxDepth: number,
  total: number,
  first: number,
  stride: number,
  marks: CellMarks,
  table: SequenceTable,
  onProgress?: (done: number) => void,
): void {
  const spread = 2 / Math.sqrt(total);
  const h = plane.heightM;
  shootAndBounce(ts.bvh, ts.planes, tx, table, {
    maxDepth,
    total,
    first,
    stride,
    onProgress,
    visit: (code, ox, oy, oz, dx, dy, dz, length, unfolded) => {
      if (dz === 0) return;
      const t = (h - oz) / dz;
      if (t > 0 && t < length)
        markFootprint(marks, code, plane, ox + dx * t, oy + dy * t, dx, dy, dz, (unfolded + t) * spread);
    },
  });
}

export interface WedgeDiscoveryOptions {
  /** Spacing of the points sampled along each edge, metres. */
  readonly edgeSpacingM: number;
  /** Rays per point around Keller's cone (over the exterior angle). */
  readonly coneRays: number;
}

/**
 * For wedges `first`, `first + stride`, ...: samples points along the edge that `tx` sees, shoots rays
 * along Keller's cone through the exterior and marks where they cross the map plane.
 */
export function discoverDiffraction(
  ts: TracingScene,
  tx: Vec3,
  plane: DiscoveryPlane,
  options: WedgeDiscoveryOptions,
  first: number,
  stride: number,
  marks: CellMarks,
  onProgress?: (done: number) => void,
): void {
  const { bvh, caster } = ts;
  const hit = createHit();
  const wedges = ts.wedges;
  const h = plane.heightM;
  for (let w = first; w < wedges.length; w += stride) {
    const wedge = wedges[w];
    const e = wedge.direction;
    const side = cross(e, wedge.face0);
    const samples = Math.max(1, Math.ceil(wedge.length / options.edgeSpacingM));
    const angularStep = (wedge.n * Math.PI) / options.coneRays;
    for (let s = 0; s < samples; s++) {
      const along = ((s + 0.5) / samples) * wedge.length;
      const q: Vec3 = [wedge.origin[0] + e[0] * along, wedge.origin[1] + e[1] * along, wedge.origin[2] + e[2] * along];
      const toTx: Vec3 = [tx[0] - q[0], tx[1] - q[1], tx[2] - q[2]];
      const dist = Math.sqrt(toTx[0] * toTx[0] + toTx[1] * toTx[1] + toTx[2] * toTx[2]);
      if (!(dist > 0)) continue;
      // the transmitter must be outside the solid and see the point
      const px = dot(toTx, wedge.face0);
      const py = dot(toTx, side);
      let phiPrime = Math.atan2(py, px);
      if (phiPrime < 0) phiPrime += 2 * Math.PI;
      if (phiPrime > wedge.n * Math.PI) continue;
      if (!caster.visible(tx, q, wedge.triangle0, wedge.triangle1)) continue;
      // Keller's cone: the diffracted rays keep the incident ray's component along the edge
      const cosBeta = -dot(toTx, e) / dist;
      const sinBeta = Math.sqrt(Math.max(0, 1 - cosBeta * cosBeta));
      for (let k = 0; k < options.coneRays; k++) {
        const phi = (k + 0.5) * angularStep;
        const c = Math.cos(phi) * sinBeta;
        const sn = Math.sin(phi) * sinBeta;
        const dx = e[0] * cosBeta + wedge.face0[0] * c + side[0] * sn;
        const dy = e[1] * cosBeta + wedge.face0[1] * c + side[1] * sn;
        const dz = e[2] * cosBeta + wedge.face0[2] * c + side[2] * sn;
        if (dz === 0) continue;
        const t = (h - q[2]) / dz;
        if (!(t > 0)) continue;
        const found = closestHit(bvh, q[0], q[1], q[2], dx, dy, dz, bvh.epsilon, t, hit);
        if (found) continue;
        // footprint: half the spacing of neighbouring rays there (around the cone, along the edge), with margin
        const radius = 0.6 * (t * angularStep + options.edgeSpacingM);
        markFootprint(marks, w, plane, q[0] + dx * t, q[1] + dy * t, dx, dy, dz, radius);
      }
    }
    if (onProgress) onProgress(1);
  }
}
