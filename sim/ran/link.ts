/**
 * Link adaptation: SINR to CQI (the 4-bit CQI tables of TS 38.214 5.2.2.1, at the 10 % BLER target),
 * CQI to spectral efficiency, and rank, to bits per second on a share of the carrier.
 */

/** Spectral efficiency (bit/s/Hz) of CQI 1..15, TS 38.214 Table 5.2.2.1-2 (up to 64QAM). */
const SE_TABLE_1 = [
  0.1523, 0.2344, 0.377, 0.6016, 0.877, 1.1758, 1.4766, 1.9141, 2.4063, 2.7305, 3.3223, 3.9023, 4.5234, 5.1152, 5.5547,
];
/** Table 5.2.2.1-3 (up to 256QAM). */
const SE_TABLE_2 = [
  0.1523, 0.377, 0.877, 1.4766, 1.9141, 2.4063, 2.7305, 3.3223, 3.9023, 4.5234, 5.1152, 5.5547, 6.2266, 6.9141, 7.4063,
];
/**
 * SINR (dB) at which CQI 1..15 of table 1 meets 10 % BLER: the usual AWGN link-level thresholds. The
 * SINR an efficiency needs is interpolated between them, and extrapolated above 64QAM at 4 dB per
 * bit/s/Hz (Shannon's 3 dB per bit with the same implementation loss), which places table 2's entries.
 */
const SINR_TABLE_1 = [-6.7, -4.7, -2.3, 0.2, 2.4, 4.3, 5.9, 8.1, 10.3, 11.7, 14.1, 16.3, 18.7, 21.0, 22.7];

function sinrForEfficiency(se: number): number {
  const last = SE_TABLE_1.length - 1;
  if (se >= SE_TABLE_1[last]) return SINR_TABLE_1[last] + 4 * (se - SE_TABLE_1[last]);
  for (let i = 1; i <= last; i++) {
    if (se <= SE_TABLE_1[i]) {
      const f = (se - SE_TABLE_1[i - 1]) / (SE_TABLE_1[i] - SE_TABLE_1[i - 1]);
      return SINR_TABLE_1[i - 1] + f * (SINR_TABLE_1[i] - SINR_TABLE_1[i - 1]);
    }
  }
  return SINR_TABLE_1[0];
}

export class CqiTable {
  /** SINR thresholds (dB) and efficiencies of CQI 1..15. */
  readonly thresholdsDb: Float64Array;
  readonly efficiency: Float64Array;

  constructor(readonly table: 1 | 2) {
    const se = table === 1 ? SE_TABLE_1 : SE_TABLE_2;
    this.efficiency = Float64Array.from(se);
    this.thresholdsDb = Float64Array.from(se, sinrForEfficiency);
  }

  /** CQI 0..15 for a SINR (0: out of range, nothing decodes). */
  cqi(sinrDb: number): number {
    const t = this.thresholdsDb;
    let c = 0;
    while (c < 15 && sinrDb >= t[c]) c++;
    return c;
  }

  /** bit/s/Hz of a CQI (0 for CQI 0). */
  efficiencyOf(cqi: number): number {
    return cqi === 0 ? 0 : this.efficiency[cqi - 1];
  }
}

export interface LinkChoice {
  layers: number;
  cqi: number;
  /** bit/s/Hz over all layers. */
  efficiency: number;
}

/**
 * Rank and CQI for a SINR: the number of layers (up to `maxLayers`) that carries the most, each
 * layer getting an equal split of the power (-10 log10(layers) dB). Without the channel's own rank
 * (CSI gives that) this assumes a channel rich enough for every layer: optimistic in line of sight.
 */
export function chooseLink(table: CqiTable, sinrDb: number, maxLayers: number, out: LinkChoice): LinkChoice {
  out.layers = 1;
  out.cqi = table.cqi(sinrDb);
  out.efficiency = table.efficiencyOf(out.cqi);
  for (let l = 2; l <= maxLayers; l++) {
    const cqi = table.cqi(sinrDb - 10 * Math.log10(l));
    const eff = l * table.efficiencyOf(cqi);
    if (eff > out.efficiency) {
      out.layers = l;
      out.cqi = cqi;
      out.efficiency = eff;
    }
  }
  return out;
}

/** TS 38.306 4.1.2 overheads of the data channel: DL / UL, FR1 / FR2. */
export function overhead(downlink: boolean, frequencyHz: number): number {
  const fr2 = frequencyHz > 7.125e9;
  return downlink ? (fr2 ? 0.18 : 0.14) : fr2 ? 0.1 : 0.08;
}

/** Data resource elements per second of a whole carrier (14 symbols a slot, 2^mu ms slots). */
export function resourceElementsPerSecond(prbs: number, numerology: number): number {
  return prbs * 12 * 14 * 1000 * 2 ** numerology;
}
