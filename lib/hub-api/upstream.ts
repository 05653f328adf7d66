import { errorResponse } from "./http";

/** Headers that tell the Python client what a redirected download is (it requires them on the redirect itself). */
const FILE_HEADERS = ["X-Repo-Commit", "X-Linked-Etag", "X-Linked-Size", "ETag"];
const MAX_HOPS = 5;

/**
 * The request's path and query on the upstream hub. Only the path is taken from the request, with repeated slashes
 * collapsed (URL parsing has already resolved dot segments and read backslashes as slashes), and it is set as the
 * path of a URL on the configured origin: `//evil.example/…` stays a path there and can never become another host.
 */
export function upstreamUrl(upstream: string, req: Request): URL {
  const base = new URL(upstream);
  const { pathname, search } = new URL(req.url);
  const target = new URL(base.origin);
  target.pathname = base.pathname.replace(/\/+$/, "") + pathname.replace(/\/{2,}/g, "/");
  target.search = search;
  return target;
}

/** API reads of repos this hub lacks: the same request, absolutely redirected to the upstream hub. */
export function redirectApi(upstream: string, req: Request): Response {
  return new Response(null, { status: 307, headers: { Location: upstreamUrl(upstream, req).href } });
}

type Hop = { follow: URL } | { emit: string } | { refuse: string };

/**
 * What to do with a `Location` the upstream answered for `target`: relative and same-origin ones are followed (renamed
 * repos), an absolute http(s) URL is the upstream's CDN link and passed on; a scheme-relative `//host` (which may echo
 * the request path) and other schemes are refused.
 */
function nextHop(location: string, target: URL): Hop {
  if (/^[\\/]{2}/.test(location)) return { refuse: "the upstream answered a scheme-relative redirect" };
  let next: URL;
  try {
    next = new URL(location, target);
  } catch {
    return { refuse: "the upstream answered a malformed redirect" };
  }
  if (next.origin === target.origin) return { follow: next };
  if (/^https?:\/\//i.test(location)) return { emit: next.href };
  return { refuse: "the upstream answered a redirect this hub does not pass on" };
}

/**
 * File reads of repos this hub lacks. The Python client treats an absolute redirect as a CDN link and needs the
 * file's commit, etag and size on the redirect response, so the upstream is asked first (HEAD, following its
 * relative redirects, e.g. renamed repos) and its answers are copied onto our 302.
 */
export async function redirectFile(upstream: string, req: Request): Promise<Response> {
  let target = upstreamUrl(upstream, req);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await fetch(target, { method: "HEAD", redirect: "manual", headers: { "Accept-Encoding": "identity" } });
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = nextHop(location, target);
      if ("emit" in next) return redirectWith(next.emit, res);
      if ("refuse" in next) return errorResponse(502, next.refuse);
      target = next.follow;
      continue;
    }
    if (res.ok) return redirectWith(target.href, res, true);
    const headers: Record<string, string> = {};
    for (const h of ["X-Error-Code", "X-Error-Message", "Content-Type"]) {
      const v = res.headers.get(h);
      if (v) headers[h] = v;
    }
    return new Response(JSON.stringify({ error: res.headers.get("X-Error-Message") ?? `upstream answered ${res.status}` }), {
      status: res.status,
      headers: { ...headers, "Content-Type": "application/json" },
    });
  }
  return errorResponse(502, "too many redirects upstream");
}

function redirectWith(location: string, res: Response, fromFile = false): Response {
  const headers: Record<string, string> = { Location: location };
  for (const h of FILE_HEADERS) {
    const v = res.headers.get(h);
    if (v) headers[h] = v;
  }
  if (fromFile) {
    headers["X-Linked-Etag"] ??= res.headers.get("ETag") ?? "";
    headers["X-Linked-Size"] ??= res.headers.get("Content-Length") ?? "";
  }
  for (const [k, v] of Object.entries(headers)) if (!v) delete headers[k];
  return new Response(null, { status: 302, headers });
}
