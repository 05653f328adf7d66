import { DatasetError, DEFAULT_MAX_TARGET_BYTES, describeColumns, parseTargetFile, prepareTarget, type TaskType } from "../datasets";
import {
  assertName, commitFiles, createRepo, deleteRepo, findRepo, RegistryError, upsertDatasetInfo, type Actor, type RegistryContext,
} from "../registry";
import { serializeTargetConfig, TARGET_CONFIG, type TargetConfig } from "./config";
import { targetReadme } from "./readme";

/** Upload limit for target files (32 MB); ESMHUB_MAX_TARGET_MB overrides it. */
export function maxTargetBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.ESMHUB_MAX_TARGET_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : DEFAULT_MAX_TARGET_BYTES;
}

export interface IngestInput {
  /** Repo name under the actor's namespace. */
  name: string;
  filename: string;
  bytes: Uint8Array;
  textColumns?: string[];
  labelColumn?: string;
  taskType?: TaskType;
  /** Default 1,000 (null: all rows); seed default 42. */
  numExamples?: number | null;
  seed?: number;
  description?: string;
  language?: string;
  private?: boolean;
}

export interface IngestedTarget {
  fullName: string;
  commitId: string;
  config: TargetConfig;
  numRows: number;
  selected: number;
}

const EXTENSION = { csv: "csv", tsv: "tsv", jsonl: "jsonl", parquet: "parquet" } as const;

/**
 * Stores an uploaded target as a dataset repo: the file under data/, esmhub-target.json (how to rank it) and a
 * README, then the dataset row. Everything is validated first, so a bad file stores nothing.
 */
export async function ingestTarget(ctx: RegistryContext, actor: Actor | null, input: IngestInput): Promise<IngestedTarget> {
  if (!actor) throw new RegistryError("Unauthorized", "sign in or send a write token to upload a target dataset");
  assertName(input.name, "dataset name");
  const fullName = `${actor.name}/${input.name}`;
  if (await findRepo(ctx, "dataset", fullName)) throw new RegistryError("Conflict", `dataset ${fullName} already exists; choose another name`);

  const maxBytes = maxTargetBytes();
  if (input.bytes.length > maxBytes) {
    throw new DatasetError("file_too_large", `the file has ${(input.bytes.length / 1048576).toFixed(1)} MB; the limit is ${maxBytes / 1048576} MB`);
  }
  const parsed = await parseTargetFile(input.bytes, { filename: input.filename, maxBytes });
  const prepared = prepareTarget(parsed.rows, {
    textColumns: input.textColumns?.length ? input.textColumns : undefined,
    labelColumn: input.labelColumn || undefined,
    taskType: input.taskType,
    numExamples: input.numExamples,
    seed: input.seed,
  });

  const file = `data/target.${EXTENSION[parsed.format]}`;
  const config: TargetConfig = {
    version: 1,
    file,
    textColumns: prepared.columns.textColumns,
    labelColumn: prepared.columns.labelColumn,
    taskType: prepared.taskType,
    numExamples: input.numExamples === undefined ? 1000 : input.numExamples,
    seed: input.seed ?? 42,
    ...(prepared.labelNames ? { labelNames: prepared.labelNames } : {}),
  };
  const readme = targetReadme({
    fullName, file, format: parsed.format, numRows: parsed.rows.length, prepared, description: input.description, language: input.language,
  });

  const repo = await createRepo(ctx, actor, { kind: "dataset", name: input.name, private: input.private });
  let commitId: string;
  try {
    ({ commitId } = await commitFiles(ctx, actor, {
      kind: "dataset",
      repo: fullName,
      message: `Upload target ${input.filename}`,
      files: [
        { path: file, content: input.bytes },
        { path: TARGET_CONFIG, content: serializeTargetConfig(config) },
        { path: "README.md", content: new TextEncoder().encode(readme) },
      ],
    }));
    const labelStats = prepared.stats.taskType === "classification"
      ? { ...prepared.stats, labelNames: prepared.labelNames ?? prepared.stats.classCounts.map((_, i) => String(i)) }
      : prepared.stats;
    await upsertDatasetInfo(ctx.db, {
      id: fullName,
      repoId: repo.id,
      taskType: prepared.taskType,
      numRows: parsed.rows.length,
      textColumns: prepared.columns.textColumns,
      labelColumn: prepared.columns.labelColumn,
      columns: describeColumns(parsed.rows, parsed.columns).map((c) => ({ name: c.name, type: c.type })),
      labelStats,
      description: input.description?.trim() || null,
      language: input.language?.trim() || null,
    });
  } catch (err) {
    await deleteRepo(ctx, actor, "dataset", fullName).catch(() => undefined);
    await ctx.db.dataset.deleteMany({ where: { id: fullName } }).catch(() => undefined);
    throw err;
  }
  return { fullName, commitId, config, numRows: parsed.rows.length, selected: prepared.counts.selected };
}
