import { HttpError, readBody } from "./http";

/** Room for multipart boundaries and form fields on top of a file size limit. */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

/**
 * A multipart/form-data body read within `limit` bytes: refused (413) from Content-Length or as soon as a chunked
 * body passes the limit, never read whole first; a body of another type or a malformed one is a 400.
 */
export async function readMultipart(req: Request, limit: number, what: string): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(type)) throw new HttpError(400, `${what}: expected a multipart/form-data body`, "InvalidInput");
  let bytes: Uint8Array;
  try {
    bytes = await readBody(req, limit);
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) {
      throw new HttpError(413, `${what}: the body is larger than the limit of ${(limit / 1048576).toFixed(0)} MB`, "PayloadTooLarge");
    }
    throw err;
  }
  try {
    return await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { "content-type": type } }).formData();
  } catch {
    throw new HttpError(400, `${what}: the multipart body is malformed`, "InvalidInput");
  }
}
