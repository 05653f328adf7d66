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

function where(query: EsmSearchQuery, except?: Facet): Prisma.RepoWhereInput {
  const esm: Prisma.EsmInfoWhereInput = {};
  if (query.baseModel && except !== "baseModel") esm.baseModel = { in: baseModelAliases(query.baseModel) };
  if (query.taskType && except !== "taskType") esm.taskType = query.taskType;
  if (query.language && except !== "language") esm.language = query.language;
  if (query.architecture && except !== "architecture") esm.architecture = query.architecture;
  if (query.embeddingDim && except !== "embeddingDim") esm.embeddingDim = query.embeddingDim;
  if (query.taskId) esm.taskId = query.taskId;
  const and: Prisma.RepoWhereInput[] = [{ kind: "esm", private: false, esm: { is: esm } }];
  if (query.owner && except !== "owner") and.push({ owner: query.owner });
  for (const term of (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    and.push({ searchText: { contains: term } });
  }
  return { AND: and };
}

function orderBy(sort: EsmSearchQuery["sort"]): Prisma.RepoOrderByWithRelationInput[] {
  if (sort === "recent") return [{ updatedAt: "desc" }, { fullName: "asc" }];
  if (sort === "name") return [{ fullName: "asc" }];
  return [{ downloads: "desc" }, { fullName: "asc" }];
}

/** ESM search with per-facet counts (each facet counted with the other filters applied, as on the Hub). */
export async function searchEsms(db: Db, query: EsmSearchQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 30, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const [total, repos] = await Promise.all([
    db.repo.count({ where: where(query) }),
    db.repo.findMany({ where: where(query), orderBy: orderBy(query.sort), skip: (page - 1) * pageSize, take: pageSize, include: { esm: true } }),
  ]);
  return { total, page, pageSize, repos };
}

export async function esmFacetCounts(db: Db, query: EsmSearchQuery): Promise<Record<Facet, { value: string; count: number }[]>> {
  const out = {} as Record<Facet, { value: string; count: number }[]>;
  await Promise.all(FACETS.map(async (facet) => {
    const base = where(query, facet);
    if (facet === "owner") {
      const rows = await db.repo.groupBy({ by: ["owner"], where: base, _count: { _all: true } });
      out.owner = rows.map((r) => ({ value: r.owner, count: r._count._all }));
    } else {
      const rows = await db.esmInfo.groupBy({ by: [facet], where: { repo: { is: base } }, _count: { _all: true } });
      out[facet] = rows
        .filter((r) => r[facet] !== null)
        .map((r) => ({ value: String(r[facet]), count: r._count._all }));
    }
    out[facet].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }));
  return out;
}
