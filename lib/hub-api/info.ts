import { readableRevision } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { json } from "./http";
import { commitManifest, type RepoKind } from "../registry";
import { revisionFacts } from "./repo-facts";
import { repoInfo, type ApiKind } from "./shapes";

/** `GET /api/models/{id}` and `/api/models/{id}/revision/{rev}`: the repo at a revision with `sha` and `siblings`. */
export async function repoInfoAt(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const actor = await readerOf(req, ctx);
  const { repo, commit } = await readableRevision(ctx, kind, fullName, rev, actor);
  const files = await commitManifest(ctx.registry, commit.id);
  const facts = await revisionFacts(ctx, kind, repo, commit.id, files);
  return json(repoInfo(apiKind, repo, facts, { sha: commit.id, lastModified: commit.createdAt, siblings: files, cardData: true, config: true }));
}
