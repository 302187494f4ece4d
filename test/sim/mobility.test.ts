import { describe, expect, it } from "vitest";
import { type Lattice, sceneLattice } from "../../sim/mobility/lattice.js";
import { Mobility } from "../../sim/mobility/mobility.js";
import type { UeGroup } from "../../sim/scenario/resolve.js";
import type { MobilitySpec, XY } from "../../sim/scenario/schema.js";
import { groundWith, ROOM, WALL } from "./support.js";

const walk = sceneLattice(groundWith([WALL, ROOM]), 1);
const roadsByClearance = new Map<number, Lattice>();
const roads = (c: number) => {
  let r = roadsByClearance.get(c);
  if (!r) roadsByClearance.set(c, (r = walk.withClearance(c)));
  return r;
};

function group(name: string, count: number, mobility: MobilitySpec, speedMps: XY = [1, 1.8]): UeGroup {
  return { name, count, speedMps, area: undefined, mobility, traffic: { model: "full-buffer" } };
}

const MIXED: UeGroup[] = [
  group("walkers", 20, { model: "random-routes" }),
  group("still", 5, { model: "static" }, [1, 2]),
  group("cars", 6, { model: "vehicles", clearanceM: 1 }, [4, 6]),
  group("fans", 10, { model: "hotspot", centre: [15, 15], radiusM: 3, startS: 2, gatherS: 3 }),
];

const mobility = (groups: UeGroup[], seed = 1) => new Mobility({ groups, walk, roads, seed });

/** Runs `steps` steps of `dt` seconds, calling `check` after each with the positions before it. */
function run(m: Mobility, steps: number, dt: number, check?: (px: Float64Array, py: Float64Array, t: number) => void) {
  for (let s = 1; s <= steps; s++) {
    const px = Float64Array.from(m.x);
    const py = Float64Array.from(m.y);
    m.step(s * dt, dt);
    check?.(px, py, s * dt);
  }
}

describe("Mobility", () => {
  it("puts the groups' UEs in order, each with a speed from its group's range", () => {
    const m = mobility(MIXED);
    expect(m.count).toBe(41);
    expect(Array.from(m.group.subarray(0, 20)).every((g) => g === 0)).toBe(true);
    expect(Array.from(m.group.subarray(20, 25)).every((g) => g === 1)).toBe(true);
    expect(m.group[40]).toBe(3);
    for (let u = 0; u < m.count; u++) {
      const [lo, hi] = MIXED[m.group[u]].speedMps;
      expect(m.speedMps[u]).toBeGreaterThanOrEqual(Math.fround(lo));
      expect(m.speedMps[u]).toBeLessThanOrEqual(Math.fround(hi));
    }
  });

  it("is deterministic for a seed and differs for another", () => {
    const a = mobility(MIXED, 7);
    const b = mobility(MIXED, 7);
    const c = mobility(MIXED, 8);
    run(a, 100, 0.1);
    run(b, 100, 0.1);
    run(c, 100, 0.1);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it("keeps every UE on free ground of its lattice (roads for vehicles)", () => {
    const m = mobility(MIXED, 3);
    const latticeOf = (u: number) => (MIXED[m.group[u]].mobility.model === "vehicles" ? roads(1) : walk);
    const onFree = () => {
      for (let u = 0; u < m.count; u++) {
        const l = latticeOf(u);
        const k = l.nodeAt(m.x[u], m.y[u]);
        if (k < 0 || !l.free[k]) throw new Error(`UE ${u} at (${m.x[u]}, ${m.y[u]}) is off its lattice`);
      }
    };
    onFree();
    run(m, 400, 0.1, onFree);
  });

  it("never moves a UE further in a step than its speed allows, and the movers do move", () => {
    const m = mobility(MIXED, 4);
    const start = { x: Float64Array.from(m.x), y: Float64Array.from(m.y) };
    const travelled = new Float64Array(m.count);
    run(m, 300, 0.1, (px, py) => {
      for (let u = 0; u < m.count; u++) {
        const d = Math.hypot(m.x[u] - px[u], m.y[u] - py[u]);
        expect(d).toBeLessThanOrEqual(m.speedMps[u] * 0.1 + 1e-9);
        travelled[u] += d;
      }
    });
    for (let u = 0; u < m.count; u++) {
      if (MIXED[m.group[u]].mobility.model === "static") {
        expect(m.x[u]).toBe(start.x[u]);
        expect(m.y[u]).toBe(start.y[u]);
        expect(travelled[u]).toBe(0);
      } else {
        // 30 s of walking or driving: well over half the path length shows as displacement
        expect(travelled[u]).toBeGreaterThan(0.5 * m.speedMps[u] * 30);
      }
    }
  });

  it("starts a group inside its area", () => {
    const g: UeGroup = { ...group("boxed", 30, { model: "random-routes" }), area: [14, 0, 20, 6] };
    const m = mobility([g]);
    for (let u = 0; u < m.count; u++) {
      expect(m.x[u]).toBeGreaterThanOrEqual(14);
      expect(m.x[u]).toBeLessThanOrEqual(20);
      expect(m.y[u]).toBeLessThanOrEqual(6);
    }
    const inRoom: UeGroup = { ...group("trapped", 1, { model: "static" }), area: [5, 5, 8.9, 8.9] };
    expect(() => mobility([inRoom])).toThrow(/UE group 'trapped': its area holds no free ground/);
  });

  it("gathers a hotspot crowd inside the radius after its start, and keeps it there", () => {
    const fans = group(
      "fans",
      20,
      { model: "hotspot", centre: [15, 15], radiusM: 3, startS: 5, gatherS: 2 },
      [1.5, 1.5],
    );
    const m = mobility([fans], 5);
    const inside = () => Array.from({ length: m.count }, (_, u) => Math.hypot(m.x[u] - 15, m.y[u] - 15) <= 3 + 1e-9);
    run(m, 40, 0.1); // 4 s: not set off yet
    expect(inside().filter(Boolean).length).toBeLessThan(20);
    // from anywhere to the centre is under 40 m: 27 s at 1.5 m/s
    run(m, 400, 0.1);
    expect(inside().every(Boolean)).toBe(true);
    run(m, 100, 0.1, () => expect(inside().every(Boolean)).toBe(true));
  });

  it("takes a waypoints UE through its waypoints in order, around obstacles, and stops at the end without a loop", () => {
    const waypoints: XY[] = [
      [2.5, 2.5],
      [17.5, 2.5],
      [17.5, 17.5],
      [2.5, 17.5],
    ];
    const m = mobility([group("agv", 1, { model: "waypoints", waypoints, loop: false }, [2, 2])]);
    const visits: number[] = [];
    const note = () => {
      const w = waypoints.findIndex(([x, y]) => Math.hypot(m.x[0] - x, m.y[0] - y) < 0.21);
      if (w >= 0 && visits[visits.length - 1] !== w) visits.push(w);
    };
    note();
    run(m, 600, 0.1, note);
    expect(visits).toEqual([0, 1, 2, 3]);
    // it stays at the last one
    expect(m.x[0]).toBe(2.5);
    expect(m.y[0]).toBe(17.5);
    run(m, 20, 0.1, (px, py) => {
      expect(m.x[0]).toBe(px[0]);
      expect(m.y[0]).toBe(py[0]);
    });
  });

  it("loops through the waypoints unless told not to", () => {
    const waypoints: XY[] = [
      [2.5, 2.5],
      [17.5, 2.5],
      [17.5, 17.5],
    ];
    const m = mobility([group("agv", 3, { model: "waypoints", waypoints }, [3, 3])]);
    // the UEs start spread over the waypoints, each heading for the next
    expect([0, 1, 2].map((u) => [m.x[u], m.y[u]])).toEqual(waypoints);
    const visits: number[][] = [[], [], []];
    const note = () => {
      for (let u = 0; u < 3; u++) {
        const w = waypoints.findIndex(([x, y]) => Math.hypot(m.x[u] - x, m.y[u] - y) < 0.31);
        if (w >= 0 && visits[u][visits[u].length - 1] !== w) visits[u].push(w);
      }
    };
    note();
    run(m, 600, 0.1, note);
    for (let u = 0; u < 3; u++) {
      expect(visits[u].length).toBeGreaterThanOrEqual(5);
      visits[u].forEach((w, i) => expect(w).toBe((u + i) % 3));
    }
  });

  it("refuses a waypoint far from any free ground", () => {
    const far = group("lost", 1, {
      model: "waypoints",
      waypoints: [
        [5, 15],
        [500, 500],
      ],
    });
    expect(() => mobility([far])).toThrow(/UE group 'lost': waypoint 1 \(500, 500\) is not near free ground/);
  });
});
