import { describe, expect, it } from "vitest";
import { parquetWriteBuffer } from "hyparquet-writer";
import fixture from "./fixtures/numpy-permutations.json";
import { DatasetError, parseTargetFile, prepareTarget, previewTarget, type Row } from "./index";

const enc = (s: string) => new TextEncoder().encode(s);

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DatasetError && e.code === code);
}

function perm(n: number, seed: number): number[] {
  return fixture.cases.find((c) => c.n === n && c.seed === seed)!.perm;
}

describe("parseTargetFile", () => {
  it("reads CSV with quoted fields, types numeric columns and detects text/label", async () => {
    const csv = 'id,text,label\n1,"Hello, world",0\n2,"Line ""two""\nwith newline",1\n3,third,1\n';
    const p = await parseTargetFile(enc(csv), { filename: "t.csv" });
    expect(p.format).toBe("csv");
    expect(p.columns).toEqual(["id", "text", "label"]);
    expect(p.rows[1]).toEqual({ id: 2, text: 'Line "two"\nwith newline', label: 1 });
    expect(p.detected).toEqual({ textColumns: ["text"], labelColumn: "label", taskType: "classification" });
  });

  it("reads TSV and detects float labels as regression", async () => {
    const tsv = "sentence\tscore\na b\t0.5\nc d\t1.25\n";
    const p = await parseTargetFile(enc(tsv), { filename: "x.tsv" });
    expect(p.rows).toEqual([{ sentence: "a b", score: 0.5 }, { sentence: "c d", score: 1.25 }]);
    expect(p.detected).toEqual({ textColumns: ["sentence"], labelColumn: "score", taskType: "regression" });
  });

  it("sniffs TSV without an extension and keeps numeric-looking text in string columns", async () => {
    const p = await parseTargetFile(enc("review\tstars\n123\t5\nok then\t4\n"));
    expect(p.format).toBe("tsv");
    expect(p.rows[0]).toEqual({ review: "123", stars: 5 });
  });

  it("reads JSON Lines with string labels and sentence pairs", async () => {
    const jsonl = ['{"premise":"A man","hypothesis":"A person","label":"entailment"}', "", '{"premise":"B","hypothesis":"C","label":"neutral"}'].join("\n");
    const p = await parseTargetFile(enc(jsonl), { filename: "nli.jsonl" });
    expect(p.detected).toEqual({ textColumns: ["premise", "hypothesis"], labelColumn: "label", taskType: "classification" });
  });

  it("reads Parquet, converting int64 to numbers", async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "content", data: ["good movie", "bad movie", "fine"], type: "STRING" },
        { name: "target", data: [1n, 0n, 1n], type: "INT64" },
      ],
    });
    const p = await parseTargetFile(new Uint8Array(buf), { filename: "d.parquet" });
    expect(p.format).toBe("parquet");
    expect(p.rows).toEqual([{ content: "good movie", target: 1 }, { content: "bad movie", target: 0 }, { content: "fine", target: 1 }]);
    expect(p.detected.labelColumn).toBe("target");
    const sniffed = await parseTargetFile(new Uint8Array(buf));
    expect(sniffed.format).toBe("parquet");
  });

  it("gives coded errors for empty, oversized, non-UTF-8 and malformed files", async () => {
    await expectCode(parseTargetFile(new Uint8Array(0), { filename: "a.csv" }), "empty_file");
    await expectCode(parseTargetFile(enc("text,label\n"), { filename: "a.csv" }), "empty_file");
    await expectCode(parseTargetFile(enc("text,label\na,1\n"), { filename: "a.csv", maxBytes: 5 }), "file_too_large");
    await expectCode(parseTargetFile(new Uint8Array([0x74, 0x0a, 0xff, 0xfe, 0x41]), { filename: "a.csv" }), "invalid_encoding");
    await expectCode(parseTargetFile(enc('{"a":1}\n{oops\n'), { filename: "a.jsonl" }), "parse_error");
    await expectCode(parseTargetFile(enc("not parquet"), { filename: "a.parquet" }), "parse_error");
  });
});

describe("prepareTarget", () => {
  it("drops -1 rows, then samples exactly like HF shuffle(seed).select(range(n))", () => {
    const rows: Row[] = Array.from({ length: 108 }, (_, i) => ({ text: `t${i}`, label: i % 13 === 5 ? -1 : i % 3 }));
    const usable = rows.flatMap((r, i) => (r.label === -1 ? [] : [i]));
    expect(usable.length).toBe(100);
    const t = prepareTarget(rows, { numExamples: 10 });
    expect(t.texts).toEqual(perm(100, 42).slice(0, 10).map((p) => `t${usable[p]}`));
    expect(Array.from(t.labels)).toEqual(perm(100, 42).slice(0, 10).map((p) => usable[p] % 3));
    expect(t.labels).toBeInstanceOf(Int32Array);
    expect(t.counts).toEqual({ total: 108, usable: 100, selected: 10 });
    expect(t.taskType).toBe("classification");
  });

  it("keeps all rows (shuffled) when there are fewer than numExamples, with seed override", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ text: `t${i}`, label: i % 2 }));
    const t = prepareTarget(rows, { seed: 12345 });
    expect(t.texts).toEqual(perm(10, 12345).map((p) => `t${p}`));
    expect(t.stats).toEqual({ taskType: "classification", numClasses: 2, classCounts: [5, 5] });
  });

  it("maps string labels to sorted unique values and joins text columns with [SEP]", () => {
    const rows = [
      { a: "x1", b: "y1", lab: "pos" },
      { a: "x2", b: "y2", lab: "neg" },
      { a: "x3", b: "y3", lab: "neutral" },
      { a: "x4", b: "y4", lab: "neg" },
    ];
    const t = prepareTarget(rows, { textColumns: ["a", "b"], labelColumn: "lab", numExamples: null, seed: 1 });
    expect(t.labelNames).toEqual(["neg", "neutral", "pos"]);
    for (let i = 0; i < t.texts.length; i++) {
      const src = rows.find((r) => `${r.a} [SEP] ${r.b}` === t.texts[i])!;
      expect(t.labelNames![t.labels[i]]).toBe(src.lab);
    }
    expect(new Set(t.texts).size).toBe(4);
    expect(t.stats).toEqual({ taskType: "classification", numClasses: 3, classCounts: [2, 1, 1] });
  });

  it("sorts string labels by code point like Python", () => {
    const rows = ["😀", "\uFF5E", "b", "B"].map((lab, i) => ({ text: `t${i}`, lab }));
    const t = prepareTarget(rows, { labelColumn: "lab", numExamples: null });
    expect(t.labelNames).toEqual(["B", "b", "\uFF5E", "😀"]);
  });

  it("treats float labels as regression and reports mean/std/min/max; task type can be overridden", () => {
    const rows = [1.5, 2.5, 3.5, 4.5].map((y, i) => ({ text: `t${i}`, y }));
    const t = prepareTarget(rows, { numExamples: null });
    expect(t.taskType).toBe("regression");
    expect(t.labels).toBeInstanceOf(Float64Array);
    expect(t.stats).toEqual({ taskType: "regression", mean: 3, std: Math.sqrt(1.25), min: 1.5, max: 4.5 });
    const ints = [1, 2, 3, 5].map((y, i) => ({ text: `t${i}`, rating: y }));
    expect(prepareTarget(ints).taskType).toBe("classification");
    const reg = prepareTarget(ints, { taskType: "regression" });
    expect(reg.labels).toBeInstanceOf(Float64Array);
    expect(reg.stats.taskType).toBe("regression");
  });

  it("detects the remaining column around the ones the caller chose", () => {
    const rows = [{ text: "a", label: "x", note: "n1" }, { text: "b", label: "y", note: "n2" }];
    expect(prepareTarget(rows, { textColumns: ["label"] }).columns).toEqual({ textColumns: ["label"], labelColumn: "note" });
    expect(prepareTarget(rows, { labelColumn: "text" }).columns).toEqual({ textColumns: ["note"], labelColumn: "text" });
  });

  it("gives coded errors for missing columns, missing labels, one class and bad labels", () => {
    const rows = [{ text: "a", label: 1 }, { text: "b", label: 1 }, { text: "c", label: -1 }];
    expect(() => prepareTarget(rows)).toThrow(expect.objectContaining({ code: "one_class" }));
    expect(() => prepareTarget(rows, { textColumns: ["body"] })).toThrow(expect.objectContaining({ code: "missing_column" }));
    expect(() => prepareTarget(rows, { labelColumn: "y" })).toThrow(expect.objectContaining({ code: "missing_column" }));
    expect(() => prepareTarget([{ text: "a", label: 0 }, { text: "b", label: null }])).toThrow(
      expect.objectContaining({ code: "missing_label", message: expect.stringContaining("rows 2") }),
    );
    expect(() => prepareTarget([{ text: "a", label: 0.5 }, { text: "b", label: 1 }], { taskType: "classification" })).toThrow(
      expect.objectContaining({ code: "bad_label" }),
    );
    expect(() => prepareTarget([{ text: "a", y: "x" }, { text: "b", y: "z" }], { labelColumn: "y", taskType: "regression" })).toThrow(
      expect.objectContaining({ code: "bad_label" }),
    );
    expect(() => prepareTarget([{ text: "a", y: 2.5 }, { text: "b", y: 2.5 }], { labelColumn: "y" })).toThrow(
      expect.objectContaining({ code: "constant_target" }),
    );
    expect(() => prepareTarget(rows, { numExamples: 0 })).toThrow(expect.objectContaining({ code: "bad_option" }));
  });

  it("refuses sparse class ids and label columns with too many classes at once, before allocating per class", () => {
    const sparse = [{ text: "a", label: 0 }, { text: "b", label: 2_000_000 }, { text: "c", label: 1 }, { text: "d", label: 0 }];
    const started = performance.now();
    expect(() => prepareTarget(sparse, { taskType: "classification" })).toThrow(
      expect.objectContaining({ code: "bad_label", message: expect.stringContaining("class id 2000000 is too large: ids must be 0…1023") }),
    );
    expect(performance.now() - started).toBeLessThan(1000);
    const many = Array.from({ length: 1100 }, (_, i) => ({ text: `t${i}`, label: `class ${i}` }));
    expect(() => prepareTarget(many, { taskType: "classification", labelColumn: "label", textColumns: ["text"], numExamples: null })).toThrow(
      expect.objectContaining({ code: "bad_label", message: expect.stringContaining("1100 distinct labels") }),
    );
    expect(prepareTarget(sparse.map((r) => ({ ...r, label: Math.min(r.label, 1023) })), { taskType: "classification" }).stats).toMatchObject({ numClasses: 1024 });
  });

  it("works end to end from CSV bytes", async () => {
    const csv = "text,label\n" + Array.from({ length: 100 }, (_, i) => `row ${i},${i % 4}`).join("\n");
    const parsed = await parseTargetFile(enc(csv), { filename: "a.csv" });
    const t = prepareTarget(parsed.rows, { numExamples: 5 });
    expect(t.texts).toEqual(perm(100, 42).slice(0, 5).map((p) => `row ${p}`));
  });
});

describe("previewTarget", () => {
  it("returns the first rows and column types", async () => {
    const parsed = await parseTargetFile(enc("text,label,score\na,x,1\nb,y,2.5\nc,x,\n"), { filename: "p.csv" });
    const pv = previewTarget(parsed, 2);
    expect(pv.totalRows).toBe(3);
    expect(pv.rows).toHaveLength(2);
    expect(pv.columns.map((c) => [c.name, c.type, c.nonNull, c.distinct])).toEqual([
      ["text", "string", 3, 3],
      ["label", "string", 3, 2],
      ["score", "float", 2, 2],
    ]);
  });
});
