import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { baseModelAliases } from "../esm";

export interface EsmSearchQuery {
  q?: string;
  baseModel?: string;
  taskType?: string;
  language?: string;
  architecture?: string;
  embeddingDim?: number;
  owner?: string;
  taskId?: string;
  sort?: "downloads" | "recent" | "name";
  page?: number;
  pageSize?: number;
}

export const FACETS = ["baseModel", "taskType", "language", "architecture", "embeddingDim", "owner"] as const;
export type Facet = (typeof FACETS)[number];

/** Conditions on EsmInfo alone (it carries copies of the repo's listing fields), optionally leaving one facet out. */
function where(query: EsmSearchQuery, except?: Facet): Prisma.EsmInfoWhereInput {
  const and: Prisma.EsmInfoWhereInput[] = [{ private: false }];
  if (query.baseModel && except !== "baseModel") and.push({ baseModel: { in: baseModelAliases(query.baseModel) } });
  if (query.taskType && except !== "taskType") and.push({ taskType: query.taskType });
  if (query.language && except !== "language") and.push({ language: query.language });
  if (query.architecture && except !== "architecture") and.push({ architecture: query.architecture });
  if (query.embeddingDim && except !== "embeddingDim") and.push({ embeddingDim: query.embeddingDim });
  if (query.owner && except !== "owner") and.push({ owner: query.owner });
  if (query.taskId) and.push({ taskId: query.taskId });
  for (const term of (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    and.push({ searchText: { contains: term } });
  }
  return { AND: and };
}

function orderBy(sort: EsmSearchQuery["sort"]): Prisma.EsmInfoOrderByWithRelationInput[] {
  if (sort === "recent") return [{ updatedAt: "desc" }, { fullName: "asc" }];
  if (sort === "name") return [{ fullName: "asc" }];
  return [{ downloads: "desc" }, { fullName: "asc" }];
}

/** ESM search: repos (with their `esm` row), newest data first by the chosen order. */
export async function searchEsms(db: Db, query: EsmSearchQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 30, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const [total, rows] = await Promise.all([
    db.esmInfo.count({ where: where(query) }),
    db.esmInfo.findMany({ where: where(query), orderBy: orderBy(query.sort), skip: (page - 1) * pageSize, take: pageSize, include: { repo: true } }),
  ]);
  const repos = rows.map(({ repo, ...esm }) => ({ ...repo, esm: { ...esm, repoId: repo.id } }));
  return { total, page, pageSize, repos };
}

/**
 * Per-facet counts, each facet counted with the other filters applied, as on the Hub. One scan fetches the facet
 * columns of every ESM matching the non-facet conditions (text search is the costly part); the counting is done here.
 */
export async function esmFacetCounts(db: Db, query: EsmSearchQuery): Promise<Record<Facet, { value: string; count: number }[]>> {
  const unfaceted: EsmSearchQuery = { q: query.q, taskId: query.taskId };
  const rows = await db.esmInfo.findMany({
    where: where(unfaceted),
    select: { baseModel: true, taskType: true, language: true, architecture: true, embeddingDim: true, owner: true },
  });
  const aliases = query.baseModel ? new Set(baseModelAliases(query.baseModel)) : null;
  const matches: Record<Facet, (row: (typeof rows)[number]) => boolean> = {
    baseModel: (r) => !aliases || aliases.has(r.baseModel),
    taskType: (r) => !query.taskType || r.taskType === query.taskType,
    language: (r) => !query.language || r.language === query.language,
    architecture: (r) => !query.architecture || r.architecture === query.architecture,
    embeddingDim: (r) => !query.embeddingDim || r.embeddingDim === query.embeddingDim,
    owner: (r) => !query.owner || r.owner === query.owner,
  };
  const out = {} as Record<Facet, { value: string; count: number }[]>;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const row of rows) {
      const value = row[facet];
      if (value === null || !FACETS.every((other) => other === facet || matches[other](row))) continue;
      counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
    }
    out[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return out;
}
