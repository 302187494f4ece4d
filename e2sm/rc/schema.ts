/** E2SM-RC v01.03 (module E2SM-RC-IEs): every named type and constant, from the files that define them. */

export * from "./control.js";
export * from "./ies.js";
export * from "./indication.js";
export * from "./ranfunction.js";
export * from "./ranparameter.js";
export * from "./trigger.js";
