import { downloadFile, listFiles, listModels } from "@huggingface/hub";
import { canonicalBaseModel } from "../esm";
import { commitFiles, commitManifest, createRepo, createUser, deleteRepo, findRepo, type Actor, type RegistryContext } from "../registry";

export const DEFAULT_IMPORT_HUB = "https://huggingface.co";
/** ESM repos are a few MB; anything far larger is not an ESM and is not worth mirroring. */
const MAX_REPO_BYTES = 512 * 1024 * 1024;

export interface ImportOptions {
  from: string;
  /** Tags every repo must carry (AND), as sent to `listModels`. */
  filters: string[];
  /** Adds `base_model:<canonical id>` to the filters. */
  baseModel?: string;
  limit?: number;
  /** Local owner for every imported repo instead of the upstream namespace. */
  owner?: string;
  accessToken?: string;
  fetch?: typeof fetch;
}

export type ImportOutcome = "imported" | "updated" | "skipped" | "failed";

export interface ImportEvent {
  id: string;
  outcome: ImportOutcome;
  legacy?: boolean;
  reason?: string;
}

export interface ImportReport {
  listed: number;
  imported: string[];
  updated: string[];
  skipped: string[];
  failed: { id: string; reason: string }[];
  /** Imported as published (v0.1.0 `sequential.0.*` names), flagged by the registry, never rewritten. */
  legacy: string[];
}

/** The commit description that records where a repo came from; re-imports compare the upstream sha in it. */
export function importDescription(from: string, id: string, sha: string): string {
  return `imported-from: ${from.replace(/\/+$/, "")}/${id}\nupstream-sha: ${sha}`;
}

const UPSTREAM_SHA = /^upstream-sha: ([0-9a-f]{40})$/m;

interface Listed {
  id: string;
  sha?: string;
  private: boolean;
}

/** Lists the upstream repos to mirror (tags AND-ed on the server, as the reference's discovery does). */
export async function listImportCandidates(opts: ImportOptions): Promise<Listed[]> {
  const tags = [...opts.filters];
  if (opts.baseModel) tags.push(`base_model:${canonicalBaseModel(opts.baseModel)}`);
  const out: Listed[] = [];
  for await (const m of listModels({
    hubUrl: opts.from, search: { tags }, limit: opts.limit, additionalFields: ["sha"], accessToken: opts.accessToken, fetch: opts.fetch,
  })) {
    out.push({ id: m.name, sha: m.sha, private: m.private });
  }
  return out;
}

/**
 * Mirrors ESM repos from any Hub-compatible server into the local registry: same ids (or `owner` instead of the
 * namespace), files as published, one commit per upstream revision. Repos already at the upstream sha are skipped, so
 * an interrupted import resumes; each repo's failure is reported and the import goes on.
 */
export async function importEsms(ctx: RegistryContext, opts: ImportOptions, onEvent: (e: ImportEvent, listed: number) => void = () => {}, candidates?: Listed[]): Promise<ImportReport> {
  const listed = candidates ?? (await listImportCandidates(opts));
  const report: ImportReport = { listed: listed.length, imported: [], updated: [], skipped: [], failed: [], legacy: [] };
  for (const item of listed) {
    let event: ImportEvent;
    try {
      event = await importOne(ctx, opts, item);
    } catch (err) {
      event = { id: item.id, outcome: "failed", reason: (err as Error).message.split("\n")[0] };
    }
    if (event.outcome === "failed") report.failed.push({ id: item.id, reason: event.reason ?? "unknown error" });
    else if (event.outcome === "skipped") report.skipped.push(item.id);
    else report[event.outcome].push(item.id);
    if (event.legacy) report.legacy.push(item.id);
    onEvent(event, listed.length);
  }
  return report;
}

async function localOwner(ctx: RegistryContext, name: string): Promise<Actor> {
  const user = (await ctx.db.user.findUnique({ where: { name } })) ?? (await createUser(ctx.db, { name }));
  return { id: user.id, name: user.name, scope: "write" };
}

async function importOne(ctx: RegistryContext, opts: ImportOptions, item: Listed): Promise<ImportEvent> {
  const [namespace, name] = item.id.includes("/") ? item.id.split("/") : [undefined, item.id];
  const owner = opts.owner ?? namespace;
  if (!owner) return { id: item.id, outcome: "failed", reason: "the upstream id has no namespace; pass --user to choose a local owner" };
  const fullName = `${owner}/${name}`;
  const common = { hubUrl: opts.from, accessToken: opts.accessToken, fetch: opts.fetch };
  const sha = item.sha ?? (await upstreamSha(opts, item.id));

  const existing = await findRepo(ctx, "esm", fullName);
  const head = existing ? await ctx.db.branch.findUnique({ where: { repoId_name: { repoId: existing.id, name: "main" } }, include: { commit: true } }) : null;
  if (head && UPSTREAM_SHA.exec(head.commit.description)?.[1] === sha) return { id: item.id, outcome: "skipped" };

  const entries = [];
  for await (const f of listFiles({ ...common, repo: item.id, revision: sha, recursive: true })) if (f.type === "file") entries.push(f);
  const total = entries.reduce((n, f) => n + f.size, 0);
  if (total > MAX_REPO_BYTES) return { id: item.id, outcome: "failed", reason: `repo holds ${Math.round(total / 1e6)} MB, more than an ESM repo should` };
  const files = [];
  for (const f of entries) {
    const blob = await downloadFile({ ...common, repo: item.id, path: f.path, revision: sha });
    if (!blob) throw new Error(`${f.path} disappeared upstream while importing`);
    files.push({ path: f.path, content: new Uint8Array(await blob.arrayBuffer()) });
  }
  if (files.length === 0) return { id: item.id, outcome: "failed", reason: "the upstream repo has no files" };

  const upstreamPaths = new Set(files.map((f) => f.path));
  const deletions = head ? (await commitManifest(ctx, head.commitId)).map((f) => f.path).filter((p) => !upstreamPaths.has(p)) : [];
  const actor = await localOwner(ctx, owner);
  if (!existing) await createRepo(ctx, actor, { kind: "esm", owner, name, private: item.private });
  try {
    await commitFiles(ctx, actor, {
      kind: "esm", repo: fullName, message: `Import ${item.id}@${sha.slice(0, 7)}`, description: importDescription(opts.from, item.id, sha), files, deletions,
    });
  } catch (err) {
    // A repo this import created holds nothing of the upstream one when its content is refused.
    if (!existing) await deleteRepo(ctx, actor, "esm", fullName);
    throw err;
  }
  const info = await ctx.db.esmInfo.findFirst({ where: { repo: { is: { kind: "esm", fullName } } } });
  return { id: item.id, outcome: existing ? "updated" : "imported", legacy: info?.legacy ?? false };
}

async function upstreamSha(opts: ImportOptions, id: string): Promise<string> {
  const res = await (opts.fetch ?? fetch)(`${opts.from.replace(/\/+$/, "")}/api/models/${id}/revision/main`, {
    headers: opts.accessToken ? { Authorization: `Bearer ${opts.accessToken}` } : {},
  });
  if (!res.ok) throw new Error(`cannot read ${id} upstream (HTTP ${res.status})`);
  const sha = (await res.json()).sha;
  if (typeof sha !== "string") throw new Error(`the upstream hub gave no commit sha for ${id}`);
  return sha;
}
