import { describe, expect, it } from "vitest";
import { Lattice, sceneLattice, UNREACHABLE } from "../../sim/mobility/lattice.js";
import { SceneBuilder } from "../../twin/scene/index.js";
import { groundWith, node, ROOM, WALL } from "./support.js";

/** The chamfer 10/14 distance of a lattice offset on open ground. */
const chamfer = (di: number, dj: number) => {
  const [a, b] = [Math.abs(di), Math.abs(dj)];
  return 14 * Math.min(a, b) + 10 * (Math.max(a, b) - Math.min(a, b));
};

describe("sceneLattice", () => {
  it("covers the scene's bounds with nodes at cell centres", () => {
    const l = sceneLattice(groundWith([]), 1);
    expect(l.grid).toEqual({ x0: 0, y0: 0, resM: 1, width: 20, height: 20 });
    expect(l.nodes.length).toBe(400);
    expect(l.x(node(3, 7))).toBe(3.5);
    expect(l.y(node(3, 7))).toBe(7.5);
    expect(l.nodeAt(3.9, 7.01)).toBe(node(3, 7));
    expect(l.nodeAt(-0.1, 5)).toBe(-1);
    expect(l.nodeAt(5, 20.5)).toBe(-1);
    const coarse = sceneLattice(groundWith([]), 2);
    expect(coarse.grid).toMatchObject({ width: 10, height: 10, resM: 2 });
    expect(coarse.x(0)).toBe(1);
  });

  it("blocks the nodes under a wall and keeps open ground free", () => {
    const l = sceneLattice(groundWith([WALL]), 1);
    for (let j = 2; j <= 18; j++) {
      expect(l.free[node(9, j)]).toBe(0);
      expect(l.free[node(10, j)]).toBe(0);
      expect(l.free[node(8, j)]).toBe(1);
      expect(l.free[node(11, j)]).toBe(1);
    }
    for (const j of [0, 1, 19]) {
      expect(l.free[node(9, j)]).toBe(1);
      expect(l.free[node(10, j)]).toBe(1);
    }
    expect(l.nodes.length).toBe(400 - 2 * 17);
    for (const k of l.nodes) expect(l.free[k]).toBe(1);
  });

  it("ignores what lies entirely above or below the walking height", () => {
    // a low kerb (0.5 m) and an overhang from 2 m to 3 m do not cross z = 1
    const l = sceneLattice(
      groundWith([
        [
          [3, 3, 0],
          [6, 6, 0.5],
        ],
        [
          [12, 12, 2],
          [15, 15, 3],
        ],
      ]),
      1,
    );
    expect(l.nodes.length).toBe(400);
    // the same kerb at another walking height blocks its outline
    const low = sceneLattice(
      groundWith([
        [
          [3, 3, 0],
          [6, 6, 0.5],
        ],
      ]),
      1,
      0.25,
    );
    expect(low.free[node(3, 4)]).toBe(0);
    expect(low.free[node(2, 4)]).toBe(1);
  });

  it("drops a closed room's interior: only the largest connected part remains", () => {
    const l = sceneLattice(groundWith([ROOM]), 1);
    for (let j = 4; j <= 9; j++) for (let i = 4; i <= 9; i++) expect(l.free[node(i, j)]).toBe(0);
    // 400 nodes less the 6 x 6 block (outline 20, interior 16)
    expect(l.nodes.length).toBe(400 - 36);
    expect(l.free[node(3, 6)]).toBe(1);
    expect(l.free[node(10, 6)]).toBe(1);
  });

  it("refuses an empty scene and a lattice without free ground", () => {
    expect(() => sceneLattice(new SceneBuilder().build({ name: "empty" }), 1)).toThrow(/the scene is empty/);
    expect(() => new Lattice({ x0: 0, y0: 0, resM: 1, width: 3, height: 3 }, new Uint8Array(9))).toThrow(
      /no free ground/,
    );
  });
});

describe("Lattice.forNeighbours", () => {
  it("steps to the 8 neighbours with lengths 10 and 14, none off the grid", () => {
    const l = sceneLattice(groundWith([]), 1);
    const seen: [number, number][] = [];
    l.forNeighbours(node(5, 5), (n, t) => seen.push([n, t]));
    expect(seen.length).toBe(8);
    for (const [n, t] of seen) {
      const [di, dj] = [(n % 20) - 5, Math.floor(n / 20) - 5];
      expect(t).toBe(di !== 0 && dj !== 0 ? 14 : 10);
    }
    const corner: number[] = [];
    l.forNeighbours(node(0, 0), (n) => corner.push(n));
    expect(corner.sort((a, b) => a - b)).toEqual([node(1, 0), node(0, 1), node(1, 1)]);
  });

  it("does not cut the corner of a blocked node", () => {
    const l = sceneLattice(groundWith([WALL]), 1);
    const from8 = new Set<number>();
    l.forNeighbours(node(8, 1), (n) => from8.add(n));
    // (9, 2) is blocked: no diagonal from (8, 1) to (9, 2), nor from (8, 2) to (9, 1)
    expect(from8.has(node(9, 2))).toBe(false);
    expect(from8.has(node(9, 1))).toBe(true);
    expect(from8.has(node(9, 0))).toBe(true);
    const from82 = new Set<number>();
    l.forNeighbours(node(8, 2), (n) => from82.add(n));
    expect(from82.has(node(9, 1))).toBe(false);
    expect(from82.has(node(8, 1))).toBe(true);
  });
});

describe("Lattice.distanceField", () => {
  it("is the chamfer distance on open ground: 0 at the target, 10 a straight step, 14 a diagonal one", () => {
    const l = sceneLattice(groundWith([]), 1);
    const target = node(5, 7);
    const d = l.distanceField(target);
    expect(d[target]).toBe(0);
    expect(d[node(6, 7)]).toBe(10);
    expect(d[node(6, 8)]).toBe(14);
    expect(d[node(5, 4)]).toBe(30);
    expect(d[node(8, 10)]).toBe(42);
    for (let j = 0; j < 20; j++) for (let i = 0; i < 20; i++) expect(d[node(i, j)]).toBe(chamfer(i - 5, j - 7));
  });

  it("routes around a wall", () => {
    const l = sceneLattice(groundWith([WALL]), 1);
    const d = l.distanceField(node(3, 10));
    // straight across would be 130; around the wall's end: (3,10) -> (8,1) 110, three steps along row 1
    // to (11,1), then (11,1) -> (16,10) 110
    expect(d[node(16, 10)]).toBe(250);
    expect(d[node(16, 10)]).toBeGreaterThan(chamfer(13, 0));
    // the wall's own nodes are unreachable, open nodes on the near side are as on open ground
    expect(d[node(9, 10)]).toBe(UNREACHABLE);
    expect(d[node(8, 12)]).toBe(chamfer(5, 2));
    // symmetric: the distance field from the other end agrees
    expect(l.distanceField(node(16, 10))[node(3, 10)]).toBe(250);
  });

  it("leaves a room's interior unreachable and refuses a target off the lattice", () => {
    const l = sceneLattice(groundWith([ROOM]), 1);
    const d = l.distanceField(node(0, 0));
    expect(d[node(6, 6)]).toBe(UNREACHABLE);
    expect(d[node(19, 0)]).toBe(chamfer(19, 0));
    // the room stands on the diagonal: around it is longer than across
    expect(d[node(19, 19)]).toBeGreaterThan(chamfer(19, 19));
    let reachable = 0;
    for (const v of d) if (v !== UNREACHABLE) reachable++;
    expect(reachable).toBe(l.nodes.length);
    expect(() => l.distanceField(node(6, 6))).toThrow(/not on the lattice/);
  });

  it("agrees with a plain Dijkstra on a cluttered scene", () => {
    const l = sceneLattice(
      groundWith([
        WALL,
        ROOM,
        [
          [13, 4, 0],
          [14, 15, 3],
        ],
        [
          [2.2, 14.2, 0],
          [2.8, 14.8, 3],
        ],
      ]),
      1,
    );
    const target = l.nodes[Math.floor(l.nodes.length / 2)];
    const d = l.distanceField(target);
    const ref = new Float64Array(400).fill(Number.POSITIVE_INFINITY);
    const done = new Uint8Array(400);
    ref[target] = 0;
    for (;;) {
      let k = -1;
      for (let n = 0; n < 400; n++)
        if (!done[n] && ref[n] < Number.POSITIVE_INFINITY && (k < 0 || ref[n] < ref[k])) k = n;
      if (k < 0) break;
      done[k] = 1;
      l.forNeighbours(k, (n, t) => {
        if (ref[k] + t < ref[n]) ref[n] = ref[k] + t;
      });
    }
    for (let n = 0; n < 400; n++) expect(d[n]).toBe(ref[n] === Number.POSITIVE_INFINITY ? UNREACHABLE : ref[n]);
  });
});

describe("Lattice.withClearance", () => {
  it("removes the nodes within the clearance of a wall and keeps the rest", () => {
    const walk = sceneLattice(groundWith([WALL]), 1);
    const roads = walk.withClearance(1);
    expect(roads.grid).toBe(walk.grid);
    for (let j = 1; j <= 19; j++) {
      expect(roads.free[node(8, j)]).toBe(0);
      expect(roads.free[node(11, j)]).toBe(0);
      expect(roads.free[node(7, j)]).toBe(1);
      expect(roads.free[node(12, j)]).toBe(1);
    }
    // row 0 is more than 1 m from the wall's end (row 2)
    for (let i = 0; i < 20; i++) expect(roads.free[node(i, 0)]).toBe(1);
    // no free node within the clearance (Chebyshev, in steps) of a node that is not free on foot
    for (const k of roads.nodes) {
      const [i, j] = [k % 20, Math.floor(k / 20)];
      for (let b = Math.max(0, j - 1); b <= Math.min(19, j + 1); b++)
        for (let a = Math.max(0, i - 1); a <= Math.min(19, i + 1); a++) expect(walk.free[node(a, b)]).toBe(1);
    }
    expect(roads.nodes.length).toBe(400 - 4 * 19);
  });

  it("rounds the clearance up to whole steps and changes nothing at clearance 0", () => {
    const walk = sceneLattice(groundWith([WALL]), 1);
    expect(Array.from(walk.withClearance(0).free)).toEqual(Array.from(walk.free));
    const r = walk.withClearance(1.2); // two steps
    expect(r.free[node(7, 10)]).toBe(0);
    expect(r.free[node(6, 10)]).toBe(1);
  });

  it("keeps only the largest part when the clearance cuts the ground in two", () => {
    // two steps around the wall (rows 2..18) reach rows 0..19: columns 7..12 go, leaving two halves of
    // 7 x 20 nodes; one of them is kept
    const walk = sceneLattice(groundWith([WALL]), 1);
    const r = walk.withClearance(2);
    const left = Array.from(r.nodes).filter((k) => k % 20 < 9).length;
    const right = Array.from(r.nodes).filter((k) => k % 20 > 10).length;
    expect(left === 0 || right === 0).toBe(true);
    expect(r.nodes.length).toBe(7 * 20);
  });
});

describe("Lattice.nearestFree", () => {
  const l = sceneLattice(groundWith([WALL, ROOM]), 1);

  it("returns the node itself on free ground", () => {
    expect(l.nearestFree(3.4, 15.6)).toBe(node(3, 15));
  });

  it("finds the closest free node from a blocked or enclosed point", () => {
    expect(l.nearestFree(9.5, 10.5)).toBe(node(8, 10));
    expect(l.nearestFree(10.5, 10.5)).toBe(node(11, 10));
    // inside the room (columns/rows 4..9 blocked): three steps out
    const k = l.nearestFree(6.5, 6.5);
    expect(l.free[k]).toBe(1);
    expect(Math.max(Math.abs((k % 20) - 6), Math.abs(Math.floor(k / 20) - 6))).toBe(3);
  });

  it("finds the edge of the lattice from outside it, and gives up beyond maxSteps", () => {
    expect(l.nearestFree(-2.5, 0.5)).toBe(node(0, 0));
    expect(l.nearestFree(25.5, 5.5)).toBe(node(19, 5));
    expect(l.nearestFree(500, 500)).toBe(-1);
    expect(l.nearestFree(25.5, 5.5, 3)).toBe(-1);
  });
});
