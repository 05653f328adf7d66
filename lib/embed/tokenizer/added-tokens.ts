import { isWhitespace } from "./unicode-tables";

/** An entry of tokenizer.json's `added_tokens`. */
export interface AddedToken {
  id: number;
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
}

/** A piece of the input: either an added token already resolved to its id, or text left for the model. */
export type Piece = { id: number } | { text: string };

const isWordChar = (ch: string | undefined) => ch !== undefined && /^[\p{Alphabetic}\p{N}_]$/u.test(ch);

/**
 * Finds added tokens leftmost-longest, as the aho-corasick matcher of `tokenizers` (added_vocabulary.rs) does:
 * a single_word token only counts between non-word characters, lstrip/rstrip take the whitespace beside it.
 */
export class AddedTokenMatcher {
  private readonly byFirst = new Map<string, { pattern: string[]; token: AddedToken }[]>();

  constructor(entries: { pattern: string; token: AddedToken }[]) {
    for (const { pattern, token } of entries) {
      const chars = Array.from(pattern);
      if (chars.length === 0) continue;
      const list = this.byFirst.get(chars[0]) ?? [];
      list.push({ pattern: chars, token });
      this.byFirst.set(chars[0], list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.pattern.length - a.pattern.length);
  }

  get empty(): boolean {
    return this.byFirst.size === 0;
  }

  split(text: string): Piece[] {
    if (this.empty) return [{ text }];
    const chars = Array.from(text);
    const pieces: Piece[] = [];
    let from = 0;
    let i = 0;
    while (i < chars.length) {
      const hit = this.longestAt(chars, i);
      if (!hit) {
        i++;
        continue;
      }
      let start = i;
      let stop = i + hit.pattern.length;
      i = stop;
      const t = hit.token;
      if (t.singleWord && (isWordChar(chars[start - 1]) || isWordChar(chars[stop]))) continue;
      if (t.lstrip) {
        while (start > from && isWhitespace(chars[start - 1].codePointAt(0)!)) start--;
      }
      if (t.rstrip) {
        while (stop < chars.length && isWhitespace(chars[stop].codePointAt(0)!)) stop++;
      }
      if (from < start) pieces.push({ text: chars.slice(from, start).join("") });
      pieces.push({ id: t.id });
      from = stop;
      i = stop;
    }
    if (from < chars.length) pieces.push({ text: chars.slice(from).join("") });
    return pieces;
  }

  private longestAt(chars: string[], at: number) {
    for (const c of this.byFirst.get(chars[at]) ?? []) {
      let k = 1;
      while (k < c.pattern.length && chars[at + k] === c.pattern[k]) k++;
      if (k === c.pattern.length) return c;
    }
    return undefined;
  }
}
