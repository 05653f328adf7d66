/**
 * Ranking-quality metrics used by Schulte et al. to evaluate intermediate-task selection: NDCG and regret@k of a
 * predicted ranking against measured transfer results ("gains", higher is better).
 *
 * Only sources that appear both in the ranking and in the gain table are evaluated; the ranking's order among them
 * is kept.
 *
 * NDCG (full list unless k is given):
 *   relᵢ = gainᵢ − min(0, min_j gain_j)      (gains are shifted up only if some are negative, so relᵢ ≥ 0)
 *   DCG@k = Σ_{i=1..k} relᵢ / log₂(i + 1)     (linear gain, position i is 1-based)
 *   NDCG@k = DCG@k of the predicted order / DCG@k of the order by decreasing gain; 1 when that ideal DCG is 0.
 *
 * Regret@k, in percent:
 *   regret@k = (best − best within the top k) / |best| · 100,  best = max gain over the evaluated sources.
 */

export type GainTable = ReadonlyMap<string, number>;

/** Gains of the ranked ids that are in the table, in ranking order. */
function rankedGains(rankedIds: readonly string[], gains: GainTable): number[] {
  const out: number[] = [];
  for (const id of rankedIds) {
    const g = gains.get(id);
    if (g !== undefined) out.push(g);
  }
  if (out.length === 0) throw new Error("no ranked source has a measured gain");
  return out;
}

export function ndcg(rankedIds: readonly string[], gains: GainTable, k?: number): number {
  const g = rankedGains(rankedIds, gains);
  const shift = Math.min(0, ...g);
  const rel = g.map((x) => x - shift);
  const cut = Math.min(k ?? rel.length, rel.length);
  const dcg = (xs: number[]) => xs.slice(0, cut).reduce((s, x, i) => s + x / Math.log2(i + 2), 0);
  const ideal = dcg([...rel].sort((a, b) => b - a));
  return ideal === 0 ? 1 : dcg(rel) / ideal;
}

export function regretAtK(rankedIds: readonly string[], gains: GainTable, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  const g = rankedGains(rankedIds, gains);
  const best = Math.max(...g);
  if (best === 0) throw new Error("regret is undefined when the best gain is 0");
  return ((best - Math.max(...g.slice(0, k))) / Math.abs(best)) * 100;
}

export interface RankingEvaluation {
  ndcg: number;
  /** regret@k in percent, for each requested k. */
  regret: Record<number, number>;
  /** Ranked sources that have a gain. */
  evaluated: number;
  /** Ranked ids without a gain in the table. */
  missing: string[];
}

export function evaluateRanking(rankedIds: readonly string[], gains: GainTable, ks: readonly number[] = [1, 3, 5]): RankingEvaluation {
  const regret: Record<number, number> = {};
  for (const k of ks) regret[k] = regretAtK(rankedIds, gains, k);
  const missing = rankedIds.filter((id) => !gains.has(id));
  return { ndcg: ndcg(rankedIds, gains), regret, evaluated: rankedIds.length - missing.length, missing };
}
