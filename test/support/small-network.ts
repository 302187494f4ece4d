/** A network small enough to check by hand or by finite differences: two grid levels, one site, three geometry features. */
import type { NetworkSpec } from "../../twin/surrogate/network.js";

export const SMALL_NETWORK: NetworkSpec = {
  area: { x0: 0, y0: 0, x1: 40, y1: 30 },
  levelsM: [20, 5],
  features: 2,
  sites: [[10, 10, 20]],
  geometry: 3,
  hidden: [6, 5],
  outputs: 4,
  outputMean: 0,
  outputStd: 1,
};
