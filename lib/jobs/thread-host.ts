import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { FromJobThread, ToJobThread } from "./thread-main";

const holder = globalThis as unknown as { esmhubJobThread?: Worker | null };

/**
 * Starts the ranking worker of this server in a worker thread (once per process): jobs run outside the request
 * handlers, and its own ranking threads leave the server's event loop free. ESMHUB_WORKER=0 disables it (run
 * `esmhub worker` processes instead).
 */
export function startJobThread(root = process.cwd()): Worker | null {
  if (holder.esmhubJobThread !== undefined) return holder.esmhubJobThread;
  if (process.env.ESMHUB_WORKER === "0") return (holder.esmhubJobThread = null);
  // Looked up at run time (not a literal path), so the bundler leaves the thread's TypeScript to tsx.
  const candidates = [process.env.ESMHUB_JOB_THREAD_ENTRY, path.join(root, "lib", "jobs", "thread.mjs")].filter((c): c is string => Boolean(c));
  const entry = candidates.find((c) => existsSync(c));
  if (!entry) {
    console.error(`esmhub: job worker not started: ${candidates.join(", ")} not found`);
    return (holder.esmhubJobThread = null);
  }
  const worker = new Worker(entry);
  worker.on("error", (err) => console.error(`esmhub: job worker failed: ${err.message}`));
  worker.on("exit", (code) => {
    if (holder.esmhubJobThread === worker) holder.esmhubJobThread = undefined;
    if (code !== 0) console.error(`esmhub: job worker exited with code ${code}`);
  });
  worker.unref();
  holder.esmhubJobThread = worker;
  return worker;
}

/** Tells the job thread that a job was queued (it also polls, so this only saves a second). */
export function wakeJobThread(): void {
  holder.esmhubJobThread?.postMessage({ type: "wake" } satisfies ToJobThread);
}

/**
 * Stops the job thread for a shutdown: it stops claiming and hands its running jobs back to the queue (the next
 * start resumes them). Resolves when it says so, or after `timeoutMs` at the latest; the process then exits.
 */
export function stopJobThread(timeoutMs: number): Promise<void> {
  const worker = holder.esmhubJobThread;
  if (!worker) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    worker.on("message", (m: FromJobThread) => m.type === "stopped" && done());
    worker.once("exit", done);
    worker.postMessage({ type: "stop" } satisfies ToJobThread);
  });
}

