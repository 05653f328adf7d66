import type { Db } from "../db";

export interface DatasetInfo {
  id: string;
  repoId?: string | null;
  description?: string | null;
  language?: string | null;
  taskType?: string | null;
  numRows?: number | null;
  textColumns?: string[] | null;
  labelColumn?: string | null;
  columns?: { name: string; type: string }[] | null;
  labelStats?: unknown;
}

/** Creates or updates what the hub knows about a dataset (a source named by ESMs, or an uploaded target). */
export async function upsertDatasetInfo(db: Db, info: DatasetInfo) {
  const data = {
    repoId: info.repoId ?? undefined,
    description: info.description ?? undefined,
    language: info.language ?? undefined,
    taskType: info.taskType ?? undefined,
    numRows: info.numRows ?? undefined,
    textColumns: info.textColumns ? JSON.stringify(info.textColumns) : undefined,
    labelColumn: info.labelColumn ?? undefined,
    columns: info.columns ? JSON.stringify(info.columns) : undefined,
    labelStats: info.labelStats === undefined ? undefined : JSON.stringify(info.labelStats),
  };
  return db.dataset.upsert({ where: { id: info.id }, create: { id: info.id, ...data }, update: { ...data, updatedAt: new Date() } });
}

/**
 * A dataset page's facts, as anyone may see them: the dataset row when it is a public target or a source named
 * by at least one public ESM, and every public ESM trained on it. A private repo leaks nothing here: not its
 * target's stats, nor a private ESM's task id or language.
 */
export async function datasetWithEsms(db: Db, id: string) {
  const [row, esms] = await Promise.all([
    db.dataset.findUnique({ where: { id }, include: { repo: true } }),
    db.esmInfo.findMany({ where: { taskId: id, repo: { is: { private: false } } }, include: { repo: true }, orderBy: [{ subset: "asc" }, { baseModel: "asc" }] }),
  ]);
  const visible = row && (row.repo ? !row.repo.private : esms.length > 0);
  return { dataset: visible ? row : null, esms };
}

/** Datasets anyone can see: sources of public ESMs and public targets (the same set the index lists). */
export async function visibleDatasetCount(db: Db): Promise<number> {
  const [sources, targets] = await Promise.all([
    db.esmInfo.findMany({ where: { repo: { is: { private: false } } }, select: { taskId: true }, distinct: ["taskId"] }),
    db.dataset.findMany({ where: { repo: { is: { private: false } } }, select: { id: true } }),
  ]);
  return new Set([...sources.map((s) => s.taskId), ...targets.map((t) => t.id)]).size;
}
