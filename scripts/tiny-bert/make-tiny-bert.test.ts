import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseModel } from "../../lib/embed";
import { writeTinyBert } from "./write";

const COMMITTED = path.resolve(import.meta.dirname, "../../models/esmhub-demo-bert-tiny");

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)));
    else out.push(prefix + e.name);
  }
  return out.sort();
}

describe("make-tiny-bert", () => {
  it("regenerates the committed demo model byte for byte", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "esmhub-tinybert-"));
    try {
      await writeTinyBert(dir);
      const files = await listFiles(dir);
      expect(files).toEqual(await listFiles(COMMITTED));
      for (const f of files) expect(await readFile(path.join(dir, f)), f).toEqual(await readFile(path.join(COMMITTED, f)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says it is a random-weight demo model and loads as a BERT with pooler output", async () => {
    const config = JSON.parse(await readFile(path.join(COMMITTED, "config.json"), "utf8"));
    expect(config.esmhub_demo.random_weights).toBe(true);
    expect(await readFile(path.join(COMMITTED, "README.md"), "utf8")).toMatch(/RANDOM weights/);
    const model = await loadBaseModel(COMMITTED, { id: "esmhub/demo-bert-tiny" });
    expect([model.id, model.pooling, model.dim]).toEqual(["esmhub/demo-bert-tiny", "pooler", 32]);
    const a = await model.embed(["a demo sentence", "another one"]);
    const b = await model.embed(["a demo sentence"]);
    for (let k = 0; k < 32; k++) expect(b.data[k]).toBeCloseTo(a.data[k], 6);
    await model.close();
  });
});
