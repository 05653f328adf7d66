import type { Db } from "../db";
import { baseModelAliases } from "../esm";
import { z } from "zod";

export interface DatasetListState {
  q: string;
  kind: "all" | "source" | "target";
  base_model?: string;
  page: number;
}

const schema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  kind: z.enum(["all", "source", "target"]).catch("all").default("all"),
  base_model: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export function parseDatasetList(raw: Record<string, string | string[] | undefined>): DatasetListState {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value) flat[k] = value;
  }
  const parsed = schema.parse(flat);
  return { q: parsed.q, kind: parsed.kind, page: parsed.page, ...(parsed.base_model ? { base_model: parsed.base_model } : {}) };
}

export function datasetListHref(state: DatasetListState, changes: Partial<DatasetListState>): string {
  const next = { ...state, ...changes };
  if (!("page" in changes)) next.page = 1;
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.kind !== "all") params.set("kind", next.kind);
  if (next.base_model) params.set("base_model", next.base_model);
  if (next.page > 1) params.set("page", String(next.page));
  const qs = params.toString();
  return qs ? `/datasets?${qs}` : "/datasets";
}

export interface DatasetListItem {
  id: string;
  esmCount: number;
  target: boolean;
  language: string | null;
  taskType: string | null;
  numRows: number | null;
}

/**
 * Datasets for the index: sources (named by ESMs' task_id, with their ESM count) and uploaded targets, most ESMs
 * first. With `base_model`, sources count only ESMs for that base model and sources without any are left out.
 */
export async function listDatasets(db: Db, state: DatasetListState, pageSize = 30) {
  const esmWhere = {
    repo: { is: { private: false } },
    ...(state.base_model ? { baseModel: { in: baseModelAliases(state.base_model) } } : {}),
  };
  const [counts, targets] = await Promise.all([
    state.kind === "target" ? Promise.resolve([]) : db.esmInfo.groupBy({ by: ["taskId"], where: esmWhere, _count: { _all: true } }),
    state.kind === "source" ? Promise.resolve([]) : db.dataset.findMany({ where: { repo: { is: { private: false } } }, select: { id: true } }),
  ]);
  const esmCount = new Map(counts.map((c) => [c.taskId, c._count._all]));
  const targetIds = new Set(targets.map((t) => t.id));
  const needle = state.q.toLowerCase();
  const ids = [...new Set([...esmCount.keys(), ...targetIds])]
    .filter((id) => !needle || id.toLowerCase().includes(needle))
    .sort((a, b) => (esmCount.get(b) ?? 0) - (esmCount.get(a) ?? 0) || a.localeCompare(b));
  const pageIds = ids.slice((state.page - 1) * pageSize, state.page * pageSize);
  const rows = await db.dataset.findMany({ where: { id: { in: pageIds } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: DatasetListItem[] = pageIds.map((id) => {
    const row = byId.get(id);
    return {
      id,
      esmCount: esmCount.get(id) ?? 0,
      target: targetIds.has(id),
      language: row?.language ?? null,
      taskType: row?.taskType ?? null,
      numRows: row?.numRows ?? null,
    };
  });
  return { total: ids.length, page: state.page, pageSize, items };
}
