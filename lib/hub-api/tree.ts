import { createHash } from "node:crypto";
import { readableRevision } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { json } from "./http";
import { lfsInfo, lfsRule, type LfsInfo, type LfsRule } from "./lfs";
import { readPathsInfoBody } from "./paths-body";
import { truthy } from "./query";
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

/** Folders are not stored; their oid is a hash over what they contain, stable for the same content. */
function dirEntry(path: string, files: ManifestFile[]): TreeEntry {
  const h = createHash("sha1");
  for (const f of files.filter((x) => x.path.startsWith(path + "/"))) h.update(`${f.gitSha1} ${f.path}\n`);
  return { type: "directory", path, size: 0, oid: h.digest("hex") };
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
  return [...[...dirs].sort().map((d) => dirEntry(d, files)), ...out];
}

/** For each path, the most recent commit (walking back from `commitId`) that changed it. */
async function lastCommits(ctx: HubApiContext, commitId: string, paths: string[]): Promise<Map<string, LastCommit>> {
  const db = ctx.registry.db;
  const found = new Map<string, LastCommit>();
  let current = await db.commit.findUnique({ where: { id: commitId }, include: { files: true } });
  let pending = new Set(paths);
  for (let steps = 0; current && pending.size > 0 && steps < 200; steps++) {
    const parent = current.parentId ? await db.commit.findUnique({ where: { id: current.parentId }, include: { files: true } }) : null;
    const info = { id: current.id, title: current.message, date: current.createdAt.toISOString() };
    const sig = (files: { path: string; gitSha1: string }[], p: string) =>
      files.filter((f) => f.path === p || f.path.startsWith(p + "/")).map((f) => `${f.path}:${f.gitSha1}`).join(",");
    for (const p of pending) {
      if (!parent || sig(current.files, p) !== sig(parent.files, p)) found.set(p, info);
    }
    pending = new Set([...pending].filter((p) => !found.has(p)));
    current = parent;
  }
  return found;
}

async function withLastCommits(ctx: HubApiContext, commitId: string, entries: TreeEntry[]): Promise<TreeEntry[]> {
  const last = await lastCommits(ctx, commitId, entries.map((e) => e.path));
  return entries.map((e) => ({ ...e, lastCommit: last.get(e.path) }));
}

/** `GET /api/models/{id}/tree/{rev}[/{path}]?recursive=&expand=`. */
export async function listTree(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string, dir: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const params = new URL(req.url).searchParams;
  const { commit } = await readableRevision(ctx, kind, fullName, rev, await readerOf(req, ctx));
  const files = await commitManifest(ctx.registry, commit.id);
  const entries = treeEntries(files, dir.replace(/\/+$/, ""), truthy(params.get("recursive")), await lfsRule(ctx, files));
  if (!entries) throw new RegistryError("EntryNotFound", `${dir} does not exist in ${fullName} at ${rev}`);
  return json(truthy(params.get("expand")) ? await withLastCommits(ctx, commit.id, entries) : entries);
}

/** `POST /api/models/{id}/paths-info/{rev}` with `{paths, expand}` (JSON or form-encoded): entries for the paths that exist. */
export async function pathsInfo(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  const kind: RepoKind = apiKind === "models" ? "esm" : "dataset";
  const { paths, expand } = await readPathsInfoBody(req);
  const { commit } = await readableRevision(ctx, kind, fullName, rev, await readerOf(req, ctx));
  const files = await commitManifest(ctx.registry, commit.id);
  const isLfs = await lfsRule(ctx, files);
  const entries: TreeEntry[] = [];
  for (const p of paths) {
    const path = p.replace(/^\/+|\/+$/g, "");
    const file = files.find((f) => f.path === path);
    if (file) entries.push(fileEntry(file, isLfs));
    else if (path && files.some((f) => f.path.startsWith(path + "/"))) entries.push(dirEntry(path, files));
  }
  return json(expand ? await withLastCommits(ctx, commit.id, entries) : entries);
}
