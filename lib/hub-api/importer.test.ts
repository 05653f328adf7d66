// The importer mirrors from a second instance of our own server over real HTTP, with the stock client.
import { readFileSync } from "node:fs";
import path from "node:path";
import { downloadFile } from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { esmModelCard, parseEsmConfig } from "../esm";
import { importEsms } from "./importer";
import { commitFiles, commitManifest, createRepo, createUser, resolveRevision, streamToBytes, getFile, type Actor } from "../registry";
import { startTestHub, type TestHub } from "./testing";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/esm-logme/esms");
const read = (folder: string, file: string) => new Uint8Array(readFileSync(path.join(FIXTURES, folder, file)));

let source: TestHub;
let local: TestHub;
let alice: Actor;

async function publish(hub: TestHub, actor: Actor, name: string, folder: string) {
  const config = read(folder, "config.json");
  await createRepo(hub.registry, actor, { kind: "esm", name });
  return commitFiles(hub.registry, actor, {
    kind: "esm", repo: `${actor.name}/${name}`, message: "Upload ESM",
    files: [
      { path: "config.json", content: config },
      { path: "model.safetensors", content: read(folder, "model.safetensors") },
      { path: "README.md", content: new TextEncoder().encode(esmModelCard(parseEsmConfig(config))) },
    ],
  });
}

beforeAll(async () => {
  source = await startTestHub();
  local = await startTestHub();
  const a = await createUser(source.registry.db, { name: "alice" });
  alice = { id: a.id, name: a.name, scope: "write" };
  for (const i of [0, 1, 2]) await publish(source, alice, `ESM_source_${i}`, `ESM_source_${i}`);
  await publish(source, alice, "ESM_legacy", "ESM_source_4");
  await createRepo(source.registry, alice, { kind: "esm", name: "not-an-esm" });
  await commitFiles(source.registry, alice, { kind: "esm", repo: "alice/not-an-esm", message: "notes", files: [{ path: "notes.txt", content: new TextEncoder().encode("x") }] });
});

afterAll(async () => {
  await local?.close();
  await source?.close();
});

describe("esmhub import", () => {
  it("mirrors ESMs with their files, reports per-repo failures, and resumes", async () => {
    // The first run loses the connection while downloading one repo.
    const flaky: typeof fetch = (url, init) =>
      String(url).includes("/alice/ESM_source_1/resolve/") ? Promise.reject(new Error("connection reset")) : fetch(url, init);
    const first = await importEsms(local.registry, { from: source.url, filters: ["embedding_space_map"], fetch: flaky });
    expect(first.listed).toBe(4);
    expect(first.imported.sort()).toEqual(["alice/ESM_legacy", "alice/ESM_source_0", "alice/ESM_source_2"]);
    expect(first.failed).toEqual([{ id: "alice/ESM_source_1", reason: "connection reset" }]);
    expect(first.legacy).toEqual(["alice/ESM_legacy"]);
    expect(await local.registry.db.repo.findFirst({ where: { fullName: "alice/ESM_source_1" } })).toBeNull();

    const owner = await local.registry.db.user.findUniqueOrThrow({ where: { name: "alice" } });
    expect(owner.passwordHash).toBeNull();
    const mirrored = await getFile(local.registry, "esm", "alice/ESM_source_0", "main", "model.safetensors");
    expect(Buffer.from(await streamToBytes(await mirrored.open())).equals(Buffer.from(read("ESM_source_0", "model.safetensors")))).toBe(true);
    const upstreamSha = (await resolveRevision(source.registry, "esm", "alice/ESM_source_0", "main")).commit.id;
    expect(mirrored.commit.description).toContain(`upstream-sha: ${upstreamSha}`);
    const legacy = await local.registry.db.esmInfo.findFirstOrThrow({ where: { repo: { is: { fullName: "alice/ESM_legacy" } } } });
    expect(legacy.legacy).toBe(true);
    // The mirror serves the same bytes to the stock client.
    const blob = await downloadFile({ hubUrl: local.url, repo: "alice/ESM_source_2", path: "config.json" });
    expect(Buffer.from(await blob!.arrayBuffer()).equals(Buffer.from(read("ESM_source_2", "config.json")))).toBe(true);

    const second = await importEsms(local.registry, { from: source.url, filters: ["embedding_space_map"] });
    expect(second.imported).toEqual(["alice/ESM_source_1"]);
    expect(second.skipped.sort()).toEqual(["alice/ESM_legacy", "alice/ESM_source_0", "alice/ESM_source_2"]);
    expect(second.failed).toEqual([]);
  });

  it("picks up new upstream commits as updates, and honours base model, limit and owner override", async () => {
    const config = JSON.parse(new TextDecoder().decode(read("ESM_source_0", "config.json")));
    await commitFiles(source.registry, alice, {
      kind: "esm", repo: "alice/ESM_source_0", message: "fix language", deletions: ["README.md"],
      files: [{ path: "config.json", content: new TextEncoder().encode(JSON.stringify({ ...config, language: "de" })) }],
    });
    const report = await importEsms(local.registry, { from: source.url, filters: ["embedding_space_map"], baseModel: "prajjwal1/bert-tiny" });
    expect(report.updated).toEqual(["alice/ESM_source_0"]);
    const head = await resolveRevision(local.registry, "esm", "alice/ESM_source_0", "main");
    expect((await commitManifest(local.registry, head.commit.id)).map((f) => f.path)).toEqual([".gitattributes", "config.json", "model.safetensors"]);
    const info = await local.registry.db.esmInfo.findFirstOrThrow({ where: { repo: { is: { fullName: "alice/ESM_source_0" } } } });
    expect(info.language).toBe("de");

    expect((await importEsms(local.registry, { from: source.url, filters: ["embedding_space_map"], baseModel: "bert-base-uncased" })).listed).toBe(0);
    const mine = await importEsms(local.registry, { from: source.url, filters: ["embedding_space_map"], limit: 2, owner: "mirror" });
    expect(mine.listed).toBe(2);
    expect(mine.imported.length).toBe(2);
    expect(await local.registry.db.repo.count({ where: { owner: "mirror" } })).toBe(2);
  });
});
