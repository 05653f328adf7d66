import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReference } from "../testing/reference";
import { loadBaseModel } from "./base-model";

/*
 * Base embeddings against transformers + torch (scripts/reference/embed_parity.py): the Python side builds
 * each supported family from a config with transformers' own initialisation and save_pretrained (safetensors,
 * real tensor names, no ONNX), then embeds the torture strings with hfselect's recipe; this side loads the
 * same folders and embeds the same strings.
 */

interface Reference {
  models: { name: string; dir: string; embeddings: number[][] }[];
}

let dir: string;
let strings: string[];
let reference: Reference;

beforeAll(async () => {
  strings = (JSON.parse(await readFile(path.join(import.meta.dirname, "tokenizer", "torture.json"), "utf8")) as { strings: string[] }).strings;
  dir = await mkdtemp(path.join(tmpdir(), "esmhub-embed-parity-"));
  reference = await runReference("embed_parity.py", { texts: strings, out_dir: dir }, { HF_HUB_DISABLE_PROGRESS_BARS: "1" });
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const EXPECTED_POOLING: Record<string, string> = {
  bert: "pooler",
  "sentence-transformers": "mean",
  "bert-task-checkpoint": "pooler",
  distilbert: "cls",
  roberta: "cls",
  "xlm-roberta": "cls",
  "xlm-roberta-task-checkpoint": "cls",
  "bert-fp16": "pooler",
  "roberta-bf16": "cls",
};

describe("embedding parity with transformers (torch, float32)", () => {
  it.each(Object.keys(EXPECTED_POOLING))("%s: every torture string within 1e-5", async (name) => {
    const ref = reference.models.find((m) => m.name === name);
    if (!ref) throw new Error(`the reference built no ${name} model`);
    const model = await loadBaseModel(ref.dir);
    try {
      expect(model.pooling).toBe(EXPECTED_POOLING[name]);
      const out = await model.embed(strings);
      expect([out.n, out.d]).toEqual([ref.embeddings.length, ref.embeddings[0].length]);
      let worst = { diff: 0, text: "" };
      ref.embeddings.forEach((row, i) => {
        for (let k = 0; k < out.d; k++) {
          const diff = Math.abs(out.data[i * out.d + k] - row[k]);
          if (diff > worst.diff) worst = { diff, text: strings[i] };
        }
      });
      expect(worst.diff, `largest difference on ${JSON.stringify(worst.text.slice(0, 60))}`).toBeLessThan(1e-5);
      console.info(`embedding parity ${name}: max |Δ| = ${worst.diff.toExponential(2)}`);
    } finally {
      await model.close();
    }
  });
});
