import { publicUrl } from "@/lib/config";
import { auth } from "@/auth";
import { crossSiteProblem } from "@/lib/auth/same-origin";
import { DatasetError } from "@/lib/datasets";
import { HttpError } from "@/lib/hub-api/http";
import { actorFromToken, registry, RegistryError, type Actor } from "@/lib/registry";

/** The caller: a Bearer token (read or write scope as issued) or the signed-in browser session (write). */
export async function requestActor(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const token = header.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new RegistryError("Unauthorized", "Authorization header must be \"Bearer <token>\"");
    const actor = await actorFromToken(registry().db, token);
    if (!actor) throw new RegistryError("Unauthorized", "invalid or revoked token");
    return { id: actor.id, name: actor.name, scope: actor.scope };
  }
  const crossSite = crossSiteProblem(request, publicUrl());
  if (crossSite) throw new RegistryError("Forbidden", crossSite);
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await registry().db.user.findUnique({ where: { id } });
  return user ? { id: user.id, name: user.name, scope: "write" } : null;
}

export function requireWrite(actor: Actor | null): Actor {
  if (!actor) throw new RegistryError("Unauthorized", "sign in or send a write token (Authorization: Bearer …)");
  if (actor.scope !== "write") throw new RegistryError("Forbidden", "this token is read-only; create a token with write scope");
  return actor;
}

const TOO_LARGE = new Set<string>(["file_too_large", "too_many_rows", "too_many_columns"]);

/** JSON error bodies with the status the error calls for. */
export function errorResponse(err: unknown): Response {
  if (err instanceof RegistryError) return Response.json({ error: err.message, code: err.code, problems: err.problems }, { status: err.status });
  if (err instanceof HttpError) return Response.json({ error: err.message, code: err.code }, { status: err.status });
  if (err instanceof DatasetError) return Response.json({ error: err.message, code: err.code }, { status: TOO_LARGE.has(err.code) ? 413 : 400 });
  console.error(err);
  return Response.json({ error: "internal error" }, { status: 500 });
}
