import { whoAmI } from "./whoami";
import type { HubApiContext } from "./context";
import { commit, preupload } from "./commit";
import { listCommitsAt } from "./commits";
import { createRepoHandler, deleteRepoHandler } from "./create-repo";
import { corsHeaders, HttpError, preflight, responseForError } from "./http";
import { repoInfoAt } from "./info";
import { listRepos } from "./list";
import { listRefs } from "./refs";
import { RegistryError, type RepoKind } from "../registry";
import { hasControlCharacter } from "../registry/names";
import { resolveFile } from "./resolve";
import type { ApiKind } from "./shapes";
import { listTree, pathsInfo } from "./tree";
import { redirectApi, redirectFile } from "./upstream";
import { validateYaml } from "./validate-yaml";

const API_MARKERS = new Set(["revision", "tree", "paths-info", "preupload", "commit", "commits"]);
const FILE_MARKERS = new Set(["resolve", "raw"]);

/** Percent-decoded path segments; control characters (`%00`, `%0A`, …) never name a repo, revision or file. */
function decodeSegments(pathname: string): string[] {
  return pathname.split("/").filter(Boolean).map((s) => {
    let segment: string;
    try {
      segment = decodeURIComponent(s);
    } catch {
      throw new HttpError(400, "malformed percent-encoding in the URL");
    }
    if (hasControlCharacter(segment)) throw new HttpError(400, "the URL contains a control character");
    return segment;
  });
}

/**
 * Splits `{id}/{marker}/{rev}/{rest…}` where the id has 2 segments (or 1, the legacy un-namespaced ids), routing
 * on the marker rather than on segment counts.
 */
export function splitRepoPath(segs: string[], markers: Set<string>): { id: string; marker?: string; rev?: string; rest: string[] } | null {
  for (const idLength of [2, 1]) {
    if (segs.length > idLength && markers.has(segs[idLength])) {
      return { id: segs.slice(0, idLength).join("/"), marker: segs[idLength], rev: segs[idLength + 1], rest: segs.slice(idLength + 2) };
    }
  }
  return null;
}

/** Whether a request path belongs to the Hub API (for a server that mounts it beside the website). */
export function isHubApiPath(pathname: string): boolean {
  const segs = pathname.split("/").filter(Boolean);
  if (segs[0] === "api") return ["models", "datasets", "whoami-v2", "repos", "validate-yaml"].includes(segs[1] ?? "");
  const split = splitRepoPath(segs[0] === "datasets" ? segs.slice(1) : segs, FILE_MARKERS);
  return Boolean(split && split.rev !== undefined && split.rest.length > 0);
}

function allow(req: Request, ...methods: string[]) {
  if (!methods.includes(req.method)) throw new HttpError(405, `${req.method} is not allowed here`);
}

async function route(req: Request, ctx: HubApiContext): Promise<Response> {
  const segs = decodeSegments(new URL(req.url).pathname);
  const isRead = req.method === "GET" || req.method === "HEAD";
  if (segs[0] === "api") {
    const [, group, ...rest] = segs;
    if (group === "whoami-v2" && rest.length === 0) return allow(req, "GET"), whoAmI(req, ctx);
    if (group === "repos" && rest.join("/") === "create") return allow(req, "POST"), createRepoHandler(req, ctx);
    if (group === "repos" && rest.join("/") === "delete") return allow(req, "DELETE"), deleteRepoHandler(req, ctx);
    if (group === "validate-yaml" && rest.length === 0) return allow(req, "POST"), validateYaml(req);
    if (group === "models" || group === "datasets") {
      const apiKind = group as ApiKind;
      if (rest.length === 0) return allow(req, "GET"), listRepos(req, ctx, apiKind);
      // `{owner}/{name}/refs` has no revision after its marker; a legacy one-segment id's refs stay ambiguous with
      // the repo `{id}/refs`, which is how they are read (and sent upstream unchanged when this hub lacks them).
      if (rest.length === 3 && rest[2] === "refs") {
        allow(req, "GET");
        return withUpstream(ctx, req, true, () => listRefs(req, ctx, apiKind, rest.slice(0, 2).join("/")));
      }
      const split = splitRepoPath(rest, API_MARKERS);
      // Two segments are a repo id even when the name is a marker (`alice/commits`): a marker needs a revision after it.
      if (!split || (rest.length === 2 && split.rev === undefined)) {
        if (rest.length > 2) throw new HttpError(404, "Not Found");
        allow(req, "GET");
        return withUpstream(ctx, req, true, () => repoInfoAt(req, ctx, apiKind, rest.join("/"), "HEAD"));
      }
      if (split.rev === undefined) throw new HttpError(400, `a revision is required after /${split.marker}/`);
      const { id, rev } = split;
      switch (split.marker) {
        case "revision":
          allow(req, "GET");
          return withUpstream(ctx, req, true, () => repoInfoAt(req, ctx, apiKind, id, rev));
        case "tree":
          allow(req, "GET");
          return withUpstream(ctx, req, true, () => listTree(req, ctx, apiKind, id, rev, split.rest.join("/")));
        case "commits":
          allow(req, "GET");
          return withUpstream(ctx, req, true, () => listCommitsAt(req, ctx, apiKind, id, rev));
        case "paths-info":
          allow(req, "POST");
          return pathsInfo(req, ctx, apiKind, id, rev);
        case "preupload":
          allow(req, "POST");
          return preupload(req, ctx, apiKind, id, rev);
        case "commit":
          allow(req, "POST");
          return commit(req, ctx, apiKind, id, rev);
      }
    }
    throw new HttpError(404, "Not Found");
  }
  const kind: RepoKind = segs[0] === "datasets" ? "dataset" : "esm";
  const split = splitRepoPath(kind === "dataset" ? segs.slice(1) : segs, FILE_MARKERS);
  if (split && split.rev !== undefined && split.rest.length > 0) {
    allow(req, "GET", "HEAD");
    const path = split.rest.join("/");
    return withUpstream(ctx, req, isRead, () => resolveFile(req, ctx, kind, split.id, split.rev!, path, split.marker === "raw"), "file");
  }
  throw new HttpError(404, "Not Found");
}

/** With an upstream hub configured, reads of repos this hub does not hold are sent there. */
async function withUpstream(ctx: HubApiContext, req: Request, isRead: boolean, handler: () => Promise<Response>, what: "api" | "file" = "api"): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    if (ctx.upstreamUrl && isRead && err instanceof RegistryError && err.code === "RepoNotFound") {
      return what === "file" ? redirectFile(ctx.upstreamUrl, req) : redirectApi(ctx.upstreamUrl, req);
    }
    throw err;
  }
}

/** The Hub API as one Web-Fetch handler: route, answer errors Hub-style, add CORS to every answer. */
export async function handleHubRequest(req: Request, ctx: HubApiContext): Promise<Response> {
  if (req.method === "OPTIONS") return preflight(req);
  let res: Response;
  try {
    res = await route(req, ctx);
  } catch (err) {
    res = responseForError(err);
  }
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(corsHeaders(req))) headers.set(k, v);
  return new Response(req.method === "HEAD" ? null : res.body, { status: res.status, statusText: res.statusText, headers });
}

