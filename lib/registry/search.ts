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

/** Per-facet counts, each facet counted with the other filters applied, as on the Hub. */
export async function esmFacetCounts(db: Db, query: EsmSearchQuery): Promise<Record<Facet, { value: string; count: number }[]>> {
  const out = {} as Record<Facet, { value: string; count: number }[]>;
  for (const facet of FACETS) {
    const rows = await db.esmInfo.groupBy({ by: [facet], where: where(query, facet), _count: { _all: true } });
    out[facet] = rows
      .filter((r) => r[facet] !== null)
      .map((r) => ({ value: String(r[facet]), count: r._count._all }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return out;
}
