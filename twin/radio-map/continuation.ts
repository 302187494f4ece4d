/**
 * Continuations of specular regions. Where a reflection point walks off its plane's surface onto
 * another surface nearly parallel to it (the next building's facade along a street, a facade made of
 * several planes), the reflection goes on there: the same sequence with that one plane swapped. Rays
 * find such a sequence only when one lands in its region, often a thin one; evaluation sees the edge
 * where the first region ends and proposes the continuation there, seeded in that cell.
 */
import { BLOCKED, traceSpecular } from "../paths/image-method.js";
import { planeDistance } from "../paths/planes.js";
import type { TracingScene } from "../paths/tracing-scene.js";
import type { Vec3 } from "../paths/vec.js";
import { CellMarks } from "./marks.js";

/** How far either side of the plane to look for the surface under a point that left it, metres. */
export const CONTINUATION_SEARCH_M = 1;
/** The surface found continues the reflection when its normal is within this angle of the plane's. */
export const CONTINUATION_MAX_TURN_DEG = 30;

export class Continuations {
  private readonly codes = new Map<string, number>();
  private readonly sequences: number[][] = [];
  private readonly marks = new CellMarks();
  private readonly minCos = Math.cos((CONTINUATION_MAX_TURN_DEG * Math.PI) / 180);
  private readonly swapped: number[] = [];

  /** `known`: sequences not to propose (those being evaluated already), as `seq.join(",")`. */
  constructor(
    private readonly ts: TracingScene,
    private readonly tx: Vec3,
    private readonly known: ReadonlySet<string>,
  ) {}

  /**
   * `sequence`'s reflection point `index` (`point`, reached from `from`) is off its plane's surface for
   * the receiver `rx` of grid cell `cell`: propose the sequence continuing on the surface found there,
   * if its geometry holds.
   */
  propose(sequence: readonly number[], index: number, point: Vec3, from: Vec3, rx: Vec3, cell: number): void {
    const { planes, caster } = this.ts;
    const id = sequence[index];
    const side = planeDistance(planes, id, from) > 0 ? 1 : -1;
    const nx = planes.normals[id * 3] * side;
    const ny = planes.normals[id * 3 + 1] * side;
    const nz = planes.normals[id * 3 + 2] * side;
    const h = CONTINUATION_SEARCH_M;
    // the first surface met coming from the arrival side, along the normal through the point
    const hit = caster.firstHit([point[0] + nx * h, point[1] + ny * h, point[2] + nz * h], [-nx, -ny, -nz], 2 * h);
    if (!hit) return;
    const next = planes.planeOf[hit.triangle];
    if (next < 0 || next === id || next === sequence[index - 1] || next === sequence[index + 1]) return;
    const cos = Math.abs(
      planes.normals[next * 3] * nx + planes.normals[next * 3 + 1] * ny + planes.normals[next * 3 + 2] * nz,
    );
    if (cos < this.minCos) return;
    const swapped = this.swapped;
    swapped.length = 0;
    for (let i = 0; i < sequence.length; i++) swapped.push(i === index ? next : sequence[i]);
    const key = swapped.join(",");
    if (this.known.has(key)) return;
    // (a seed only where the swapped path's geometry holds: evaluation grows regions from there)
    if (traceSpecular(planes, swapped, this.tx, rx, caster, true) !== BLOCKED) return;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.sequences.length;
      this.codes.set(key, code);
      this.sequences.push([...swapped]);
    }
    this.marks.mark(code, cell);
  }

  /** The proposed sequences and their seed cells, as discovery gives them. */
  finish(): { sequences: number[][]; specularKeys: Float64Array } {
    return { sequences: this.sequences, specularKeys: this.marks.finish() };
  }
}
