import { isAsciiPunctuation, isPunctuation, isWhitespace } from "./unicode-tables";

export interface WordPieceModel {
  vocab: Map<string, number>;
  unkToken: string;
  continuingSubwordPrefix: string;
  maxInputCharsPerWord: number;
}

/** BertPreTokenizer: split on whitespace (dropped), then isolate every punctuation character. */
export function bertPreTokenize(text: string): string[] {
  const words: string[] = [];
  let word = "";
  const flush = () => {
    if (word) words.push(word);
    word = "";
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isWhitespace(cp)) {
      flush();
    } else if (isAsciiPunctuation(cp) || isPunctuation(cp)) {
      flush();
      words.push(ch);
    } else {
      word += ch;
    }
  }
  flush();
  return words;
}

/** Greedy longest-match-first, per code point; a word with any unmatched rest is one unknown token. */
export function wordPiece(word: string, m: WordPieceModel): number[] {
  const unk = m.vocab.get(m.unkToken);
  if (unk === undefined) throw new Error(`WordPiece: the unknown token ${m.unkToken} is not in the vocabulary`);
  const chars = Array.from(word);
  if (chars.length > m.maxInputCharsPerWord) return [unk];
  const ids: number[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    let found: number | undefined;
    while (start < end) {
      const piece = (start > 0 ? m.continuingSubwordPrefix : "") + chars.slice(start, end).join("");
      found = m.vocab.get(piece);
      if (found !== undefined) break;
      end--;
    }
    if (found === undefined) return [unk];
    ids.push(found);
    start = end;
  }
  return ids;
}
