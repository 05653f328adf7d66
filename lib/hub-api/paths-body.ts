import { HttpError, readBody } from "./http";

export interface PathsInfoBody {
  paths: string[];
  expand: boolean;
}

const LIMIT = 1024 * 1024;

/**
 * The body of `paths-info`: JSON `{paths, expand}` from the JS client, or the form the Python client posts
 * (`paths=a&paths=b&expand=true`, booleans as httpx writes them).
 */
export async function readPathsInfoBody(req: Request): Promise<PathsInfoBody> {
  const text = new TextDecoder().decode(await readBody(req, LIMIT));
  if (/^application\/x-www-form-urlencoded\b/i.test(req.headers.get("content-type") ?? "")) {
    const form = new URLSearchParams(text);
    const expand = form.get("expand");
    return { paths: [...form.getAll("paths"), ...form.getAll("paths[]")], expand: expand === "true" || expand === "1" };
  }
  let body: unknown;
  try {
    body = JSON.parse(text || "{}");
  } catch {
    throw new HttpError(400, "request body is neither JSON nor form-encoded {paths, expand}");
  }
  const { paths, expand } = (body && typeof body === "object" ? body : {}) as { paths?: unknown; expand?: unknown };
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === "string")) throw new HttpError(400, "paths must be an array of strings");
  return { paths, expand: expand === true };
}
