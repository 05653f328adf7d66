// Hostile requests against a real hub over HTTP: each must get a clear 4xx (or a clamped answer) in the Hub's error
// shape, and a refused write must leave the database and the blob store exactly as they were.
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitFiles, createRepo } from "../registry";
import { serveFetch } from "./node-server";
import { handleHubRequest } from "./router";
import { createUserWithToken, startTestHub, type TestHub } from "./testing";

const MAX_COMMIT_BYTES = 256 * 1024;
const REPO = "alice/plain";
const COMMIT = `/api/models/${REPO}/commit/main`;

let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub({ maxCommitBytes: MAX_COMMIT_BYTES });
  const { actor, token: t } = await createUserWithToken(hub.registry.db, "alice", "write");
  token = t;
  await createRepo(hub.registry, actor, { kind: "esm", name: "plain" });
  const text = (s: string) => new TextEncoder().encode(s);
  await commitFiles(hub.registry, actor, {
    kind: "esm", repo: REPO, message: "seed", files: [{ path: "a", content: text("file a") }, { path: "dir/x", content: text("file x") }],
  });
  for (const name of ["a_c", "abc"]) await createRepo(hub.registry, actor, { kind: "esm", name });
});

afterAll(async () => {
  await hub?.close();
});

const b64 = (s: string) => Buffer.from(s).toString("base64");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** What a refused write must leave unchanged. */
async function stored() {
  const db = hub.registry.db;
  const [repos, commits, files, blobs] = await Promise.all([db.repo.count(), db.commit.count(), db.commitFile.count(), db.blob.count()]);
  return { repos, commits, files, blobs };
}

/** An NDJSON commit: a header, a valid file whose bytes are unique to the case (they must not be stored), then `lines`. */
function commitBody(marker: string, ...lines: string[]): string {
  return [
    JSON.stringify({ key: "header", value: { summary: "hostile" } }),
    JSON.stringify({ key: "file", value: { path: "ok.txt", content: b64(marker), encoding: "base64" } }),
    ...lines,
  ].join("\n");
}

const fileLine = (path: string, content = b64("x")) => JSON.stringify({ key: "file", value: { path, content, encoding: "base64" } });

interface Case {
  name: string;
  method?: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  status: number;
  /** Expected `X-Error-Code`; absent means the answer carries none. */
  code?: string;
  error?: RegExp;
  /** Bytes the request tried to store; the blob store must not have them afterwards. */
  marker?: string;
  /** Time the answer must come within (hostile YAML). */
  withinMs?: number;
}

const commitCase = (name: string, error: RegExp, ...lines: string[]): Case => {
  const marker = `case: ${name}`;
  return { name, method: "POST", path: COMMIT, body: commitBody(marker, ...lines), contentType: "application/x-ndjson", status: 400, error, marker };
};

const pathCase = (name: string, path: string, error: RegExp) => commitCase(`path ${name}`, error, fileLine(path));

// A "billion laughs": ten levels of anchors, each a list of nine aliases of the level below.
const aliasBomb = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
  ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`)].join("\n");
const yamlCase = (name: string, frontMatter: string, error: RegExp): Case => ({
  name: `validate-yaml ${name}`, method: "POST", path: "/api/validate-yaml", body: JSON.stringify({ content: `---\n${frontMatter}\n---\n# card`, repoType: "model" }),
  contentType: "application/json", status: 400, error, withinMs: 2000,
});
const listCase = (query: string, error: RegExp): Case => ({ name: `GET /api/models?${query}`, path: `/api/models?${query}`, status: 400, error });
const commitsCase = (query: string, error: RegExp): Case => ({ name: `commits ?${query}`, path: `/api/models/${REPO}/commits/main?${query}`, status: 400, error });

const CASES: Case[] = [
  // NDJSON lines that are not operations
  commitCase("null line", /line 3: each line must be a JSON object/, "null"),
  commitCase("array line", /line 3: each line must be a JSON object/, "[1, 2]"),
  commitCase("number line", /line 3: each line must be a JSON object/, "42"),
  commitCase("string line", /line 3: each line must be a JSON object/, JSON.stringify("file")),
  commitCase("invalid JSON line", /line 3 of the commit is not valid JSON/, "{\"key\": \"file\""),
  commitCase("unknown key", /unknown commit operation "rmrf"/, JSON.stringify({ key: "rmrf", value: { path: "a" } })),
  commitCase("missing key", /unknown commit operation \(none\)/, JSON.stringify({ value: { path: "a" } })),
  commitCase("value null", /"value" must be an object/, JSON.stringify({ key: "file", value: null })),
  commitCase("value a string", /"value" must be an object/, JSON.stringify({ key: "deletedFile", value: "a" })),
  commitCase("file without path", /"path" must be a string/, JSON.stringify({ key: "file", value: { content: b64("x") } })),
  commitCase("file without content", /"content" must be a string/, JSON.stringify({ key: "file", value: { path: "b.txt" } })),
  commitCase("content a number", /"content" must be a string/, JSON.stringify({ key: "file", value: { path: "b.txt", content: 12 } })),
  commitCase("unsupported encoding", /unsupported encoding "hex"/, JSON.stringify({ key: "file", value: { path: "b.txt", content: "00", encoding: "hex" } })),
  commitCase("lfsFile", /LFS uploads are not supported/, JSON.stringify({ key: "lfsFile", value: { path: "big.bin", algo: "sha256", oid: "0".repeat(64), size: 1 } })),
  commitCase("second header", /a commit has one header/, JSON.stringify({ key: "header", value: { summary: "again" } })),
  commitCase("deeply nested JSON line", /each line must be a JSON object/, "[".repeat(100_000) + "]".repeat(100_000)),
  // Invalid base64 content (Node's lenient decoder would have stored garbage)
  commitCase("base64 outside the alphabet", /not valid base64/, fileLine("b.txt", "@@@@")),
  commitCase("base64 length not a multiple of 4", /not valid base64/, fileLine("b.txt", "aGVsbG8")),
  commitCase("base64 padding inside", /not valid base64/, fileLine("b.txt", "aG=sbG8=")),
  commitCase("base64url alphabet", /not valid base64/, fileLine("b.txt", "-_-_")),
  commitCase("base64 with a line break", /not valid base64/, fileLine("b.txt", "aGVs\nbG8=")),
  commitCase("base64 with non-zero trailing bits", /not valid base64/, fileLine("b.txt", "aGVsbG9=")),
  // Paths
  pathCase("with NUL", "a\u0000b", /control character/),
  pathCase("with a newline", "a\nb.txt", /control character/),
  pathCase("with DEL", "a\u007fb", /control character/),
  pathCase("with a C1 control", "a\u0085b", /control character/),
  pathCase("with a lone surrogate", "a\ud800b", /not valid Unicode/),
  pathCase("with a backslash", "dir\\evil.txt", /backslash/),
  pathCase("with ..", "../../etc/passwd", /empty, "\." or "\.\." segment/),
  pathCase("with .", "./b.txt", /empty, "\." or "\.\." segment/),
  pathCase("absolute", "/etc/passwd", /must not start or end with "\/"/),
  pathCase("with an empty segment", "dir//b.txt", /empty, "\." or "\.\." segment/),
  pathCase("ending in /", "newdir/", /must not start or end with "\/"/),
  pathCase("over 1000 bytes", "é".repeat(501), /longer than 1000 bytes/),
  pathCase("with a segment over 255 bytes", `dir/${"n".repeat(256)}`, /name longer than 255 bytes/),
  pathCase("inside .git", ".git/config", /reserved/),
  commitCase("delete with ..", /empty, "\." or "\.\." segment/, JSON.stringify({ key: "deletedFile", value: { path: "dir/../a" } })),
  commitCase("the same path twice", /appears twice/, fileLine("twice.txt"), fileLine("twice.txt")),
  // A file and a folder of the same name: in one commit, and against the existing tree (`a` is a file, `dir` a folder)
  commitCase("file and folder in one commit", /cannot be both a file and a folder/, fileLine("x"), fileLine("x/y")),
  commitCase("folder over an existing file", /cannot be both a file and a folder/, fileLine("a/b")),
  commitCase("file over an existing folder", /cannot be both a file and a folder/, fileLine("dir")),
  // Bodies
  { name: "commit body that is not UTF-8", method: "POST", path: COMMIT, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), contentType: "application/x-ndjson", status: 400, error: /not valid UTF-8/ },
  { name: "commit without a header", method: "POST", path: COMMIT, body: fileLine("b.txt"), contentType: "application/x-ndjson", status: 400, error: /no header line/ },
  { name: "commit body over the limit (Content-Length)", method: "POST", path: COMMIT, body: commitBody("too big", fileLine("big.txt", b64("x".repeat(MAX_COMMIT_BYTES)))), contentType: "application/x-ndjson", status: 413, error: /larger than the limit/, marker: "too big" },
  { name: "preupload of a path with ..", method: "POST", path: `/api/models/${REPO}/preupload/main`, body: JSON.stringify({ files: [{ path: "../x", size: 1, sample: "" }] }), contentType: "application/json", status: 400, error: /"\.\." segment/ },
  { name: "create repo with invalid base64 files", method: "POST", path: "/api/repos/create", body: JSON.stringify({ name: "bad64", type: "model", files: [{ path: "x.txt", content: "!!!!", encoding: "base64" }] }), contentType: "application/json", status: 400, error: /not valid base64/ },
  { name: "create repo with a file path with ..", method: "POST", path: "/api/repos/create", body: JSON.stringify({ name: "badpath", type: "model", files: [{ path: "../x.txt", content: b64("create ../x"), encoding: "base64" }] }), contentType: "application/json", status: 400, error: /"\.\." segment/, marker: "create ../x" },
  // YAML front matter
  yamlCase("alias bomb (billion laughs)", aliasBomb, /Excessive alias count/),
  yamlCase("deep flow nesting", `x: ${"[".repeat(100_000)}${"]".repeat(100_000)}`, /nests deeper than 100 levels/),
  yamlCase("deep block sequence", `x:\n${"- ".repeat(100_000)}leaf`, /nests deeper than 100 levels/),
  yamlCase("deep JSON-style mapping", `${"{\"a\": ".repeat(50_000)}1${"}".repeat(50_000)}`, /nests deeper than 100 levels/),
  yamlCase("over 1 MB", `notes: "${"x".repeat(1024 * 1024)}"`, /larger than 1024 KB/),
  yamlCase("a list, not a mapping", "- a\n- b", /must be a YAML mapping/),
  { name: "validate-yaml body that is not JSON", method: "POST", path: "/api/validate-yaml", body: "{content:", contentType: "application/json", status: 400, error: /not valid JSON/ },
  // List and history query values
  listCase("offset=1e308", /offset must be a non-negative integer/),
  listCase("offset=NaN", /offset must be a non-negative integer/),
  listCase("offset=0x10", /offset must be a non-negative integer/),
  listCase("offset=100001", /offset must be at most 100000/),
  listCase("limit=-1", /limit must be a non-negative integer/),
  listCase("limit=1e9", /limit must be a non-negative integer/),
  listCase("limit=1.5", /limit must be a non-negative integer/),
  listCase("sort=__proto__", /unknown sort "__proto__"/),
  listCase("sort=constructor", /unknown sort "constructor"/),
  listCase("direction=sideways", /direction must be -1 or 1/),
  listCase("search=%25", /nothing to search for but wildcard/),
  listCase("search=_", /nothing to search for but wildcard/),
  listCase("search=%25_%5C", /nothing to search for but wildcard/),
  listCase("filter=%25", /nothing to match but wildcard/),
  listCase(Array.from({ length: 21 }, (_, i) => `filter=t${i}`).join("&"), /at most 20 filter tags/),
  commitsCase("p=NaN", /p must be a non-negative integer/),
  commitsCase("p=1e308", /p must be a non-negative integer/),
  commitsCase("p=99999999", /p must be at most/),
  commitsCase("limit=-1", /limit must be a non-negative integer/),
  // URLs
  { name: "control character in a URL segment", path: `/api/models/${REPO}/tree/main/%00`, status: 400, error: /control character/ },
  { name: "newline in a revision", path: `/${REPO}/resolve/ma%0Ain/a`, status: 400, error: /control character/ },
  { name: "malformed percent-encoding", path: `/api/models/${REPO}/tree/main/%E0%A4%A`, status: 400, error: /malformed percent-encoding/ },
  { name: "resolve with an encoded ../ path", path: `/${REPO}/resolve/main/..%2F..%2Fetc%2Fpasswd`, status: 404, code: "EntryNotFound" },
];

describe("hostile requests", () => {
  it("has at least 40 of them", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)("$name → $status", async (c) => {
    const before = await stored();
    const started = Date.now();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (c.contentType) headers["Content-Type"] = c.contentType;
    const res = await fetch(hub.url + c.path, { method: c.method ?? "GET", headers, body: c.body });
    if (c.withinMs) expect(Date.now() - started).toBeLessThan(c.withinMs);
    expect(res.status).toBe(c.status);
    expect(res.headers.get("x-error-code")).toBe(c.code ?? null);
    const body = await res.json();
    expect(typeof body.error).toBe("string");
    if (c.error) expect(body.error).toMatch(c.error);
    expect(await stored()).toEqual(before);
    if (c.marker) expect(await hub.registry.blobs.has(sha256(c.marker))).toBe(false);
  });
});

describe("hostile requests that need more than a table row", () => {
  it("stops reading a chunked commit body (no Content-Length) as soon as it passes the limit, storing nothing", async () => {
    const before = await stored();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 100 * MAX_COMMIT_BYTES) return controller.close();
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const req = new Request(hub.url + COMMIT, {
      method: "POST", body, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-ndjson" }, duplex: "half",
    } as RequestInit);
    const res = await handleHubRequest(req, hub.ctx);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than the limit/);
    expect(pulled).toBeLessThanOrEqual(MAX_COMMIT_BYTES + 2 * 64 * 1024);
    expect(await stored()).toEqual(before);
  });

  it("answers an absolute-form request target with 400, not 500", async () => {
    const { port } = new URL(hub.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, method: "GET", path: "http://evil.example/api/models" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject).end();
    });
    expect(status).toBe(400);
  });

  it("searches for LIKE wildcards literally: a_c finds a_c, not abc; * and %-words find nothing extra", async () => {
    const names = async (query: string) => ((await (await fetch(`${hub.url}/api/models?${query}`)).json()) as { id: string }[]).map((m) => m.id);
    expect(await names("search=a_c")).toEqual(["alice/a_c"]);
    expect(await names("search=*")).toEqual([]);
    expect(await names("search=a%25c")).toEqual([]);
    expect(await names("search=ali%25")).toEqual([]);
  });

  it("clamps a huge limit to the largest page", async () => {
    const res = await fetch(`${hub.url}/api/models?limit=1000000000`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(3);
  });
});

describe("upstream redirects stay on the upstream origin", () => {
  let front: TestHub;
  let upstream: Awaited<ReturnType<typeof serveFetch>>;
  const upstreamPaths: string[] = [];

  beforeAll(async () => {
    // A stand-in upstream hub: its answer depends on the file asked for.
    upstream = await serveFetch(async (req) => {
      const { pathname } = new URL(req.url);
      upstreamPaths.push(pathname);
      const file = pathname.split("/").pop();
      if (file === "scheme-relative") return new Response(null, { status: 302, headers: { Location: "//evil.example/steal" } });
      if (file === "backslashes") return new Response(null, { status: 302, headers: { Location: "/\\evil.example/steal" } });
      if (file === "script") return new Response(null, { status: 302, headers: { Location: "javascript:alert(1)" } });
      return new Response(null, { status: 200, headers: { "X-Repo-Commit": "c".repeat(40), ETag: '"e"', "Content-Length": "1" } });
    });
    front = await startTestHub({ upstreamUrl: upstream.url });
  });

  afterAll(async () => {
    await front?.close();
    await upstream?.close();
  });

  it.each([
    ["//evil.example/x/resolve/main/file.bin", "/evil.example/x/resolve/main/file.bin"],
    ["/a/b/resolve/main/%2F%2Fevil.example", "/a/b/resolve/main/%2F%2Fevil.example"],
    ["/a/b/resolve/main/x/..//evil.example/f", "/a/b/resolve/main/evil.example/f"],
  ])("file %s → upstream origin + %s", async (path, expected) => {
    const res = await fetch(front.url + path, { method: "HEAD", redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe(upstream.url);
    expect(location.pathname).toBe(expected);
  });

  it("sends API reads to the upstream origin with a normalised path", async () => {
    const api = await fetch(`${front.url}/api/models//evil.example//x`, { redirect: "manual" });
    expect(api.status).toBe(307);
    expect(api.headers.get("location")).toBe(`${upstream.url}/api/models/evil.example/x`);
  });

  it.each(["scheme-relative", "backslashes", "script"])("refuses an upstream %s redirect with 502 and follows nothing", async (file) => {
    upstreamPaths.length = 0;
    const res = await fetch(`${front.url}/a/b/resolve/main/${file}`, { method: "HEAD", redirect: "manual" });
    expect(res.status).toBe(502);
    expect(res.headers.get("location")).toBeNull();
    expect(upstreamPaths).toEqual([`/a/b/resolve/main/${file}`]);
  });
});
