import type { Db } from "../db";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "../auth/password";
import { clearAccountFailures, loginLimits, loginRetryAfterMs, recordLoginFailure, type LoginLimits } from "../auth/login-throttle";
import { generateToken, hashToken, type TokenScope } from "../auth/tokens";
import { RegistryError } from "./errors";
import { assertName, isReservedName } from "./names";

export interface Actor {
  id: string;
  name: string;
  /** Scope of the credential the request came with; a signed-in browser session acts with "write". */
  scope: TokenScope;
}

/** The unique, case-insensitive form of a user name: `UXReviewer` and `uxreviewer` are one account. */
export function userNameKey(name: string): string {
  return name.toLowerCase();
}

/** Whether a user name is taken, ignoring case. */
export async function userNameTaken(db: Db, name: string): Promise<boolean> {
  return Boolean(await db.user.findUnique({ where: { nameKey: userNameKey(name) }, select: { id: true } }));
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

export async function createUser(db: Db, input: { name: string; password?: string; fullname?: string; email?: string; githubId?: string }) {
  assertName(input.name, "user name");
  if (isReservedName(input.name)) throw new RegistryError("InvalidInput", `the user name "${input.name}" is reserved for the site's own pages`);
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = checkPasswordPolicy(input.password, input.name);
    if (problem) throw new RegistryError("InvalidInput", problem);
    passwordHash = await hashPassword(input.password);
  }
  const taken = new RegistryError("Conflict", `the user name "${input.name}" is taken`);
  if (await userNameTaken(db, input.name)) throw taken;
  try {
    return await db.user.create({
      data: { name: input.name, nameKey: userNameKey(input.name), passwordHash, fullname: input.fullname ?? null, email: input.email ?? null, githubId: input.githubId ?? null },
    });
  } catch (err) {
    // Two sign-ups of one name at once: the unique key lets one through.
    if (isUniqueViolation(err)) throw taken;
    throw err;
  }
}

export async function findUserByName(db: Db, name: string) {
  return db.user.findUnique({ where: { name } });
}

export type PasswordSignIn =
  | { ok: true; user: { id: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Signs in by name (ignoring case) and password. Unknown user and wrong password give the same answer in the same
 * time: both run one bcrypt comparison and count one failure. While the account or the address has too many
 * recent failures every attempt is refused, the right password too, so guessing stays slow.
 */
export async function authenticatePassword(db: Db, input: { name: string; password: string; ip?: string }, limits: LoginLimits = loginLimits()): Promise<PasswordSignIn> {
  const subject = { account: input.name, ip: input.ip };
  const retryAfterMs = await loginRetryAfterMs(db, subject, limits);
  if (retryAfterMs > 0) return { ok: false, reason: "throttled", retryAfterMs };
  // One query whatever the case: the exact name first (case-variants older than migration 0006), else the key.
  const candidates = await db.user.findMany({ where: { OR: [{ name: input.name }, { nameKey: userNameKey(input.name) }] }, take: 2 });
  const user = candidates.find((u) => u.name === input.name) ?? candidates[0];
  const matches = await verifyPassword(input.password, user?.passwordHash);
  if (!matches || !user) {
    await recordLoginFailure(db, subject, limits);
    return { ok: false, reason: "wrong" };
  }
  await clearAccountFailures(db, subject);
  return { ok: true, user: { id: user.id, name: user.name, sessionVersion: user.sessionVersion } };
}

/** Ends every session of the user: session JWTs carry the version they were issued with (sign-out, password change). */
export async function bumpSessionVersion(db: Db, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Whether a session JWT issued at `version` for `userId` is still valid: the user exists and has not signed out since. */
export async function sessionIsCurrent(db: Db, userId: string, version: number): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion === version;
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
