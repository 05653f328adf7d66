import type { HubApiContext } from "./context";
import { RegistryError } from "../registry";

/** Headers browser clients of `@huggingface/hub` must be able to read on cross-origin responses. */
export const EXPOSED_HEADERS = [
  "Content-Range", "Content-Length", "ETag", "X-Linked-Etag", "X-Linked-Size", "X-Repo-Commit", "Link", "X-Error-Code",
  "X-Error-Message", "X-Request-Id", "Accept-Ranges",
];

export function corsHeaders(req: Request): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": req.headers.get("origin") ?? "*",
    "Access-Control-Expose-Headers": EXPOSED_HEADERS.join(", "),
    Vary: "Origin",
  };
}

export function preflight(req: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(req),
      "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": req.headers.get("access-control-request-headers") ?? "Authorization, Content-Type, Range, Accept",
      "Access-Control-Max-Age": "86400",
    },
  });
}

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers },
  });
}

/** A Hub-style error: JSON `{error}` (what the JS client shows) plus the headers the Python client maps. */
export function errorResponse(status: number, message: string, code?: string, extra: Record<string, unknown> = {}): Response {
  const headers: Record<string, string> = { "X-Error-Message": headerSafe(message) };
  if (code) headers["X-Error-Code"] = code;
  return json({ error: message, ...extra }, { status, headers });
}

function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, 500);
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string) {
    super(message);
  }
}

export function responseForError(err: unknown): Response {
  if (err instanceof RegistryError) {
    const code = ["RepoNotFound", "RevisionNotFound", "EntryNotFound"].includes(err.code) ? err.code : undefined;
    return errorResponse(err.status, err.message, code);
  }
  if (err instanceof HttpError) return errorResponse(err.status, err.message, err.code);
  console.error("hub-api: unexpected error", err);
  return errorResponse(500, "internal server error");
}

/** The origin clients reached us at (for absolute `Link` and repo URLs), honouring reverse-proxy headers. */
export function publicOrigin(req: Request, ctx: HubApiContext): string {
  if (ctx.publicUrl) return ctx.publicUrl.replace(/\/+$/, "");
  return forwardedOrigin(req);
}

/** The origin of the request as the client sent it: through a reverse proxy's X-Forwarded-* headers when present. */
export function forwardedOrigin(req: Request): string {
  const url = new URL(req.url);
  const first = (name: string) => req.headers.get(name)?.split(",")[0].trim() || undefined;
  const proto = first("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  const host = first("x-forwarded-host") ?? first("host") ?? url.host;
  return `${proto}://${host}`;
}

export async function readJsonBody(req: Request, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  const bytes = await readBody(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes) || "{}");
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "request body must be a JSON object");
  return body as Record<string, unknown>;
}

/** Reads a request body, refusing (413) anything over `limit` bytes before and while reading it. */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, `request body is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB`);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
