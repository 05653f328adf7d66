import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { writeTinyBert } from "../scripts/tiny-bert/write";

// Graceful shutdown of `npm start` (scripts/start.ts) on its own data folder and port: SIGTERM under load lets
// requests in flight finish and hands a running ranking back to the queue, within 10 s; a ranking interrupted by
// kill -9 is resumed by the next start. The ranking uses 300 ESMs of a 768-wide random BERT so that it runs for
// seconds, long enough to interrupt.
const root = path.resolve(import.meta.dirname, "..");
const BASE = "rank-bench/bert-768";
const PASSWORD = "a long password 123";

test.describe.configure({ mode: "serial" });

let dir: string;
let env: NodeJS.ProcessEnv;
let token: string;
let server: ChildProcess | null = null;
let base: string;

function cli(args: string[], input?: string): string {
  const out = spawnSync(process.execPath, [path.join(root, "bin", "esmhub.mjs"), ...args], { cwd: root, env, input, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`esmhub ${args.join(" ")}: ${out.stderr}`);
  return out.stdout.trim();
}

async function startServer(): Promise<ChildProcess> {
  // As `npm start` runs it: one node process (the tsx CLI's signal relay would SIGKILL a busy server after 30 ms).
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  child.stdout!.on("data", (b: Buffer) => log.push(String(b)));
  child.stderr!.on("data", (b: Buffer) => log.push(String(b)));
  (child as ChildProcess & { log: string[] }).log = log;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (log.join("").includes("esmhub: serving")) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${log.join("")}`);
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
const auth = () => ({ authorization: `Bearer ${token}` });

async function job(id: string) {
  const res = await fetch(`${base}/api/rankings/${id}`, { headers: auth() });
  return (await res.json()) as { status: string; phase: string; done: number; total: number; error?: string };
}

async function waitFor(id: string, ok: (j: Awaited<ReturnType<typeof job>>) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let last = await job(id);
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await job(id);
  }
  return last;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(path.join(tmpdir(), "esmhub-shutdown-"));
  const port = 3200 + Math.floor(Math.random() * 500);
  base = `http://127.0.0.1:${port}`;
  env = {
    ...process.env, PORT: String(port), ESMHUB_HOST: "127.0.0.1", ESMHUB_DATA_DIR: path.join(dir, "data"), ESMHUB_MODELS_DIR: path.join(dir, "models"),
    ESMHUB_SEED: "0", ESMHUB_RANK_THREADS: "1", ESMHUB_STALE_AFTER_MS: "3000", ESMHUB_POLL_MS: "200", DATABASE_URL: "", S3_ENDPOINT: "", S3_BUCKET: "",
  };
  await writeTinyBert(path.join(dir, "models", BASE.replace("/", "--")), { id: BASE, dims: { hidden: 768, heads: 12, layers: 1, intermediate: 768, maxPositions: 512, typeVocab: 2 } });
  cli(["user", "create", "--name", "operator", "--password-stdin"], PASSWORD);
  token = cli(["token", "create", "--user", "operator", "--scope", "write"]);
  const seeded = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "seed-rank-bench.ts"), "--count", "300", "--dim", "768", "--base-model", BASE, "--mean-every", "0"], { cwd: root, env, encoding: "utf8" });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  server = await startServer();
  const csv = "text,label\n" + Array.from({ length: 400 }, (_, i) => `message number ${i} about ${i % 2 ? "sports" : "politics"},${i % 2}`).join("\n") + "\n";
  const form = new FormData();
  form.append("name", "target");
  form.append("file", new Blob([csv], { type: "text/csv" }), "target.csv");
  const up = await fetch(`${base}/api/targets`, { method: "POST", headers: auth(), body: form });
  expect(up.status).toBe(201);
});

test.afterAll(async () => {
  server?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

test("SIGTERM under load: requests in flight finish, the running ranking goes back to the queue, exit within 10 s", async () => {
  test.setTimeout(180_000);
  const submitted = await fetch(`${base}/api/rankings`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify({ dataset: "operator/target", baseModel: BASE }) });
  expect(submitted.status).toBe(202);
  const { id } = (await submitted.json()) as { id: string };
  const running = await waitFor(id, (j) => j.phase === "ranking" && j.done > 0, 60_000);
  expect(running.phase).toBe("ranking");

  // Load: 20 downloads of a 2.4 MB ESM file, answered (headers in) but not yet read when the signal arrives.
  const file = `${base}/rank-bench/ESM_bench__source-0000_d768/resolve/main/model.safetensors`;
  const expected = (await (await fetch(file)).arrayBuffer()).byteLength;
  const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(file)));
  const downloads = responses.map(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }));
  const signalled = Date.now();
  server!.kill("SIGTERM");
  const code = await exited(server!);
  const refused = await fetch(base).then(() => false, () => true);
  const seconds = (Date.now() - signalled) / 1000;
  console.log(`shutdown: exit ${code} ${seconds.toFixed(1)} s after SIGTERM, with a ranking running and 20 downloads in flight (signal ${server!.signalCode})`);
  expect(code).toBe(0);
  expect(seconds).toBeLessThanOrEqual(10);
  const finished = await Promise.allSettled(downloads);
  const complete = finished.filter((d) => d.status === "fulfilled" && d.value.status === 200 && d.value.bytes === expected).length;
  console.log(`shutdown: ${complete} of 20 downloads in flight completed byte-complete`);
  expect(complete).toBe(20);
  expect(refused).toBe(true);

  server = await startServer();
  // Handed back, not failed: the next start runs it to the end.
  const resumed = await waitFor(id, (j) => j.status === "done" || j.status === "failed", 120_000);
  expect(resumed).toMatchObject({ status: "done", total: 300 });
});

test("kill -9 mid-ranking: the next start resumes the ranking", async () => {
  test.setTimeout(180_000);
  const submitted = await fetch(`${base}/api/rankings`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify({ dataset: "operator/target", baseModel: BASE }) });
  const { id } = (await submitted.json()) as { id: string };
  expect((await waitFor(id, (j) => j.phase === "ranking" && j.done > 0, 60_000)).phase).toBe("ranking");
  server!.kill("SIGKILL");
  await exited(server!);
  const restarted = Date.now();
  server = await startServer();
  const resumed = await waitFor(id, (j) => j.status === "done" || j.status === "failed", 120_000);
  console.log(`kill -9: ranking ${resumed.status} ${((Date.now() - restarted) / 1000).toFixed(1)} s after the restart`);
  expect(resumed).toMatchObject({ status: "done", total: 300 });
});
