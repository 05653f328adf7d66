import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authSecret } from "./auth-secret";
import { datasetListHref, parseDatasetList } from "./datasets";
import { datasetHref, esmMetadataRows, suggestedRepoName } from "./esm-view";
import { formatBytes, formatCount, plural, shortSha, timeAgo } from "./format";
import { isReservedName } from "./reserved-names";
import { activeFilterCount, pageWindow, parseEsmSearch, searchHref, toRegistryQuery } from "./search-params";
import { curlSnippet, pythonSnippet, typescriptSnippet, usageSnippets } from "./snippets";
import { uniqueUserName } from "./usernames";

describe("format", () => {
  it("formats sizes in decimal units like the Hub", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(66232)).toBe("66.2 kB");
    expect(formatBytes(2_362_560)).toBe("2.36 MB");
    expect(formatBytes(-1)).toBe("—");
  });
  it("formats counts and plurals with a fixed locale", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(plural(1, "ESM")).toBe("1 ESM");
    expect(plural(10000, "ESM")).toBe("10,000 ESMs");
  });
  it("says how long ago", () => {
    const now = new Date("2026-01-10T12:00:00Z");
    expect(timeAgo(new Date("2026-01-10T11:59:50Z"), now)).toBe("just now");
    expect(timeAgo(new Date("2026-01-10T11:55:00Z"), now)).toBe("5 minutes ago");
    expect(timeAgo(new Date("2026-01-10T11:00:00Z"), now)).toBe("1 hour ago");
    expect(timeAgo(new Date("2026-01-07T12:00:00Z"), now)).toBe("3 days ago");
    expect(timeAgo(new Date("2024-01-10T12:00:00Z"), now)).toBe("2 years ago");
  });
  it("shortens commit ids", () => {
    expect(shortSha("0123456789abcdef0123456789abcdef01234567")).toBe("0123456");
  });
});

describe("search params", () => {
  it("parses the URL state and drops bad values instead of failing", () => {
    const state = parseEsmSearch({ q: "  spam ", base_model: "prajjwal1/bert-tiny", task_type: "nonsense", dim: "abc", sort: "recent", page: "-3" });
    expect(state).toEqual({ q: "spam", base_model: "prajjwal1/bert-tiny", sort: "recent", page: 1 });
  });
  it("takes the first of repeated parameters and coerces numbers", () => {
    expect(parseEsmSearch({ dim: ["128", "768"], page: "2", task_type: "regression" })).toEqual({ q: "", dim: 128, task_type: "regression", sort: "downloads", page: 2 });
  });
  it("maps URL state to a registry query", () => {
    const q = toRegistryQuery(parseEsmSearch({ q: "x", dim: "32", owner: "alice", page: "3" }), 20);
    expect(q).toEqual({ q: "x", baseModel: undefined, taskType: undefined, language: undefined, architecture: undefined, embeddingDim: 32, owner: "alice", sort: "downloads", page: 3, pageSize: 20 });
    expect(activeFilterCount(parseEsmSearch({ dim: "32", owner: "alice", q: "x" }))).toBe(2);
  });
  it("builds shareable URLs, resets the page on a new filter and keeps defaults out", () => {
    const state = parseEsmSearch({ q: "spam", page: "4" });
    expect(searchHref("/esms", state, { language: "en" })).toBe("/esms?q=spam&language=en");
    expect(searchHref("/esms", state, { page: 5 })).toBe("/esms?q=spam&page=5");
    expect(searchHref("/esms", state, { q: undefined, sort: "downloads" })).toBe("/esms");
    expect(searchHref("/esms", parseEsmSearch({ base_model: "a/b c" }), {})).toBe("/esms?base_model=a%2Fb+c");
  });
  it("windows page numbers with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("dataset list params", () => {
  it("parses and builds URLs", () => {
    const state = parseDatasetList({ kind: "target", base_model: "prajjwal1/bert-tiny", page: "2" });
    expect(state).toEqual({ q: "", kind: "target", base_model: "prajjwal1/bert-tiny", page: 2 });
    expect(datasetListHref(state, { q: "spam" })).toBe("/datasets?q=spam&kind=target&base_model=prajjwal1%2Fbert-tiny");
    expect(datasetListHref(parseDatasetList({ kind: "bogus" }), {})).toBe("/datasets");
  });
});

describe("ESM view", () => {
  const config = JSON.stringify({
    base_model_name: "prajjwal1/bert-tiny", task_id: "demo/source_0", task_subset: "default", text_column: ["premise", "hypothesis"],
    label_column: "label", task_split: "train", num_examples: 10000, seed: 42, language: "en", esm_architecture: "linear",
    esm_embedding_dim: 128, version: "0.2.0", lm_num_epochs: 3, esm_optimizer: "AdamW",
  });
  it("lists config fields with a link to the source dataset", () => {
    const { rows, hyperparameters } = esmMetadataRows({ config, taskId: "demo/source_0", taskType: "classification", embeddingDim: 128, legacy: false, formatVersion: "0.2.0" });
    const get = (label: string) => rows.find((r) => r.label === label);
    expect(get("Source dataset")).toEqual({ label: "Source dataset", value: "demo/source_0", href: "/datasets/demo/source_0" });
    expect(get("Text column")?.value).toBe("premise, hypothesis");
    expect(get("Examples")?.value).toBe("10,000");
    expect(get("Legacy weights (sequential.0.*)")?.value).toBe("no");
    expect(hyperparameters).toEqual([{ label: "LM epochs", value: "3" }, { label: "ESM optimizer", value: "AdamW" }]);
  });
  it("still renders when the stored config cannot be parsed", () => {
    const { rows } = esmMetadataRows({ config: "{", taskId: "x", taskType: "unknown", embeddingDim: 4, legacy: true, formatVersion: null });
    expect(rows.find((r) => r.label === "Subset")?.value).toBe("—");
    expect(rows.find((r) => r.label === "Legacy weights (sequential.0.*)")?.value).toBe("yes");
  });
  it("encodes dataset links segment by segment", () => {
    expect(datasetHref("glue")).toBe("/datasets/glue");
    expect(datasetHref("a b/c?d")).toBe("/datasets/a%20b/c%3Fd");
  });
  it("suggests repo names following the reference convention", () => {
    expect(suggestedRepoName("nguha/legalbench", "contract_nli")).toBe("ESM_nguha__legalbench_contract_nli");
    expect(suggestedRepoName("imdb", "default")).toBe("ESM_imdb");
    expect(suggestedRepoName("weird name/x", null)).toBe("ESM_weird-name__x");
  });
});

describe("snippets", () => {
  const input = { repoId: "alice/ESM_spam", origin: "http://localhost:3000/" };
  it("TypeScript uses @huggingface/hub with hubUrl set to this hub", () => {
    expect(typescriptSnippet(input)).toBe(`import { downloadFile } from "@huggingface/hub";

const hubUrl = "http://localhost:3000";
const repo = { type: "model", name: "alice/ESM_spam" } as const;

const config = await (await downloadFile({ repo, path: "config.json", hubUrl }))?.json();
const weights = await (await downloadFile({ repo, path: "model.safetensors", hubUrl }))?.arrayBuffer();
`);
  });
  it("Python points the reference package at this hub with HF_ENDPOINT", () => {
    expect(pythonSnippet(input)).toBe(`# pip install hfselect
import os
os.environ["HF_ENDPOINT"] = "http://localhost:3000"  # set before importing hfselect

from hfselect import ESM

esm = ESM.from_pretrained("alice/ESM_spam")
`);
  });
  it("curl downloads both files from resolve/main", () => {
    expect(curlSnippet(input)).toBe(`curl -L -o config.json http://localhost:3000/alice/ESM_spam/resolve/main/config.json
curl -L -o model.safetensors http://localhost:3000/alice/ESM_spam/resolve/main/model.safetensors
`);
    expect(usageSnippets(input).map((s) => s.id)).toEqual(["typescript", "python", "curl"]);
  });
});

describe("user names", () => {
  it("derives a valid, free name from an outside login", async () => {
    const taken = new Set(["alice", "alice-2"]);
    expect(await uniqueUserName("alice", async (n) => taken.has(n))).toBe("alice-3");
    expect(await uniqueUserName("-Bob--Smith.", async () => false)).toBe("Bob-Smith");
    expect(await uniqueUserName("***", async () => false)).toBe("user");
  });
  it("reserves the site's own path segments", () => {
    expect(isReservedName("Datasets")).toBe(true);
    expect(isReservedName("alice")).toBe(false);
  });
});

describe("auth secret", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "esmhub-secret-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("prefers AUTH_SECRET", () => {
    expect(authSecret(dir, { AUTH_SECRET: " s3cret " })).toBe("s3cret");
  });
  it("generates one secret and keeps it in the data folder", () => {
    const first = authSecret(dir, {});
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(authSecret(dir, {})).toBe(first);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8").trim()).toBe(first);
  });
});
