import { describe, expect, it } from "vitest";
import { HttpError } from "./http";
import { readMultipart } from "./multipart";

const LIMIT = 1024 * 1024;
const BOUNDARY = "----esmhub-test";

function multipart(file: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nreviews\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);
  return new Uint8Array([...head, ...file, ...tail]);
}

/** A chunked body (no Content-Length) that counts how much of it the reader pulled. */
function chunked(total: number, chunk = 64 * 1024) {
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      const n = Math.min(chunk, total - pulled.bytes);
      pulled.bytes += n;
      controller.enqueue(new Uint8Array(n).fill(97));
    },
  });
  return { body, pulled };
}

const request = (body: BodyInit | ReadableStream, headers: Record<string, string>) =>
  new Request("http://hub.test/api/targets", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function status(p: Promise<unknown>): Promise<{ status: number; code?: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, code: err.code };
    throw err;
  }
  return { status: 200 };
}

describe("readMultipart", () => {
  it("reads a form within the limit", async () => {
    const form = await readMultipart(request(new Blob([multipart(new TextEncoder().encode("text,label\na,0\n"))]), { "content-type": `multipart/form-data; boundary=${BOUNDARY}` }), LIMIT, "upload");
    expect(form.get("name")).toBe("reviews");
    expect(await (form.get("file") as File).text()).toBe("text,label\na,0\n");
  });

  it("stops reading a chunked body as soon as it passes the limit", async () => {
    const { body, pulled } = chunked(50 * LIMIT);
    expect(await status(readMultipart(request(body, { "content-type": `multipart/form-data; boundary=${BOUNDARY}` }), LIMIT, "upload"))).toEqual({ status: 413, code: "PayloadTooLarge" });
    expect(pulled.bytes).toBeLessThan(LIMIT + 4 * 64 * 1024);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { body, pulled } = chunked(2 * LIMIT);
    const req = request(body, { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(2 * LIMIT) });
    expect(await status(readMultipart(req, LIMIT, "upload"))).toEqual({ status: 413, code: "PayloadTooLarge" });
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it.each([
    ["a JSON body", "application/json", '{"file": "x"}'],
    ["multipart without a boundary", "multipart/form-data", "x"],
    ["no content type", "", "x"],
    ["a truncated multipart body", `multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\n\r\nabc`],
    ["garbage under a multipart type", `multipart/form-data; boundary=${BOUNDARY}`, "not a multipart body at all"],
  ])("answers 400 for %s", async (_what, type, body) => {
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    expect(await status(readMultipart(request(body, headers), LIMIT, "upload"))).toEqual({ status: 400, code: "InvalidInput" });
  });
});
