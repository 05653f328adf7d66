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

// Prisma's `contains` is SQL LIKE with `%` and `_` live, and no escape works on both databases (SQLite's LIKE has no
// default escape character, PostgreSQL's is the backslash). So these characters never reach a pattern: the database
// matches the runs between them, which can only widen the match, and `keepsTerms` checks the whole term in memory.
const LIKE_SPECIALS = /[%_\\]+/;

/** The runs of a search term or tag between LIKE wildcards (none for a term made of wildcards alone). */
export const likePieces = (term: string): string[] => term.split(LIKE_SPECIALS).filter(Boolean);

/**
 * The words of a search query, lower-cased (the stored search text is), at most 8. A word made of wildcard characters
 * alone has nothing to narrow the search by and would make every row a candidate, so it is left out.
 */
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter((w) => likePieces(w).length > 0).slice(0, 8);
}

/** Database conditions on `searchText` for the terms: exact, or wider when a term holds a LIKE wildcard. */
export function termConditions(terms: string[]): { searchText: { contains: string } }[] {
  return terms.flatMap(likePieces).map((piece) => ({ searchText: { contains: piece } }));
}

/** Whether `termConditions` are exact for these terms, or rows must also pass `keepsTerms`. */
export const termsAreExact = (terms: string[]): boolean => !terms.some((t) => LIKE_SPECIALS.test(t));

/** The exact check: the text contains every term literally. */
export const keepsTerms = (text: string | null, terms: string[]): boolean => terms.every((t) => (text ?? "").includes(t));

const BATCH = 500;

/**
 * The rows `fetch` pages through (in a stable order) that pass `keep`, read a batch at a time so that memory stays
 * bounded, stopping once `want` rows are found.
 */
export async function filterInBatches<T>(fetch: (skip: number, take: number) => Promise<T[]>, keep: (row: T) => boolean, want = Infinity): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; out.length < want; skip += BATCH) {
    const batch = await fetch(skip, BATCH);
    for (const row of batch) if (keep(row) && out.length < want) out.push(row);
    if (batch.length < BATCH) break;
  }
  return out;
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
  and.push(...termConditions(searchTerms(query.q ?? "")));
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
  const terms = searchTerms(query.q ?? "");
  const [total, rows] = termsAreExact(terms)
    ? await Promise.all([
      db.esmInfo.count({ where: where(query) }),
      db.esmInfo.findMany({ where: where(query), orderBy: orderBy(query.sort), skip: (page - 1) * pageSize, take: pageSize, include: { repo: true } }),
    ])
    : await searchInexact(db, query, terms, page, pageSize);
  const repos = rows.map(({ repo, ...esm }) => ({ ...repo, esm: { ...esm, repoId: repo.id } }));
  return { total, page, pageSize, repos };
}

/** A search with LIKE wildcards in its terms: candidates' keys checked in memory, then the one page read whole. */
async function searchInexact(db: Db, query: EsmSearchQuery, terms: string[], page: number, pageSize: number) {
  const matching = await filterInBatches(
    (skip, take) => db.esmInfo.findMany({ where: where(query), orderBy: orderBy(query.sort), skip, take, select: { repoId: true, searchText: true } }),
    (row) => keepsTerms(row.searchText, terms),
  );
  const ids = matching.slice((page - 1) * pageSize, page * pageSize).map((r) => r.repoId);
  const rows = await db.esmInfo.findMany({ where: { repoId: { in: ids } }, include: { repo: true } });
  const byId = new Map(rows.map((r) => [r.repoId, r]));
  return [matching.length, ids.map((id) => byId.get(id)!)] as const;
}

/**
 * Per-facet counts, each facet counted with the other filters applied, as on the Hub. One scan fetches the facet
 * columns of every ESM matching the non-facet conditions (text search is the costly part); the counting is done here.
 */
export async function esmFacetCounts(db: Db, query: EsmSearchQuery): Promise<Record<Facet, { value: string; count: number }[]>> {
  const unfaceted: EsmSearchQuery = { q: query.q, taskId: query.taskId };
  const terms = searchTerms(query.q ?? "");
  const select = { baseModel: true, taskType: true, language: true, architecture: true, embeddingDim: true, owner: true } as const;
  const rows = termsAreExact(terms)
    ? await db.esmInfo.findMany({ where: where(unfaceted), select })
    : await filterInBatches(
      (skip, take) => db.esmInfo.findMany({ where: where(unfaceted), orderBy: { repoId: "asc" }, skip, take, select: { ...select, searchText: true } }),
      (row) => keepsTerms(row.searchText, terms),
    );
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
