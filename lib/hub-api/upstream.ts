/** Headers that tell the Python client what a redirected download is (it requires them on the redirect itself). */
const FILE_HEADERS = ["X-Repo-Commit", "X-Linked-Etag", "X-Linked-Size", "ETag"];
const MAX_HOPS = 5;

function upstreamUrl(upstream: string, req: Request): string {
  const url = new URL(req.url);
  return `${upstream.replace(/\/+$/, "")}${url.pathname}${url.search}`;
}

/** API reads of repos this hub lacks: the same request, absolutely redirected to the upstream hub. */
export function redirectApi(upstream: string, req: Request): Response {
  return new Response(null, { status: 307, headers: { Location: upstreamUrl(upstream, req) } });
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
      const next = new URL(location, target).href;
      if (/^[a-z]+:/i.test(location)) return redirectWith(location, res);
      target = next;
      continue;
    }
    if (res.ok) return redirectWith(target, res, true);
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
  return new Response(JSON.stringify({ error: "too many redirects upstream" }), { status: 502, headers: { "Content-Type": "application/json" } });
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
