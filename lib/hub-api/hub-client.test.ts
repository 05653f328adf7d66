// The unmodified @huggingface/hub client against a real hub served over HTTP (node:http → the same handlers
// the Next.js routes call), with a temp database and the ESM fixtures.
import {
  createRepo as hfCreateRepo, deleteRepo as hfDeleteRepo, downloadFile, fileExists, listDatasets, listFiles, listModels, modelInfo, pathsInfo, uploadFiles, whoAmI,
} from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeEsmSafetensors } from "../esm";
import { commitFiles, createRepo, createToken, createUser, type Actor } from "../registry";
import { createUserWithToken, esmCard as cardFor, esmFixtureFile as read, esmFixtureFiles as esmFiles, startTestHub, type TestHub } from "./testing";

let hub: TestHub;
let alice: Actor;
let aliceWrite: string;
let aliceRead: string;
let bobWrite: string;
const commits: Record<string, string> = {};

function mbertEsm() {
  const dim = 768;
  const weight = new Float32Array(dim * dim).map((_, i) => Math.sin(i) / dim);
  const bias = new Float32Array(dim).map((_, i) => Math.cos(i) / dim);
  const config = {
    base_model_name: "bert-base-multilingual-uncased", task_id: "nguha/legalbench", task_subset: "contract_nli_limited_use",
    text_column: "text", label_column: "answer", task_split: "train", num_examples: 100, seed: 42, language: "en",
    esm_architecture: "linear", esm_embedding_dim: dim, version: "0.2.0",
  };
  const configBytes = new TextEncoder().encode(JSON.stringify(config, null, 2));
  return [
    { path: "config.json", content: configBytes },
    { path: "model.safetensors", content: writeEsmSafetensors(weight, bias, dim) },
    { path: "README.md", content: cardFor(configBytes) },
  ];
}

beforeAll(async () => {
  hub = await startTestHub();
  const db = hub.registry.db;
  ({ actor: alice, token: aliceWrite } = await createUserWithToken(db, "alice", "write", "laptop"));
  aliceRead = (await createToken(db, alice.id, { name: "ro", scope: "read" })).token;
  bobWrite = (await createUserWithToken(db, "bob", "write")).token;
  for (const folder of ["ESM_source_0", "ESM_source_1", "ESM_source_2"]) {
    await createRepo(hub.registry, alice, { kind: "esm", name: folder });
    commits[folder] = (await commitFiles(hub.registry, alice, { kind: "esm", repo: `alice/${folder}`, message: "Upload ESM", files: esmFiles(folder) })).commitId;
  }
  await createRepo(hub.registry, alice, { kind: "esm", name: "ESM_nguha__legalbench_contract_nli_limited_use" });
  await commitFiles(hub.registry, alice, { kind: "esm", repo: "alice/ESM_nguha__legalbench_contract_nli_limited_use", message: "Upload ESM", files: mbertEsm() });
  await createRepo(hub.registry, alice, { kind: "esm", name: "secret", private: true });
  await commitFiles(hub.registry, alice, { kind: "esm", repo: "alice/secret", message: "Upload ESM", files: esmFiles("ESM_source_3") });
});

afterAll(async () => {
  await hub?.close();
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("listModels", () => {
  it("finds ESMs by tags as the reference asks (embedding_space_map + base_model:<canonical id>)", async () => {
    const all = await collect(listModels({ hubUrl: hub.url, search: { tags: ["embedding_space_map"] } }));
    expect(all.map((m) => m.name).sort()).toEqual([
      "alice/ESM_nguha__legalbench_contract_nli_limited_use", "alice/ESM_source_0", "alice/ESM_source_1", "alice/ESM_source_2",
    ]);
    for (const tag of ["base_model:google-bert/bert-base-multilingual-uncased", "base_model:bert-base-multilingual-uncased",
      "BaseLM:bert-base-multilingual-uncased", "base_model:finetune:google-bert/bert-base-multilingual-uncased"]) {
      const found = await collect(listModels({ hubUrl: hub.url, search: { tags: ["embedding_space_map", tag] }, additionalFields: ["tags"] }));
      expect(found.map((m) => m.name), tag).toEqual(["alice/ESM_nguha__legalbench_contract_nli_limited_use"]);
    }
    const [mbert] = await collect(listModels({ hubUrl: hub.url, search: { tags: ["dataset:nguha/legalbench", "license:apache-2.0"] }, additionalFields: ["tags"] }));
    expect(mbert.tags).toEqual([
      "embedding_space_map", "BaseLM:bert-base-multilingual-uncased", "dataset:nguha/legalbench",
      "base_model:google-bert/bert-base-multilingual-uncased", "base_model:finetune:google-bert/bert-base-multilingual-uncased",
      "license:apache-2.0",
    ]);
    expect(await collect(listModels({ hubUrl: hub.url, search: { tags: ["embedding_space_map", "base_model:nobody/else"] } }))).toEqual([]);
  });

  it("searches, filters by owner, and returns the fields the client maps", async () => {
    const [m] = await collect(listModels({ hubUrl: hub.url, search: { query: "source_1", owner: "alice" }, additionalFields: ["sha", "filePaths", "config", "cardData"] }));
    expect(m).toMatchObject({ name: "alice/ESM_source_1", private: false, gated: false, likes: 0, downloads: 0, sha: commits.ESM_source_1 });
    expect(m.id).toMatch(/^c/);
    expect(m.updatedAt).toBeInstanceOf(Date);
    expect(m.filePaths).toEqual([".gitattributes", "README.md", "config.json", "model.safetensors"]);
    expect(m.config).toMatchObject({ base_model_name: "prajjwal1/bert-tiny", task_id: "demo/source_1" });
    expect(m.cardData).toMatchObject({ base_model: "prajjwal1/bert-tiny", datasets: ["demo/source_1"] });
    expect(await collect(listModels({ hubUrl: hub.url, search: { owner: "bob" } }))).toEqual([]);
  });

  it("pages with an absolute Link built from the forwarded host", async () => {
    const res = await fetch(`${hub.url}/api/models?filter=embedding_space_map&limit=3&sort=id&direction=1`, {
      headers: { "X-Forwarded-Host": "hub.example.org", "X-Forwarded-Proto": "https" },
    });
    const first = await res.json();
    expect(first.map((m: { id: string }) => m.id)).toEqual(["alice/ESM_nguha__legalbench_contract_nli_limited_use", "alice/ESM_source_0", "alice/ESM_source_1"]);
    const link = res.headers.get("link")!;
    expect(link).toMatch(/^<https:\/\/hub\.example\.org\/api\/models\?.*offset=3.*>; rel="next"$/);
    const next = new URL(/<([^>]+)>/.exec(link)![1]);
    const rest = await (await fetch(`${hub.url}${next.pathname}${next.search}`)).json();
    expect(rest.map((m: { id: string }) => m.id)).toEqual(["alice/ESM_source_2"]);
    expect(first[0]).toHaveProperty("tags");
    // The client walks pages by itself when the server's page is smaller than what it asked for.
    const names = await collect(listModels({ hubUrl: hub.url, sort: "id", search: { tags: ["embedding_space_map"] }, fetch: (url, init) => fetch(String(url).replace("limit=500", "limit=2"), init) }));
    expect(names).toHaveLength(4);
  });

  it("hides private repos from everyone but their owner", async () => {
    const anon = await collect(listModels({ hubUrl: hub.url }));
    expect(anon.map((m) => m.name)).not.toContain("alice/secret");
    const own = await collect(listModels({ hubUrl: hub.url, accessToken: aliceRead }));
    expect(own.map((m) => m.name)).toContain("alice/secret");
    await expect(modelInfo({ hubUrl: hub.url, name: "alice/secret", accessToken: bobWrite })).rejects.toMatchObject({ statusCode: 404 });
    expect((await modelInfo({ hubUrl: hub.url, name: "alice/secret", accessToken: aliceRead })).private).toBe(true);
  });
});

describe("modelInfo, listFiles, pathsInfo", () => {
  it("answers HEAD, main and the commit id with sha and siblings", async () => {
    for (const revision of [undefined, "main", commits.ESM_source_0]) {
      const info = await modelInfo({ hubUrl: hub.url, name: "alice/ESM_source_0", revision, additionalFields: ["sha", "filePaths", "tags"] });
      expect(info).toMatchObject({ name: "alice/ESM_source_0", sha: commits.ESM_source_0 });
      expect(info.filePaths).toContain("model.safetensors");
      expect(info.tags).toContain("base_model:prajjwal1/bert-tiny");
    }
    const py = await (await fetch(`${hub.url}/api/models/alice/ESM_source_0`)).json();
    expect(py).toMatchObject({ id: "alice/ESM_source_0", sha: commits.ESM_source_0, config: { task_id: "demo/source_0" } });
    expect(py.siblings).toContainEqual({ rfilename: "model.safetensors", size: 66232 });
    const missing = await fetch(`${hub.url}/api/models/alice/ESM_source_0/revision/${"a".repeat(40)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-error-code")).toBe("RevisionNotFound");
    await expect(modelInfo({ hubUrl: hub.url, name: "alice/nope" })).rejects.toThrow(/alice\/nope not found/);
  });

  it("lists files (also under a %2F-encoded path) and path infos", async () => {
    const files = await collect(listFiles({ hubUrl: hub.url, repo: "alice/ESM_source_0" }));
    const weights = files.find((f) => f.path === "model.safetensors")!;
    expect(weights).toMatchObject({ type: "file", size: 66232 });
    expect(weights.oid).toMatch(/^[0-9a-f]{40}$/);
    const info = await pathsInfo({ hubUrl: hub.url, repo: "alice/ESM_source_0", paths: ["config.json", "missing.txt"], expand: true });
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ path: "config.json", type: "file", lastCommit: { id: commits.ESM_source_0, title: "Upload ESM" } });

    const token = aliceWrite;
    await uploadFiles({ hubUrl: hub.url, repo: "alice/ESM_source_2", accessToken: token, files: [{ path: "docs/notes/a.txt", content: new Blob(["hello"]) }] });
    const root = await (await fetch(`${hub.url}/api/models/alice/ESM_source_2/tree/main`)).json();
    expect(root.filter((e: { type: string }) => e.type === "directory").map((e: { path: string }) => e.path)).toEqual(["docs"]);
    const nested = await (await fetch(`${hub.url}/api/models/alice/ESM_source_2/tree/main/docs%2Fnotes?recursive=false`)).json();
    expect(nested).toEqual([expect.objectContaining({ type: "file", path: "docs/notes/a.txt", size: 5 })]);
    const recursive = await collect(listFiles({ hubUrl: hub.url, repo: "alice/ESM_source_2", recursive: true }));
    expect(recursive.map((e) => e.path)).toEqual(expect.arrayContaining(["docs", "docs/notes", "docs/notes/a.txt", "config.json"]));
  });
});

describe("downloads", () => {
  it("downloads whole files and byte ranges with the headers clients check", async () => {
    const expected = read("ESM_source_1", "model.safetensors");
    const blob = await downloadFile({ hubUrl: hub.url, repo: "alice/ESM_source_1", path: "model.safetensors" });
    expect(Buffer.from(await blob!.arrayBuffer()).equals(Buffer.from(expected))).toBe(true);
    const slice = await blob!.slice(100, 260).arrayBuffer();
    expect(Buffer.from(slice).equals(Buffer.from(expected.subarray(100, 260)))).toBe(true);
    expect(await downloadFile({ hubUrl: hub.url, repo: "alice/ESM_source_1", path: "nope.bin" })).toBeNull();
    expect(await fileExists({ hubUrl: hub.url, repo: "alice/ESM_source_1", path: "config.json" })).toBe(true);
    expect(await fileExists({ hubUrl: hub.url, repo: "alice/ESM_source_1", path: "nope.json" })).toBe(false);

    const head = await fetch(`${hub.url}/alice/ESM_source_1/resolve/main/model.safetensors`, { method: "HEAD", headers: { "Accept-Encoding": "identity" } });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-repo-commit")).toBe(commits.ESM_source_1);
    expect(head.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(head.headers.get("content-length")).toBe(String(expected.length));
    expect(head.headers.get("accept-ranges")).toBe("bytes");

    const part = await fetch(`${hub.url}/alice/ESM_source_1/resolve/${commits.ESM_source_1}/model.safetensors`, { headers: { Range: "bytes=-10" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes ${expected.length - 10}-${expected.length - 1}/${expected.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(expected.subarray(-10)))).toBe(true);
    const beyond = await fetch(`${hub.url}/alice/ESM_source_1/resolve/main/model.safetensors`, { headers: { Range: `bytes=${expected.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${expected.length}`);

    for (const [url, code] of [
      ["/alice/ESM_source_1/resolve/main/nope.bin", "EntryNotFound"],
      ["/alice/nope/resolve/main/config.json", "RepoNotFound"],
      ["/alice/ESM_source_1/resolve/nobranch/config.json", "RevisionNotFound"],
      ["/alice/secret/resolve/main/config.json", "RepoNotFound"],
    ]) {
      const res = await fetch(hub.url + url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get("x-error-code"), url).toBe(code);
    }
    const raw = await fetch(`${hub.url}/alice/ESM_source_1/raw/main/config.json`);
    expect(raw.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(await raw.text())).toMatchObject({ task_id: "demo/source_1" });
  });

  it("sends headers that keep uploaded files and API answers from running or being framed", async () => {
    for (const url of [`${hub.url}/alice/ESM_source_0/resolve/main/config.json`, `${hub.url}/api/models?limit=1`, `${hub.url}/api/models/nobody/none`]) {
      const res = await fetch(url);
      await res.arrayBuffer();
      expect(res.headers.get("content-security-policy"), url).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(res.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), url).toBe("DENY");
    }
  });

  it("counts full GETs of model.safetensors, not HEADs, range probes or partial ranges", async () => {
    const downloads = async () => (await hub.registry.db.repo.findFirstOrThrow({ where: { fullName: "alice/ESM_source_0" } })).downloads;
    const before = await downloads();
    const url = `${hub.url}/alice/ESM_source_0/resolve/main/model.safetensors`;
    await fetch(url, { method: "HEAD" });
    await (await fetch(url, { headers: { Range: "bytes=0-0" } })).arrayBuffer();
    for (let i = 0; i < 5; i++) await (await fetch(url, { headers: { Range: "bytes=0-1" } })).arrayBuffer();
    await (await fetch(url, { headers: { Range: "bytes=100-" } })).arrayBuffer();
    await (await fetch(`${hub.url}/alice/ESM_source_0/resolve/main/config.json`)).arrayBuffer();
    expect(await downloads()).toBe(before);
    const blob = await downloadFile({ hubUrl: hub.url, repo: "alice/ESM_source_0", path: "model.safetensors" });
    await blob!.arrayBuffer();
    expect(await downloads()).toBe(before + 1);
  });
});

describe("publishing with the stock client", () => {
  it("whoAmI reports the token's user and role", async () => {
    const me = await whoAmI({ hubUrl: hub.url, accessToken: aliceWrite });
    expect(me).toMatchObject({ type: "user", name: "alice", auth: { type: "access_token", accessToken: { displayName: "laptop", role: "write" } } });
    expect(me.auth.accessToken?.createdAt).toBeInstanceOf(Date);
    await expect(whoAmI({ hubUrl: hub.url, accessToken: "hf_" + "x".repeat(34) })).rejects.toMatchObject({ statusCode: 401 });
  });

  it("creates a repo, uploads an ESM and downloads it back byte-identical", async () => {
    const created = await hfCreateRepo({ hubUrl: hub.url, repo: "alice/ESM_new", accessToken: aliceWrite });
    expect(created.repoUrl).toBe(`${hub.url}/alice/ESM_new`);
    const conflict = await hfCreateRepo({ hubUrl: hub.url, repo: "alice/ESM_new", accessToken: aliceWrite }).catch((e) => e);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.data.url).toBe(`${hub.url}/alice/ESM_new`);

    const files = esmFiles("ESM_source_5");
    const out = (await uploadFiles({
      hubUrl: hub.url, repo: "alice/ESM_new", accessToken: aliceWrite, commitTitle: "Upload ESM",
      files: files.map((f) => ({ path: f.path, content: new Blob([f.content]) })),
    }))!;
    expect(out.commit.oid).toMatch(/^[0-9a-f]{40}$/);
    expect(out.commit.url).toBe(`${hub.url}/alice/ESM_new/commit/${out.commit.oid}`);
    for (const f of files) {
      const blob = await downloadFile({ hubUrl: hub.url, repo: "alice/ESM_new", path: f.path, revision: out.commit.oid });
      expect(Buffer.from(await blob!.arrayBuffer()).equals(Buffer.from(f.content)), f.path).toBe(true);
    }
    const found = await collect(listModels({ hubUrl: hub.url, search: { tags: ["embedding_space_map", "dataset:demo/source_5"] } }));
    expect(found.map((m) => m.name)).toEqual(["alice/ESM_new"]);

    await hfCreateRepo({ hubUrl: hub.url, repo: "alice/short-lived", accessToken: aliceWrite });
    await expect(hfDeleteRepo({ hubUrl: hub.url, repo: "alice/short-lived", accessToken: bobWrite })).rejects.toMatchObject({ statusCode: 403 });
    await hfDeleteRepo({ hubUrl: hub.url, repo: "alice/short-lived", accessToken: aliceWrite });
    await expect(modelInfo({ hubUrl: hub.url, name: "alice/short-lived" })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("refuses a broken ESM with the server's message and stores nothing", async () => {
    const files = esmFiles("ESM_source_5");
    const weights = files[1].content.slice();
    new DataView(weights.buffer).setFloat32(weights.length - 4, NaN, true);
    const head = (await modelInfo({ hubUrl: hub.url, name: "alice/ESM_new", additionalFields: ["sha"] })).sha;
    const blobsBefore = await hub.registry.db.blob.count();
    const err = await uploadFiles({
      hubUrl: hub.url, repo: "alice/ESM_new", accessToken: aliceWrite,
      files: [{ path: "model.safetensors", content: new Blob([weights]) }],
    }).catch((e) => e);
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/^invalid ESM: .*NaN/);
    expect((await modelInfo({ hubUrl: hub.url, name: "alice/ESM_new", additionalFields: ["sha"] })).sha).toBe(head);
    expect(await hub.registry.db.blob.count()).toBe(blobsBefore);
  });

  it("enforces tokens: 401 without, 403 read-only or another user's repo", async () => {
    const noToken = await fetch(`${hub.url}/api/repos/create`, { method: "POST", body: JSON.stringify({ name: "x" }), headers: { "Content-Type": "application/json" } });
    expect(noToken.status).toBe(401);
    await expect(hfCreateRepo({ hubUrl: hub.url, repo: "alice/ro-attempt", accessToken: aliceRead })).rejects.toMatchObject({ statusCode: 403 });
    const err = await uploadFiles({ hubUrl: hub.url, repo: "alice/ESM_new", accessToken: bobWrite, files: [{ path: "x.txt", content: new Blob(["x"]) }] }).catch((e) => e);
    expect(err.statusCode).toBe(403);
    expect(err.message).toMatch(/only alice can change/);
  });

  it("answers preupload regular with the existing oid and refuses LFS lines, PRs and oversized bodies", async () => {
    const headers = { Authorization: `Bearer ${aliceWrite}`, "Content-Type": "application/json" };
    const pre = await (await fetch(`${hub.url}/api/models/alice/ESM_new/preupload/main`, {
      method: "POST", headers, body: JSON.stringify({ files: [{ path: "config.json", size: 1, sample: "" }, { path: "new.txt", size: 1, sample: "" }] }),
    })).json();
    const configOid = (await pathsInfo({ hubUrl: hub.url, repo: "alice/ESM_new", paths: ["config.json"] }))[0].oid;
    expect(pre.files).toEqual([
      { path: "config.json", uploadMode: "regular", shouldIgnore: false, oid: configOid },
      { path: "new.txt", uploadMode: "regular", shouldIgnore: false, oid: null },
    ]);
    const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join("\n");
    const lfs = await fetch(`${hub.url}/api/models/alice/ESM_new/commit/main`, {
      method: "POST", headers: { ...headers, "Content-Type": "application/x-ndjson" },
      body: ndjson([{ key: "header", value: { summary: "x" } }, { key: "lfsFile", value: { path: "big.bin", algo: "sha256", oid: "0".repeat(64), size: 10 } }]),
    });
    expect(lfs.status).toBe(400);
    expect((await lfs.json()).error).toMatch(/LFS uploads are not supported/);
    const pr = await fetch(`${hub.url}/api/models/alice/ESM_new/commit/main?create_pr=1`, { method: "POST", headers, body: ndjson([{ key: "header", value: { summary: "x" } }]) });
    expect(pr.status).toBe(400);

    hub.ctx.maxCommitBytes = 1000;
    try {
      const big = await uploadFiles({ hubUrl: hub.url, repo: "alice/ESM_new", accessToken: aliceWrite, files: [{ path: "big.txt", content: new Blob(["x".repeat(5000)]) }] }).catch((e) => e);
      expect(big.statusCode).toBe(413);
      expect(big.message).toMatch(/larger than the limit/);
    } finally {
      hub.ctx.maxCommitBytes = undefined;
    }
    const deleted = await fetch(`${hub.url}/api/models/alice/ESM_source_2/commit/main`, {
      method: "POST", headers: { ...headers, "Content-Type": "application/x-ndjson" },
      body: ndjson([{ key: "header", value: { summary: "remove docs" } }, { key: "deletedFolder", value: { path: "docs/" } }]),
    });
    expect(deleted.status).toBe(200);
    expect((await collect(listFiles({ hubUrl: hub.url, repo: "alice/ESM_source_2", recursive: true }))).map((f) => f.path)).not.toContain("docs/notes/a.txt");
  });

  it("validates README YAML as the Python client expects", async () => {
    const ok = await fetch(`${hub.url}/api/validate-yaml`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ content: "---\nlicense: mit\n---\n# hi", repoType: "model" }) });
    expect(await ok.json()).toEqual({ errors: [], warnings: [] });
    const bad = await fetch(`${hub.url}/api/validate-yaml`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ content: "---\nlicense: [mit\n---\n", repoType: "model" }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.length).toBeGreaterThan(0);
  });

  it("hosts dataset repos under /datasets/", async () => {
    await hfCreateRepo({ hubUrl: hub.url, repo: { type: "dataset", name: "alice/reviews" }, accessToken: aliceWrite });
    const csv = "text,label\ngood,1\nbad,0\n";
    await uploadFiles({ hubUrl: hub.url, repo: { type: "dataset", name: "alice/reviews" }, accessToken: aliceWrite, files: [{ path: "train.csv", content: new Blob([csv]) }] });
    const listed = await collect(listDatasets({ hubUrl: hub.url, search: { owner: "alice" } }));
    expect(listed.map((d) => d.name)).toEqual(["alice/reviews"]);
    const blob = await downloadFile({ hubUrl: hub.url, repo: { type: "dataset", name: "alice/reviews" }, path: "train.csv" });
    expect(await blob!.text()).toBe(csv);
    expect((await fetch(`${hub.url}/api/datasets/alice/reviews`)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/models/alice/reviews`)).status).toBe(404);
  });
});

describe("CORS", () => {
  it("answers preflights and exposes the headers browser clients read", async () => {
    const pre = await fetch(`${hub.url}/alice/ESM_source_0/resolve/main/model.safetensors`, {
      method: "OPTIONS", headers: { Origin: "https://app.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization,range" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(pre.headers.get("access-control-allow-headers")).toBe("authorization,range");
    const res = await fetch(`${hub.url}/api/models`, { headers: { Origin: "https://app.example" } });
    for (const h of ["Content-Range", "ETag", "X-Linked-Etag", "X-Linked-Size", "X-Repo-Commit", "Link", "X-Error-Code", "X-Request-Id"]) {
      expect(res.headers.get("access-control-expose-headers")).toContain(h);
    }
  });
});

describe("upstream hub", () => {
  it("sends reads of repos it does not hold to HUB_UPSTREAM_URL (absolute redirects with file headers)", async () => {
    const upstream = await startTestHub();
    const front = await startTestHub({ upstreamUrl: upstream.url });
    try {
      const u = await createUser(upstream.registry.db, { name: "google-bert" });
      const actor = { id: u.id, name: u.name, scope: "write" as const };
      await createRepo(upstream.registry, actor, { kind: "esm", name: "bert-tiny-copy" });
      const config = new TextEncoder().encode('{"hidden_size": 128}');
      const { commitId } = await commitFiles(upstream.registry, actor, { kind: "esm", repo: "google-bert/bert-tiny-copy", message: "add", files: [{ path: "tokenizer.json", content: config }] });

      const info = await modelInfo({ hubUrl: front.url, name: "google-bert/bert-tiny-copy", additionalFields: ["sha"] });
      expect(info.sha).toBe(commitId);
      const blob = await downloadFile({ hubUrl: front.url, repo: "google-bert/bert-tiny-copy", path: "tokenizer.json" });
      expect(await blob!.text()).toBe('{"hidden_size": 128}');
      const head = await fetch(`${front.url}/google-bert/bert-tiny-copy/resolve/main/tokenizer.json`, { method: "HEAD", redirect: "manual" });
      expect(head.status).toBe(302);
      expect(head.headers.get("location")).toBe(`${upstream.url}/google-bert/bert-tiny-copy/resolve/main/tokenizer.json`);
      expect(head.headers.get("x-repo-commit")).toBe(commitId);
      expect(head.headers.get("x-linked-size")).toBe(String(config.length));
      expect(head.headers.get("x-linked-etag")).toMatch(/^"[0-9a-f]{40}"$/);
      const missing = await fetch(`${front.url}/google-bert/none/resolve/main/x.json`, { method: "HEAD", redirect: "manual" });
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-error-code")).toBe("RepoNotFound");
      // Writes never go upstream.
      const write = await fetch(`${front.url}/api/models/google-bert/bert-tiny-copy/commit/main`, { method: "POST", body: "" });
      expect(write.status).toBe(401);
    } finally {
      await front.close();
      await upstream.close();
    }
  });
});
