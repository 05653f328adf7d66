import { z } from "zod";
import { EsmFormatError } from "./errors";

const optionalString = z.string().nullish();
const optionalNumber = z.number().finite().nullish();

/**
 * config.json as the Python reference writes it (hfselect ESMConfig). Unknown keys are kept, not rejected:
 * a locally saved config carries ~40 generic transformers keys.
 */
const rawConfigSchema = z.looseObject({
  base_model_name: z.string({ error: "base_model_name is required" }).trim().min(1, "base_model_name must not be empty"),
  task_id: z.string({ error: "task_id is required" }).trim().min(1, "task_id must not be empty"),
  task_subset: optionalString,
  text_column: z.union([z.string(), z.array(z.string())]).nullish(),
  label_column: optionalString,
  task_split: optionalString,
  num_examples: z.number().int().nonnegative().nullish(),
  seed: z.number().int().nullish(),
  language: optionalString,
  esm_architecture: optionalString,
  esm_embedding_dim: z.number().int().positive().nullish(),
  lm_num_epochs: optionalNumber,
  lm_batch_size: optionalNumber,
  lm_learning_rate: optionalNumber,
  lm_weight_decay: optionalNumber,
  lm_optimizer: optionalString,
  esm_num_epochs: optionalNumber,
  esm_batch_size: optionalNumber,
  esm_learning_rate: optionalNumber,
  esm_weight_decay: optionalNumber,
  esm_optimizer: optionalString,
  developers: optionalString,
  version: optionalString,
  transformers_version: optionalString,
  task_type: z.enum(["classification", "regression"]).nullish(),
});

export type RawEsmConfig = z.infer<typeof rawConfigSchema>;

export interface EsmConfig {
  baseModelName: string;
  taskId: string;
  taskSubset: string | null;
  textColumns: string[];
  labelColumn: string | null;
  taskSplit: string | null;
  numExamples: number | null;
  seed: number | null;
  language: string | null;
  architecture: string;
  embeddingDim: number | null;
  /** Not part of the reference format (it has none); set by ESM Hub uploads when known. */
  taskType: "classification" | "regression" | null;
  version: string | null;
  hyperparameters: Record<string, number | string>;
  developers: string | null;
  /** The parsed JSON, unknown keys included. */
  raw: RawEsmConfig;
}

const HYPERPARAMETER_KEYS = [
  "lm_num_epochs", "lm_batch_size", "lm_learning_rate", "lm_weight_decay", "lm_optimizer",
  "esm_num_epochs", "esm_batch_size", "esm_learning_rate", "esm_weight_decay", "esm_optimizer",
] as const;

/** Validates config.json (text or parsed JSON) and returns it in camelCase. */
export function parseEsmConfig(input: unknown): EsmConfig {
  let json = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = typeof input === "string" ? input : new TextDecoder().decode(input);
    try {
      json = JSON.parse(text);
    } catch {
      throw new EsmFormatError("config.json is not valid JSON");
    }
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new EsmFormatError("config.json must be a JSON object");
  const parsed = rawConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new EsmFormatError(parsed.error.issues.map((i) => `config.json: ${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  const c = parsed.data;
  const hyperparameters: Record<string, number | string> = {};
  for (const key of HYPERPARAMETER_KEYS) {
    const v = c[key];
    if (v !== null && v !== undefined) hyperparameters[key] = v;
  }
  return {
    baseModelName: c.base_model_name,
    taskId: c.task_id,
    taskSubset: c.task_subset ?? null,
    textColumns: c.text_column == null ? [] : Array.isArray(c.text_column) ? c.text_column : [c.text_column],
    labelColumn: c.label_column ?? null,
    taskSplit: c.task_split ?? null,
    numExamples: c.num_examples ?? null,
    seed: c.seed ?? null,
    language: c.language ?? null,
    architecture: c.esm_architecture ?? "linear",
    embeddingDim: c.esm_embedding_dim ?? null,
    taskType: c.task_type ?? null,
    version: c.version ?? null,
    hyperparameters,
    developers: c.developers ?? null,
    raw: c,
  };
}
