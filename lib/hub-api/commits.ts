import { readableRevision } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { json, publicOrigin } from "./http";
import { MAX_OFFSET, nonNegativeInt, pageLimit } from "./query";
import type { RepoKind } from "../registry";
import type { ApiKind } from "./shapes";

const PAGE = 50;
const MAX_PAGE = 1000;

/**
 * `GET /api/models/{id}/commits/{rev}[?p=&limit=]`: the history of a revision, newest first, as the Hub lists it
 * (`id, title, message, authors:[{user}], date`), paged by an absolute `Link: …; rel="next"`.
 */
export async function listCommitsAt(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const url = new URL(req.url);
  const limit = pageLimit(url.searchParams.get("limit"), PAGE, MAX_PAGE);
  const page = nonNegativeInt(url.searchParams.get("p"), "p", 0, Math.floor(MAX_OFFSET / limit));
  const { repo, commit } = await readableRevision(ctx, kind, fullName, rev, await readerOf(req, ctx));
  // One query for the repo's commits, then the parent chain in memory: histories are short, and a branch's
  // history is that chain rather than every commit of the repo.
  const all = await ctx.registry.db.commit.findMany({ where: { repoId: repo.id }, include: { author: { select: { name: true } } } });
  const byId = new Map(all.map((c) => [c.id, c]));
  const chain = [];
  for (let c = byId.get(commit.id); c; c = c.parentId ? byId.get(c.parentId) : undefined) chain.push(c);
  const items = chain.slice(page * limit, (page + 1) * limit).map((c) => ({
    id: c.id,
    title: c.message,
    message: c.description,
    authors: c.author ? [{ user: c.author.name }] : [],
    date: c.createdAt.toISOString(),
  }));
  const headers: Record<string, string> = {};
  if ((page + 1) * limit < chain.length) {
    const next = new URLSearchParams(url.searchParams);
    next.set("p", String(page + 1));
    next.set("limit", String(limit));
    headers.Link = `<${publicOrigin(req, ctx)}${url.pathname}?${next}>; rel="next"`;
  }
  return json(items, { headers });
}
