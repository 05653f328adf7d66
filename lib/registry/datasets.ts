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

/** A dataset page's facts: the dataset row (if known) and every ESM trained on it. */
export async function datasetWithEsms(db: Db, id: string) {
  const [dataset, esms] = await Promise.all([
    db.dataset.findUnique({ where: { id }, include: { repo: true } }),
    db.esmInfo.findMany({ where: { taskId: id, repo: { is: { private: false } } }, include: { repo: true }, orderBy: [{ subset: "asc" }, { baseModel: "asc" }] }),
  ]);
  return { dataset, esms };
}
