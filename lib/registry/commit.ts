import { assertCanWrite, getRepo } from "./access";
import { readBlob, streamToBytes } from "./blob-io";
import { pinBlob, sweepBlobs, unpinBlobs } from "./blob-lifetime";
import type { RegistryContext } from "./context";
import { searchTextFor } from "./esm-metadata";
import { checkModelTree, ESM_CONFIG, ESM_WEIGHTS, type TreeFile } from "./repo-checks";
import { RegistryError } from "./errors";
import { commitId as makeCommitId, gitBlobSha1, sha256Hex } from "./hashing";
import { assertNoTreeConflicts, pathProblem, type RepoKind } from "./names";
import type { Actor } from "./users";

export interface CommitInput {
  kind: RepoKind;
  repo: string;
  branch?: string;
  message: string;
  description?: string;
  /** When given, the commit is refused if the branch has moved past it (optimistic concurrency). */
  parentCommit?: string;
  files?: { path: string; content: Uint8Array }[];
  deletions?: string[];
}

interface ManifestEntry {
  sha256: string;
  size: number;
  gitSha1: string;
}

export const CARD = "README.md";
/** Cards are stored in the repo row, searched and rendered on every page: 1 MB is far above any real card. */
export const MAX_CARD_BYTES = 1024 * 1024;

/**
 * Commits a set of file changes atomically: validates, pins and stores new blobs (blob-lifetime.ts), then makes the
 * commit visible in one database transaction. If anything fails, nothing becomes visible and bytes that no other
 * commit uses are removed.
 */
export async function commitFiles(ctx: RegistryContext, actor: Actor | null, input: CommitInput) {
  const repo = await getRepo(ctx, input.kind, input.repo);
  assertCanWrite(actor, repo.owner);
  const branchName = input.branch ?? "main";
  const message = input.message.trim();
  if (!message) throw new RegistryError("InvalidInput", "commit message must not be empty");

  const branch = await ctx.db.branch.findUnique({ where: { repoId_name: { repoId: repo.id, name: branchName } } });
  if (!branch && branchName !== "main") throw new RegistryError("RevisionNotFound", `branch ${branchName} not found in ${repo.fullName}`);
  const headId = branch?.commitId ?? null;
  if (input.parentCommit && input.parentCommit !== headId) {
    throw new RegistryError("Conflict", `parent commit ${input.parentCommit} is not the head of ${branchName} (${headId ?? "none"}); fetch and retry`);
  }

  const files = input.files ?? [];
  const deletions = input.deletions ?? [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of [...files.map((f) => f.path), ...deletions]) {
    const problem = pathProblem(p);
    if (problem) problems.push(problem);
    else if (seen.has(p)) problems.push(`path "${p}" appears twice in one commit`);
    seen.add(p);
  }
  if (files.length + deletions.length === 0) problems.push("a commit needs at least one file change");
  if (problems.length) throw new RegistryError("InvalidInput", problems.join("; "), problems);

  const manifest = new Map<string, ManifestEntry>();
  if (headId) {
    for (const f of await ctx.db.commitFile.findMany({ where: { commitId: headId } })) {
      manifest.set(f.path, { sha256: f.blobSha256, size: f.size, gitSha1: f.gitSha1 });
    }
  }
  for (const d of deletions) {
    if (!manifest.delete(d)) {
      // A folder deletion removes everything below it, as git does.
      const below = [...manifest.keys()].filter((k) => k.startsWith(d + "/"));
      if (below.length === 0) throw new RegistryError("EntryNotFound", `cannot delete ${d}: no such file in ${repo.fullName}`);
      for (const k of below) manifest.delete(k);
    }
  }
  const contents = new Map<string, Uint8Array>();
  for (const f of files) {
    contents.set(f.path, f.content);
    manifest.set(f.path, { sha256: sha256Hex(f.content), size: f.content.length, gitSha1: gitBlobSha1(f.content) });
  }
  assertNoTreeConflicts(manifest.keys());

  const bytesOf = async (path: string) => contents.get(path) ?? (manifest.has(path) ? readBlob(ctx, manifest.get(path)!.sha256) : null);
  const newCard = contents.get(CARD);
  if (newCard && newCard.length > MAX_CARD_BYTES) {
    throw new RegistryError("PayloadTooLarge", `${CARD} has ${(newCard.length / 1024).toFixed(0)} KB; a model card may have at most ${MAX_CARD_BYTES / 1024} KB`);
  }
  const cardBytes = await bytesOf(CARD);
  const cardText = cardBytes ? new TextDecoder().decode(cardBytes) : null;

  const tree = new Map<string, TreeFile>();
  if (input.kind === "esm") {
    for (const path of [ESM_CONFIG, ESM_WEIGHTS, "tokenizer.json"]) {
      const entry = manifest.get(path);
      if (entry) tree.set(path, treeFile(ctx, entry, contents.get(path)));
    }
  }
  const esmInfo = input.kind === "esm" ? await checkModelTree(tree, cardText, ctx.knownBaseModels ?? {}) : null;

  // Pinned before the store is asked, so that no sweep deletes these bytes between the check and the commit.
  const uploads = new Map<string, number>();
  for (const path of contents.keys()) uploads.set(manifest.get(path)!.sha256, manifest.get(path)!.size);
  const pinned: string[] = [];
  let committed = false;
  try {
    for (const [sha256, size] of uploads) {
      await pinBlob(ctx, sha256, size);
      pinned.push(sha256);
    }
    for (const [path, content] of contents) {
      const sha = manifest.get(path)!.sha256;
      if (!(await ctx.blobs.has(sha))) await ctx.blobs.put(content, sha);
    }

    const time = new Date();
    const entries = [...manifest.entries()].map(([path, e]) => ({ path, ...e }));
    const id = makeCommitId({ repoId: repo.id, parentId: headId, files: entries, message, authorId: actor.id, time });
    await withBusyRetry(() => ctx.db.$transaction(async (tx) => {
      const current = await tx.branch.findUnique({ where: { repoId_name: { repoId: repo.id, name: branchName } } });
      if ((current?.commitId ?? null) !== headId) throw new RegistryError("Conflict", `${branchName} moved while committing; retry`);
      await tx.commit.create({
        data: { id, repoId: repo.id, parentId: headId, message, description: input.description ?? "", authorId: actor.id, createdAt: time },
      });
      // One statement for the whole manifest: the write lock is held for milliseconds, not one insert per file.
      await tx.commitFile.createMany({ data: entries.map((e) => ({ commitId: id, path: e.path, blobSha256: e.sha256, size: e.size, gitSha1: e.gitSha1 })) });
      await tx.branch.upsert({
        where: { repoId_name: { repoId: repo.id, name: branchName } },
        create: { repoId: repo.id, name: branchName, commitId: id },
        update: { commitId: id },
      });
      if (branchName === "main") {
        await tx.repo.update({
          where: { id: repo.id },
          data: { updatedAt: time, cardText, searchText: searchTextFor(repo.fullName, esmInfo, cardText) },
        });
        if (esmInfo) {
          const listing = {
            ...esmInfo, commitId: id, fullName: repo.fullName, owner: repo.owner, private: repo.private, downloads: repo.downloads,
            updatedAt: time, searchText: searchTextFor(repo.fullName, esmInfo, cardText),
          };
          await tx.esmInfo.upsert({ where: { repoId: repo.id }, create: { repoId: repo.id, ...listing }, update: listing });
          await tx.dataset.upsert({ where: { id: esmInfo.taskId }, create: { id: esmInfo.taskId, language: esmInfo.language }, update: {} });
        } else {
          await tx.esmInfo.deleteMany({ where: { repoId: repo.id } });
        }
      }
    }));
    committed = true;
    return { commitId: id, parentId: headId, repo };
  } finally {
    await unpinBlobs(ctx, pinned);
    // A failed commit leaves the bytes it uploaded unreferenced (unless another commit holds them).
    if (!committed) await sweepBlobs(ctx, pinned).catch(() => undefined);
  }
}

/**
 * SQLite answers SQLITE_BUSY at once (Prisma P1008), without waiting out the busy timeout, when a transaction that
 * began by reading must become a writer while another connection (the ranking thread, a CLI) writes. The
 * transaction was rolled back whole, so running it again is safe.
 */
async function withBusyRetry<T>(run: () => Promise<T>, tries = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: string }).code !== "P1008" || attempt >= tries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}

/** A file of the new tree: bytes of this commit in memory, or stored bytes read by range. */
function treeFile(ctx: RegistryContext, entry: ManifestEntry, content: Uint8Array | undefined): TreeFile {
  return {
    size: entry.size,
    async read(start = 0, end = entry.size) {
      const to = Math.min(end, entry.size);
      if (content) return content.subarray(start, to);
      if (start >= to) return new Uint8Array(0);
      return streamToBytes(await ctx.blobs.get(entry.sha256, { start, end: to - 1 }));
    },
  };
}
