import { writableRepo } from "./access";
import { requireActor } from "./auth";
import { DEFAULT_MAX_COMMIT_BYTES, type HubApiContext } from "./context";
import { HttpError, json, publicOrigin, readBody, readJsonBody } from "./http";
import { parseCommitNdjson } from "./ndjson";
import { commitFiles, commitManifest, pathProblem, RegistryError, resolveRevision, type RepoKind } from "../registry";
import { repoUrl } from "./repo-url";
import type { ApiKind } from "./shapes";

const kindOf = (apiKind: ApiKind): RepoKind => (apiKind === "models" ? "esm" : "dataset");

function refusePullRequests(req: Request) {
  const pr = new URL(req.url).searchParams.get("create_pr");
  if (pr && pr !== "0" && pr !== "false") throw new HttpError(400, "pull requests are not supported by this hub; commit to a branch you own");
}

/**
 * `POST /api/models/{id}/preupload/{rev}`: every file goes inline ("regular"), never LFS; `oid` is the git blob id of
 * the file now at that path, so the Python client can skip unchanged files.
 */
export async function preupload(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  refusePullRequests(req);
  const kind = kindOf(apiKind);
  const actor = await requireActor(req, ctx);
  await writableRepo(ctx, kind, fullName, actor);
  const body = await readJsonBody(req, 8 * 1024 * 1024);
  if (!Array.isArray(body.files)) throw new HttpError(400, "files must be an array of {path, size, sample}");
  const current = new Map<string, string>();
  try {
    const { commit } = await resolveRevision(ctx.registry, kind, fullName, rev);
    for (const f of await commitManifest(ctx.registry, commit.id)) current.set(f.path, f.gitSha1);
  } catch (err) {
    if (!(err instanceof RegistryError && err.code === "RevisionNotFound")) throw err;
  }
  const files = (body.files as { path?: unknown }[]).map((f) => {
    if (typeof f?.path !== "string") throw new HttpError(400, "each file needs a path");
    const problem = pathProblem(f.path);
    if (problem) throw new HttpError(400, problem);
    return { path: f.path, uploadMode: "regular", shouldIgnore: false, oid: current.get(f.path) ?? null };
  });
  return json({ files, commitOid: null });
}

/** The body as text; invalid UTF-8 is refused rather than turned into U+FFFD inside paths and summaries. */
function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "the commit body is not valid UTF-8");
  }
}

/** `POST /api/models/{id}/commit/{rev}` (NDJSON): one atomic, validated commit; nothing is stored when it is refused. */
export async function commit(req: Request, ctx: HubApiContext, apiKind: ApiKind, fullName: string, rev: string): Promise<Response> {
  refusePullRequests(req);
  const kind = kindOf(apiKind);
  const actor = await requireActor(req, ctx);
  await writableRepo(ctx, kind, fullName, actor);
  const bytes = await readBody(req, ctx.maxCommitBytes ?? DEFAULT_MAX_COMMIT_BYTES);
  const parsed = parseCommitNdjson(utf8(bytes));
  const result = await commitFiles(ctx.registry, actor, {
    kind,
    repo: fullName,
    branch: rev === "HEAD" ? "main" : rev,
    message: parsed.summary.trim() || `Upload ${parsed.files.length} file${parsed.files.length === 1 ? "" : "s"}`,
    description: parsed.description,
    parentCommit: parsed.parentCommit,
    files: parsed.files,
    deletions: parsed.deletions,
  });
  return json({
    commitOid: result.commitId,
    commitUrl: `${repoUrl(publicOrigin(req, ctx), kind, fullName)}/commit/${result.commitId}`,
    pullRequestUrl: null,
    hookOutput: "",
  });
}
