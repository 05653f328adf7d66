import { readPackageJson } from "../packages";
import type { SourceTable } from "../table";

export const STOPWORDS_PACKAGE = "stopwords-iso";

/** Stop words of 58 languages; a word listed for several languages appears once per language. */
export function loadStopwords(): SourceTable {
  const lists = readPackageJson<Record<string, string[]>>(STOPWORDS_PACKAGE, "stopwords-iso.json");
  const rows = Object.entries(lists).flatMap(([language, words]) => words.map((word) => ({ word, language })));
  return { columns: ["word", "language"], rows };
}
