import type { EvidenceVariant, LogmeTask } from "../logme";

/** An ESM's affine map f(x) = W x + b with W row-major [out = dim, in = dim]. */
export interface EsmWeightsInput {
  weight: Float32Array;
  bias: Float32Array;
  dim: number;
}

/**
 * One candidate ESM, loaded lazily. `id` and `meta` are passed through to the results untouched.
 * A `load()` that throws (missing or corrupt file) makes the ESM skipped with the error's message as reason.
 * The arrays `load()` returns are handed over: their buffers are transferred to a worker thread (no copy), so
 * return fresh arrays, not ones you keep using.
 */
export interface EsmSource<M = unknown> {
  id: string;
  meta: M;
  load(): Promise<EsmWeightsInput>;
  /**
   * A local model.safetensors holding the same weights. When set, a worker thread reads and parses the file
   * itself and `load()` is not called: the fastest way for ESMs on disk, as parsing then runs in parallel.
   */
  file?: string;
}

/** The target dataset: base-model embeddings X (n×d, row-major float32) and its labels. */
export interface RankingTarget {
  embeddings: Float32Array;
  n: number;
  d: number;
  /** n class ids (classification) or n·T regression targets, row-major n×T. */
  labels: ArrayLike<number | bigint>;
  task: LogmeTask;
}

export interface RankingProgress {
  /** ESMs finished so far, scored or skipped. */
  done: number;
  /** Known when the sources are an array or `total` was passed. */
  total?: number;
  skipped: number;
  elapsedMs: number;
  esmsPerSecond: number;
}

export interface RankingOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RankingProgress) => void;
  /** Total number of sources, for progress when they come as an async iterable. */
  total?: number;
  /** LogME evidence: `reference` (default) reproduces the published scores; `corrected` is the exact evidence. */
  evidence?: EvidenceVariant;
}

export interface RankedEsm<M = unknown> {
  /** 1-based, highest score first. */
  rank: number;
  id: string;
  meta: M;
  score: number;
}

export interface SkippedEsm<M = unknown> {
  id: string;
  meta: M;
  reason: string;
}

export interface RankingResult<M = unknown> {
  ranked: RankedEsm<M>[];
  skipped: SkippedEsm<M>[];
  /** `gram`: n > d, the n-independent S-form; `kernel`: n ≤ d, the n×n kernel. */
  path: "gram" | "kernel";
  elapsedMs: number;
}
