import { readableRevision } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { json } from "./http";
import { lfsRule } from "./lfs";
import { truthy } from "./query";
import { commitManifest, type RepoKind } from "../registry";
import { revisionFacts } from "./repo-facts";
import { repoInfo, type ApiKind } from "./shapes";

/**
 * `GET /api/models/{id}` and `/api/models/{id}/revision/{rev}[?blobs=true]`: the repo at a revision with `sha` and
 * `siblings` (with git blob ids and LFS facts when `blobs` is asked for).
 */
export async function repoInfoAt(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const actor = await readerOf(req, ctx);
  const { repo, commit } = await readableRevision(ctx, kind, fullName, rev, actor);
  const files = await commitManifest(ctx.registry, commit.id);
  const facts = await revisionFacts(ctx, kind, repo, commit.id, files);
  return json(repoInfo(apiKind, repo, facts, {
    sha: commit.id, lastModified: commit.createdAt, siblings: files, cardData: true, config: true,
    blobs: truthy(new URL(req.url).searchParams.get("blobs")) ? await lfsRule(ctx, files) : undefined,
  }));
}
