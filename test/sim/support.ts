/** Small scenes for the lattice and mobility tests: 20 m x 20 m of ground at the origin, 1 m lattice. */
import {
  pushBox,
  pushRectangle,
  type Scene,
  SceneBuilder,
  sceneMaterial,
  TriangleBuffer,
} from "../../twin/scene/index.js";

type Box = readonly [min: readonly [number, number, number], max: readonly [number, number, number]];

/** Ground [0, 20] x [0, 20] at z = 0 and the given boxes (3 m tall unless said otherwise). */
export function groundWith(boxes: readonly Box[]): Scene {
  const b = new SceneBuilder();
  const ground = new TriangleBuffer();
  pushRectangle(ground, [0, 0], [20, 20], 0);
  b.addObject("ground", sceneMaterial("concrete"), ground.toFloat64Array());
  boxes.forEach(([min, max], i) => {
    const t = new TriangleBuffer();
    pushBox(t, min, max, { bottom: false });
    b.addObject(`box-${i}`, sceneMaterial("concrete"), t.toFloat64Array());
  });
  return b.build({ name: "test ground" });
}

/** A wall 1 m thick along x = 9.5 .. 10.5 from y = 2 to 18: it blocks lattice columns 9 and 10, rows 2..18. */
export const WALL: Box = [
  [9.5, 2, 0],
  [10.5, 18, 3],
];

/** A closed 5 m x 5 m building: its outline blocks columns and rows 4 and 9; rows/columns 5..8 inside. */
export const ROOM: Box = [
  [4, 4, 0],
  [9, 9, 3],
];

/** Lattice node index on the 20 x 20 grid. */
export const node = (i: number, j: number): number => j * 20 + i;
