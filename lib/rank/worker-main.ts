import { readFile } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { createEigenSolver, type EigenBackend, type EigenChoice } from "../linalg/wasm";
import type { EvidenceVariant } from "../logme";
import type { TargetPlan } from "./plan";
import { runJob } from "./job";
import { EsmScorer } from "./scorer";

/** Messages from the pool to a worker. */
export type ToWorker =
  | { type: "plan"; planId: number; plan: TargetPlan }
  | { type: "score"; job: number; planId: number; esm: { file: string } | { weight: Float32Array; bias: Float32Array; dim: number }; evidence: EvidenceVariant }
  /** Finish the queued ESMs, release the sessions, and let the thread end by itself. */
  | { type: "close" };

/** Messages from a worker to the pool. */
export type FromWorker =
  | { type: "ready"; solver: EigenBackend }
  | { type: "done"; job: number; score: number }
  /** message: the skip reason. */
  | { type: "failed"; job: number; message: string };

const port = parentPort!;
// `auto` probes the native backend once here, per worker (koffi's handles belong to this thread).
const solver = createEigenSolver((workerData as { solver: EigenChoice }).solver);
const scorer = new EsmScorer(solver);
const plans = new Map<number, TargetPlan>();
const post = (m: FromWorker) => port.postMessage(m);

// Messages are handled one at a time, in order: each worker runs one ESM at a time on its own thread.
let queue = Promise.resolve();
port.on("message", (m: ToWorker) => {
  // Read the next file while the current ESM is scored: the pool keeps two jobs queued per worker.
  const esm = m.type === "score" && "file" in m.esm ? { file: m.esm.file, bytes: readFile(m.esm.file) } : null;
  esm?.bytes.catch(() => {}); // a failed read is reported when the job runs
  queue = queue.then(async () => {
    if (m.type === "plan") {
      plans.clear();
      plans.set(m.planId, m.plan);
      return;
    }
    if (m.type === "close") {
      await scorer.close();
      port.close();
      return;
    }
    try {
      const plan = plans.get(m.planId);
      if (!plan) throw new Error("worker has no plan for this ranking");
      post({ type: "done", job: m.job, score: await runJob(scorer, plan, esm ?? m.esm, m.evidence) });
    } catch (err) {
      post({ type: "failed", job: m.job, message: (err as Error).message });
    }
  });
});
post({ type: "ready", solver: solver.kind });
