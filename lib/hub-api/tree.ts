import { createHash } from "node:crypto";
import { readableRevision } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { json, publicOrigin } from "./http";
import { lfsInfo, lfsRule, type LfsInfo, type LfsRule } from "./lfs";
import { readPathsInfoBody } from "./paths-body";
import { nonNegativeInt, truthy } from "./query";
import { commitManifest, RegistryError, type RepoKind } from "../registry";
import type { ApiKind } from "./shapes";

interface ManifestFile {
  path: string;
  size: number;
  gitSha1: string;
  blobSha256: string;
}

interface LastCommit {
  id: string;
  title: string;
  date: string;
}

export interface TreeEntry {
  type: "file" | "directory";
  path: string;
  size: number;
  oid: string;
  lfs?: LfsInfo;
  lastCommit?: LastCommit;
}

/** `oid` is the git blob id of the content for every file: preupload answers it, and clients compare it with theirs. */
function fileEntry(f: ManifestFile, isLfs: LfsRule): TreeEntry {
  return { type: "file", path: f.path, size: f.size, oid: f.gitSha1, ...(isLfs(f.path) ? { lfs: lfsInfo(f) } : {}) };
}

/**
 * Folders are not stored; their oid is a hash over what they contain (`<git sha1> <path>` per file, in manifest
 * order), stable for the same content. All folders at once, in one pass: O(files × depth).
 */
function dirOids(files: ManifestFile[]): Map<string, string> {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  for (const f of files) {
    const parts = f.path.split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join("/");
      let h = hashes.get(dir);
      if (!h) hashes.set(dir, (h = createHash("sha1")));
      h.update(`${f.gitSha1} ${f.path}\n`);
    }
  }
  return new Map([...hashes].map(([dir, h]) => [dir, h.digest("hex")]));
}

function dirEntry(path: string, oids: Map<string, string>): TreeEntry {
  return { type: "directory", path, size: 0, oid: oids.get(path) ?? createHash("sha1").digest("hex") };
}

/** What identifies each path's content at one commit: files by git sha1, folders by their oid. */
function signatures(files: { path: string; gitSha1: string; size: number; blobSha256: string }[]): Map<string, string> {
  const sigs = dirOids(files);
  for (const f of files) sigs.set(f.path, f.gitSha1);
  return sigs;
}

/** Entries under `dir` ("" = root): direct children, or everything below when recursive (folders included). */
export function treeEntries(files: ManifestFile[], dir: string, recursive: boolean, isLfs: LfsRule): TreeEntry[] | null {
  const prefix = dir ? dir + "/" : "";
  const below = files.filter((f) => f.path.startsWith(prefix));
  if (dir && below.length === 0) return null;
  const dirs = new Set<string>();
  const out: TreeEntry[] = [];
  for (const f of below) {
    const rest = f.path.slice(prefix.length).split("/");
    for (let depth = 1; depth < rest.length && (recursive || depth === 1); depth++) {
      dirs.add(prefix + rest.slice(0, depth).join("/"));
    }
    if (recursive || rest.length === 1) out.push(fileEntry(f, isLfs));
  }
  const oids = dirOids(files);
  return [...[...dirs].sort().map((d) => dirEntry(d, oids)), ...out];
}

/**
 * For each path, the most recent commit (walking back from `commitId`, at most LAST_COMMIT_STEPS) that changed it.
 * Each step compares two signature maps: O(steps × files × depth), whatever the number of paths asked.
 */
const LAST_COMMIT_STEPS = 200;

async function lastCommits(ctx: HubApiContext, commitId: string, paths: string[]): Promise<Map<string, LastCommit>> {
  const db = ctx.registry.db;
  const found = new Map<string, LastCommit>();
  let current = await db.commit.findUnique({ where: { id: commitId }, include: { files: true } });
  let currentSigs = current ? signatures(current.files) : new Map<string, string>();
  let pending = paths;
  for (let steps = 0; current && pending.length > 0 && steps < LAST_COMMIT_STEPS; steps++) {
    const parent = current.parentId ? await db.commit.findUnique({ where: { id: current.parentId }, include: { files: true } }) : null;
    const parentSigs = parent ? signatures(parent.files) : new Map<string, string>();
    const info = { id: current.id, title: current.message, date: current.createdAt.toISOString() };
    for (const p of pending) if (currentSigs.get(p) !== parentSigs.get(p)) found.set(p, info);
    pending = pending.filter((p) => !found.has(p));
    current = parent;
    currentSigs = parentSigs;
  }
  return found;
}

async function withLastCommits(ctx: HubApiContext, commitId: string, entries: TreeEntry[]): Promise<TreeEntry[]> {
  const last = await lastCommits(ctx, commitId, entries.map((e) => e.path));
  return entries.map((e) => ({ ...e, lastCommit: last.get(e.path) }));
}

/** Entries per page of a tree listing, as the Hub pages it: fewer when each needs its last commit. */
const TREE_PAGE = 1000;
const EXPANDED_TREE_PAGE = 100;

/**
 * `GET /api/models/{id}/tree/{rev}[/{path}]?recursive=&expand=&cursor=`: one page of entries, the next one named by
 * an absolute `Link: …; rel="next"` (both stock clients follow it).
 */
export async function listTree(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string, dir: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const url = new URL(req.url);
  const params = url.searchParams;
  const expand = truthy(params.get("expand"));
  const pageSize = expand ? EXPANDED_TREE_PAGE : TREE_PAGE;
  const start = nonNegativeInt(params.get("cursor"), "cursor", 0);
  const { commit } = await readableRevision(ctx, kind, fullName, rev, await readerOf(req, ctx));
  const files = await commitManifest(ctx.registry, commit.id);
  const entries = treeEntries(files, dir.replace(/\/+$/, ""), truthy(params.get("recursive")), await lfsRule(ctx, files));
  if (!entries) throw new RegistryError("EntryNotFound", `${dir} does not exist in ${fullName} at ${rev}`);
  const page = entries.slice(start, start + pageSize);
  const headers: Record<string, string> = {};
  if (start + pageSize < entries.length) {
    const next = new URLSearchParams(params);
    next.set("cursor", String(start + pageSize));
    headers.Link = `<${publicOrigin(req, ctx)}${url.pathname}?${next}>; rel="next"`;
  }
  return json(expand ? await withLastCommits(ctx, commit.id, page) : page, { headers });
}

/** `POST /api/models/{id}/paths-info/{rev}` with `{paths, expand}` (JSON or form-encoded): entries for the paths that exist. */
export async function pathsInfo(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const { paths, expand } = await readPathsInfoBody(req);
  const { commit } = await readableRevision(ctx, kind, fullName, rev, await readerOf(req, ctx));
  const files = await commitManifest(ctx.registry, commit.id);
  const isLfs = await lfsRule(ctx, files);
  const oids = dirOids(files);
  const entries: TreeEntry[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const p of paths) {
    const path = p.replace(/^\/+|\/+$/g, "");
    const file = byPath.get(path);
    if (file) entries.push(fileEntry(file, isLfs));
    else if (path && oids.has(path)) entries.push(dirEntry(path, oids));
  }
  return json(expand ? await withLastCommits(ctx, commit.id, entries) : entries);
}
