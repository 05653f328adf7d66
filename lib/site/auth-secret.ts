import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The session-signing secret: AUTH_SECRET when set, else one generated on first start and kept in
 * `<dataDir>/auth-secret`, so the hub starts with no environment variables and sessions survive restarts.
 */
export function authSecret(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "auth-secret");
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored) return stored;
  } catch {
    // not created yet
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": when two processes race, the first file wins and both read it back.
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  } catch {
    return readFileSync(file, "utf8").trim();
  }
  return secret;
}
