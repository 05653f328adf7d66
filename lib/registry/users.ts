import type { Db } from "../db";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "../auth/password";
import { generateToken, hashToken, type TokenScope } from "../auth/tokens";
import { RegistryError } from "./errors";
import { assertName, isReservedName } from "./names";

export interface Actor {
  id: string;
  name: string;
  /** Scope of the credential the request came with; a signed-in browser session acts with "write". */
  scope: TokenScope;
}

export async function createUser(db: Db, input: { name: string; password?: string; fullname?: string; email?: string; githubId?: string }) {
  assertName(input.name, "user name");
  if (isReservedName(input.name)) throw new RegistryError("InvalidInput", `the user name "${input.name}" is reserved for the site's own pages`);
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = checkPasswordPolicy(input.password);
    if (problem) throw new RegistryError("InvalidInput", problem);
    passwordHash = await hashPassword(input.password);
  }
  if (await db.user.findUnique({ where: { name: input.name } })) throw new RegistryError("Conflict", `the user name "${input.name}" is taken`);
  return db.user.create({
    data: { name: input.name, passwordHash, fullname: input.fullname ?? null, email: input.email ?? null, githubId: input.githubId ?? null },
  });
}

export async function findUserByName(db: Db, name: string) {
  return db.user.findUnique({ where: { name } });
}

/** The user if name and password match; null otherwise (same answer for unknown user and wrong password). */
export async function authenticatePassword(db: Db, name: string, password: string) {
  const user = await db.user.findUnique({ where: { name } });
  if (!user?.passwordHash) return null;
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

/** Creates an API token and returns it in clear text, the only time it is ever available. */
export async function createToken(db: Db, userId: string, input: { name: string; scope: TokenScope }) {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new RegistryError("InvalidInput", "token name must have 1 to 100 characters");
  if (input.scope !== "read" && input.scope !== "write") throw new RegistryError("InvalidInput", `token scope must be "read" or "write"`);
  const token = generateToken();
  const row = await db.apiToken.create({
    data: { userId, name, scope: input.scope, tokenHash: hashToken(token), hint: token.slice(-4) },
  });
  return { token, id: row.id, name: row.name, scope: row.scope as TokenScope, createdAt: row.createdAt };
}

export async function listTokens(db: Db, userId: string) {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, scope: true, hint: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeToken(db: Db, userId: string, tokenId: string) {
  const { count } = await db.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new RegistryError("InvalidInput", "no such active token");
}

/** Resolves a bearer token to the acting user; null for unknown or revoked tokens. */
export async function actorFromToken(db: Db, token: string): Promise<(Actor & { tokenName: string; tokenCreatedAt: Date }) | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt) return null;
  // Coarse last-used bookkeeping: at most one write per token per minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.user.id, name: row.user.name, scope: row.scope as TokenScope, tokenName: row.name, tokenCreatedAt: row.createdAt };
}
