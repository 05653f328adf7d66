// `npm start`: migrate the database, seed the demo registry when it is empty, then serve the production build.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseTarget, dataDir } from "../lib/config";
import { migrate } from "../lib/migrate";
import { isHubApiPath, nodeListener } from "../lib/hub-api";
import { hubRoute } from "../lib/hub-api/route";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// The AWS SDK is pinned to a release that supports Node 20; its notice about future releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const target = databaseTarget();
const applied = await migrate(target);
console.log(`esmhub: ${target.kind} database ${applied.length ? `migrated (${applied.join(", ")})` : "up to date"}; data folder ${dataDir()}`);

if (process.env.ESMHUB_SEED !== "0") {
  const seed = spawnSync(bin("tsx"), [path.join(root, "scripts", "seed-demo.ts")], { stdio: "inherit", env: process.env });
  if (seed.status !== 0) {
    console.error("esmhub: seeding the demo registry failed; starting anyway");
  }
}

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("esmhub: no production build found; run `npm run build` first (or `npm run hub`, which does everything)");
  process.exit(1);
}

// One process serves the site and the APIs. Hub API paths go to lib/hub-api directly: Next.js route handlers drop
// Content-Length, which clients of the Hugging Face protocol check against the bytes they receive.
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.ESMHUB_HOST ?? "0.0.0.0";
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, port, hostname: hostname === "0.0.0.0" ? "localhost" : hostname });
await app.prepare();
const handleNext = app.getRequestHandler();
const handleHub = nodeListener(hubRoute);
const server = createServer((req, res) => {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  if (isHubApiPath(pathname)) handleHub(req, res);
  else void handleNext(req, res);
});
server.listen(port, hostname, () => console.log(`esmhub: serving http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));
// Graceful shutdown (`npm start` runs this file in one node process, so signals reach it directly): stop accepting, hand running rankings back to the queue, let requests in flight finish, and
// exit within SHUTDOWN_LIMIT_MS whatever happens (a second signal exits at once).
const SHUTDOWN_LIMIT_MS = 9_000;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) process.exit(1);
  stopping = true;
  const started = Date.now();
  console.log(`esmhub: ${signal}: stopping (at most ${SHUTDOWN_LIMIT_MS / 1000} s)`);
  setTimeout(() => {
    console.error("esmhub: shutdown limit reached; closing remaining connections");
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const { stopJobThread } = await import("../lib/jobs/thread-host");
  await stopJobThread(SHUTDOWN_LIMIT_MS - 2_000);
  // Requests still running get until shortly before the limit; keep-alive connections close as they go idle.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_LIMIT_MS - 1_000 - (Date.now() - started)))]);
  clearInterval(idle);
  server.closeAllConnections();
  await app.close().catch(() => undefined);
  console.log(`esmhub: stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
