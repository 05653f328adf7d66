/**
 * Eigen-solve micro-benchmark: interleaves WebAssembly builds of lib/linalg/assembly (paths as arguments) on one
 * 768 Gram with C = 3 right-hand sides; prints per-phase wall and thread-CPU ms and checks eigenvalues against
 * the TypeScript oracle (max relative error per eigenvalue).
 * `tsx scripts/bench/eigen-micro.ts lib/linalg/eigen.wasm lib/linalg/eigen-relaxed.wasm --relaxed`; env N, REPS.
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { eigenRhsTs } from "../../lib/linalg/eigen";
import { uniformGenerator } from "../../lib/random";

const args = process.argv.slice(2);
if (args.includes("--relaxed")) setFlagsFromString("--experimental-wasm-relaxed-simd");
const files = args.filter((a) => !a.startsWith("--"));
const n = Number(process.env.N ?? 768);
const C = 3;

const uniform = uniformGenerator(12345);
const rnd = () => uniform() - 0.5;
const m = 1000;
const f = new Float64Array(m * n);
for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) f[i * n + j] = rnd() / Math.sqrt(1 + j / 8) + 0.2;
const g = new Float64Array(n * n);
for (let r = 0; r < m; r++) {
  const o = r * n;
  for (let i = 0; i < n; i++) {
    const fi = f[o + i];
    for (let j = 0; j <= i; j++) g[i * n + j] += fi * f[o + j];
  }
}
const z = Float64Array.from({ length: n * C }, rnd);
const oracle = eigenRhsTs(Float64Array.from(g), n, Float64Array.from(z), C);
const sorted = (x: Float64Array) => [...x].sort((a, b) => a - b);
const ref = sorted(oracle.eigenvalues);

interface Ex { tridiagonalizeRhs(...a: number[]): void; tql2Rhs(...a: number[]): number }
const solvers = files.map((file) => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: { memory } }).exports as unknown as Ex;
  const pa = 1024, pz = pa + n * n * 8, pd = pz + n * C * 8, pe = pd + n * 8, pw = pe + n * 8, end = pw + 8 * n * 8 + 64;
  memory.grow(Math.ceil(end / 65536));
  return { file, ex, memory, pa, pz, pd, pe, pw, tri: [] as number[], ql: [] as number[], cpu: [] as number[], err: 0 };
});
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const reps = Number(process.env.REPS ?? 15);
for (let rep = 0; rep < reps; rep++) {
  for (const sv of solvers) {
    const heap = new Float64Array(sv.memory.buffer);
    heap.set(g, sv.pa / 8);
    heap.set(z, sv.pz / 8);
    const c0 = cpuNow();
    const t0 = performance.now();
    sv.ex.tridiagonalizeRhs(sv.pa, n, sv.pz, C, sv.pd, sv.pe, sv.pw);
    const t1 = performance.now();
    if (sv.ex.tql2Rhs(sv.pd, sv.pe, n, sv.pz, C) !== 0) throw new Error("no convergence");
    const t2 = performance.now();
    sv.cpu.push(cpuNow() - c0);
    sv.tri.push(t1 - t0);
    sv.ql.push(t2 - t1);
    const lam = sorted(heap.slice(sv.pd / 8, sv.pd / 8 + n));
    sv.err = Math.max(sv.err, ...lam.map((l, i) => Math.abs(l - ref[i]) / Math.max(Math.abs(ref[i]), 1e-300)));
  }
}
const med = (x: number[]) => { const q = [...x].sort((a, b) => a - b); return q[q.length >> 1]; };
for (const sv of solvers) {
  console.log(`${sv.file.padEnd(28)} tridiag med ${med(sv.tri).toFixed(1)} min ${Math.min(...sv.tri).toFixed(1)} | tql2 med ${med(sv.ql).toFixed(1)} | cpu med ${med(sv.cpu).toFixed(1)} min ${Math.min(...sv.cpu).toFixed(1)} | max rel eig err ${sv.err.toExponential(1)}`);
}
