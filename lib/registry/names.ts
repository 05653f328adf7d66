import { RegistryError } from "./errors";

export type RepoKind = "esm" | "dataset";

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
export const MAX_NAME_LENGTH = 96;

/**
 * First path segments the site uses for its own pages. A user with one of these names would have a profile
 * (`/{user}`) and repo URLs (`/{user}/{repo}`) hidden behind the site's routes, so no user may take them.
 */
export const RESERVED_NAMES = new Set([
  "api", "auth", "datasets", "esms", "models", "new", "settings", "signin", "signout", "signup", "rankings", "search",
  "spaces", "docs", "about", "admin", "login", "logout", "join", "_next", "static", "public", "favicon.ico", "robots.txt",
]);

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name.toLowerCase());
}

/** Why a user or repo name is not acceptable, or null. Same rules as the Hugging Face Hub, stated plainly. */
export function nameProblem(name: string, what = "name"): string | null {
  if (name.length === 0) return `${what} must not be empty`;
  if (name.length > MAX_NAME_LENGTH) return `${what} must have at most ${MAX_NAME_LENGTH} characters (got ${name.length})`;
  if (/\s/.test(name)) return `${what} must not contain spaces`;
  if (name.includes("/")) return `${what} must not contain "/"`;
  if (name.includes("..") || name.includes("--")) return `${what} must not contain ".." or "--"`;
  if (!NAME.test(name)) return `${what} may only contain letters, digits, "-", "_" and ".", and must start and end with a letter or digit`;
  if (/\.git$/i.test(name)) return `${what} must not end with ".git"`;
  return null;
}

export function assertName(name: string, what = "name"): void {
  const problem = nameProblem(name, what);
  if (problem) throw new RegistryError("InvalidInput", `invalid ${what} "${name.slice(0, 120)}": ${problem}`);
}

/** Splits `owner/name`, validating both parts. */
export function parseRepoId(id: string): { owner: string; name: string; fullName: string } {
  const parts = id.split("/");
  if (parts.length !== 2) throw new RegistryError("InvalidInput", `invalid repo id "${id.slice(0, 200)}": expected owner/name`);
  assertName(parts[0], "owner");
  assertName(parts[1], "repo name");
  return { owner: parts[0], name: parts[1], fullName: id };
}

/** Why a file path inside a repo is not acceptable, or null. */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return "path must not be empty";
  if (path.length > 1000) return "path is longer than 1000 characters";
  if (path.startsWith("/") || path.endsWith("/")) return `path "${path}" must not start or end with "/"`;
  if (path.includes("\\") || path.includes("\0")) return `path "${path}" contains a backslash or NUL`;
  if (path.split("/").some((seg) => seg === "" || seg === "." || seg === "..")) return `path "${path}" has an empty, "." or ".." segment`;
  if (path === ".git" || path.startsWith(".git/")) return `path "${path}" is reserved`;
  return null;
}
