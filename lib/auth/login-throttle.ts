import type { Db } from "../db";

/** Failed password sign-ins allowed per account and per client address within one window (0 lifts a limit). */
export interface LoginLimits {
  maxPerAccount: number;
  maxPerIp: number;
  windowMs: number;
}

function setting(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (got "${raw}")`);
  return value;
}

export function loginLimits(env: Record<string, string | undefined> = process.env): LoginLimits {
  return {
    maxPerAccount: setting(env, "ESMHUB_LOGIN_MAX_PER_ACCOUNT", 10),
    maxPerIp: setting(env, "ESMHUB_LOGIN_MAX_PER_IP", 50),
    windowMs: setting(env, "ESMHUB_LOGIN_WINDOW_S", 900) * 1000,
  };
}

/** Who is trying: the lower-cased name as typed (known or not, so both count alike) and the client address. */
export interface LoginSubject {
  account: string;
  ip?: string;
}

function keysOf(subject: LoginSubject, limits: LoginLimits): { key: string; max: number }[] {
  const keys = [{ key: `account:${subject.account.toLowerCase()}`, max: limits.maxPerAccount }];
  if (subject.ip) keys.push({ key: `ip:${subject.ip}`, max: limits.maxPerIp });
  return keys.filter((k) => k.max > 0);
}

/**
 * Milliseconds until `subject` may try again, or 0 when it may try now. The failures live in the database, so every
 * hub process sees the same counts. A sliding window: the attempt is refused while `max` failures are younger than
 * the window, and allowed again once the oldest of them ages out.
 */
export async function loginRetryAfterMs(db: Db, subject: LoginSubject, limits: LoginLimits, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMs);
  let wait = 0;
  for (const { key, max } of keysOf(subject, limits)) {
    const [limiting] = await db.loginFailure.findMany({ where: { key, at: { gt: since } }, orderBy: { at: "desc" }, skip: max - 1, take: 1, select: { at: true } });
    if (limiting) wait = Math.max(wait, limiting.at.getTime() + limits.windowMs - now.getTime());
  }
  return wait;
}

/** Counts one failed attempt against the account and the address, and drops failures older than the window. */
export async function recordLoginFailure(db: Db, subject: LoginSubject, limits: LoginLimits, now = new Date()): Promise<void> {
  const keys = keysOf(subject, limits);
  if (!keys.length) return;
  await db.loginFailure.createMany({ data: keys.map(({ key }) => ({ key, at: now })) });
  await db.loginFailure.deleteMany({ where: { at: { lte: new Date(now.getTime() - limits.windowMs) } } });
}

/** A correct password clears the account's failures; the address keeps its count (one address, many accounts). */
export async function clearAccountFailures(db: Db, subject: LoginSubject): Promise<void> {
  await db.loginFailure.deleteMany({ where: { key: `account:${subject.account.toLowerCase()}` } });
}

/** The client address of a request: the last X-Forwarded-For entry, the one the nearest proxy (or Next.js) wrote. */
export function clientAddress(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) || headers.get("x-real-ip")?.trim() || undefined;
}
