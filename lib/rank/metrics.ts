/**
 * Ranking-quality metrics as Schulte et al. evaluate intermediate-task selection (the paper's evaluation code,
 * `utils/eval_utils.py`, on the emnlp-submission branch): NDCG and regret@k of a predicted ranking against measured
 * transfer results. A "performance" perfₛ is the target's score (accuracy, a fraction in [0, 1]) after
 * intermediate training on source s; higher is better.
 *
 * Only sources that appear both in the ranking and in the performance table are evaluated; the ranking's order
 * among them is kept.
 *
 * NDCG, in percent (the paper's exponential gain):
 *   DCG(order) = Σ_{i=1..k} (2^(100·perfᵢ) − 1) / log₂(i + 1)     (position i is 1-based)
 *   NDCG = DCG(predicted order) / DCG(order by decreasing performance) · 100; 100 when the ideal DCG is 0.
 *
 * Regret@k, in percent:
 *   regret@k = (best − max perf within the top k) / best · 100, where best is the best performance in the table
 *   *including the target's own row*: `baseline`, the target fine-tuned without an intermediate task, when known.
 */

export type GainTable = ReadonlyMap<string, number>;

/** Performances of the ranked ids that are in the table, in ranking order. */
function rankedGains(rankedIds: readonly string[], gains: GainTable): number[] {
  const out: number[] = [];
  for (const id of rankedIds) {
    const g = gains.get(id);
    if (g !== undefined) out.push(g);
  }
  if (out.length === 0) throw new Error("no ranked source has a measured performance");
  return out;
}

export function ndcg(rankedIds: readonly string[], gains: GainTable, k?: number): number {
  const g = rankedGains(rankedIds, gains);
  const cut = Math.min(k ?? g.length, g.length);
  const dcg = (xs: number[]) => xs.slice(0, cut).reduce((s, x, i) => s + (2 ** (100 * x) - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...g].sort((a, b) => b - a));
  if (!Number.isFinite(ideal)) throw new Error("performances must be fractions (e.g. accuracy 0.91): 2^(100·perf) overflows");
  return ideal === 0 ? 100 : (dcg(g) / ideal) * 100;
}

export function regretAtK(rankedIds: readonly string[], gains: GainTable, k: number, baseline?: number): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  const g = rankedGains(rankedIds, gains);
  const best = Math.max(...gains.values(), ...(baseline === undefined ? [] : [baseline]));
  if (best === 0) throw new Error("regret is undefined when the best performance is 0");
  return ((best - Math.max(...g.slice(0, k))) / best) * 100;
}

export interface RankingEvaluation {
  /** NDCG in percent. */
  ndcg: number;
  /** regret@k in percent, for each requested k. */
  regret: Record<number, number>;
  /** Ranked sources that have a performance. */
  evaluated: number;
  /** Ranked ids without a performance in the table. */
  missing: string[];
}

export function evaluateRanking(rankedIds: readonly string[], gains: GainTable, options: { ks?: readonly number[]; baseline?: number } = {}): RankingEvaluation {
  const { ks = [1, 3, 5], baseline } = options;
  const regret: Record<number, number> = {};
  for (const k of ks) regret[k] = regretAtK(rankedIds, gains, k, baseline);
  const missing = rankedIds.filter((id) => !gains.has(id));
  return { ndcg: ndcg(rankedIds, gains), regret, evaluated: rankedIds.length - missing.length, missing };
}
