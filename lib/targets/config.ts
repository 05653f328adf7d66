import { z } from "zod";

/** The file in a target dataset repo that says how to read it for ranking (columns, task, sampling). */
export const TARGET_CONFIG = "esmhub-target.json";

export const targetConfigSchema = z.object({
  version: z.literal(1),
  /** Path of the data file inside the repo. */
  file: z.string().min(1),
  textColumns: z.array(z.string().min(1)).min(1),
  labelColumn: z.string().min(1),
  taskType: z.enum(["classification", "regression"]),
  /** Rows sampled for ranking (null: all), with the reference's numpy seed. */
  numExamples: z.number().int().positive().nullable(),
  seed: z.number().int().nonnegative(),
  /** Class index → original label, when labels were strings. */
  labelNames: z.array(z.string()).optional(),
});

export type TargetConfig = z.infer<typeof targetConfigSchema>;

export function parseTargetConfig(text: string): TargetConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${TARGET_CONFIG} is not valid JSON`);
  }
  const parsed = targetConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${TARGET_CONFIG}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function serializeTargetConfig(config: TargetConfig): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(config, null, 2) + "\n");
}
