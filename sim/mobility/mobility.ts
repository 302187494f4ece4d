/**
 * UE movement on the lattices, one state per UE in flat arrays: static UEs; random routes between
 * landmarks (pedestrians on the walking lattice, vehicles on the road lattice); crowds that head for a
 * hotspot at their own time and then mill around in it; and routes through waypoints (AGVs). Every
 * route follows a distance field downhill, so it is a shortest path and costs nothing per step.
 */
import { Rng } from "../random.js";
import type { UeGroup } from "../scenario/resolve.js";
import { type Lattice, UNREACHABLE } from "./lattice.js";

/** Landmarks per lattice that random routes run between. */
const LANDMARKS = 32;

enum Kind {
  Static = 0,
  Routes = 1,
  Hotspot = 2,
  Waypoints = 3,
}

enum Phase {
  Roaming = 0,
  Heading = 1,
  Milling = 2,
  Arrived = 3,
}

/** Distance fields by target, computed on first use. */
class Fields {
  private readonly byTarget = new Map<number, Uint32Array>();
  constructor(readonly lattice: Lattice) {}

  of(target: number): Uint32Array {
    let f = this.byTarget.get(target);
    if (!f) this.byTarget.set(target, (f = this.lattice.distanceField(target)));
    return f;
  }
}

export interface MobilityInput {
  readonly groups: readonly UeGroup[];
  readonly walk: Lattice;
  /** Roads for vehicles, by clearance (m). */
  readonly roads: (clearanceM: number) => Lattice;
  readonly seed: number;
}

export class Mobility {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly speedMps: Float32Array;
  /** The group of each UE. */
  readonly group: Uint16Array;
  private readonly kind: Uint8Array;
  private readonly phase: Uint8Array;
  /** The node each UE walks towards, and the target its route leads to. */
  private readonly next: Int32Array;
  private readonly target: Int32Array;
  /** Hotspot: when the UE sets off for it (s). Waypoints: the index of the waypoint ahead. */
  private readonly param: Float64Array;
  private readonly latticeOf: Fields[];
  private readonly landmarks: Int32Array[];
  private readonly rng: Rng;
  private readonly groups: readonly UeGroup[];
  /** Per group: hotspot target node / waypoint nodes. */
  private readonly goals: Int32Array[];

  constructor(input: MobilityInput) {
    const { groups } = input;
    this.groups = groups;
    this.rng = new Rng(input.seed, "mobility");
    this.count = groups.reduce((n, g) => n + g.count, 0);
    const n = this.count;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.speedMps = new Float32Array(n);
    this.group = new Uint16Array(n);
    this.kind = new Uint8Array(n);
    this.phase = new Uint8Array(n);
    this.next = new Int32Array(n).fill(-1);
    this.target = new Int32Array(n).fill(-1);
    this.param = new Float64Array(n);
    const lattices = new Map<Lattice, Fields>();
    const fieldsOf = (l: Lattice) => {
      let f = lattices.get(l);
      if (!f) lattices.set(l, (f = new Fields(l)));
      return f;
    };
    this.latticeOf = groups.map((g) =>
      fieldsOf(g.mobility.model === "vehicles" ? input.roads(g.mobility.clearanceM ?? 4) : input.walk),
    );
    this.landmarks = this.latticeOf.map((f, gi) => {
      const r = new Rng(input.seed, `landmarks/${gi}`);
      return Int32Array.from({ length: LANDMARKS }, () => r.pick(f.lattice.nodes));
    });
    this.goals = groups.map((g, gi) => {
      const lattice = this.latticeOf[gi].lattice;
      const nodeNear = (p: readonly number[], what: string) => {
        const k = lattice.nearestFree(p[0], p[1]);
        if (k < 0) throw new RangeError(`UE group '${g.name}': ${what} (${p[0]}, ${p[1]}) is not near free ground`);
        return k;
      };
      if (g.mobility.model === "hotspot") return Int32Array.of(nodeNear(g.mobility.centre, "the hotspot centre"));
      if (g.mobility.model === "waypoints")
        return Int32Array.from(g.mobility.waypoints, (p, i) => nodeNear(p, `waypoint ${i}`));
      return new Int32Array(0);
    });
    let u = 0;
    groups.forEach((g, gi) => {
      const lattice = this.latticeOf[gi].lattice;
      const starts = startNodes(lattice, g.area, g.name);
      const r = new Rng(input.seed, `start/${gi}`);
      for (let k = 0; k < g.count; k++, u++) {
        this.group[u] = gi;
        this.speedMps[u] = r.uniform(g.speedMps[0], g.speedMps[1]);
        const m = g.mobility;
        let node: number;
        if (m.model === "waypoints") {
          // AGVs spread along their route: each starts at a waypoint, heading for the one after
          const w = k % this.goals[gi].length;
          node = this.goals[gi][w];
          this.param[u] = (w + 1) % this.goals[gi].length;
          this.kind[u] = Kind.Waypoints;
          this.target[u] = this.goals[gi][this.param[u]];
        } else {
          node = starts[r.int(0, starts.length - 1)];
          this.kind[u] = m.model === "static" ? Kind.Static : m.model === "hotspot" ? Kind.Hotspot : Kind.Routes;
          if (m.model === "hotspot") this.param[u] = (m.startS ?? 0) + r.uniform(0, m.gatherS ?? 120);
          if (this.kind[u] !== Kind.Static) this.target[u] = this.landmarks[gi][r.int(0, LANDMARKS - 1)];
        }
        this.x[u] = lattice.x(node);
        this.y[u] = lattice.y(node);
        this.next[u] = node;
      }
    });
  }

  /** Moves every UE by `dtS` seconds; `timeS` is the time at the end of the step. */
  step(timeS: number, dtS: number): void {
    for (let u = 0; u < this.count; u++) {
      if (this.kind[u] === Kind.Static || this.phase[u] === Phase.Arrived) continue;
      if (this.kind[u] === Kind.Hotspot && this.phase[u] === Phase.Roaming && timeS >= this.param[u]) {
        this.phase[u] = Phase.Heading;
        this.target[u] = this.goals[this.group[u]][0];
      }
      let budget = this.speedMps[u] * dtS;
      const lattice = this.latticeOf[this.group[u]].lattice;
      // walk node to node until the step's distance is spent
      for (let hops = 0; budget > 0 && hops < 64; hops++) {
        const nx = lattice.x(this.next[u]);
        const ny = lattice.y(this.next[u]);
        const d = Math.hypot(nx - this.x[u], ny - this.y[u]);
        if (d > budget) {
          this.x[u] += ((nx - this.x[u]) * budget) / d;
          this.y[u] += ((ny - this.y[u]) * budget) / d;
          break;
        }
        this.x[u] = nx;
        this.y[u] = ny;
        budget -= d;
        this.next[u] = this.chooseNext(u, this.next[u]);
        if (this.phase[u] === Phase.Arrived) break;
      }
    }
  }

  /** At node `k`: the node to walk to next. */
  private chooseNext(u: number, k: number): number {
    const g = this.group[u];
    const lattice = this.latticeOf[g].lattice;
    if (this.phase[u] === Phase.Milling) return this.mill(u, k);
    if (k === this.target[u]) {
      switch (this.kind[u]) {
        case Kind.Hotspot:
          if (this.phase[u] === Phase.Heading) {
            this.phase[u] = Phase.Milling;
            return this.mill(u, k);
          }
          this.target[u] = this.landmarks[g][this.rng.int(0, LANDMARKS - 1)];
          break;
        case Kind.Waypoints: {
          const m = this.groups[g].mobility as { loop?: boolean };
          const goals = this.goals[g];
          const nextIndex = this.param[u] + 1;
          if (nextIndex >= goals.length && m.loop === false) {
            this.phase[u] = Phase.Arrived;
            return k;
          }
          this.param[u] = nextIndex % goals.length;
          this.target[u] = goals[this.param[u]];
          break;
        }
        default:
          this.target[u] = this.landmarks[g][this.rng.int(0, LANDMARKS - 1)];
      }
      if (k === this.target[u]) return k;
    }
    const field = this.latticeOf[g].of(this.target[u]);
    let best = k;
    let bestD = field[k];
    lattice.forNeighbours(k, (n) => {
      if (field[n] < bestD) {
        bestD = field[n];
        best = n;
      }
    });
    // a target the UE cannot reach (another part of the lattice): pick another
    if (best === k && field[k] === UNREACHABLE) this.target[u] = this.landmarks[g][this.rng.int(0, LANDMARKS - 1)];
    return best;
  }

  /** In the hotspot: a random neighbour within the radius (or back towards the centre). */
  private mill(u: number, k: number): number {
    const g = this.group[u];
    const m = this.groups[g].mobility as { centre: [number, number]; radiusM: number };
    const lattice = this.latticeOf[g].lattice;
    const inside: number[] = [];
    lattice.forNeighbours(k, (n) => {
      if (Math.hypot(lattice.x(n) - m.centre[0], lattice.y(n) - m.centre[1]) <= m.radiusM) inside.push(n);
    });
    if (inside.length === 0) {
      this.phase[u] = Phase.Heading;
      this.target[u] = this.goals[g][0];
      return this.chooseNext(u, k);
    }
    return inside[this.rng.int(0, inside.length - 1)];
  }
}

/** Free nodes inside the group's start area (all of them without one). */
function startNodes(lattice: Lattice, area: UeGroup["area"], name: string): Int32Array {
  if (!area) return lattice.nodes;
  const inside = lattice.nodes.filter((k) => {
    const x = lattice.x(k);
    const y = lattice.y(k);
    return x >= area[0] && x <= area[2] && y >= area[1] && y <= area[3];
  });
  if (inside.length === 0) throw new RangeError(`UE group '${name}': its area holds no free ground`);
  return inside;
}
