import { bearerToken } from "../auth/tokens";
import type { HubApiContext } from "./context";
import { HttpError } from "./http";
import { actorFromToken, type Actor } from "../registry";

export type TokenActor = Actor & { tokenName: string; tokenCreatedAt: Date };

/**
 * The user behind the request's bearer token. Reads stay anonymous when the token is unknown: the Python client
 * sends a user's stored huggingface.co token to every endpoint, and public data must still be readable then.
 */
export async function readerOf(req: Request, ctx: HubApiContext): Promise<TokenActor | null> {
  const token = bearerToken(req.headers.get("authorization"));
  return token ? actorFromToken(ctx.registry.db, token) : null;
}

/** Like `readerOf`, but a missing or unknown token is a 401 (writes, whoami). */
export async function requireActor(req: Request, ctx: HubApiContext): Promise<TokenActor> {
  const token = bearerToken(req.headers.get("authorization"));
  if (!token) throw new HttpError(401, "authentication required: send a token as 'Authorization: Bearer hf_…'");
  const actor = await actorFromToken(ctx.registry.db, token);
  if (!actor) throw new HttpError(401, "Invalid credentials in Authorization header");
  return actor;
}
