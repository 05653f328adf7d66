import { canonicalBaseModel } from "../esm";
import { embedWithCache, loadBaseModel, type BaseModel } from "../embed";
import type { RankingPool } from "../rank";
import type { RegistryContext } from "../registry";
import { loadRankingSample } from "../targets";
import { locateBaseModel, materializeBaseModel } from "./base-models";
import type { BlobFileCache } from "./esm-cache";
import { parseJobOptions, type JobBaselines, type JobOptions, type JobPhase, type JobTimings } from "./options";
import { readMeanEmbedding, registryEsmSources, type RegistryEsmMeta } from "./sources";
import { rankInShards, scoreShard, type ShardSettings } from "./sharded";
import type { ClaimedShard } from "./shards";
import type { ResultRow } from "./store";

/**
 * Loaded base models, one per id, kept for the life of a worker; a base model repo on this hub that moved to a new
 * commit is loaded again.
 */
export class BaseModels {
  private readonly loaded = new Map<string, { key: string; model: Promise<BaseModel> }>();

  constructor(private readonly ctx: RegistryContext) {}

  async get(id: string): Promise<BaseModel> {
    const canonical = canonicalBaseModel(id);
    const where = await locateBaseModel(this.ctx, canonical);
    if (!where.ok) throw new Error(where.reason);
    const key = where.source.kind === "registry" ? `${where.source.repo}@${where.source.commitId}` : where.source.kind;
    const held = this.loaded.get(canonical);
    if (held?.key === key) return held.model;
    if (held) void held.model.then((m) => m.close(), () => undefined);
    const model = materializeBaseModel(this.ctx, where.source).then((dir) => loadBaseModel(dir, { id: canonical }));
    model.catch(() => {
      if (this.loaded.get(canonical)?.model === model) this.loaded.delete(canonical);
    });
    this.loaded.set(canonical, { key, model });
    return model;
  }

  async close(): Promise<void> {
    const models = await Promise.allSettled([...this.loaded.values()].map((h) => h.model));
    this.loaded.clear();
    await Promise.all(models.map((m) => (m.status === "fulfilled" ? m.value.close() : undefined)));
  }
}

export interface RankingDeps {
  ctx: RegistryContext;
  pool: RankingPool;
  cache: BlobFileCache;
  models: BaseModels;
}

export interface RankingRequest {
  /** The job being run: needed to split it into shards that other workers score. */
  jobId?: string;
  dataset: string;
  commitId: string;
  baseModel: string;
  options: JobOptions;
}

export interface RankingHooks {
  signal?: AbortSignal;
  /** Split the ranking across every worker sharing the queue (more ESMs than one shard). */
  shards?: ShardSettings;
  onProgress?: (p: { phase: JobPhase; done: number; total: number; rate: number | null }) => void;
}

export interface RankingOutcome {
  rows: ResultRow[];
  baselines: JobBaselines;
  timings: JobTimings;
  total: number;
  synthetic: boolean;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * One ranking, phase by phase: the target sample of the dataset commit → base embeddings (cached per commit,
 * model file and recipe) → ESM-LogME over every ESM of the base model → optional baselines.
 */
export async function runRanking(deps: RankingDeps, req: RankingRequest, hooks: RankingHooks = {}): Promise<RankingOutcome> {
  const { signal } = hooks;
  const report = hooks.onProgress ?? (() => {});
  const timings: JobTimings = {};
  const t0 = performance.now();
  let t = t0;
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return seconds(ms);
  };

  report({ phase: "loading target", done: 0, total: 0, rate: null });
  const { prepared } = await loadRankingSample(deps.ctx, req.dataset, req.commitId, { numExamples: req.options.numExamples, seed: req.options.seed });
  const model = await deps.models.get(req.baseModel);
  timings.loadTarget = lap();
  signal?.throwIfAborted();

  report({ phase: "embedding", done: 0, total: prepared.texts.length, rate: null });
  const embedded = await embedWithCache(model, prepared.texts, {
    datasetKey: `${req.dataset}@${req.commitId}`,
    signal,
    onProgress: (p) => report({ phase: "embedding", done: p.done, total: p.total, rate: null }),
  });
  timings.embed = lap();
  timings.embedCached = embedded.cached;
  signal?.throwIfAborted();

  const { sources, loadMs } = await registryEsmSources(deps.ctx.db, deps.cache, req.baseModel);
  const target = { embeddings: embedded.data, n: embedded.n, d: embedded.d, labels: prepared.labels, task: prepared.taskType };
  report({ phase: "ranking", done: 0, total: sources.length, rate: null });
  const shards = hooks.shards;
  const rankStarted = performance.now();
  const result = shards && req.jobId && shards.size > 0 && sources.length > shards.size
    ? await rankInShards(shards, deps.pool, req.jobId, target, sources, {
      signal,
      evidence: req.options.evidence,
      onProgress: (done) => report({ phase: "ranking", done, total: sources.length, rate: done / ((performance.now() - rankStarted) / 1000) }),
    })
    : await deps.pool.rank(target, sources, {
      signal,
      evidence: req.options.evidence,
      onProgress: (p) => report({ phase: "ranking", done: p.done, total: sources.length, rate: p.esmsPerSecond }),
    });
  timings.rank = lap();
  timings.loadWeights = seconds(loadMs());
  timings.esmLogme = seconds(Math.max(0, timings.rank * 1000 - loadMs()));
  timings.esms = sources.length;

  report({ phase: "baselines", done: sources.length, total: sources.length, rate: null });
  const baselines: JobBaselines = {};
  if (req.options.logmeBaseline) {
    // LogME on the raw embeddings = ESM-LogME with the identity map.
    const d = embedded.d;
    const identity = { id: "identity", meta: null, load: async () => {
      const weight = new Float32Array(d * d);
      for (let i = 0; i < d; i++) weight[i * d + i] = 1;
      return { weight, bias: new Float32Array(d), dim: d };
    } };
    const base = await deps.pool.rank(target, [identity], { signal, evidence: req.options.evidence });
    baselines.logme = base.ranked[0] ? { score: base.ranked[0].score } : { unavailable: base.skipped[0]?.reason ?? "could not be computed" };
  }
  if (req.options.textEmb) baselines.textEmb = await textEmbRanking(deps, sources.map((s) => s.meta), embedded.data, embedded.n, embedded.d);
  timings.baselines = lap();
  timings.total = seconds(performance.now() - t0);

  const row = (m: RegistryEsmMeta) => ({ esmRepo: m.esmRepo, taskId: m.taskId, subset: m.subset, language: m.language, taskType: m.taskType });
  const rows: ResultRow[] = [
    ...result.ranked.map((r) => ({ position: r.rank, ...row(r.meta), score: r.score, skipReason: null })),
    ...result.skipped.map((s) => ({ position: 0, ...row(s.meta), score: null, skipReason: s.reason })),
  ];
  return { rows, baselines, timings, total: sources.length, synthetic: sources.some((s) => s.meta.synthetic) };
}

/** The target sample and its base embeddings for one job, as every worker of a sharded ranking computes them. */
async function shardTarget(deps: RankingDeps, shard: ClaimedShard, signal?: AbortSignal) {
  const options = parseJobOptions(JSON.parse(shard.job.options));
  const dataset = shard.job.datasetRepo.fullName;
  const { prepared } = await loadRankingSample(deps.ctx, dataset, shard.job.datasetCommitId, { numExamples: options.numExamples, seed: options.seed });
  const model = await deps.models.get(shard.job.baseModel);
  const embedded = await embedWithCache(model, prepared.texts, { datasetKey: `${dataset}@${shard.job.datasetCommitId}`, signal });
  const target = { embeddings: embedded.data, n: embedded.n, d: embedded.d, labels: prepared.labels, task: prepared.taskType };
  return { target, options };
}

/**
 * A helper worker's part of a sharded ranking: one claimed shard of another worker's job, scored against the
 * same target (embedded here, or read from this machine's embedding cache) and stored. False when it stopped.
 */
export async function runShard(deps: RankingDeps, settings: ShardSettings, shard: ClaimedShard, signal?: AbortSignal): Promise<boolean> {
  let prepared;
  try {
    prepared = await shardTarget(deps, shard, signal);
  } catch (err) {
    await settings.store.release(shard.id, settings.workerId);
    throw err;
  }
  const { sources } = await registryEsmSources(deps.ctx.db, deps.cache, shard.job.baseModel);
  const results = await scoreShard(settings, deps.pool, shard, prepared.target, new Map(sources.map((s) => [s.id, s])), { evidence: prepared.options.evidence, signal });
  return results !== null;
}

/** TextEmb (Vu et al. 2020): cosine between the target's and each source's mean base embedding. */
async function textEmbRanking(deps: RankingDeps, metas: RegistryEsmMeta[], x: Float32Array, n: number, d: number): Promise<NonNullable<JobBaselines["textEmb"]>> {
  const withMean = metas.filter((m) => m.meanEmbeddingSha);
  if (withMean.length === 0) {
    return { unavailable: `none of the ${metas.length} ESMs stores source_mean_embedding.npy (the mean base embedding of its source sample)` };
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  const ranked: { esmRepo: string; taskId: string; subset: string | null; score: number }[] = [];
  for (const m of withMean) {
    try {
      const source = await readMeanEmbedding(deps.cache, m.meanEmbeddingSha!, d);
      ranked.push({ esmRepo: m.esmRepo, taskId: m.taskId, subset: m.subset, score: cosine(mean, source) });
    } catch {
      // A malformed optional file leaves that ESM out of the baseline only.
    }
  }
  ranked.sort((a, b) => b.score - a.score || a.esmRepo.localeCompare(b.esmRepo));
  return { ranked };
}
