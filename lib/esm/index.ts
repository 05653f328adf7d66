export { EsmFormatError } from "./errors";
export {
  readSafetensors, writeSafetensors, parseSafetensorsHeader, safetensorsHeaderLength, DEFAULT_MAX_HEADER_BYTES,
  type SafetensorsFile, type SafetensorsHeader, type TensorInfo, type TensorLayout,
} from "./safetensors";
export { parseEsmWeights, writeEsmSafetensors, type EsmWeights } from "./weights";
export { parseEsmConfig, type EsmConfig, type RawEsmConfig } from "./config";
export { esmModelCard, type ModelCardOptions } from "./model-card";
export { validateEsm, type ValidEsm, type ValidateOptions } from "./validate";
export { loadEsmFolder } from "./folder";
export { canonicalBaseModel, baseModelAliases, baseModelHiddenSize } from "./base-models";
