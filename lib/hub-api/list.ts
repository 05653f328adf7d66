import type { Prisma } from "../generated/sqlite/client";
import type { HubApiContext } from "./context";
import { readerOf } from "./auth";
import { json, publicOrigin } from "./http";
import { parseListQuery, type ListQuery } from "./query";
import type { RepoKind } from "../registry";
import { filterInBatches, keepsTerms, termConditions, termsAreExact } from "../registry/search";
import { headFacts, type RepoRow } from "./repo-facts";
import { repoInfo, type ApiKind } from "./shapes";
import { tagFilter } from "./tags";

function orderBy(q: ListQuery): Prisma.RepoOrderByWithRelationInput[] {
  const dir = q.descending ? "desc" : "asc";
  const column = { downloads: "downloads", lastModified: "updatedAt", createdAt: "createdAt", id: "fullName" }[q.sort];
  return column === "fullName" ? [{ fullName: dir }] : [{ [column]: dir }, { fullName: "asc" }];
}

/** `GET /api/models` and `GET /api/datasets`: search, author, AND-ed tag filters, sort, absolute `Link` paging. */
export async function listRepos(req: Request, ctx: HubApiContext, apiKind: ApiKind): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const url = new URL(req.url);
  const q = parseListQuery(url.searchParams);
  const actor = await readerOf(req, ctx);
  const tags = tagFilter(q.filters);
  const where: Prisma.RepoWhereInput = {
    AND: [
      { kind },
      actor ? { OR: [{ private: false }, { owner: actor.name }] } : { private: false },
      ...(q.author ? [{ owner: q.author }] : []),
      ...termConditions(q.search),
      ...tags.where,
    ],
  };
  const db = ctx.registry.db;
  let page: RepoRow[];
  if (tags.inMemory.length === 0 && termsAreExact(q.search)) {
    page = await db.repo.findMany({ where, orderBy: orderBy(q), skip: q.offset, take: q.limit + 1, include: { esm: true } });
  } else {
    // Tags without a column and search words with LIKE wildcards: the conditions above have narrowed the candidates,
    // which are checked here a batch at a time until the page is full.
    const matching = await filterInBatches(
      (skip, take) => db.repo.findMany({ where, orderBy: orderBy(q), skip, take, include: { esm: true } }),
      (r) => keepsTerms(r.searchText, q.search) && tags.inMemory.every((tag) => headFacts(r).tags.includes(tag)),
      q.offset + q.limit + 1,
    );
    page = matching.slice(q.offset);
  }
  const hasMore = page.length > q.limit;
  page = page.slice(0, q.limit);

  const want = (field: string) => q.full || q.expand.has(field);
  const heads = want("sha") || want("siblings")
    ? new Map((await db.branch.findMany({ where: { name: "main", repoId: { in: page.map((r) => r.id) } } })).map((b) => [b.repoId, b.commitId]))
    : new Map<string, string>();
  const files = new Map<string, { path: string; size: number; gitSha1: string; blobSha256: string }[]>();
  if (want("siblings")) {
    for (const f of await db.commitFile.findMany({ where: { commitId: { in: [...heads.values()] } }, orderBy: { path: "asc" } })) {
      files.set(f.commitId, [...(files.get(f.commitId) ?? []), f]);
    }
  }
  const items = page.map((repo) => {
    const head = heads.get(repo.id);
    return repoInfo(apiKind, repo, headFacts(repo), {
      sha: want("sha") ? head : undefined,
      siblings: want("siblings") ? (head ? files.get(head) ?? [] : []) : undefined,
      cardData: q.cardData || want("cardData"),
      config: q.config || want("config"),
    });
  });

  const headers: Record<string, string> = {};
  if (hasMore) {
    const next = new URLSearchParams(url.searchParams);
    next.set("offset", String(q.offset + q.limit));
    next.set("limit", String(q.limit));
    headers.Link = `<${publicOrigin(req, ctx)}${url.pathname}?${next}>; rel="next"`;
  }
  return json(items, { headers });
}
