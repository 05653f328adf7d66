/**
 * Writes lib/embed/tokenizer/torture.json, the committed strings the tokenizer parity test feeds both to
 * this project and to the Rust `tokenizers` through transformers. Seeded, so a rerun writes the same file.
 * Lone surrogates (Cs) are left out: no UTF-8 dataset can carry one, and Python cannot pass one to Rust.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";

let seed = 0x5eed;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const CATEGORIES = [
  "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
  "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn",
] as const;

function codePointsOf(category: string): number[] {
  const re = new RegExp(`^\\p{General_Category=${category}}$`, "u");
  const bmp: number[] = [];
  const astral: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (re.test(String.fromCodePoint(cp))) (cp > 0xffff ? astral : bmp).push(cp);
  }
  return [...bmp, ...astral];
}

const WORDS = ["the", "movie", "was", "great", "bad", "naïve", "Café", "résumé", "straße", "ÉCOLE", "über", "don't", "e-mail", "42", "3.14"];

function categoryStrings(category: string, all: number[], n: number): string[] {
  const astral = all.filter((cp) => cp > 0xffff);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const pool = i % 3 === 2 && astral.length ? astral : all;
    const chars = Array.from({ length: int(1, 6) }, () => String.fromCodePoint(pick(pool)));
    const glue = pick(["", " ", "x", "-"]);
    out.push(i % 2 ? `${pick(WORDS)} ${chars.join(glue)} ${pick(WORDS)}` : `${chars.join(glue)}${pick(WORDS)}`);
  }
  return out;
}

const HANDPICKED = [
  // empty and whitespace only
  "", " ", "\t\n\r", "\u00a0\u3000\u2028", "\u0000\u0001\u007f", "\ufeff", "\ufffd\ufffd",
  // case and accents
  "ΣΑΣ ΟΔΟΣ", "Σ", "ὈΔΥΣΣΕΎΣ", "İstanbul ıi", "STRASSE straße ẞ", "ǅemal ǈ ǋ", "ﬁne ﬂow ﬀ", "K Å Ω", "Ⅻ ⅻ ①",
  "e\u0301 é é", "a\u0300\u0301\u0302\u0303\u0304", "\u0301\u0301start", "Ǻ ǻ ǿ", "Ḱḱ ṔṕṤ", "Việt Nam Tiếng Việt",
  "한국어 \u1100\u1161\u11a8 각", "ﾊﾝｶｸ ｶﾀｶﾅ", "ＦＵＬＬＷＩＤＴＨ １２３", "Ⓐⓑⓒ", "ʰᵃᵇ", "\u0130\u0307",
  // right to left
  "مرحبا بالعالم", "שָׁלוֹם עוֹלָם", "\u200fRTL\u200e LTR", "می\u200cخواهم", "\u202eevil\u202c text", "ﷺ ﷽", "عَرَبِيّ",
  "۱۲۳ ١٢٣", "ܫܠܡܐ", "ދިވެހި",
  // emoji
  "👨‍👩‍👧‍👦 family", "🏳️‍🌈", "👍🏽 👍🏿", "🇩🇪🇫🇷", "1️⃣ #️⃣", "❤️ ❤", "🧑🏻‍💻", "😀😃😄", "🫠 🪿 🫎",
  // CJK and friends
  "中文字符测试", "日本語のテキスト", "カタカナ ひらがな", "㐀㐁 Ext A", "𠀀𠀁 Ext B", "𪜀 Ext C", "𫝀 Ext D", "𫠠 Ext E",
  "𬺰 Ext F", "𰀀 Ext G", "豈 更 compat", "丽 丸 compat sup", "⺀ ⼀ radicals", "〇〡 numerals", "ㄅㄆ bopomofo",
  // controls and invisible characters
  "a\u0000b", "a\u0008b", "a\u001bb", "a\u0085b", "a\u00adb", "a\u200bb", "a\u200db", "a\u2060b", "a\u2066b\u2069",
  "a\ue000b", "a\udb80\udc00b", "a\u{e0001}\u{e0041}b", "a\u0378b", "a\u{10fffe}b", "a\ufdd0b", "line\nbreak\r\nand\ttab",
  // punctuation families
  "hello,world!", "«quoted» „low“ ‘single’", "¿Qué? ¡Sí!", "a—b–c‐d", "…‥", "§¶†‡", "※⁂", "【括弧】「かぎ」", "、。，．",
  "$100 €5 £3 ¥7 ₹9", "a+b=c<d>e^f|g~h`i", "@user #tag", "https://example.com/a?b=c&d=e#f", "<p>html &amp; entities</p>",
  "C++ C# F# .NET", "x_y__z", "¯\\_(ツ)_/¯",
  // special tokens written in the text
  "[CLS]", "[SEP]", "a [SEP] b", "a[SEP]b", "[sep] lower", "[MASK]x", "x[UNK]", "[PAD][PAD]", "[ CLS ]", "<s> </s> <pad>",
  "<mask>", "a <mask> b", "<unk>", "The movie was great [SEP] the food was awful",
];

function longWords(): string[] {
  const out: string[] = [];
  for (const n of [99, 100, 101, 150, 300]) {
    out.push("a".repeat(n));
    out.push(Array.from({ length: n }, (_, i) => "abcdéfghij"[i % 10]).join(""));
    out.push(`short ${"x".repeat(n)} words`);
  }
  out.push(`${"é".repeat(50)}${"\u0301".repeat(60)}`);
  out.push("𠀀".repeat(120));
  out.push("supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis");
  return out;
}

function longTexts(): string[] {
  const vocab = [...WORDS, "and", "of", "a", "to", "in", "is", "it", "that", ",", ".", "!", "?", "日本", "𠀀", "ΣΑΣ", "👍🏽"];
  const out: string[] = [];
  for (const n of [127, 128, 129, 500, 1000, 1200]) out.push(Array.from({ length: n }, () => pick(vocab)).join(" "));
  // The cut at 128 lands inside a word split into pieces.
  out.push(`${"word ".repeat(124)}unbelievably remarkable`);
  out.push(`${"x, ".repeat(63)}tail`);
  return out;
}

function randomCodePointStrings(n: number): string[] {
  const planes = [[0x20, 0x7e], [0xa0, 0x2fff], [0x3000, 0xd7ff], [0xe000, 0xffff], [0x10000, 0x2ffff], [0x30000, 0x10ffff]];
  return Array.from({ length: n }, () => {
    const [lo, hi] = pick(planes);
    return Array.from({ length: int(1, 12) }, () => String.fromCodePoint(int(lo, hi))).join(pick(["", " "]));
  });
}

const strings = [
  ...HANDPICKED,
  ...CATEGORIES.flatMap((c) => categoryStrings(c, codePointsOf(c), 12)),
  ...longWords(),
  ...longTexts(),
  ...randomCodePointStrings(60),
];

const file = path.resolve(import.meta.dirname, "..", "lib", "embed", "tokenizer", "torture.json");
writeFileSync(file, JSON.stringify({ unicode: process.versions.unicode, strings }, null, 0) + "\n");
console.log(`${strings.length} strings → ${path.relative(process.cwd(), file)}`);
