/**
 * Electromagnetic coefficients for the path solver: materials (ITU-R P.2040), Fresnel reflection and
 * transmission, UTD wedge diffraction, P.526 knife-edge loss, and the complex and Fresnel-integral helpers
 * they rest on. Time convention exp(+j omega t) throughout; hot-path functions write into a Float64Array.
 */

export { complexAbs2, complexDiv, complexExpJ, complexMul, complexSqrt } from "./complex.js";
export {
  ABSORBING_FACES,
  distanceParameter,
  luebbersFaceReflections,
  PERFECT_CONDUCTOR_FACES,
  reciprocalFaceReflections,
  spreadingFactor,
  transitionFunction,
  wedgeDiffraction,
} from "./diffraction.js";
export { fresnelReflection, fresnelTransmission, slabReflectionTransmission } from "./fresnel.js";
export { fresnelAuxiliary, fresnelIntegrals } from "./fresnel-integrals.js";
export { knifeEdgeLossApproxDb, knifeEdgeLossDb, knifeEdgeNu, knifeEdgeNuFromPoints } from "./knife-edge.js";
export {
  EPSILON_0,
  ITU_MATERIAL_NAMES,
  ITU_MATERIALS,
  type ItuMaterial,
  type ItuMaterialName,
  isItuMaterialName,
  type RadioProperties,
  radioProperties,
  SPEED_OF_LIGHT,
} from "./materials.js";
