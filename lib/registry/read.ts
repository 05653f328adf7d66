import type { Readable } from "node:stream";
import { getRepo } from "./access";
import type { RegistryContext } from "./context";
import { RegistryError } from "./errors";
import type { RepoKind } from "./names";

const COMMIT_ID = /^[0-9a-f]{40}$/;

/** Resolves `HEAD`, a branch name or a 40-hex commit id of this repo to a commit. */
export async function resolveRevision(ctx: RegistryContext, kind: RepoKind, fullName: string, revision = "main") {
  const repo = await getRepo(ctx, kind, fullName);
  const rev = revision === "HEAD" ? "main" : revision;
  const branch = await ctx.db.branch.findUnique({ where: { repoId_name: { repoId: repo.id, name: rev } } });
  const commitId = branch?.commitId ?? (COMMIT_ID.test(rev) ? rev : null);
  const commit = commitId ? await ctx.db.commit.findFirst({ where: { id: commitId, repoId: repo.id } }) : null;
  if (!commit) throw new RegistryError("RevisionNotFound", `Invalid rev id: ${revision} in ${fullName}`);
  return { repo, commit };
}

export async function commitManifest(ctx: RegistryContext, commitId: string) {
  return ctx.db.commitFile.findMany({ where: { commitId }, orderBy: { path: "asc" } });
}

/** A file of a revision with its metadata; `open()` streams its bytes (optionally a byte range, inclusive). */
export async function getFile(ctx: RegistryContext, kind: RepoKind, fullName: string, revision: string, path: string) {
  const { repo, commit } = await resolveRevision(ctx, kind, fullName, revision);
  const file = await ctx.db.commitFile.findUnique({ where: { commitId_path: { commitId: commit.id, path } } });
  if (!file) throw new RegistryError("EntryNotFound", `${path} not found in ${fullName} at ${revision}`);
  return {
    repo,
    commit,
    file,
    open: (range?: { start: number; end: number }): Promise<Readable> => ctx.blobs.get(file.blobSha256, range),
  };
}

export async function listCommits(ctx: RegistryContext, repoId: string, limit = 50) {
  return ctx.db.commit.findMany({
    where: { repoId },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { author: { select: { name: true } } },
  });
}
