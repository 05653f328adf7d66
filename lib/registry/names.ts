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

export const MAX_PATH_BYTES = 1000;
/** Most file systems refuse longer names, so a longer segment could never be checked out. */
export const MAX_SEGMENT_BYTES = 255;

// In Unicode mode a paired surrogate is one code point, so this matches lone surrogates only: text no UTF-8 column stores.
const LONE_SURROGATE = /\p{Cs}/u;
// C0 and C1 controls and DEL: invisible in listings and terminals, and NUL is refused by PostgreSQL text columns.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);

// TextEncoder rather than Buffer: the upload page runs these checks in the browser too.
const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

/** A path quoted for a message: short, and with control characters escaped so the message itself stays readable. */
function shown(path: string): string {
  return JSON.stringify(path.length > 120 ? path.slice(0, 120) + "…" : path);
}

/**
 * Why a file path inside a repo is not acceptable, or null. Every upload path checks it: what passes is a relative,
 * normalised POSIX path that means the same file to git, to the stock clients' local caches and on any OS.
 */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return "path must not be empty";
  if (LONE_SURROGATE.test(path)) return `path ${shown(path)} is not valid Unicode (lone surrogate)`;
  if (utf8Length(path) > MAX_PATH_BYTES) return `path ${shown(path)} is longer than ${MAX_PATH_BYTES} bytes`;
  if (CONTROL.test(path)) return `path ${shown(path)} contains a control character`;
  if (path.includes("\\")) return `path ${shown(path)} contains a backslash; use "/" between folders`;
  if (path.startsWith("/") || path.endsWith("/")) return `path ${shown(path)} must not start or end with "/"`;
  const segments = path.split("/");
  if (segments.some((seg) => seg === "" || seg === "." || seg === "..")) return `path ${shown(path)} has an empty, "." or ".." segment`;
  if (segments.some((seg) => utf8Length(seg) > MAX_SEGMENT_BYTES)) return `path ${shown(path)} has a name longer than ${MAX_SEGMENT_BYTES} bytes`;
  if (path === ".git" || path.startsWith(".git/")) return `path ${shown(path)} is reserved`;
  return null;
}

/**
 * Paths of a tree that would be a file and a folder at once (`a` and `a/b`): git cannot store such a tree and no
 * client can check it out. One message per clash; empty when the tree is sound. Pass every path of the resulting tree.
 */
export function treeConflicts(paths: Iterable<string>): string[] {
  const files = new Set(paths);
  const clashes = new Map<string, string>();
  for (const path of files) {
    for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
      const folder = path.slice(0, i);
      if (files.has(folder) && !clashes.has(folder)) clashes.set(folder, path);
    }
  }
  return [...clashes].map(([file, below]) => `${shown(file)} cannot be both a file and a folder (it would contain ${shown(below)})`);
}

/** Refuses (InvalidInput) a tree in which a path is both a file and a folder. */
export function assertNoTreeConflicts(paths: Iterable<string>): void {
  const problems = treeConflicts(paths);
  if (problems.length) throw new RegistryError("InvalidInput", problems.join("; "), problems);
}
