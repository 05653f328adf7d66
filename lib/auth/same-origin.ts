import { forwardedOrigin } from "../hub-api/http";

/**
 * CSRF defence for cookie-authenticated mutations (OWASP: verify the source origin with standard headers). A
 * browser sends Origin on every cross-origin POST/PUT/DELETE and Sec-Fetch-Site on every request; either one
 * naming another site refuses the request. Requests with neither come from non-browser clients, which a
 * forged page cannot drive. Bearer-token requests need no check: a page cannot make a browser attach a token.
 */
export function crossSiteProblem(request: Request, publicUrl?: string): string | null {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return null;
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return `cross-site request refused (Sec-Fetch-Site: ${site})`;
  const origin = request.headers.get("origin");
  if (!origin) return null;
  if (origin === "null") return "cross-site request refused (opaque Origin)";
  const expected = new Set([forwardedOrigin(request), ...(publicUrl ? [new URL(publicUrl).origin] : [])]);
  return expected.has(origin) ? null : `cross-site request refused (Origin ${origin} is not this hub)`;
}
