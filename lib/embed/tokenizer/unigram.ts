/** A Unigram (SentencePiece) vocabulary: pieces with their log probabilities, in id order. */
export interface UnigramVocab {
  pieces: Map<string, number>;
  unkScore: number;
  maxPieceChars: number;
}

/** tokenizer.json's `"model": {"type": "Unigram", "vocab": [[piece, score], …]}`; unknown pieces cost min − 10. */
export function unigramVocab(vocab: readonly (readonly [string, number])[]): UnigramVocab {
  const pieces = new Map<string, number>();
  let min = Infinity;
  let maxPieceChars = 0;
  for (const [piece, score] of vocab) {
    pieces.set(piece, score);
    min = Math.min(min, score);
    maxPieceChars = Math.max(maxPieceChars, Array.from(piece).length);
  }
  return { pieces, unkScore: min - 10, maxPieceChars };
}

/**
 * The best segmentation as Rust's `encode_optimized` finds it: one best path per end position, kept unless a
 * later start is strictly better. The library's lattice compares after adding the next piece's score, where
 * rounding can turn a strict order into a tie, so it splits runs such as "xxxx…" differently.
 * Adjacent unknown characters come back fused into one piece, as with `fuse_unk`.
 */
export function unigramSegment(text: string, v: UnigramVocab): string[] {
  const chars = Array.from(text);
  const n = chars.length;
  const score = new Float64Array(n + 1);
  const from = new Int32Array(n + 1).fill(-1);
  const unknown = new Uint8Array(n + 1);
  const offer = (start: number, end: number, s: number, unk: boolean) => {
    if (from[end] === -1 || s > score[end]) {
      score[end] = s;
      from[end] = start;
      unknown[end] = unk ? 1 : 0;
    }
  };
  for (let start = 0; start < n; start++) {
    const here = score[start];
    let piece = "";
    let single = false;
    for (let len = 1; len <= v.maxPieceChars && start + len <= n; len++) {
      piece += chars[start + len - 1];
      const s = v.pieces.get(piece);
      if (s === undefined) continue;
      offer(start, start + len, s + here, false);
      if (len === 1) single = true;
    }
    if (!single) offer(start, start + 1, v.unkScore + here, true);
  }
  const out: string[] = [];
  let unkRun = "";
  for (let end = n; end > 0; end = from[end]) {
    const piece = chars.slice(from[end], end).join("");
    if (unknown[end]) {
      unkRun = piece + unkRun;
      continue;
    }
    if (unkRun) out.push(unkRun);
    unkRun = "";
    out.push(piece);
  }
  if (unkRun) out.push(unkRun);
  return out.reverse();
}
