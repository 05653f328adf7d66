// The unmodified Python `huggingface_hub` client (the reference venv) in one ordinary session against a real hub
// served over HTTP: scripts/reference/hf_client_session.py publishes, inspects, downloads and deletes; this test
// judges what it saw against what the registry holds and the bytes it uploaded.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitManifest, gitBlobSha1, sha256Hex } from "../registry";
import { runReference } from "../testing/reference";
import { createUserWithToken, ESM_FIXTURES, esmFixtureFile, startTestHub, type TestHub } from "./testing";

const FOLDER = "ESM_source_1";
const REPO = "alice/ESM_session";
const DATASET = "alice/session-reviews";
const CSV = "text,label\ngood,1\nbad,0\n";

interface PyError { type: string; mro: string[]; status: number | null }
interface PyEntry {
  path: string;
  kind: "RepoFile" | "RepoFolder";
  size?: number;
  blob_id?: string;
  tree_id?: string;
  lfs?: { size: number; sha256: string; pointer_size: number } | null;
  last_commit?: { oid: string; title: string; date: string };
}
interface PySibling { rfilename: string; size: number; blob_id: string; lfs: { sha256: string; size: number; pointer_size: number } | null }
interface Session {
  whoami: { name: string; type: string; role: string };
  create_repo: string;
  create_repo_exist_ok: string;
  create_repo_conflict: PyError | null;
  upload_folder: string;
  upload_file: string;
  create_commit: string;
  commits: { id: string; title: string; message: string; authors: string[]; date: string }[];
  commits_first_upload: string[];
  refs: { branches: { name: string; ref: string; target_commit: string }[]; tags: unknown[]; converts: unknown[]; pull_requests: unknown[] };
  paths_info: PyEntry[];
  paths_info_expand: PyEntry[];
  model_info: { id: string; sha: string; tags: string[]; siblings: PySibling[] };
  list_repo_files: string[];
  list_repo_tree: PyEntry[];
  list_repo_tree_notes: PyEntry[];
  snapshot: { folder: string; files: Record<string, string> };
  hf_hub_download: { sha256: string; commit_folder: string };
  hf_hub_download_old_revision: string;
  file_metadata: { commit_hash: string; etag: string; size: number; location: string };
  head_headers: Record<string, string>;
  range: { status: number; content_range: string; hex: string };
  base_model: string;
  list_models: string[];
  list_models_other_base: string[];
  create_dataset: string;
  upload_dataset_file: string;
  dataset_info: { id: string; sha: string; siblings: PySibling[] };
  list_datasets: string[];
  dataset_download: string;
  exists: Record<string, boolean>;
  errors: Record<string, PyError | null>;
  dataset_exists_after_delete: boolean;
}

let hub: TestHub;
let work: string;
let session: Session;
const config = esmFixtureFile(FOLDER, "config.json");
const weights = esmFixtureFile(FOLDER, "model.safetensors");

beforeAll(async () => {
  hub = await startTestHub();
  const { token } = await createUserWithToken(hub.registry.db, "alice", "write");
  work = mkdtempSync(path.join(tmpdir(), "esmhub-pyclient-"));
  session = await runReference<Session>(
    "hf_client_session.py",
    { owner: "alice", esm_folder: path.join(ESM_FIXTURES, FOLDER), workdir: work, dataset_csv: CSV },
    {
      HF_ENDPOINT: hub.url, HF_TOKEN: token, HF_HOME: path.join(work, "hf-home"), HF_HUB_CACHE: path.join(work, "hf-home", "hub"),
      HF_HUB_OFFLINE: "0", HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_DISABLE_PROGRESS_BARS: "1",
    },
  );
}, 240_000);

afterAll(async () => {
  await hub?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The registry's history of main, newest first, walked through parents. */
async function history(kind: "esm" | "dataset", fullName: string) {
  const db = hub.registry.db;
  const repo = await db.repo.findUniqueOrThrow({ where: { kind_fullName: { kind, fullName } } });
  const commits = await db.commit.findMany({ where: { repoId: repo.id }, include: { author: true } });
  const byId = new Map(commits.map((c) => [c.id, c]));
  const main = await db.branch.findUniqueOrThrow({ where: { repoId_name: { repoId: repo.id, name: "main" } } });
  const chain = [];
  for (let c = byId.get(main.commitId); c; c = c.parentId ? byId.get(c.parentId) : undefined) chain.push(c);
  return chain;
}

async function headManifest() {
  const [head] = await history("esm", REPO);
  return { head: head.id, files: await commitManifest(hub.registry, head.id) };
}

const isLfsPath = (p: string) => p.endsWith(".safetensors");

describe("the stock Python client against the hub", () => {
  it("authenticates and publishes: create_repo, upload_folder, upload_file, create_commit with a delete", async () => {
    expect(session.whoami).toEqual({ name: "alice", type: "user", role: "write" });
    expect(session.create_repo).toBe(`${hub.url}/${REPO}`);
    expect(session.create_repo_exist_ok).toBe(session.create_repo);
    expect(session.create_repo_conflict).toMatchObject({ status: 409, mro: expect.arrayContaining(["HfHubHTTPError"]) });
    const chain = await history("esm", REPO);
    expect([session.create_commit, session.upload_file, session.upload_folder]).toEqual(chain.slice(0, 3).map((c) => c.id));
    const { files } = await headManifest();
    expect(files.map((f) => f.path)).toContain("notes/kept.txt");
    expect(files.map((f) => f.path)).not.toContain("notes/hello.txt");
    expect(files.find((f) => f.path === "model.safetensors")).toMatchObject({ size: weights.length, blobSha256: sha256Hex(weights) });
  });

  it("lists commits and refs as the registry holds them", async () => {
    const chain = await history("esm", REPO);
    expect(session.commits.map((c) => c.id)).toEqual(chain.map((c) => c.id));
    session.commits.forEach((c, i) => {
      expect(c.title).toBe(chain[i].message);
      expect(c.message).toBe(chain[i].description);
      expect(c.authors).toEqual(chain[i].author ? [chain[i].author!.name] : []);
      expect(new Date(c.date).getTime()).toBe(chain[i].createdAt.getTime());
    });
    expect(session.commits[0].message).not.toBe("");
    expect(session.commits_first_upload).toEqual(chain.slice(2).map((c) => c.id));
    // The client follows `Link: <absolute>; rel="next"` pages; one commit per page walks the same history.
    const paged: string[] = [];
    for (let url: string | undefined = `${hub.url}/api/models/${REPO}/commits/main?limit=1`; url;) {
      const res: Response = await fetch(url);
      paged.push(...(await res.json()).map((c: { id: string }) => c.id));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
    }
    expect(paged).toEqual(chain.map((c) => c.id));
    // A repo whose name is a marker is still a repo id, not `{legacy id}/commits` without a revision.
    expect((await fetch(`${hub.url}/api/models/alice/commits`)).headers.get("x-error-code")).toBe("RepoNotFound");
    expect(session.refs).toEqual({
      branches: [{ name: "main", ref: "refs/heads/main", target_commit: chain[0].id }], tags: [], converts: [], pull_requests: [],
    });
  });

  it("reads path infos, file metadata, the file list and the tree with sizes, blob ids and LFS sha256", async () => {
    const { head, files } = await headManifest();
    const byPath = new Map(files.map((f) => [f.path, f]));
    const fileFacts = (p: string) => {
      const f = byPath.get(p)!;
      return { size: f.size, blob_id: f.gitSha1, lfs: isLfsPath(p) ? { size: f.size, sha256: f.blobSha256, pointer_size: expect.any(Number) } : null };
    };
    expect(fileFacts("config.json")).toMatchObject({ size: config.length, blob_id: gitBlobSha1(config) });
    expect(fileFacts("model.safetensors")).toMatchObject({ blob_id: gitBlobSha1(weights), lfs: { sha256: sha256Hex(weights) } });

    const expected = [
      { path: "config.json", kind: "RepoFile", ...fileFacts("config.json") },
      { path: "model.safetensors", kind: "RepoFile", ...fileFacts("model.safetensors") },
      { path: "notes", kind: "RepoFolder", tree_id: expect.stringMatching(/^[0-9a-f]{40}$/) },
    ];
    expect(session.paths_info).toEqual(expected);
    const [chainHead, , firstUpload] = (await history("esm", REPO)).map((c) => c.id);
    expect(session.paths_info_expand.map((e) => [e.path, e.last_commit?.oid])).toEqual([
      ["config.json", firstUpload], ["model.safetensors", firstUpload], ["notes", chainHead],
    ]);
    expect(session.paths_info_expand.map(({ last_commit: _, ...e }) => e)).toEqual(expected);

    expect(session.model_info).toMatchObject({ id: REPO, sha: head });
    expect(session.model_info.tags).toEqual(expect.arrayContaining(["embedding_space_map", `base_model:${session.base_model}`]));
    expect(session.model_info.siblings).toEqual(files.map((f) => ({ rfilename: f.path, ...fileFacts(f.path) })));

    expect([...session.list_repo_files].sort()).toEqual(files.map((f) => f.path).sort());
    expect(session.list_repo_tree.filter((e) => e.kind === "RepoFile").map((e) => ({ path: e.path, size: e.size, blob_id: e.blob_id, lfs: e.lfs })).sort((a, b) => a.path.localeCompare(b.path)))
      .toEqual(files.map((f) => ({ path: f.path, ...fileFacts(f.path) })));
    expect(session.list_repo_tree.filter((e) => e.kind === "RepoFolder").map((e) => e.path)).toEqual(["notes"]);
    expect(session.list_repo_tree_notes).toEqual([expect.objectContaining({ path: "notes/kept.txt", last_commit: expect.objectContaining({ oid: chainHead }) })]);
  });

  it("answers paths-info alike for the Python client's form body and the JS client's JSON body", async () => {
    const url = `${hub.url}/api/models/${REPO}/paths-info/main`;
    const form = await fetch(url, { method: "POST", body: new URLSearchParams([["paths", "config.json"], ["paths", "notes"], ["expand", "true"]]) });
    const asJson = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ paths: ["config.json", "notes"], expand: true }) });
    expect(form.status).toBe(200);
    const body = await form.json();
    expect(body).toHaveLength(2);
    expect(body[0]).toHaveProperty("lastCommit.id");
    expect(await asJson.json()).toEqual(body);
  });

  it("downloads snapshots and files byte-identical, with the headers transformers relies on and byte ranges", async () => {
    const { head, files } = await headManifest();
    expect(session.snapshot.folder).toBe(head);
    expect(session.snapshot.files).toEqual(Object.fromEntries(files.map((f) => [f.path, f.blobSha256])));
    expect(session.snapshot.files["model.safetensors"]).toBe(sha256Hex(weights));
    expect(session.hf_hub_download).toEqual({ sha256: sha256Hex(weights), commit_folder: head });
    expect(session.hf_hub_download_old_revision).toBe(sha256Hex(config));
    expect(session.file_metadata).toMatchObject({ commit_hash: head, etag: sha256Hex(weights), size: weights.length });
    expect(session.head_headers).toEqual({
      "x-repo-commit": head, etag: `"${gitBlobSha1(weights)}"`, "x-linked-etag": `"${sha256Hex(weights)}"`,
      "x-linked-size": String(weights.length), "content-length": String(weights.length), "accept-ranges": "bytes",
    });
    expect(session.range).toEqual({ status: 206, content_range: `bytes 8-39/${weights.length}`, hex: Buffer.from(weights.subarray(8, 40)).toString("hex") });
  });

  it("discovers ESMs by the tags hfselect filters on", () => {
    expect(session.base_model).toBe(JSON.parse(new TextDecoder().decode(config)).base_model_name);
    expect(session.list_models).toEqual([REPO]);
    expect(session.list_models_other_base).toEqual([]);
  });

  it("hosts, lists, downloads and deletes a dataset repo", async () => {
    const csv = new TextEncoder().encode(CSV);
    expect(session.create_dataset).toBe(`${hub.url}/datasets/${DATASET}`);
    expect(session.dataset_info.id).toBe(DATASET);
    expect(session.dataset_info.sha).toBe(session.upload_dataset_file);
    expect(session.dataset_info.siblings).toContainEqual({ rfilename: "train.csv", size: csv.length, blob_id: gitBlobSha1(csv), lfs: null });
    expect(session.list_datasets).toEqual([DATASET]);
    expect(session.dataset_download).toBe(sha256Hex(csv));
    expect(session.dataset_exists_after_delete).toBe(false);
    expect(await hub.registry.db.repo.findFirst({ where: { kind: "dataset", fullName: DATASET } })).toBeNull();
  });

  it("tells existing repos, files and revisions from missing ones", () => {
    expect(session.exists).toEqual({
      repo: true, missing_repo: false, dataset_as_model: false, file: true, missing_file: false, revision: true, missing_revision: false,
    });
  });

  it("raises the client's own errors for missing repos, revisions and files", () => {
    const expected: Record<string, string> = {
      model_info_missing_repo: "RepositoryNotFoundError",
      model_info_missing_revision: "RevisionNotFoundError",
      download_missing_file: "EntryNotFoundError",
      download_missing_repo: "RepositoryNotFoundError",
      download_missing_revision: "RevisionNotFoundError",
      commits_missing_repo: "RepositoryNotFoundError",
      commits_missing_revision: "RevisionNotFoundError",
      refs_missing_repo: "RepositoryNotFoundError",
      paths_info_missing_revision: "RevisionNotFoundError",
      tree_missing_path: "EntryNotFoundError",
    };
    expect(Object.keys(session.errors).sort()).toEqual(Object.keys(expected).sort());
    for (const [call, error] of Object.entries(expected)) {
      expect(session.errors[call]?.mro, call).toContain(error);
      expect(session.errors[call]?.status, call).toBe(404);
    }
  });
});
