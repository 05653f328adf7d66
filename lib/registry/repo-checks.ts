import { EsmFormatError, parseSafetensorsHeader, safetensorsHeaderLength, validateEsm } from "../esm";
import { checkpointProblems, encoderShapeOf, needsRemoteCode, SUPPORTED_MODEL_TYPES } from "../embed/checkpoint";
import { cardTags, parseCard } from "./card";
import { esmInfoFrom } from "./esm-metadata";
import { RegistryError } from "./errors";

export const ESM_CONFIG = "config.json";
export const ESM_WEIGHTS = "model.safetensors";
export const ESM_TAG = "embedding_space_map";
const TOKENIZER = "tokenizer.json";

/** config.json keys only hfselect's ESMConfig writes: a config with one of them says "I am an ESM". */
const ESM_CONFIG_KEYS = ["base_model_name", "task_id", "esm_architecture", "esm_embedding_dim"];
/** The largest ESM hfselect writes is D = 4096 (64 MB of float32); a bigger file is no ESM, and is not read whole. */
const MAX_ESM_WEIGHT_BYTES = 128 << 20;
/** Headers of real base models are tens of KB; the Hugging Face Hub caps them at 100 MB. */
const MAX_HEADER_BYTES = 16 << 20;

/** A file of the commit's tree: its size, and a reader of its bytes (inclusive start, exclusive end). */
export interface TreeFile {
  size: number;
  read(start?: number, end?: number): Promise<Uint8Array>;
}

export type EsmListing = ReturnType<typeof esmInfoFrom>;

function parseJsonFile(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    throw new RegistryError("InvalidInput", `${path} is not valid JSON (${(err as Error).message.slice(0, 200)}); transformers could not load this repo`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a model repo presents itself as an ESM: by its card's `embedding_space_map` tag or an ESM config. */
export function claimsEsm(config: unknown, cardText: string | null): boolean {
  if (cardText && cardTags(parseCard(cardText).data).includes(ESM_TAG)) return true;
  return isObject(config) && ESM_CONFIG_KEYS.some((k) => k in config);
}

async function safetensorsHeader(file: TreeFile) {
  const n = safetensorsHeaderLength(await file.read(0, 8), file.size, MAX_HEADER_BYTES);
  return parseSafetensorsHeader(await file.read(8, 8 + n), file.size);
}

/**
 * The checks a model repo's tree passes before a commit becomes visible. Any model repo: config.json and
 * tokenizer.json must parse, model.safetensors must be a well-formed file, and for the encoder families the hub
 * runs its tensor shapes must be the ones config.json implies (from the header: two range reads, whatever the size).
 * A repo that claims to be an ESM must be a valid one; its listing facts are returned.
 */
export async function checkModelTree(tree: Map<string, TreeFile>, cardText: string | null, knownBaseModels: Record<string, number>): Promise<EsmListing | null> {
  const configFile = tree.get(ESM_CONFIG);
  const weightsFile = tree.get(ESM_WEIGHTS);
  const tokenizerFile = tree.get(TOKENIZER);
  const configBytes = configFile ? await configFile.read() : null;
  const config = configBytes ? parseJsonFile(configBytes, ESM_CONFIG) : null;
  if (tokenizerFile) parseJsonFile(await tokenizerFile.read(), TOKENIZER);

  if (claimsEsm(config, cardText)) {
    const missing = [!configFile && ESM_CONFIG, !weightsFile && ESM_WEIGHTS].filter(Boolean);
    if (missing.length) throw new RegistryError("InvalidInput", `an ESM repo needs both ${ESM_CONFIG} and ${ESM_WEIGHTS}; missing ${missing.join(" and ")}`);
    if (weightsFile!.size > MAX_ESM_WEIGHT_BYTES) {
      throw new RegistryError("InvalidInput", `invalid ESM: ${ESM_WEIGHTS} has ${weightsFile!.size} bytes, more than any ESM (at most ${MAX_ESM_WEIGHT_BYTES >> 20} MB); if this is a base model, drop the ${ESM_TAG} tag and the ESM keys from config.json`);
    }
    try {
      const valid = validateEsm(configBytes!, await weightsFile!.read(), { knownBaseModels });
      return esmInfoFrom(valid, new TextDecoder().decode(configBytes!), cardText);
    } catch (err) {
      if (err instanceof EsmFormatError) throw new RegistryError("InvalidInput", `invalid ESM: ${err.message}`, err.problems);
      throw err;
    }
  }

  if (weightsFile) {
    let header;
    try {
      header = await safetensorsHeader(weightsFile);
    } catch (err) {
      if (err instanceof EsmFormatError) throw new RegistryError("InvalidInput", `${err.message}; transformers could not load it`, err.problems);
      throw err;
    }
    const modelType = isObject(config) ? config.model_type : undefined;
    if (isObject(config) && !needsRemoteCode(config) && (SUPPORTED_MODEL_TYPES as readonly unknown[]).includes(modelType)) {
      let shape;
      try {
        shape = encoderShapeOf(config);
      } catch {
        // A variant the hub cannot run (relative positions, another activation) may still be a good checkpoint.
        shape = null;
      }
      // Shape contradictions only: a checkpoint without some tensors still loads in transformers (freshly initialised).
      const problems = shape ? checkpointProblems(header.tensors, shape).filter((p) => p.includes("config.json implies [")) : [];
      if (problems.length) {
        throw new RegistryError("InvalidInput", `${ESM_WEIGHTS} disagrees with ${ESM_CONFIG}: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}`, problems);
      }
    }
  }
  return null;
}
