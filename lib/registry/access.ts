import type { RegistryContext } from "./context";
import { RegistryError } from "./errors";
import type { RepoKind } from "./names";
import type { Actor } from "./users";

export function assertCanWrite(actor: Actor | null, owner: string): asserts actor is Actor {
  if (!actor) throw new RegistryError("Unauthorized", "sign in or send a write token to change repos");
  if (actor.scope !== "write") throw new RegistryError("Forbidden", "this token is read-only; create a token with write scope");
  if (actor.name !== owner) throw new RegistryError("Forbidden", `only ${owner} can change repos under ${owner}/`);
}

export async function findRepo(ctx: RegistryContext, kind: RepoKind, fullName: string) {
  return ctx.db.repo.findUnique({ where: { kind_fullName: { kind, fullName } } });
}

export async function getRepo(ctx: RegistryContext, kind: RepoKind, fullName: string) {
  const repo = await findRepo(ctx, kind, fullName);
  if (!repo) throw new RegistryError("RepoNotFound", `${kind === "dataset" ? "dataset" : "repository"} ${fullName} not found`);
  return repo;
}
