/**
 * Discovery: which interaction sequences can reach which grid cells, found by shooting rays. Specular
 * sequences come from rays shot from the transmitter on a ray grid and bounced specularly (SBR, see
 * paths/sbr.ts); first-order diffraction from rays shot along Keller's cone from points sampled on the
 * wedges the transmitter sees. Both shoot more rays where neighbouring rays end differently. Where such
 * a ray crosses the map plane, the cells within its ray tube's footprint are marked for its sequence
 * (or wedge). Discovery decides only *which* paths to evaluate; their values come from the exact path
 * solver, so more rays find more paths but never change a path.
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

/**
 * A descending ray stopped by a surface less than this far above the map plane still marks where it
 * would have crossed the plane. A region whose paths only just clear an obstacle (a wall top, a parked
 * volume) is thin, and most rays of its sequence clip the obstacle: their marks fall in cells where
 * the path is blocked, and evaluation grows the region through those to the cells it does reach
 * (etoile, 1 M rays against a 4 M map: 0.85 -> 0.80 dB RMSE, BENCHMARKS.md; 6 and 15 m found no more).
 */
const NEAR_MISS_M = 2;

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
 * Shoots this part's share of the specular ray grid (see `shootAndBounce`) from `tx`, reflecting up to
 * `maxDepth` times, and marks where each reflected ray crosses the map plane, its footprint the tube's
 * radius at the unfolded length.
 */
export function discoverSpecular(
  ts: TracingScene,
  tx: Vec3,
  plane: DiscoveryPlane,
  maxDepth: number,
  rays: number,
  part: number,
  parts: number,
  marks: CellMarks,
  table: SequenceTable,
  onProgress?: (done: number) => void,
): void {
  const h = plane.heightM;
  shootAndBounce(ts.bvh, ts.planes, tx, table, {
    maxDepth,
    rays,
    part,
    parts,
    onProgress,
    visit: (code, ox, oy, oz, dx, dy, dz, length, unfolded, spread) => {
      if (dz === 0) return;
      const t = (h - oz) / dz;
      // a ray stopped just above the plane marks where it would have crossed it (see NEAR_MISS_M)
      if (t > 0 && (t < length || (dz < 0 && oz + dz * length - h < NEAR_MISS_M)))
        markFootprint(marks, code, plane, ox + dx * t, oy + dy * t, dx, dy, dz, (unfolded + t) * spread);
    },
  });
}

export interface WedgeDiscoveryOptions {
  /** Spacing of the points sampled along each edge, metres. */
  readonly edgeSpacingM: number;
  /** Rays per point around Keller's cone (over the exterior angle). */
  readonly coneRays: number;
  /** Rays shot between two neighbouring rays (around the cone or along the edge) that end differently. */
  readonly refine: number;
}

/** How a Keller-cone ray ended: it reached the map plane, or never goes down to it (else the plane it hit). */
const REACHED = -1;
const AWAY = -2;
/** The edge point is not lit by the transmitter: no rays. */
const UNLIT = -3;
/** It hit a triangle of no plane (degenerate). */
const NO_PLANE = -4;

/**
 * For wedges `first`, `first + stride`, ...: samples points along the edge that `tx` sees, shoots rays
 * along Keller's cone through the exterior and marks where they cross the map plane. Where two
 * neighbouring rays end differently (one reaches the plane, the other hits a wall; or they hit different
 * walls, with perhaps a gap between), `refine` more rays are shot between them, around the cone or along
 * the edge: a gap between two buildings can be narrower than the rays' spacing far from the edge.
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
  const { bvh, caster, planes } = ts;
  const hit = createHit();
  const h = plane.heightM;
  const { coneRays, refine, edgeSpacingM } = options;
  let here = new Int32Array(coneRays);
  let before = new Int32Array(coneRays);
  for (let w = first; w < ts.wedges.length; w += stride) {
    const wedge = ts.wedges[w];
    const e = wedge.direction;
    const side = cross(e, wedge.face0);
    const samples = Math.max(1, Math.ceil(wedge.length / edgeSpacingM));
    const spacing = wedge.length / samples;
    const angularStep = (wedge.n * Math.PI) / coneRays;
    // the current edge point and its cone (set by `litAt`)
    const q: [number, number, number] = [0, 0, 0];
    let cosBeta = 0;
    let sinBeta = 0;
    /** Places the edge point `s` samples along (fractional); false when the transmitter does not light it. */
    const litAt = (s: number): boolean => {
      const along = (s + 0.5) * spacing;
      q[0] = wedge.origin[0] + e[0] * along;
      q[1] = wedge.origin[1] + e[1] * along;
      q[2] = wedge.origin[2] + e[2] * along;
      const toTx: Vec3 = [tx[0] - q[0], tx[1] - q[1], tx[2] - q[2]];
      const dist = Math.sqrt(toTx[0] * toTx[0] + toTx[1] * toTx[1] + toTx[2] * toTx[2]);
      if (!(dist > 0)) return false;
      // the transmitter must be outside the solid and see the point
      let phiPrime = Math.atan2(dot(toTx, side), dot(toTx, wedge.face0));
      if (phiPrime < 0) phiPrime += 2 * Math.PI;
      if (phiPrime > wedge.n * Math.PI) return false;
      if (!caster.visible(tx, q, wedge.triangle0, wedge.triangle1)) return false;
      // Keller's cone: the diffracted rays keep the incident ray's component along the edge
      cosBeta = -dot(toTx, e) / dist;
      sinBeta = Math.sqrt(Math.max(0, 1 - cosBeta * cosBeta));
      return true;
    };
    /**
     * Shoots the cone ray at (fractional) index `k` from the current point and marks its footprint, made
     * narrower around the cone or along the edge for refining rays; returns how it ended.
     */
    const shoot = (k: number, acrossCone: number, alongEdge: number): number => {
      const phi = (k + 0.5) * angularStep;
      const c = Math.cos(phi) * sinBeta;
      const sn = Math.sin(phi) * sinBeta;
      const dx = e[0] * cosBeta + wedge.face0[0] * c + side[0] * sn;
      const dy = e[1] * cosBeta + wedge.face0[1] * c + side[1] * sn;
      const dz = e[2] * cosBeta + wedge.face0[2] * c + side[2] * sn;
      if (dz === 0) return AWAY;
      const t = (h - q[2]) / dz;
      if (!(t > 0)) return AWAY;
      if (closestHit(bvh, q[0], q[1], q[2], dx, dy, dz, bvh.epsilon, t, hit)) {
        const p = planes.planeOf[hit.triangle];
        return p >= 0 ? p : NO_PLANE;
      }
      // footprint: half the spacing of neighbouring rays there (around the cone, along the edge), with margin
      const radius = 0.6 * (t * angularStep * acrossCone + spacing * alongEdge);
      markFootprint(marks, w, plane, q[0] + dx * t, q[1] + dy * t, dx, dy, dz, radius);
      return REACHED;
    };
    const fine = 1 / (refine + 1);
    for (let s = 0; s < samples; s++) {
      if (litAt(s)) for (let k = 0; k < coneRays; k++) here[k] = shoot(k, 1, 1);
      else here.fill(UNLIT);
      for (let k = 0; k + 1 < coneRays; k++) {
        if (here[k] === here[k + 1] || here[k] === UNLIT) continue;
        for (let i = 1; i <= refine; i++) shoot(k + i * fine, fine, 1);
      }
      if (s > 0) {
        for (let i = 1; i <= refine; i++) {
          let lit: boolean | undefined;
          for (let k = 0; k < coneRays; k++) {
            if (before[k] === here[k]) continue;
            lit ??= litAt(s - 1 + i * fine);
            if (lit) shoot(k, 1, fine);
          }
        }
      }
      [here, before] = [before, here];
    }
    if (onProgress) onProgress(1);
  }
}
