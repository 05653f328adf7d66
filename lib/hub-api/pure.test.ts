import { describe, expect, it } from "vitest";
import { pathProblem, treeConflicts } from "../registry/names";
import { likePieces, searchTerms, termsAreExact } from "../registry/search";
import { decodeBase64Strict } from "./base64";
import { HttpError } from "./http";
import { parseLfsRule } from "./lfs";
import { parseCommitNdjson } from "./ndjson";
import { readPathsInfoBody } from "./paths-body";
import { parseListQuery } from "./query";
import { parseRange } from "./range";
import { isHubApiPath, splitRepoPath } from "./router";
import { deriveTags, tagFilter } from "./tags";
import { treeEntries } from "./tree";
import { upstreamUrl } from "./upstream";
import { mayNestDeeperThan } from "./yaml-nesting";

describe("deriveTags", () => {
  it("derives the Hub's tags for an ESM from its config and card", () => {
    const tags = deriveTags({
      esm: { baseModelName: "bert-base-multilingual-uncased", taskId: "nguha/legalbench" },
      cardData: { tags: ["embedding_space_map", "BaseLM:bert-base-multilingual-uncased", "legal"], license: "apache-2.0", language: ["en", "de"], datasets: ["other/ds"] },
    });
    expect(tags).toEqual([
      "embedding_space_map", "BaseLM:bert-base-multilingual-uncased", "legal", "dataset:nguha/legalbench",
      "base_model:google-bert/bert-base-multilingual-uncased", "base_model:finetune:google-bert/bert-base-multilingual-uncased",
      "license:apache-2.0", "en", "de",
    ]);
  });

  it("drops ESM-shaped card tags on repos that are not ESMs, so filters and tags agree", () => {
    expect(deriveTags({ esm: null, cardData: { tags: ["embedding_space_map", "csv"], datasets: "a/b", pipeline_tag: "text-classification" } }))
      .toEqual(["csv", "dataset:a/b", "text-classification"]);
  });
});

describe("tagFilter", () => {
  it("maps known tag shapes onto EsmInfo columns with base-model aliases", () => {
    const f = tagFilter(["embedding_space_map", "base_model:bert-base-uncased", "BaseLM:google-bert/bert-base-uncased"]);
    expect(f.inMemory).toEqual([]);
    expect(f.where).toEqual([
      { esm: { isNot: null } },
      { esm: { is: { baseModel: { in: ["google-bert/bert-base-uncased", "bert-base-uncased"] } } } },
      { esm: { is: { baseModel: { in: ["google-bert/bert-base-uncased", "bert-base-uncased"] } } } },
    ]);
  });

  it("narrows other tags by card text and leaves the exact check to the caller", () => {
    const f = tagFilter(["license:mit", "legal"]);
    expect(f.where).toEqual([{ cardText: { contains: "mit" } }, { cardText: { contains: "legal" } }]);
    expect(f.inMemory).toEqual(["license:mit", "legal"]);
  });
});

describe("parseCommitNdjson", () => {
  const lines = (...l: unknown[]) => l.map((x) => JSON.stringify(x)).join("\n");

  it("reads the header, base64 files and deletions", () => {
    const parsed = parseCommitNdjson(lines(
      { key: "header", value: { summary: "Upload", description: "d", parentCommit: "a".repeat(40) } },
      { key: "file", value: { path: "a.txt", content: Buffer.from("hi").toString("base64"), encoding: "base64" } },
      { key: "deletedFile", value: { path: "b.txt" } },
      { key: "deletedFolder", value: { path: "dir/" } },
    ));
    expect(parsed).toMatchObject({ summary: "Upload", description: "d", parentCommit: "a".repeat(40), deletions: ["b.txt", "dir"] });
    expect(new TextDecoder().decode(parsed.files[0].content)).toBe("hi");
  });

  it("refuses LFS lines, bad JSON, unknown keys and a missing header", () => {
    expect(() => parseCommitNdjson(lines({ key: "header", value: {} }, { key: "lfsFile", value: { path: "w.bin" } }))).toThrow(/LFS uploads are not supported/);
    expect(() => parseCommitNdjson("{nope")).toThrow(HttpError);
    expect(() => parseCommitNdjson(lines({ key: "header", value: {} }, { key: "copy", value: {} }))).toThrow(/unknown commit operation "copy"/);
    expect(() => parseCommitNdjson(lines({ key: "file", value: { path: "a", content: "" } }))).toThrow(/no header/);
  });
});

describe("parseRange", () => {
  it("handles the single-range forms and unsatisfiable ranges", () => {
    expect(parseRange(null, 10)).toEqual({ kind: "none" });
    expect(parseRange("bytes=0-0", 10)).toEqual({ kind: "range", start: 0, end: 0 });
    expect(parseRange("bytes=2-", 10)).toEqual({ kind: "range", start: 2, end: 9 });
    expect(parseRange("bytes=5-100", 10)).toEqual({ kind: "range", start: 5, end: 9 });
    expect(parseRange("bytes=-3", 10)).toEqual({ kind: "range", start: 7, end: 9 });
    expect(parseRange("bytes=10-", 10)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-1,4-5", 10)).toEqual({ kind: "none" });
    expect(parseRange("items=0-1", 10)).toEqual({ kind: "none" });
  });
});

describe("splitRepoPath", () => {
  const markers = new Set(["resolve", "raw"]);
  it("routes on the marker, preferring two-segment ids", () => {
    expect(splitRepoPath(["alice", "esm", "resolve", "main", "a", "b.json"], markers)).toEqual({ id: "alice/esm", marker: "resolve", rev: "main", rest: ["a", "b.json"] });
    expect(splitRepoPath(["bert-base-uncased", "resolve", "main", "config.json"], markers)).toEqual({ id: "bert-base-uncased", marker: "resolve", rev: "main", rest: ["config.json"] });
    expect(splitRepoPath(["alice", "esm"], markers)).toBeNull();
  });

  it("tells Hub API paths from website pages", () => {
    for (const p of ["/api/models", "/api/datasets/a/b/tree/main", "/api/whoami-v2", "/alice/esm/resolve/main/config.json", "/datasets/a/b/raw/main/x.csv"]) expect(isHubApiPath(p), p).toBe(true);
    for (const p of ["/", "/alice/esm", "/alice/esm/edit", "/api/rankings", "/api/auth/signin", "/datasets/a/b"]) expect(isHubApiPath(p), p).toBe(false);
  });
});

describe("parseListQuery", () => {
  it("reads repeated filters and expands, sort and direction, and caps the page", () => {
    const q = parseListQuery(new URLSearchParams("filter=a&filter=b&expand=sha&expand[]=likes&sort=lastModified&direction=-1&limit=5000&full=true"));
    expect(q).toMatchObject({ filters: ["a", "b"], sort: "lastModified", descending: true, limit: 1000, full: true, offset: 0 });
    expect([...q.expand]).toEqual(["sha", "likes"]);
    expect(parseListQuery(new URLSearchParams("sort=id")).descending).toBe(false);
    expect(() => parseListQuery(new URLSearchParams("sort=nonsense"))).toThrow(/unknown sort/);
  });
});

describe("treeEntries", () => {
  const files = [
    { path: "a/b/c.txt", size: 1, gitSha1: "1", blobSha256: "c1" }, { path: "a/d.txt", size: 2, gitSha1: "2", blobSha256: "c2" },
    { path: "e.txt", size: 3, gitSha1: "3", blobSha256: "c3" },
  ];
  const none = () => false;
  it("lists direct children or everything below, folders first", () => {
    expect(treeEntries(files, "", false, none)!.map((e) => `${e.type}:${e.path}`)).toEqual(["directory:a", "file:e.txt"]);
    expect(treeEntries(files, "a", false, none)!.map((e) => `${e.type}:${e.path}`)).toEqual(["directory:a/b", "file:a/d.txt"]);
    expect(treeEntries(files, "a", true, none)!.map((e) => e.path)).toEqual(["a/b", "a/b/c.txt", "a/d.txt"]);
    expect(treeEntries(files, "zzz", false, none)).toBeNull();
  });

  it("describes LFS-tracked files with the content's sha256 and the pointer's size", () => {
    const sha = "c".repeat(64);
    const [entry] = treeEntries([{ path: "w.safetensors", size: 3, gitSha1: "3", blobSha256: sha }], "", false, (p) => p.endsWith(".safetensors"))!;
    // A git-lfs pointer: version line (43 bytes), "oid sha256:<64 hex>\n" (76), "size 3\n" (7).
    expect(entry).toEqual({ type: "file", path: "w.safetensors", size: 3, oid: "3", lfs: { oid: sha, size: 3, pointerSize: 126 } });
    expect(treeEntries(files, "", false, none)!.some((x) => "lfs" in x)).toBe(false);
  });
});

describe("parseLfsRule", () => {
  it("tracks what .gitattributes marks filter=lfs, the last matching line deciding", () => {
    const rule = parseLfsRule([
      "# weights", "*.safetensors filter=lfs diff=lfs merge=lfs -text", "data/**/*.bin filter=lfs", "/top.pt filter=lfs",
      "keep/*.safetensors -filter", "*.md text",
    ].join("\n"));
    expect(["model.safetensors", "sub/dir/model.safetensors", "data/a/b/x.bin", "data/x.bin", "top.pt"].map(rule)).toEqual([true, true, true, true, true]);
    expect(["keep/w.safetensors", "README.md", "x.bin", "sub/top.pt", "model.safetensors.json"].map(rule)).toEqual([false, false, false, false, false]);
  });
});

describe("readPathsInfoBody", () => {
  const post = (body: string, type: string) => new Request("http://hub/x", { method: "POST", body, headers: { "Content-Type": type } });
  it("reads the JS client's JSON and the Python client's form body alike", async () => {
    expect(await readPathsInfoBody(post(JSON.stringify({ paths: ["a", "b/c"], expand: true }), "application/json"))).toEqual({ paths: ["a", "b/c"], expand: true });
    expect(await readPathsInfoBody(post("paths=a&paths=b%2Fc&expand=true", "application/x-www-form-urlencoded"))).toEqual({ paths: ["a", "b/c"], expand: true });
    expect(await readPathsInfoBody(post("paths=a&expand=false", "application/x-www-form-urlencoded; charset=utf-8"))).toEqual({ paths: ["a"], expand: false });
    await expect(readPathsInfoBody(post("paths=a", "text/plain"))).rejects.toThrow(/neither JSON nor form-encoded/);
    await expect(readPathsInfoBody(post(JSON.stringify({ paths: "a" }), "application/json"))).rejects.toThrow(/array of strings/);
  });
});

describe("pathProblem", () => {
  it.each([
    "config.json", "dir/sub/file.bin", ".gitattributes", "a b/ü.txt", "x".repeat(255), `${"d/".repeat(300)}f`, "😀/名前.txt", "..a/b..", "a.git/x",
  ])("accepts %j", (path) => {
    expect(pathProblem(path)).toBeNull();
  });

  it.each([
    ["", /empty/], ["a\u0000b", /control/], ["a\tb", /control/], ["a\u001fb", /control/], ["a\u007fb", /control/], ["a\u0080b", /control/],
    ["a\u009fb", /control/], ["\ud800", /Unicode/], ["a\\b", /backslash/], ["/a", /start or end/], ["a/", /start or end/],
    ["a//b", /segment/], ["./a", /segment/], ["a/./b", /segment/], ["a/..", /segment/], ["..", /segment/], [".git", /reserved/],
    [".git/HEAD", /reserved/], ["é".repeat(501), /1000 bytes/], ["n".repeat(256), /255 bytes/], [`a/${"é".repeat(128)}`, /255 bytes/],
  ])("refuses %j", (path, message) => {
    expect(pathProblem(path)).toMatch(message);
  });

  it("quotes the path with control characters escaped", () => {
    expect(pathProblem("a\nb")).toBe('path "a\\nb" contains a control character');
  });
});

describe("treeConflicts", () => {
  it("finds paths that would be a file and a folder at once, once each", () => {
    expect(treeConflicts(["a", "a/b", "a/c", "x/y/z", "x/y", "ok/f", "ok2"])).toEqual([
      '"a" cannot be both a file and a folder (it would contain "a/b")',
      '"x/y" cannot be both a file and a folder (it would contain "x/y/z")',
    ]);
  });

  it("accepts sound trees, names that only share a prefix included", () => {
    expect(treeConflicts([])).toEqual([]);
    expect(treeConflicts(["a.txt", "a/b", "ab/c", "a-b", "dir/x", "dir/y/z"])).toEqual([]);
  });
});

describe("decodeBase64Strict", () => {
  it("decodes standard padded base64", () => {
    for (const text of ["", "h", "he", "hel", "hello", "\u00ff\u00fe binary"]) {
      const encoded = Buffer.from(text, "latin1").toString("base64");
      expect(Buffer.from(decodeBase64Strict(encoded)!).toString("latin1")).toBe(text);
    }
  });

  it.each(["aGVsbG8", "aGVsbG8==", "aG=sbG8=", "aGVs bG8=", "aGVs\nbG8=", "-_-_", "@@@@", "aGVsbG9=", "=", "====", "YQ", "YR=="])("refuses %j", (text) => {
    expect(decodeBase64Strict(text)).toBeNull();
  });
});

describe("LIKE wildcards in search", () => {
  it("splits terms at wildcards, drops words of wildcards alone, and says when the database match is not exact", () => {
    expect(likePieces("esm_source_0")).toEqual(["esm", "source", "0"]);
    expect(likePieces("%_\\")).toEqual([]);
    expect(searchTerms("ESM_Source %  _ review")).toEqual(["esm_source", "review"]);
    expect(termsAreExact(["review", "*"])).toBe(true);
    expect(termsAreExact(["a_c"])).toBe(false);
  });
});

describe("mayNestDeeperThan", () => {
  it("passes real card metadata and refuses deep nesting in every YAML style", () => {
    const card = "license: mit\ntags:\n  - embedding_space_map\nmodel-index:\n  - name: x\n    results:\n      - task: {type: text-classification}\n";
    expect(mayNestDeeperThan(card, 10)).toBe(false);
    expect(mayNestDeeperThan("a: " + "[".repeat(11), 10)).toBe(true);
    expect(mayNestDeeperThan("- ".repeat(11) + "x", 10)).toBe(true);
    expect(mayNestDeeperThan(Array.from({ length: 12 }, (_, i) => " ".repeat(i) + "k:").join("\n"), 10)).toBe(true);
    expect(mayNestDeeperThan("a: [" + "[], ".repeat(1000) + "]", 10)).toBe(false);
  });
});

describe("upstreamUrl", () => {
  const at = (path: string, upstream = "https://hub.example") => upstreamUrl(upstream, new Request(`http://local${path}`)).href;

  it("keeps the configured origin and base path whatever the request path holds", () => {
    expect(at("/a/b/resolve/main/f?x=1")).toBe("https://hub.example/a/b/resolve/main/f?x=1");
    expect(at("//evil.example/x")).toBe("https://hub.example/evil.example/x");
    expect(at("/\\evil.example/x")).toBe("https://hub.example/evil.example/x");
    expect(at("/a/../../..//evil.example")).toBe("https://hub.example/evil.example");
    expect(at("/@evil.example/x")).toBe("https://hub.example/@evil.example/x");
    expect(at("//evil.example/x", "https://mirror.example/hf/")).toBe("https://mirror.example/hf/evil.example/x");
  });
});
