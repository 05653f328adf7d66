import type { RegistryContext } from "./context";
import { assertCanWrite, findRepo, getRepo } from "./access";
import { sweepBlobs } from "./blob-lifetime";
import { commitFiles } from "./commit";
import { RegistryError } from "./errors";
import { assertName, type RepoKind } from "./names";
import type { Actor } from "./users";

const GITATTRIBUTES = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.parquet filter=lfs diff=lfs merge=lfs -text\n";

/**
 * Creates a repo with an initial commit holding `.gitattributes`, as the Hugging Face Hub does, so that every
 * repo has a `main` branch that clients can resolve.
 */
export async function createRepo(ctx: RegistryContext, actor: Actor | null, input: { kind: RepoKind; owner?: string; name: string; private?: boolean }) {
  const owner = input.owner ?? actor?.name ?? "";
  assertName(owner, "owner");
  assertName(input.name, "repo name");
  assertCanWrite(actor, owner);
  const fullName = `${owner}/${input.name}`;
  if (await findRepo(ctx, input.kind, fullName)) throw new RegistryError("Conflict", `You already created this ${input.kind === "dataset" ? "dataset" : "model"} repo: ${fullName}`);
  let repo;
  try {
    repo = await ctx.db.repo.create({
      data: { kind: input.kind, owner, name: input.name, fullName, private: input.private ?? false, searchText: fullName.toLowerCase() },
    });
  } catch {
    throw new RegistryError("Conflict", `You already created this ${input.kind === "dataset" ? "dataset" : "model"} repo: ${fullName}`);
  }
  await commitFiles(ctx, actor, {
    kind: input.kind,
    repo: fullName,
    message: "initial commit",
    files: [{ path: ".gitattributes", content: new TextEncoder().encode(GITATTRIBUTES) }],
  });
  return repo;
}

/** Deletes a repo with its history, then removes blobs that no other commit references. */
export async function deleteRepo(ctx: RegistryContext, actor: Actor | null, kind: RepoKind, fullName: string) {
  const repo = await getRepo(ctx, kind, fullName);
  assertCanWrite(actor, repo.owner);
  const shas = (await ctx.db.commitFile.findMany({ where: { commit: { repoId: repo.id } }, select: { blobSha256: true }, distinct: ["blobSha256"] }))
    .map((f) => f.blobSha256);
  await ctx.db.$transaction(async (tx) => {
    await tx.branch.deleteMany({ where: { repoId: repo.id } });
    await tx.repo.delete({ where: { id: repo.id } });
  });
  await sweepBlobs(ctx, shas);
}

export async function recordDownload(ctx: RegistryContext, repoId: string) {
  await ctx.db.$transaction([
    ctx.db.repo.update({ where: { id: repoId }, data: { downloads: { increment: 1 } } }),
    ctx.db.esmInfo.updateMany({ where: { repoId }, data: { downloads: { increment: 1 } } }),
  ]);
}
