import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportCsv, type ResultView } from "./index";

const row = (over: Partial<ResultView>): ResultView => ({
  rank: 1, esmRepo: "alice/ESM_x", taskId: "imdb", subset: null, language: "en", taskType: "classification", score: -0.41895, synthetic: false, ...over,
});

describe("ranking CSV export", () => {
  it.each(["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"])(
    "neutralises a formula in a user-controlled cell: %j",
    (payload) => {
      const csv = exportCsv([row({ taskId: payload, subset: payload, language: payload })]);
      const [record] = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
      for (const column of ["source_dataset", "subset", "language"]) expect(record[column]).toBe(`'${payload}`);
    },
  );

  it("keeps numbers and plain text as they are", () => {
    const csv = exportCsv([row({ rank: 2, score: -0.41895, taskId: "stanfordnlp/imdb", subset: "plain_text" })]);
    const [record] = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(record).toMatchObject({ rank: "2", source_dataset: "stanfordnlp/imdb", subset: "plain_text", score: "-0.41895" });
  });
});
