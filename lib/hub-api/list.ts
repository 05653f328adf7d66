import type { Prisma } from "../generated/sqlite/client";
import type { HubApiContext } from "./context";
import { readerOf } from "./auth";
import { json, publicOrigin } from "./http";
import { parseListQuery, type ListQuery } from "./query";
import type { RepoKind } from "../registry";
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
      ...q.search.map((term) => ({ searchText: { contains: term } })),
      ...tags.where,
    ],
  };
  const db = ctx.registry.db;
  let page: RepoRow[];
  if (tags.inMemory.length === 0) {
    page = await db.repo.findMany({ where, orderBy: orderBy(q), skip: q.offset, take: q.limit + 1, include: { esm: true } });
  } else {
    // Tags without a column: the card-text condition above has already narrowed the candidates.
    const all = await db.repo.findMany({ where, orderBy: orderBy(q), include: { esm: true } });
    const matching = all.filter((r) => {
      const t = headFacts(r).tags;
      return tags.inMemory.every((tag) => t.includes(tag));
    });
    page = matching.slice(q.offset, q.offset + q.limit + 1);
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
