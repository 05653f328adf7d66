import { cache } from "react";
import { commitManifest, findRepo, listCommits, registry } from "@/lib/registry";

/** Everything an ESM page shows, loaded once per request; null for a missing or private repo. */
export const loadEsmRepo = cache(async (owner: string, name: string) => {
  const ctx = registry();
  const fullName = `${owner}/${name}`;
  const repo = await findRepo(ctx, "esm", fullName);
  if (!repo || repo.private) return null;
  const [esm, branch] = await Promise.all([
    ctx.db.esmInfo.findUnique({ where: { repoId: repo.id } }),
    ctx.db.branch.findUnique({ where: { repoId_name: { repoId: repo.id, name: "main" } } }),
  ]);
  const [files, commits, commitCount] = await Promise.all([
    branch ? commitManifest(ctx, branch.commitId) : Promise.resolve([]),
    listCommits(ctx, repo.id, 20),
    ctx.db.commit.count({ where: { repoId: repo.id } }),
  ]);
  return { repo, esm, headCommitId: branch?.commitId ?? null, files, commits, commitCount };
});

/** Route params arrive URL-encoded in some Next versions; names never contain "%", so decoding is safe. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
