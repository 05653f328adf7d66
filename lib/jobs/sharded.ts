import type { EsmSource, RankedEsm, RankingResult, RankingTarget, SkippedEsm } from "../rank";
import type { RankingPool } from "../rank";
import type { EvidenceVariant } from "../logme";
import { MAX_SHARD_ATTEMPTS, shardGroups, type ClaimedShard, type ShardResult, type ShardStore } from "./shards";

/** How this worker takes part in sharded rankings. */
export interface ShardSettings {
  store: ShardStore;
  workerId: string;
  /** ESMs per shard; 0 turns sharding off (ESMHUB_SHARD_SIZE). */
  size: number;
  heartbeatMs: number;
  /** A running shard without a heartbeat for this long is given to another worker. */
  staleAfterMs: number;
  pollMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scores one claimed shard's ESMs with this worker's pool, heart-beating the claim; stops when the job is
 * cancelled or the shard is taken over. Returns the results in the shard's order, or null when it stopped.
 */
export async function scoreShard<M>(
  settings: ShardSettings, pool: RankingPool, shard: ClaimedShard, target: RankingTarget, sources: Map<string, EsmSource<M>>,
  options: { evidence: EvidenceVariant; signal?: AbortSignal },
): Promise<ShardResult[] | null> {
  const names = JSON.parse(shard.esms) as string[];
  const controller = new AbortController();
  const stopOn = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", stopOn, { once: true });
  let done = 0;
  const beat = setInterval(() => {
    settings.store.heartbeat(shard.id, settings.workerId, done).then((h) => h.stop && controller.abort(new Error("shard stopped")), () => {});
  }, settings.heartbeatMs);
  beat.unref?.();
  try {
    const present = names.flatMap((n) => (sources.has(n) ? [sources.get(n)!] : []));
    let result: RankingResult<M>;
    try {
      result = await pool.rank(target, present, { signal: controller.signal, evidence: options.evidence, onProgress: (p) => (done = p.done) });
    } catch (err) {
      if (controller.signal.aborted) return null;
      // A shard that keeps failing is reported as skipped ESMs rather than blocking the ranking forever.
      if (shard.attempts < MAX_SHARD_ATTEMPTS) {
        await settings.store.release(shard.id, settings.workerId);
        return null;
      }
      const reason = `could not score: ${(err as Error).message}`;
      const results = names.map((esm) => ({ esm, score: null, reason }));
      await settings.store.complete(shard.id, settings.workerId, results);
      return results;
    }
    const byId = new Map<string, ShardResult>();
    for (const r of result.ranked) byId.set(r.id, { esm: r.id, score: r.score, reason: null });
    for (const s of result.skipped) byId.set(s.id, { esm: s.id, score: null, reason: s.reason });
    const results = names.map((esm) => byId.get(esm) ?? { esm, score: null, reason: "no longer published for this base model" });
    return (await settings.store.complete(shard.id, settings.workerId, results)) ? results : null;
  } finally {
    clearInterval(beat);
    options.signal?.removeEventListener("abort", stopOn);
  }
}

/**
 * The claiming worker's side of a sharded ranking: creates the job's shards, scores shards of it until none is
 * left to claim, waits for the other workers' shards (handing stale ones back to the queue), and merges them into
 * one ranking: the same order and scores as a single-process ranking of the same sources. A cancelled or failed
 * ranking stops every unfinished shard.
 */
export async function rankInShards<M>(
  settings: ShardSettings, pool: RankingPool, jobId: string, target: RankingTarget, sources: EsmSource<M>[],
  options: { evidence: EvidenceVariant; signal?: AbortSignal; onProgress?: (done: number) => void },
): Promise<RankingResult<M>> {
  const started = performance.now();
  await settings.store.ensure(jobId, shardGroups(sources.map((s) => s.id), settings.size));
  const byId = new Map(sources.map((s) => [s.id, s]));
  try {
    await scoreUntilFinished(settings, pool, jobId, target, byId, options);
  } catch (err) {
    await settings.store.stop(jobId);
    throw err;
  }
  const order = new Map(sources.map((s, i) => [s.id, i]));
  const scored: { source: EsmSource<M>; score: number }[] = [];
  const skipped: SkippedEsm<M>[] = [];
  for (const r of await settings.store.results(jobId)) {
    const source = byId.get(r.esm);
    if (!source) continue;
    if (r.score === null) skipped.push({ id: source.id, meta: source.meta, reason: r.reason ?? "not scored" });
    else scored.push({ source, score: r.score });
  }
  // The pool's own tie-break: equal scores keep the sources' order.
  scored.sort((a, b) => b.score - a.score || order.get(a.source.id)! - order.get(b.source.id)!);
  const ranked: RankedEsm<M>[] = scored.map((s, i) => ({ rank: i + 1, id: s.source.id, meta: s.source.meta, score: s.score }));
  return { ranked, skipped, path: target.n > target.d ? "gram" : "kernel", elapsedMs: performance.now() - started };
}

async function scoreUntilFinished<M>(
  settings: ShardSettings, pool: RankingPool, jobId: string, target: RankingTarget, byId: Map<string, EsmSource<M>>,
  options: { evidence: EvidenceVariant; signal?: AbortSignal; onProgress?: (done: number) => void },
): Promise<void> {
  for (;;) {
    options.signal?.throwIfAborted();
    const shard = await settings.store.claim(settings.workerId, jobId);
    if (shard) {
      await scoreShard(settings, pool, shard, target, byId, options);
    } else {
      const { done, finished } = await settings.store.progress(jobId);
      options.onProgress?.(done);
      if (finished) return;
      await settings.store.recoverStale(settings.staleAfterMs);
      await sleep(settings.pollMs);
    }
    options.onProgress?.((await settings.store.progress(jobId)).done);
  }
}
