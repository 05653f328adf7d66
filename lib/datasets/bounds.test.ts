import { describe, expect, it } from "vitest";
import { parquetWriteBuffer } from "hyparquet-writer";
import { DatasetError, MAX_SAMPLE_ROWS, MAX_TARGET_COLUMNS, MAX_TARGET_ROWS, parseTargetFile, prepareTarget } from "./index";

/** Files that are small in bytes but huge in rows, columns or depth are refused with a code. */
const enc = (s: string) => new TextEncoder().encode(s);

async function refusal(bytes: Uint8Array, filename: string): Promise<{ code: string; message: string }> {
  try {
    await parseTargetFile(bytes, { filename });
  } catch (err) {
    if (!(err instanceof DatasetError)) throw err;
    return { code: err.code, message: err.message };
  }
  throw new Error(`${filename} was accepted`);
}

describe("target file bounds", () => {
  it("refuses a Parquet row bomb from its footer, before decoding rows", async () => {
    const rows = MAX_TARGET_ROWS + 1;
    // A dictionary-encoded constant column: ~ a few KB on disk for a million rows.
    const buf = parquetWriteBuffer({ columnData: [{ name: "text", data: new Array<string>(rows).fill("same text"), type: "STRING" }, { name: "label", data: new Int32Array(rows), type: "INT32" }] });
    expect(buf.byteLength).toBeLessThan(2 * 1024 * 1024);
    const r = await refusal(new Uint8Array(buf), "bomb.parquet");
    expect(r.code).toBe("too_many_rows");
    expect(r.message).toContain("1,000,000");
  });

  it.each([
    ["CSV", "t.csv", () => "text,label\n" + "a,0\n".repeat(MAX_TARGET_ROWS + 1)],
    ["TSV", "t.tsv", () => "text\tlabel\n" + "a\t0\n".repeat(MAX_TARGET_ROWS + 1)],
    ["JSON Lines", "t.jsonl", () => '{"text":"a","label":0}\n'.repeat(MAX_TARGET_ROWS + 1)],
    ["a JSON array", "t.json", () => "[" + new Array(MAX_TARGET_ROWS + 1).fill('{"t":"a"}').join(",") + "]"],
  ])("refuses more than the row limit in %s", async (_kind, filename, make) => {
    expect((await refusal(enc(make()), filename)).code).toBe("too_many_rows");
  });

  it("accepts exactly the row limit", async () => {
    const p = await parseTargetFile(enc("text,label\n" + "a,0\n".repeat(MAX_TARGET_ROWS)), { filename: "t.csv" });
    expect(p.rows).toHaveLength(MAX_TARGET_ROWS);
  });

  it.each([
    ["CSV", "t.csv", () => Array.from({ length: MAX_TARGET_COLUMNS + 1 }, (_, i) => `c${i}`).join(",") + "\n" + "x,".repeat(MAX_TARGET_COLUMNS) + "x\n"],
    ["JSON Lines", "t.jsonl", () => JSON.stringify(Object.fromEntries(Array.from({ length: MAX_TARGET_COLUMNS + 1 }, (_, i) => [`c${i}`, "x"]))) + "\n"],
  ])("refuses more than the column limit in %s", async (_kind, filename, make) => {
    expect((await refusal(enc(make()), filename)).code).toBe("too_many_columns");
  });

  it("refuses deeply nested JSON values as a parse error, not a crash", async () => {
    const depth = 200_000;
    const line = `{"text":"a","label":0,"extra":${"[".repeat(depth)}${"]".repeat(depth)}}\n`;
    expect((await refusal(enc(line + line), "deep.jsonl")).code).toBe("parse_error");
  });
});

describe("sample bound", () => {
  const rows = Array.from({ length: MAX_SAMPLE_ROWS + 1 }, (_, i) => ({ text: `t${i}`, label: i % 2 }));

  it("refuses to rank every row of a target larger than the sample limit (numExamples null)", () => {
    expect(() => prepareTarget(rows, { textColumns: ["text"], labelColumn: "label", numExamples: null })).toThrow(
      expect.objectContaining({ code: "too_many_rows", message: expect.stringContaining("100,000") }),
    );
  });

  it("samples such a target within the limit", () => {
    expect(prepareTarget(rows, { textColumns: ["text"], labelColumn: "label", numExamples: MAX_SAMPLE_ROWS }).texts).toHaveLength(MAX_SAMPLE_ROWS);
  });
});
