import { parentPort } from "node:worker_threads";
import { registry } from "../registry";
import { JobWorker } from "./worker";

/** Messages from the server to its job thread, and its answer once stopped. */
export type ToJobThread = { type: "wake" } | { type: "stop" };
export type FromJobThread = { type: "stopped" };

const worker = new JobWorker(registry()).start();
parentPort?.on("message", (m: ToJobThread) => {
  if (m.type === "wake") worker.wake();
  // The thread is not ended from inside: tearing down a thread that has loaded native addons (onnxruntime) can
  // abort the whole process; the server exits once it has heard back.
  else if (m.type === "stop") void worker.stop().finally(() => parentPort?.postMessage({ type: "stopped" } satisfies FromJobThread));
});
