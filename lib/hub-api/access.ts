import type { Actor } from "../registry";
import { assertCanWrite, RegistryError, resolveRevision, type RepoKind } from "../registry";
import type { HubApiContext } from "./context";
import type { RepoRow } from "./repo-facts";

export const kindLabel = (kind: RepoKind) => (kind === "dataset" ? "dataset" : "repository");

/** A repo the actor may read; private repos of others answer exactly like missing ones. */
export async function readableRepo(ctx: HubApiContext, kind: RepoKind, fullName: string, actor: Actor | null): Promise<RepoRow> {
  const repo = await ctx.registry.db.repo.findUnique({ where: { kind_fullName: { kind, fullName } }, include: { esm: true } });
  if (!repo || (repo.private && repo.owner !== actor?.name)) {
    throw new RegistryError("RepoNotFound", `${kindLabel(kind)} ${fullName} not found`);
  }
  return repo;
}

export async function readableRevision(ctx: HubApiContext, kind: RepoKind, fullName: string, rev: string, actor: Actor | null) {
  const repo = await readableRepo(ctx, kind, fullName, actor);
  const { commit } = await resolveRevision(ctx.registry, kind, fullName, rev);
  return { repo, commit };
}

/** A repo the actor may change: hidden private repos are 404, others' repos and read-only tokens 403. */
export async function writableRepo(ctx: HubApiContext, kind: RepoKind, fullName: string, actor: Actor): Promise<RepoRow> {
  const repo = await readableRepo(ctx, kind, fullName, actor);
  assertCanWrite(actor, repo.owner);
  return repo;
}
