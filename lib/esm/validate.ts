import { baseModelHiddenSize } from "./base-models";
import { parseEsmConfig, type EsmConfig } from "./config";
import { EsmFormatError } from "./errors";
import { parseEsmWeights, type EsmWeights } from "./weights";

export interface ValidEsm {
  config: EsmConfig;
  weights: EsmWeights;
}

export interface ValidateOptions {
  /** Hidden sizes of base models beyond the built-in table (e.g. the demo model), keyed by id. */
  knownBaseModels?: Record<string, number>;
}

function isLegacyVersion(version: string | null): boolean | null {
  if (version === null) return null;
  return version === "0.1.0" || version.startsWith("0.1.");
}

/**
 * Checks that config.json and model.safetensors form one valid linear ESM: each file on its own, then that they
 * agree on D, on the naming generation, and that D fits the base model. All problems are reported together.
 */
export function validateEsm(configBytes: Uint8Array | string, weightBytes: Uint8Array, options: ValidateOptions = {}): ValidEsm {
  const problems: string[] = [];
  let config: EsmConfig | null = null;
  let weights: EsmWeights | null = null;
  try {
    config = parseEsmConfig(configBytes);
  } catch (err) {
    problems.push(...(err instanceof EsmFormatError ? err.problems : [(err as Error).message]));
  }
  try {
    weights = parseEsmWeights(weightBytes);
  } catch (err) {
    problems.push(...(err instanceof EsmFormatError ? err.problems : [(err as Error).message]));
  }
  if (config) {
    // hfselect 0.2.0 builds an ESM from these two keys alone (legacy 0.1.0 ESMs included): without them it raises.
    if (config.raw.esm_architecture == null) problems.push(`config.json: esm_architecture is missing ("linear"); hfselect 0.2.0 cannot build the ESM without it`);
    if (config.embeddingDim === null) problems.push(`config.json: esm_embedding_dim is missing; hfselect 0.2.0 refuses the ESM ("Embedding dimension not provided")`);
  }
  if (config && weights) {
    if (config.architecture !== "linear") problems.push(`config.json: esm_architecture "${config.architecture}" is not supported (only "linear")`);
    if (config.embeddingDim !== null && config.embeddingDim !== weights.dim) {
      problems.push(`config.json says esm_embedding_dim ${config.embeddingDim} but model.safetensors has D = ${weights.dim}`);
    }
    const legacyByVersion = isLegacyVersion(config.version);
    if (legacyByVersion === true && !weights.legacy) {
      problems.push(`config.json says version ${config.version} (legacy sequential.0.* names) but model.safetensors uses model.* names`);
    }
    if (legacyByVersion === false && weights.legacy) {
      problems.push(`config.json says version ${config.version} but model.safetensors uses the legacy v0.1.0 names sequential.0.*`);
    }
    const hidden = baseModelHiddenSize(config.baseModelName, options.knownBaseModels);
    if (hidden !== null && hidden !== weights.dim) {
      problems.push(`base model ${config.baseModelName} has hidden size ${hidden}, but this ESM has D = ${weights.dim}`);
    }
  }
  if (problems.length) throw new EsmFormatError(problems);
  return { config: config!, weights: weights! };
}
