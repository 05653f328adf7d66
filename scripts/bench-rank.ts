/**
 * ESM-LogME ranking benchmark (`npm run bench:rank`). Prints figures; asserts nothing.
 *
 * 1. Per-ESM time at d = 768 for n ∈ {100, 1000, 10000}: our engine on one thread (onnxruntime at 1 thread +
 *    each eigen backend: native OpenBLAS when it loads, and WebAssembly), interleaved round by round with numpy
 *    (OpenBLAS at 1 thread) running the thuml code path (svd of the Gram) and an eigh variant, when python3 with
 *    numpy is available. Ratios are per-round min/min, then the median over rounds, because the machine is shared
 *    and noisy. ESMHUB_EIGEN=native|wasm|ts limits it to that backend.
 * 2. Whole-pool wall time for 1,553 ESMs (the paper's pool) at n = 1000, read from safetensors files on disk by
 *    a RankingPool of one worker per CPU, with the backend rankings use (auto, or ESMHUB_EIGEN). The files are
 *    written to a temp folder first and deleted afterwards.
 * 3. One ranking job of the same pool size on a PostgreSQL queue run by 1, 2 and 3 `esmhub worker` processes that
 *    split it into shards (scripts/bench/rank-workers.ts).
 *
 * Options: --esms <count> (default 1553), --skip-pool, --skip-workers, --skip-numpy.
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { writeEsmSafetensors } from "../lib/esm";
import { createEigenSolver, nativeEigenAvailable, type EigenSolver } from "../lib/linalg/wasm";
import { writeNpyFile } from "../lib/npy";
import { esmFolderSources, EsmScorer, prepareTarget, RankingPool, type RankingTarget } from "../lib/rank";
import { normalGenerator } from "../lib/random";
import { benchWorkers } from "./bench/rank-workers";

const D = 768;
const args = process.argv.slice(2);
const poolSize = Number(args[args.indexOf("--esms") + 1]) || 1553;
const skipPool = args.includes("--skip-pool");
const skipNumpy = args.includes("--skip-numpy");
const skipWorkers = args.includes("--skip-workers");


/** X with a decaying spectrum plus an offset, 3 classes correlated with X; W = I + 0.05·N(0,1). */
function synthetic(n: number) {
  const r = normalGenerator(n);
  const x = new Float32Array(n * D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) x[i * D + j] = r() / Math.sqrt(1 + j / 8) + 0.2;
  const labels = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i * D] + 0.5 * x[i * D + 1] + 0.3 * r();
    labels[i] = v < 0 ? 0n : v < 0.6 ? 1n : 2n;
  }
  const rw = normalGenerator(7);
  const weight = new Float32Array(D * D);
  for (let o = 0; o < D; o++) for (let j = 0; j < D; j++) weight[o * D + j] = (o === j ? 1 : 0) + 0.05 * rw();
  const bias = Float32Array.from({ length: D }, () => 0.01 * rw());
  return { x, labels, weight, bias };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number) => x.toFixed(1).padStart(8);

/** The numpy timing server (scripts/bench/numpy_logme.py), or null when python3/numpy is missing. */
function startNumpy() {
  if (skipNumpy) return null;
  const probe = spawnSync("python3", ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0) {
    console.log("numpy comparison skipped: python3 with numpy not found");
    return null;
  }
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const child = spawn("python3", [path.join(import.meta.dirname, "bench", "numpy_logme.py")], { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (req: object) => {
    child.stdin.write(JSON.stringify(req) + "\n");
    const { value, done } = await lines.next();
    if (done) throw new Error("numpy server exited");
    return JSON.parse(value as string);
  };
  console.log(`numpy ${probe.stdout.trim()} (BLAS at 1 thread)`);
  return { ask, close: () => child.stdin.end() };
}

/** How a solver describes itself in the output: backend, then WASM build or native library. */
const describe = (s: EigenSolver) => `${s.kind}${s.build ? ` ${s.build}` : ""}${s.library ? ` (${s.library})` : ""}`;

/** The eigen backends compared per ESM: native (when it loads here) and WASM, or only the one ESMHUB_EIGEN forces. */
function benchSolvers(): EigenSolver[] {
  if (process.env.ESMHUB_EIGEN) return [createEigenSolver()];
  return [...(nativeEigenAvailable() ? [createEigenSolver("native")] : []), createEigenSolver("wasm")];
}

async function perEsm(numpy: ReturnType<typeof startNumpy>, work: string) {
  const scorers = benchSolvers().map((solver) => ({ solver, scorer: new EsmScorer(solver) }));
  console.log(`\nPer-ESM time, d = ${D}, one thread, eigen backends ${scorers.map((s) => describe(s.solver)).join(" and ")} run round by round with numpy`);
  console.log("(ms: median / min over all reps; ratios: median over rounds of per-round min/min)");
  console.log("     n | backend |  node med   min |  np-eigh med   min |  np-thuml med   min | node/eigh node/thuml | scores node, eigh, thuml");
  const perN: Record<string, Record<number, number>> = {};
  for (const [n, rounds, reps] of [[100, 5, 3], [1000, 5, 3], [10000, 3, 2]] as const) {
    const { x, labels, weight, bias } = synthetic(n);
    const target: RankingTarget = { embeddings: x, n, d: D, labels, task: "classification" };
    const plan = await prepareTarget(target);
    const dir = path.join(work, `n${n}`);
    await mkdir(dir);
    await writeNpyFile(path.join(dir, "x.npy"), { data: x, shape: [n, D] });
    await writeNpyFile(path.join(dir, "y.npy"), { data: labels, shape: [n] });
    await writeNpyFile(path.join(dir, "w.npy"), { data: weight, shape: [D, D] });
    await writeNpyFile(path.join(dir, "b.npy"), { data: bias, shape: [D] });
    if (numpy) await numpy.ask({ op: "load", dir });
    const rows = scorers.map(() => ({ node: [] as number[], rEigh: [] as number[], rThuml: [] as number[], score: NaN }));
    for (const [k, { scorer }] of scorers.entries()) rows[k].score = await scorer.score(plan, weight, bias); // warm-up (session creation)
    const eigh: number[] = [];
    const thuml: number[] = [];
    let scores = { eigh: NaN, thuml: NaN };
    for (let round = 0; round < rounds; round++) {
      const mins: number[] = [];
      for (const [k, { scorer }] of scorers.entries()) {
        const ts: number[] = [];
        for (let i = 0; i < reps; i++) {
          const t0 = performance.now();
          rows[k].score = await scorer.score(plan, weight, bias);
          ts.push(performance.now() - t0);
        }
        rows[k].node.push(...ts);
        mins.push(Math.min(...ts));
      }
      if (numpy) {
        const e = await numpy.ask({ op: "eigh", reps });
        const t = await numpy.ask({ op: "thuml", reps });
        eigh.push(...e.wall);
        thuml.push(...t.wall);
        scores = { eigh: e.score, thuml: t.score };
        mins.forEach((m, k) => {
          rows[k].rEigh.push(m / Math.min(...e.wall));
          rows[k].rThuml.push(m / Math.min(...t.wall));
        });
      }
    }
    const np = (xs: number[]) => (xs.length ? `${fmt(median(xs))} ${fmt(Math.min(...xs))}` : "       -        -");
    const ratio = (xs: number[]) => (xs.length ? median(xs).toFixed(2).padStart(9) : "        -");
    for (const [k, { solver }] of scorers.entries()) {
      const r = rows[k];
      (perN[solver.kind] ??= {})[n] = median(r.node);
      console.log(`${String(n).padStart(6)} | ${solver.kind.padEnd(7)} | ${fmt(median(r.node))} ${fmt(Math.min(...r.node))} | ${np(eigh)}    | ${np(thuml)}     | ${ratio(r.rEigh)} ${ratio(r.rThuml)}  | ${r.score.toFixed(9)}, ${scores.eigh.toFixed(9)}, ${scores.thuml.toFixed(9)}`);
    }
  }
  for (const [kind, t] of Object.entries(perN)) console.log(`n = 10000 vs n = 1000 (${kind}, median): ${(t[10000] / t[1000]).toFixed(2)}×`);

  // Where the time goes at n = 1000: the eigen-solve alone on a 768 Gram, backends interleaved.
  const { x, labels } = synthetic(1000);
  const plan = await prepareTarget({ embeddings: x, n: 1000, d: D, labels, task: "classification" });
  if (plan.kind === "gram") {
    const g = new Float64Array(D * D);
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) g[i * D + j] = plan.s[i * (D + 1) + j];
    const z = new Float64Array(D * plan.columns).fill(1);
    const times = scorers.map(() => [] as number[]);
    for (let i = 0; i < 7; i++) {
      for (const [k, { solver }] of scorers.entries()) {
        const t0 = performance.now();
        solver.solve(g, D, z, plan.columns);
        times[k].push(performance.now() - t0);
      }
    }
    for (const [k, { solver }] of scorers.entries()) {
      console.log(`eigen-solve alone (${solver.kind}, 768, C=${plan.columns}): median ${median(times[k]).toFixed(1)} ms, min ${Math.min(...times[k]).toFixed(1)} ms`);
    }
  }
  for (const { scorer } of scorers) await scorer.close();
}

async function wholePool(work: string) {
  const n = 1000;
  const { x, labels, weight, bias } = synthetic(n);
  const root = path.join(work, "esms");
  await mkdir(root);
  console.log(`\nWriting ${poolSize} synthetic ESMs (safetensors, ${((D * D + D) * 4 / 1e6).toFixed(2)} MB each) …`);
  const config = (i: number) => JSON.stringify({
    base_model_name: "bert-base-uncased", task_id: `synthetic/task_${i}`, task_subset: null, text_column: "text", label_column: "label",
    task_split: "train", num_examples: 1000, seed: 42, language: "en", esm_architecture: "linear", esm_embedding_dim: D, version: "0.2.0",
  });
  const w = new Float32Array(D * D);
  const b = new Float32Array(D);
  const t0 = performance.now();
  for (let i = 0; i < poolSize; i++) {
    const scale = 1 + 1e-4 * (i % 97);
    for (let k = 0; k < w.length; k++) w[k] = weight[k] * scale;
    for (let k = 0; k < D; k++) b[k] = bias[k] + 1e-3 * (i % 13);
    const dir = path.join(root, `ESM_${String(i).padStart(4, "0")}`);
    await mkdir(dir);
    await writeFile(path.join(dir, "config.json"), config(i));
    await writeFile(path.join(dir, "model.safetensors"), writeEsmSafetensors(w, b, D));
  }
  console.log(`written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const pool = new RankingPool();
  const target: RankingTarget = { embeddings: x, n, d: D, labels, task: "classification" };
  const loadBefore = loadavg();
  const cpuBefore = process.cpuUsage(); // the whole process: main thread, workers and onnxruntime threads
  const started = performance.now();
  let last = 0;
  let steadyFrom = 0;
  const result = await pool.rank(target, await esmFolderSources(root), {
    onProgress: (p) => {
      if (p.done === 20) steadyFrom = performance.now();
      if (p.elapsedMs - last > 15000) {
        last = p.elapsedMs;
        console.log(`  ${p.done}/${p.total} ESMs, ${p.esmsPerSecond.toFixed(1)} ESMs/s`);
      }
    },
  });
  const wall = (performance.now() - started) / 1000;
  const steady = (performance.now() - steadyFrom) / (poolSize - 20);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`Ranked ${result.ranked.length} ESMs (${result.skipped.length} skipped) at n = ${n}, d = ${D} with ${pool.size} workers on ${availableParallelism()} CPUs, eigen backend per worker: ${pool.eigenBackends().join(", ")}:`);
  console.log(`  wall ${wall.toFixed(1)} s including worker start and target preparation; ${(wall * 1000 / poolSize).toFixed(1)} ms per ESM overall, ${steady.toFixed(1)} ms per ESM in steady state`);
  console.log(`  CPU ${cpuSeconds.toFixed(1)} s (${(cpuSeconds * 1000 / poolSize).toFixed(1)} ms per ESM), ${(cpuSeconds / wall / availableParallelism() * 100).toFixed(0)}% of ${availableParallelism()} CPUs; load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await pool.close();
}

const work = await mkdtemp(path.join(tmpdir(), "bench-rank-"));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}
const numpy = startNumpy();
console.log(`${cpus()[0]?.model ?? "cpu"}, ${availableParallelism()} CPUs, Node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`eigen backend for rankings (auto${process.env.ESMHUB_EIGEN ? `, ESMHUB_EIGEN=${process.env.ESMHUB_EIGEN}` : ""}): ${describe(createEigenSolver())}`);
try {
  await perEsm(numpy, work);
  if (!skipPool) await wholePool(work);
} finally {
  numpy?.close();
  await rm(work, { recursive: true, force: true });
}
if (!skipWorkers) await benchWorkers(poolSize);
