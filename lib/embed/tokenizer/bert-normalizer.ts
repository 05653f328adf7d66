import { isNonspacingMark, isOther, isWhitespace, nfd9 } from "./unicode-tables";

/** The fields of tokenizer.json's `"normalizer": {"type": "BertNormalizer", …}`. */
export interface BertNormalizerOptions {
  cleanText: boolean;
  handleChineseChars: boolean;
  /** null: follow `lowercase`, as the Rust normalizer does. */
  stripAccents: boolean | null;
  lowercase: boolean;
}

/** The fixed CJK blocks of the original BERT code, kept verbatim by `tokenizers` (normalizers/bert.rs). */
function isChineseChar(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

const isTabOrNewline = (cp: number) => cp === 0x09 || cp === 0x0a || cp === 0x0d;

function cleanText(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0 || cp === 0xfffd || (!isTabOrNewline(cp) && isOther(cp))) continue;
    out += isTabOrNewline(cp) || isWhitespace(cp) ? " " : ch;
  }
  return out;
}

function spaceChineseChars(text: string): string {
  let out = "";
  for (const ch of text) out += isChineseChar(ch.codePointAt(0)!) ? ` ${ch} ` : ch;
  return out;
}

function stripAccents(text: string): string {
  let out = "";
  for (const ch of nfd9(text)) if (!isNonspacingMark(ch.codePointAt(0)!)) out += ch;
  return out;
}

/** Rust lower-cases char by char (so a final Σ becomes σ, not the context-sensitive ς of String#toLowerCase). */
function lowercase(text: string): string {
  let out = "";
  for (const ch of text) out += ch.toLowerCase();
  return out;
}

/** BertNormalizer in the order of `tokenizers`: clean, space CJK, strip accents, lower-case. */
export function bertNormalize(text: string, o: BertNormalizerOptions): string {
  let s = o.cleanText ? cleanText(text) : text;
  if (o.handleChineseChars) s = spaceChineseChars(s);
  if (o.stripAccents ?? o.lowercase) s = stripAccents(s);
  if (o.lowercase) s = lowercase(s);
  return s;
}
