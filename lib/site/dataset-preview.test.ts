import { describe, expect, it } from "vitest";
import { datasetPreview, targetDataFile } from "./dataset-preview";

const enc = (s: string) => new TextEncoder().encode(s);

describe("dataset preview", () => {
  const csv = "text,label\nwin cash now,spam\nsee you at 5,ham\ncall me,ham\n";
  const files = { "README.md": enc("# x"), "data/target.csv": enc(csv) };
  const read = async (p: string) => files[p as keyof typeof files];
  const manifest = Object.entries(files).map(([path, b]) => ({ path, size: b.length }));

  it("finds the data file by extension and previews its rows and columns", async () => {
    const result = await datasetPreview(manifest, read, 2);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file).toBe("data/target.csv");
    expect(result.preview.totalRows).toBe(3);
    expect(result.preview.rows).toEqual([{ text: "win cash now", label: "spam" }, { text: "see you at 5", label: "ham" }]);
    expect(result.preview.columns.map((c) => c.name)).toEqual(["text", "label"]);
    expect(result.preview.detected.labelColumn).toBe("label");
  });

  it("prefers the file named by esmhub-target.json", async () => {
    const config = JSON.stringify({ version: 1, file: "b.csv", textColumns: ["t"], labelColumn: "l", taskType: "classification", numExamples: null, seed: 42 });
    const all = { "a.csv": enc("x\n1\n"), "b.csv": enc("t,l\nhi,1\n"), "esmhub-target.json": enc(config) };
    const file = await targetDataFile(Object.keys(all).map((path) => ({ path, size: 1 })), async (p) => all[p as keyof typeof all]);
    expect(file?.path).toBe("b.csv");
  });

  it("explains why there is no preview", async () => {
    expect(await datasetPreview([{ path: "README.md", size: 3 }], read)).toEqual({ ok: false, file: null, reason: "This repo has no CSV, TSV, JSONL or Parquet file to preview." });
    const big = await datasetPreview([{ path: "huge.csv", size: 1e9 }], read);
    expect(big).toEqual({ ok: false, file: "huge.csv", reason: "huge.csv is too large to preview on this page." });
  });

  it("parses a file once per content, however often its page is viewed", async () => {
    let reads = 0;
    const counting = async (p: string) => {
      reads++;
      return files[p as keyof typeof files];
    };
    const addressed = manifest.map((f) => ({ ...f, blobSha256: `sha-of-${f.path}` }));
    const first = await datasetPreview(addressed, counting, 2);
    const dataReads = reads;
    expect(await datasetPreview(addressed, counting, 2)).toBe(first);
    expect(reads).toBe(dataReads);
  });
});
