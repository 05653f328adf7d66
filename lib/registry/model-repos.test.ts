import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyBert } from "../../scripts/tiny-bert/write";
import { readSafetensors, writeSafetensors } from "../esm";
import { esmFixtureFile } from "../hub-api/testing";
import { commitFiles, createRepo, createUser, type Actor, type RegistryContext } from "./index";
import { registryBackends } from "./test-backends";

/*
 * Model repos that are not ESMs (base models, fine-tuned checkpoints) are stored like ESMs; ESM validation applies
 * to repos that claim to be one; a checkpoint whose tensors contradict its config is refused from its header.
 */

const enc = (s: string) => new TextEncoder().encode(s);
let bertFiles: { path: string; content: Uint8Array }[];
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "esmhub-model-repos-"));
  await writeTinyBert(path.join(work, "bert"));
  const dir = path.join(work, "bert");
  bertFiles = readdirSync(dir).filter((f) => f !== "onnx").map((f) => ({ path: f, content: new Uint8Array(readFileSync(path.join(dir, f))) }));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const replaced = (files: typeof bertFiles, p: string, content: Uint8Array) => files.map((f) => (f.path === p ? { path: p, content } : f));

describe.each(registryBackends)("model repos on $name", (backend) => {
  let dir: string;
  let ctx: RegistryContext;
  let close: () => Promise<void>;
  let alice: Actor;
  let n = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "esmhub-model-repo-"));
    ({ ctx, close } = await backend.open(dir));
    const user = await createUser(ctx.db, { name: "alice", password: "correct horse" });
    alice = { id: user.id, name: user.name, scope: "write" };
  });

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newRepo() {
    const name = `repo-${++n}`;
    await createRepo(ctx, alice, { kind: "esm", name });
    return `alice/${name}`;
  }

  async function commitTo(files: { path: string; content: Uint8Array }[], repo?: string) {
    return commitFiles(ctx, alice, { kind: "esm", repo: repo ?? (await newRepo()), message: "upload", files });
  }

  async function refused(files: { path: string; content: Uint8Array }[]) {
    const repo = await newRepo();
    const before = { commits: await ctx.db.commit.count(), blobs: await ctx.db.blob.count() };
    const err = await commitTo(files, repo).then(() => null, (e: Error & { code?: string; status?: number }) => e);
    expect(err).not.toBeNull();
    expect({ commits: await ctx.db.commit.count(), blobs: await ctx.db.blob.count() }).toEqual(before);
    return { code: err!.code, status: err!.status, message: err!.message };
  }

  it("stores a BERT checkpoint folder as a model repo, not an ESM", async () => {
    const { commitId, repo } = await commitTo(bertFiles);
    expect(commitId).toMatch(/^[0-9a-f]{40}$/);
    expect(await ctx.db.esmInfo.findUnique({ where: { repoId: repo.id } })).toBeNull();
    const stored = await ctx.db.commitFile.findMany({ where: { commitId }, orderBy: { path: "asc" } });
    expect(stored.map((f) => f.path)).toEqual([".gitattributes", ...bertFiles.map((f) => f.path)].sort());
  });

  it("refuses a checkpoint whose tensors contradict its config, naming the tensor", async () => {
    const config = JSON.parse(new TextDecoder().decode(bertFiles.find((f) => f.path === "config.json")!.content));
    const lying = enc(JSON.stringify({ ...config, intermediate_size: 128 }));
    expect(await refused(replaced(bertFiles, "config.json", lying))).toEqual({
      code: "InvalidInput", status: 400,
      message: expect.stringContaining("encoder.layer.0.intermediate.dense.weight has shape [64,32] but config.json implies [128,32]"),
    });
  });

  it("refuses a malformed safetensors file, config.json or tokenizer.json", async () => {
    const weights = bertFiles.find((f) => f.path === "model.safetensors")!.content;
    expect((await refused(replaced(bertFiles, "model.safetensors", weights.subarray(0, weights.length - 10)))).message).toMatch(/model\.safetensors: .*outside the/);
    expect((await refused(replaced(bertFiles, "config.json", enc("{ not json"))))).toMatchObject({ status: 400, message: expect.stringMatching(/^config\.json is not valid JSON/) });
    expect((await refused(replaced(bertFiles, "tokenizer.json", enc("[1, 2")))).message).toMatch(/^tokenizer\.json is not valid JSON/);
  });

  it("keeps checkpoints transformers can load but the hub cannot run (missing pooler, other families, fp16)", async () => {
    const { tensors } = readSafetensors(bertFiles.find((f) => f.path === "model.safetensors")!.content);
    const noPooler = writeSafetensors(Object.fromEntries([...tensors].filter(([k]) => !k.startsWith("pooler.")).map(([k, t]) => [k, { dtype: "F32" as const, shape: t.shape, data: new Float32Array(t.data.slice().buffer) }])));
    await expect(commitTo(replaced(bertFiles, "model.safetensors", noPooler))).resolves.toMatchObject({ commitId: expect.any(String) });
    const mpnet = enc(JSON.stringify({ model_type: "mpnet", hidden_size: 999 }));
    await expect(commitTo(replaced(bertFiles, "config.json", mpnet))).resolves.toMatchObject({ commitId: expect.any(String) });
  });

  it("validates repos that claim to be ESMs, by card tag or ESM config keys", async () => {
    const card = enc("---\ntags:\n- embedding_space_map\n---\n# not really an ESM\n");
    expect((await refused(replaced(bertFiles, "README.md", card))).message).toMatch(/^invalid ESM: /);
    const esmConfig = esmFixtureFile("ESM_source_1", "config.json");
    const broken = enc(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(esmConfig)), task_id: "" }));
    expect((await refused([{ path: "config.json", content: broken }, { path: "model.safetensors", content: esmFixtureFile("ESM_source_1", "model.safetensors") }])).message)
      .toMatch(/^invalid ESM: .*task_id/);
    expect((await refused([{ path: "config.json", content: esmConfig }])).message).toMatch(/needs both config\.json and model\.safetensors/);
  });
});
