import { parentPort } from "node:worker_threads";
import { registry } from "../registry";
import { JobWorker } from "./worker";

/** Messages from the server to its job thread. */
export type ToJobThread = { type: "wake" } | { type: "stop" };

const worker = new JobWorker(registry()).start();
parentPort?.on("message", (m: ToJobThread) => {
  if (m.type === "wake") worker.wake();
  else if (m.type === "stop") void worker.stop().then(() => process.exit(0));
});
