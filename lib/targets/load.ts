import { parseTargetFile, prepareTarget, type PreparedTarget, type TaskType } from "../datasets";
import { commitManifest, getRepo, readBlob, type RegistryContext } from "../registry";
import { parseTargetConfig, TARGET_CONFIG, type TargetConfig } from "./config";
import { maxTargetBytes } from "./ingest";

const DATA_FILE = /\.(csv|tsv|tab|jsonl|ndjson|json|parquet)$/i;

export interface RankingSample {
  config: TargetConfig;
  prepared: PreparedTarget;
}

function jsonArray(text: string | null | undefined): string[] | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === "string") && v.length > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How to read a dataset repo at a commit: its esmhub-target.json, or for repos without one (e.g. seeded
 * ones) the first data file with the columns the dataset row names, detection filling the gaps.
 */
export async function targetConfigAt(ctx: RegistryContext, fullName: string, commitId: string): Promise<TargetConfig> {
  const repo = await getRepo(ctx, "dataset", fullName);
  const files = await commitManifest(ctx, commitId);
  const configFile = files.find((f) => f.path === TARGET_CONFIG);
  if (configFile) return parseTargetConfig(new TextDecoder().decode(await readBlob(ctx, configFile.blobSha256)));
  const data = files.find((f) => DATA_FILE.test(f.path));
  if (!data) throw new Error(`dataset ${fullName} has no data file (CSV, TSV, JSON Lines or Parquet) to rank`);
  const row = await ctx.db.dataset.findFirst({ where: { OR: [{ repoId: repo.id }, { id: fullName }] } });
  return {
    version: 1,
    file: data.path,
    textColumns: jsonArray(row?.textColumns) ?? [],
    labelColumn: row?.labelColumn ?? "",
    taskType: (row?.taskType === "regression" ? "regression" : row?.taskType === "classification" ? "classification" : "classification") as TaskType,
    numExamples: 1000,
    seed: 42,
  };
}

/** The sample a ranking scores: the data file of that commit, parsed and sampled as its config says. */
export async function loadRankingSample(
  ctx: RegistryContext,
  fullName: string,
  commitId: string,
  overrides: { numExamples?: number | null; seed?: number } = {},
): Promise<RankingSample> {
  const config = await targetConfigAt(ctx, fullName, commitId);
  const files = await commitManifest(ctx, commitId);
  const data = files.find((f) => f.path === config.file);
  if (!data) throw new Error(`${config.file} is missing from ${fullName} at ${commitId.slice(0, 8)}`);
  const bytes = await readBlob(ctx, data.blobSha256);
  const parsed = await parseTargetFile(bytes, { filename: config.file, maxBytes: Math.max(maxTargetBytes(), bytes.length) });
  const prepared = prepareTarget(parsed.rows, {
    textColumns: config.textColumns.length ? config.textColumns : undefined,
    labelColumn: config.labelColumn || undefined,
    taskType: config.labelColumn ? config.taskType : undefined,
    numExamples: overrides.numExamples === undefined ? config.numExamples : overrides.numExamples,
    seed: overrides.seed ?? config.seed,
  });
  return { config, prepared };
}
