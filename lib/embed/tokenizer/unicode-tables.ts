import control from "@unicode/unicode-8.0.0/General_Category/Control/ranges.mjs";
import format from "@unicode/unicode-8.0.0/General_Category/Format/ranges.mjs";
import privateUse from "@unicode/unicode-8.0.0/General_Category/Private_Use/ranges.mjs";
import nonspacingMark from "@unicode/unicode-8.0.0/General_Category/Nonspacing_Mark/ranges.mjs";
import punctuation from "@unicode/unicode-8.0.0/General_Category/Punctuation/ranges.mjs";
import unassigned9 from "@unicode/unicode-9.0.0/General_Category/Unassigned/ranges.mjs";

/*
 * The Unicode versions the Rust `tokenizers` crate answers with, measured code point by code point against
 * tokenizers 0.23: `is_other` / `is_punctuation` / `is_mark_nonspacing` come from the unicode_categories crate
 * (Unicode 8.0.0) and NFD from unicode-normalization-alignments (Unicode 9.0). Node's own tables are newer
 * (Unicode 15), so a category test written with \p{…} would differ on every character assigned since.
 */

const OTHER = 1; // Cc ∪ Cf ∪ Co in 8.0 (Cn is not part of the crate's `is_other`)
const PUNCT = 2; // P* in 8.0
const MN = 4; // Mn in 8.0
const UNASSIGNED_9 = 8; // Cn in 9.0: outside the NFD tables the crate was built from

interface UnicodeRange {
  begin: number;
  end: number; // exclusive
}

let flags: Uint8Array | undefined;

function table(): Uint8Array {
  if (flags) return flags;
  const f = new Uint8Array(0x110000);
  const mark = (ranges: readonly UnicodeRange[], bit: number) => {
    for (const r of ranges) for (let cp = r.begin; cp < r.end; cp++) f[cp] |= bit;
  };
  mark(control, OTHER);
  mark(format, OTHER);
  mark(privateUse, OTHER);
  mark(punctuation, PUNCT);
  mark(nonspacingMark, MN);
  mark(unassigned9, UNASSIGNED_9);
  flags = f;
  return f;
}

/** Rust `char::is_other` of the crate: control, format or private use. */
export const isOther = (cp: number): boolean => (table()[cp] & OTHER) !== 0;
export const isPunctuation = (cp: number): boolean => (table()[cp] & PUNCT) !== 0;
export const isNonspacingMark = (cp: number): boolean => (table()[cp] & MN) !== 0;
export const isUnassignedIn9 = (cp: number): boolean => (table()[cp] & UNASSIGNED_9) !== 0;

/** Rust `char::is_whitespace`: the White_Space property, stable across these versions. */
export function isWhitespace(cp: number): boolean {
  return (cp >= 0x09 && cp <= 0x0d) || cp === 0x20 || cp === 0x85 || cp === 0xa0 || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

export function isAsciiPunctuation(cp: number): boolean {
  return (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || (cp >= 0x7b && cp <= 0x7e);
}

/**
 * NFD as unicode-normalization-alignments computes it: characters unassigned in Unicode 9.0 have no
 * decomposition and combining class 0 there, so they split the text into runs that are decomposed apart.
 * Inside a run every character is assigned in 9.0, and normalization stability makes Node's NFD agree.
 */
export function nfd9(text: string): string {
  let out = "";
  let run = "";
  for (const ch of text) {
    if (isUnassignedIn9(ch.codePointAt(0)!)) {
      out += run.normalize("NFD") + ch;
      run = "";
    } else {
      run += ch;
    }
  }
  return out + run.normalize("NFD");
}
