/** E2SM-RC v01.03 (module E2SM-RC-IEs): every named type and constant, from the files that define them. */
export * from "./ies.js";
export * from "./ranparameter.js";
export * from "./trigger.js";
export * from "./indication.js";
export * from "./control.js";
export * from "./ranfunction.js";
