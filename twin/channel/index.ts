/** Channel synthesis from paths: per-element frequency responses (CSI), beam powers, wideband gain. */
export {
  beamPowers,
  type FrequencyResponse,
  frequencyResponse,
  subcarrierOffsets,
  widebandPathGain,
} from "./frequency-response.js";
