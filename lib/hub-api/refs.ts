import { readableRepo } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { json } from "./http";
import { truthy } from "./query";
import type { RepoKind } from "../registry";
import type { ApiKind } from "./shapes";

/**
 * `GET /api/models/{id}/refs[?include_prs=1]`: the repo's branches as git refs. This hub has no tags, converts or
 * pull requests, so those lists are empty (the Python client reads all three, and `pullRequests` when asked).
 */
export async function listRefs(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const repo = await readableRepo(ctx, kind, fullName, await readerOf(req, ctx));
  const branches = await ctx.registry.db.branch.findMany({ where: { repoId: repo.id }, orderBy: { name: "asc" } });
  return json({
    branches: branches.map((b) => ({ name: b.name, ref: `refs/heads/${b.name}`, targetCommit: b.commitId })),
    converts: [],
    tags: [],
    ...(truthy(new URL(req.url).searchParams.get("include_prs")) ? { pullRequests: [] } : {}),
  });
}
