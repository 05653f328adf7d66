import { Readable } from "node:stream";
import { readableRepo } from "./access";
import { readerOf } from "./auth";
import type { HubApiContext } from "./context";
import { lfsRuleAt } from "./lfs";
import { parseRange } from "./range";
import { getFile, recordDownload, type RepoKind } from "../registry";

const TEXT_TYPES: Record<string, string> = {
  md: "text/markdown; charset=utf-8", json: "application/json; charset=utf-8", txt: "text/plain; charset=utf-8",
  yaml: "text/plain; charset=utf-8", yml: "text/plain; charset=utf-8", csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8", gitattributes: "text/plain; charset=utf-8",
};

/** The file the reference counts a download by (the weights, fetched once per ESM load). */
const COUNTED_FILE = "model.safetensors";

function contentType(path: string, raw: boolean): string {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return raw ? TEXT_TYPES[ext] ?? "application/octet-stream" : "application/octet-stream";
}

/**
 * `HEAD`/`GET /{id}/resolve/{rev}/{path}` (and `/raw/`): the bytes of a file at a revision with the headers the
 * clients check (`X-Repo-Commit`, a content-based `ETag`, `X-Linked-Etag` for LFS-tracked files, identity
 * `Content-Length`) and single-range support.
 */
export async function resolveFile(req: Request, ctx: HubApiContext, kind: RepoKind, fullName: string, rev: string, path: string, raw: boolean): Promise<Response> {
  const actor = await readerOf(req, ctx);
  await readableRepo(ctx, kind, fullName, actor);
  const found = await getFile(ctx.registry, kind, fullName, rev, path);
  const { file, commit, repo } = found;
  const immutable = rev === commit.id;
  const headers: Record<string, string> = {
    "Content-Type": contentType(path, raw),
    ETag: `"${file.gitSha1}"`,
    "X-Repo-Commit": commit.id,
    "X-Linked-Size": String(file.size),
    "Accept-Ranges": "bytes",
    // no-transform keeps compressing proxies away: clients compare Content-Length with the bytes they receive.
    "Cache-Control": immutable ? "public, max-age=31536000, immutable, no-transform" : "no-cache, no-transform",
  };
  // LFS-tracked files name their content by sha256, as the Hub's do; the Python client keys its cache on it.
  if ((await lfsRuleAt(ctx, commit.id))(path)) headers["X-Linked-Etag"] = `"${file.blobSha256}"`;
  if (!raw) headers["Content-Disposition"] = `inline; filename*=UTF-8''${encodeURIComponent(path.split("/").pop()!)}`;
  const ifNoneMatch = req.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").map((t) => t.trim().replace(/^W\//, "")).includes(headers.ETag)) {
    return new Response(null, { status: 304, headers });
  }

  const range = parseRange(req.headers.get("range"), file.size);
  if (range.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${file.size}`, "Content-Length": "0" } });
  }
  const isGet = req.method === "GET";
  // A download is the whole file: ranges (resumes, probes) would let anyone inflate the counter cheaply.
  if (isGet && kind === "esm" && path === COUNTED_FILE && (range.kind === "none" || (range.start === 0 && range.end === file.size - 1))) {
    await recordDownload(ctx.registry, repo.id);
  }
  if (range.kind === "range") {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${file.size}`;
    headers["Content-Length"] = String(range.end - range.start + 1);
    const body = isGet ? toWeb(await found.open({ start: range.start, end: range.end })) : null;
    return new Response(body, { status: 206, headers });
  }
  headers["Content-Length"] = String(file.size);
  const body = isGet && file.size > 0 ? toWeb(await found.open()) : null;
  return new Response(body, { status: 200, headers });
}

function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}
