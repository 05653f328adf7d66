export { logme, featureSpectrum, assertFiniteFeatures, type LogmeOptions } from "./logme";
export { evidenceFromSpectrum, type EvidenceVariant, type FixedPointOptions, type Spectrum, type SpectrumSource } from "./evidence";
export { buildTargets, MAX_CLASS_ID, type LogmeTask, type Targets } from "./targets";
