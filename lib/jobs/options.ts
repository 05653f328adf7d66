import { z } from "zod";
import { RegistryError } from "../registry";

/** What a user may choose for a ranking, validated once at the edge (form, API, CLI). */
export const jobOptionsSchema = z.object({
  /** Rows of the target sampled for ranking; default: what the dataset's esmhub-target.json says (1,000). */
  numExamples: z.number().int().positive().max(100_000).nullable().optional(),
  seed: z.number().int().nonnegative().optional(),
  /** `reference` reproduces hfselect's scores; `corrected` is the exact evidence (differs when n ≤ d). */
  evidence: z.enum(["reference", "corrected"]).default("reference"),
  /** LogME on the raw base embeddings, shown as a reference row. */
  logmeBaseline: z.boolean().default(true),
  /** TextEmb: cosine of mean embeddings, for ESMs that store source_mean_embedding.npy. */
  textEmb: z.boolean().default(true),
});

export type JobOptions = z.infer<typeof jobOptionsSchema>;

export function parseJobOptions(input: unknown): JobOptions {
  const parsed = jobOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) throw new RegistryError("InvalidInput", `invalid ranking options: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";
export type JobPhase = "queued" | "loading target" | "embedding" | "ranking" | "baselines" | "saving" | "done" | "failed" | "cancelled";

export const FINISHED: readonly JobStatus[] = ["done", "failed", "cancelled"];

/** Seconds per phase, stored with the job. `loadWeights` overlaps `esmLogme` (weights load while workers score). */
export interface JobTimings {
  loadTarget?: number;
  embed?: number;
  embedCached?: boolean;
  rank?: number;
  loadWeights?: number;
  esmLogme?: number;
  baselines?: number;
  save?: number;
  total?: number;
  esms?: number;
}

/** The optional extra rows of a ranking. */
export interface JobBaselines {
  logme?: { score: number } | { unavailable: string };
  textEmb?: { ranked: { esmRepo: string; taskId: string; subset: string | null; score: number }[] } | { unavailable: string };
}

/** An optional file of an ESM repo: the mean base-model embedding of the source sample, float32 (D,) or (1, D). */
export const SOURCE_MEAN_EMBEDDING = "source_mean_embedding.npy";
