import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createEigenSolver, type EigenBackend, type EigenChoice } from "../linalg/wasm";
import type { EvidenceVariant } from "../logme";
import { dimensionProblem, runJob } from "./job";
import { prepareTarget, type TargetPlan } from "./plan";
import { EsmScorer } from "./scorer";
import type { EsmSource, EsmWeightsInput, RankedEsm, RankingOptions, RankingResult, RankingTarget, SkippedEsm } from "./types";
import type { FromWorker, ToWorker } from "./worker-main";

export interface RankingPoolOptions {
  /** Worker threads; default: the number of CPUs. 0 scores on the calling thread (no workers). */
  size?: number;
  /** Eigen-solver backend: `auto` (default; ESMHUB_EIGEN when set, see createEigenSolver), or force one. */
  solver?: EigenChoice;
}

/** Jobs queued per worker, so a worker never waits for the next ESM to load. */
const JOBS_PER_WORKER = 2;

function workerEntry(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.mjs"));
  } catch {
    // import.meta.url is not a file: URL inside some bundles.
  }
  candidates.push(path.join(process.cwd(), "lib", "rank", "worker.mjs"));
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`ranking worker not found (looked in ${candidates.join(", ")})`);
  return found;
}

interface Pending {
  resolve: (score: number) => void;
  reject: (err: Error) => void;
}

/** One worker thread with its own onnxruntime session and WebAssembly instance. */
class WorkerSlot {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  dead = false;
  planId = 0;
  /** The eigen backend the worker chose (known once it is ready). */
  solver?: EigenBackend;

  constructor(entry: string, solver: string) {
    this.worker = new Worker(entry, { workerData: { solver } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (m: FromWorker) => {
        if (m.type === "ready") {
          this.solver = m.solver;
          return resolve();
        }
        const p = this.pending.get(m.job);
        if (!p) return;
        this.pending.delete(m.job);
        if (m.type === "done") p.resolve(m.score);
        else p.reject(new Error(m.message));
      });
      const fail = (err: Error) => {
        this.dead = true;
        reject(err);
        for (const p of this.pending.values()) p.reject(new Error(`ranking worker failed: ${err.message}`));
        this.pending.clear();
      };
      this.worker.on("error", fail);
      this.worker.on("exit", (code) => fail(new Error(`exited with code ${code}`)));
    });
    this.ready.catch(() => {});
  }

  post(m: ToWorker, transfer: ArrayBuffer[] = []) {
    this.worker.postMessage(m, transfer);
  }

  close(): Promise<void> {
    if (this.dead) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().finally(resolve), CLOSE_WAIT_MS);
      this.worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.post({ type: "close" });
    });
  }
}

const CLOSE_WAIT_MS = 5_000;

/** What a job scores: a safetensors file read by the worker, or weights already in memory. */
type Job = { file: string } | EsmWeightsInput;

let jobCounter = 0;
let planCounter = 0;

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("ranking aborted", "AbortError");
}

/** A buffer we may hand over to a worker without copying: an ArrayBuffer the array covers exactly. */
function ownBuffer(a: Float32Array): { array: Float32Array; buffer: ArrayBuffer } {
  const exact = a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  const array = exact ? a : a.slice();
  return { array, buffer: array.buffer as ArrayBuffer };
}

/**
 * Ranks ESMs by ESM-LogME on a pool of worker threads. The pool is reusable: keep one per process and call
 * `rank` for each target; calls are served one after the other. ESMs of the wrong dimension, ESMs whose
 * `load()` fails and ESMs whose score cannot be computed are reported in `skipped`, never fail the ranking.
 */
export class RankingPool {
  readonly size: number;
  private readonly solver: EigenChoice;
  private slots: WorkerSlot[] = [];
  private inProcess?: EsmScorer;
  private inProcessSolver?: EigenBackend;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: RankingPoolOptions = {}) {
    this.size = options.size ?? availableParallelism();
    this.solver = options.solver ?? "auto";
  }

  rank<M>(target: RankingTarget, sources: Iterable<EsmSource<M>> | AsyncIterable<EsmSource<M>>, options: RankingOptions = {}): Promise<RankingResult<M>> {
    const run = this.queue.then(() => this.rankNow(target, sources, options));
    this.queue = run.catch(() => {});
    return run;
  }

  /** The eigen backend of each started worker (of the calling thread when size is 0), for logs and benchmarks. */
  eigenBackends(): EigenBackend[] {
    if (this.size === 0) return this.inProcessSolver ? [this.inProcessSolver] : [];
    return this.slots.flatMap((s) => (s.solver && !s.dead ? [s.solver] : []));
  }

  /**
   * Stops the workers; the pool cannot be used afterwards. Each worker finishes the ESMs it holds and ends by
   * itself: terminating a thread in the middle of a native call (OpenBLAS through koffi, onnxruntime) aborts the
   * whole process. A worker that does not end within CLOSE_WAIT_MS is terminated.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await Promise.all(this.slots.map((s) => s.close()));
    this.slots = [];
    await this.inProcess?.close();
  }

  private async startWorkers(): Promise<WorkerSlot[]> {
    this.slots = this.slots.filter((s) => !s.dead);
    if (this.slots.length < this.size) {
      const entry = workerEntry();
      while (this.slots.length < this.size) this.slots.push(new WorkerSlot(entry, this.solver));
    }
    // Referenced while a ranking runs (the caller awaits their messages), unreferenced when idle.
    this.slots.forEach((s) => s.worker.ref());
    await Promise.all(this.slots.map((s) => s.ready));
    return this.slots;
  }

  private scoreOnWorker(slots: WorkerSlot[], plan: TargetPlan, planId: number, esm: Job, evidence: EvidenceVariant): Promise<number> {
    const alive = slots.filter((s) => !s.dead);
    if (alive.length === 0) return Promise.reject(new Error("no ranking worker left"));
    const slot = alive.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (slot.planId !== planId) {
      slot.post({ type: "plan", planId, plan });
      slot.planId = planId;
    }
    const job = ++jobCounter;
    return new Promise<number>((resolve, reject) => {
      slot.pending.set(job, { resolve, reject });
      if ("file" in esm) {
        slot.post({ type: "score", job, planId, esm, evidence });
        return;
      }
      const w = ownBuffer(esm.weight);
      const b = ownBuffer(esm.bias);
      slot.post({ type: "score", job, planId, esm: { dim: esm.dim, weight: w.array, bias: b.array }, evidence }, w.buffer === b.buffer ? [w.buffer] : [w.buffer, b.buffer]);
    });
  }

  private async rankNow<M>(target: RankingTarget, sources: Iterable<EsmSource<M>> | AsyncIterable<EsmSource<M>>, options: RankingOptions): Promise<RankingResult<M>> {
    if (this.closed) throw new Error("ranking pool is closed");
    const { signal, onProgress, evidence = "reference" } = options;
    signal?.throwIfAborted();
    const started = performance.now();
    const plan = await prepareTarget(target);
    const planId = ++planCounter;
    const total = options.total ?? (Array.isArray(sources) ? sources.length : undefined);

    let slots: WorkerSlot[] = [];
    let score: (esm: Job) => Promise<number>;
    if (this.size === 0) {
      if (!this.inProcess) {
        const solver = createEigenSolver(this.solver);
        this.inProcessSolver = solver.kind;
        this.inProcess = new EsmScorer(solver);
      }
      const scorer = this.inProcess;
      score = (esm) => runJob(scorer, plan, esm, evidence);
    } else {
      try {
        slots = await this.startWorkers();
      } catch (err) {
        this.slots.forEach((s) => s.worker.unref());
        throw new Error(`could not start ranking workers: ${(err as Error).message}`);
      }
      score = (esm) => this.scoreOnWorker(slots, plan, planId, esm, evidence);
    }
    const maxInFlight = Math.max(1, this.size) * JOBS_PER_WORKER;

    const scored: { id: string; meta: M; score: number; order: number }[] = [];
    const skipped: SkippedEsm<M>[] = [];
    let open = true; // jobs of an aborted ranking may still finish; they must not report progress
    const finish = () => {
      if (!open) return;
      const elapsedMs = performance.now() - started;
      const done = scored.length + skipped.length;
      onProgress?.({ done, total, skipped: skipped.length, elapsedMs, esmsPerSecond: done / (elapsedMs / 1000) });
    };
    const skip = (source: EsmSource<M>, reason: string) => {
      skipped.push({ id: source.id, meta: source.meta, reason });
      finish();
    };

    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortError(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    aborted.catch(() => {});
    const pending = new Set<Promise<void>>();
    try {
      let order = 0;
      for await (const source of sources) {
        signal?.throwIfAborted();
        while (pending.size >= maxInFlight) await Promise.race([...pending, aborted]);
        const index = order++;
        let esm: Job;
        if (source.file) {
          esm = { file: source.file };
        } else {
          try {
            esm = await source.load();
          } catch (err) {
            skip(source, `could not load: ${(err as Error).message}`);
            continue;
          }
          signal?.throwIfAborted();
          const problem = dimensionProblem(plan, esm.dim, esm.weight, esm.bias);
          if (problem) {
            skip(source, problem);
            continue;
          }
        }
        const job: Promise<void> = score(esm).then(
          (s) => {
            scored.push({ id: source.id, meta: source.meta, score: s, order: index });
            finish();
          },
          (err: Error) => skip(source, err.message),
        ).finally(() => pending.delete(job));
        pending.add(job);
      }
      await Promise.race([Promise.all(pending), aborted]);
    } finally {
      open = false;
      signal?.removeEventListener("abort", onAbort!);
      slots.forEach((s) => s.worker.unref());
    }
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
    const ranked: RankedEsm<M>[] = scored.map((s, i) => ({ rank: i + 1, id: s.id, meta: s.meta, score: s.score }));
    return { ranked, skipped, path: plan.kind, elapsedMs: performance.now() - started };
  }
}

/** One-off ranking on a temporary pool (a server should keep one RankingPool instead). */
export async function rankEsms<M>(target: RankingTarget, sources: Iterable<EsmSource<M>> | AsyncIterable<EsmSource<M>>, options: RankingOptions & RankingPoolOptions = {}): Promise<RankingResult<M>> {
  const pool = new RankingPool(options);
  try {
    return await pool.rank(target, sources, options);
  } finally {
    await pool.close();
  }
}
