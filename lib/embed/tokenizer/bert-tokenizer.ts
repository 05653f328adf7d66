import { AddedTokenMatcher, type AddedToken, type Piece } from "./added-tokens";
import { bertNormalize, type BertNormalizerOptions } from "./bert-normalizer";
import { bertPreTokenize, wordPiece, type WordPieceModel } from "./wordpiece";

/** The special ids a post-processor puts around one sequence ([CLS] A [SEP] for BERT). */
export interface SingleTemplate {
  prefix: number[];
  suffix: number[];
}

export interface BertTokenizerSpec {
  normalizer: BertNormalizerOptions | null;
  model: WordPieceModel;
  addedTokens: AddedToken[];
  template: SingleTemplate;
}

/**
 * The BERT pipeline of the Rust `tokenizers` (BertNormalizer → BertPreTokenizer → WordPiece → template),
 * written out because the JS port walks UTF-16 units and Node's Unicode tables, which differ from it.
 */
export class BertTokenizer {
  private readonly raw: AddedTokenMatcher;
  private readonly normalizedTokens: AddedTokenMatcher;

  constructor(private readonly spec: BertTokenizerSpec) {
    this.raw = new AddedTokenMatcher(spec.addedTokens.filter((t) => !t.normalized).map((t) => ({ pattern: t.content, token: t })));
    // Normalised added tokens are matched on normalised text, so their own content is normalised first.
    this.normalizedTokens = new AddedTokenMatcher(
      spec.addedTokens.filter((t) => t.normalized).map((t) => ({ pattern: this.normalize(t.content), token: t })),
    );
  }

  private normalize(text: string): string {
    return this.spec.normalizer ? bertNormalize(text, this.spec.normalizer) : text;
  }

  /** Content ids without special tokens. */
  tokenize(text: string): number[] {
    const ids: number[] = [];
    const emit = (p: Piece) => {
      if ("id" in p) ids.push(p.id);
      else for (const word of bertPreTokenize(p.text)) ids.push(...wordPiece(word, this.spec.model));
    };
    for (const piece of this.raw.split(text)) {
      if ("id" in piece) emit(piece);
      else for (const inner of this.normalizedTokens.split(this.normalize(piece.text))) emit(inner);
    }
    return ids;
  }

  /** As AutoTokenizer(text, truncation=True, max_length): the content is cut so the specials still fit. */
  encode(text: string, maxLength: number): number[] {
    const { prefix, suffix } = this.spec.template;
    const room = Math.max(0, maxLength - prefix.length - suffix.length);
    return [...prefix, ...this.tokenize(text).slice(0, room), ...suffix];
  }
}
