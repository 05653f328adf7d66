import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

export type FetchHandler = (req: Request) => Promise<Response>;

/** Thrown for a request that cannot become a Web Request (absolute-form target, malformed Host): answered 400. */
class BadRequestTarget extends Error {}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  // Only origin-form targets (`/path?query`): an absolute-form one would otherwise choose the request's host.
  if (!req.url?.startsWith("/")) throw new BadRequestTarget("the request target must be a path");
  // Concatenated, not resolved: `new URL("//evil.example/x", base)` would read the path as a host.
  const url = `http://${req.headers.host ?? "localhost"}${req.url}`;
  try {
    new URL(url);
  } catch {
    throw new BadRequestTarget("malformed Host header or request target");
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

const HUB_API_SECURITY_HEADERS: [string, string][] = [
  ["content-security-policy", "default-src 'none'; frame-ancestors 'none'; sandbox"],
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "strict-origin-when-cross-origin"],
  ["x-frame-options", "DENY"],
];

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    headers[k] = k === "set-cookie" ? response.headers.getSetCookie() : v;
  });
  // Hub API answers are data (JSON, files users uploaded), never pages: nothing in them may run or be framed.
  for (const [k, v] of HUB_API_SECURITY_HEADERS) if (!response.headers.has(k)) headers[k] = v;
  // An answer given before the body was read (413 as a body passes its limit): the rest of that body is still on the
  // connection, so it must not carry the client's next request.
  if (!req.complete) headers.connection = "close";
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as never).on("error", reject).pipe(res).on("finish", resolve).on("error", reject);
  });
}

/**
 * A node:http listener for a Web-Fetch handler that keeps every header the handler sets. (Next.js route handlers
 * drop `Content-Length`; a custom server can send Hub API paths here to keep identity lengths on downloads.)
 */
export function nodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    Promise.resolve()
      .then(() => handler(toRequest(req)))
      .then((response) => send(req, res, response))
      .catch((err) => {
        if (err instanceof BadRequestTarget) {
          res.writeHead(400, { "Content-Type": "application/json" });
          return void res.end(JSON.stringify({ error: err.message }));
        }
        console.error("hub-api: request failed", err);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "internal server error" }));
      });
  };
}

/** Serves a Web-Fetch handler over plain node:http (tests, and the API without the Next.js layer). */
export async function serveFetch(handler: FetchHandler, options: { port?: number; host?: string } = {}): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(nodeListener(handler));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    server,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
