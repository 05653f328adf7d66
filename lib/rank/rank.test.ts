import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEsmWeights, writeEsmSafetensors } from "../esm";
import { logme } from "../logme";
import { readNpy } from "../npy";
import { esmFolderSources, RankingPool, type EsmSource, type EsmWeightsInput, type RankingProgress, type RankingTarget } from "./index";

const fixtures = path.join(import.meta.dirname, "..", "..", "fixtures", "esm-logme");
const expected = JSON.parse(readFileSync(path.join(fixtures, "expected.json"), "utf8")) as {
  ranking: { repo: string; dir: string; task_id: string; score: number }[];
};
const x = readNpy(readFileSync(path.join(fixtures, "target.embeddings.npy")));
const y = readNpy(readFileSync(path.join(fixtures, "target.labels.npy")));
const [n, d] = x.shape;
const target: RankingTarget = { embeddings: x.data as Float32Array, n, d, labels: y.data as BigInt64Array, task: "classification" };

const weightsOf = (folder: string) => parseEsmWeights(readFileSync(path.join(fixtures, "esms", folder, "model.safetensors")));

/** F = X Wᵀ + b rounded to float32, as the reference computes it. */
function transform(xs: Float32Array, rows: number, w: EsmWeightsInput): Float32Array {
  const f = new Float32Array(rows * w.dim);
  for (let i = 0; i < rows; i++) {
    for (let o = 0; o < w.dim; o++) {
      let s = w.bias[o];
      for (let j = 0; j < w.dim; j++) s += xs[i * w.dim + j] * w.weight[o * w.dim + j];
      f[i * w.dim + o] = s;
    }
  }
  return f;
}

/** The pool takes ownership of what load() returns (the buffers move to a worker), so each load gets a copy. */
function source(id: string, load: () => Promise<EsmWeightsInput>): EsmSource<{ tag: string }> {
  return {
    id,
    meta: { tag: `meta-${id}` },
    load: async () => {
      const w = await load();
      return { dim: w.dim, weight: w.weight.slice(), bias: w.bias.slice() };
    },
  };
}

describe("ESM-LogME ranking", () => {
  let pool: RankingPool;
  beforeAll(() => {
    pool = new RankingPool({ size: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  for (const size of [2, 0]) {
    it(`reproduces the reference ranking (${size === 0 ? "in process" : "2 workers"})`, async () => {
      const p = size === 0 ? new RankingPool({ size: 0 }) : pool;
      const result = await p.rank(target, await esmFolderSources(path.join(fixtures, "esms")));
      if (size === 0) await p.close();
      expect(result.path).toBe("gram");
      expect(result.skipped).toEqual([]);
      expect(result.ranked.map((r) => r.id)).toEqual(expected.ranking.map((e) => path.basename(e.dir)));
      expect(result.ranked.map((r) => r.meta.config?.taskId)).toEqual(expected.ranking.map((e) => e.task_id));
      result.ranked.forEach((r, i) => {
        expect(r.rank).toBe(i + 1);
        expect(Math.abs(r.score - expected.ranking[i].score)).toBeLessThan(1e-6);
      });
    });
  }

  it("agrees with LogME on the directly transformed features (S-form vs direct)", async () => {
    const w = weightsOf("ESM_source_2");
    const direct = logme(transform(target.embeddings, n, w), n, d, target.labels);
    const result = await pool.rank(target, [source("s2", async () => w)]);
    expect(Math.abs(result.ranked[0].score - direct)).toBeLessThan(1e-6);
  });

  it("uses the n×n kernel when n ≤ d, with the reference's evidence by default", async () => {
    const rows = 100;
    const small: RankingTarget = { ...target, n: rows, embeddings: target.embeddings.slice(0, rows * d), labels: (target.labels as BigInt64Array).slice(0, rows) };
    const w = weightsOf("ESM_source_0");
    const f = transform(small.embeddings, rows, w);
    const result = await pool.rank(small, [source("s0", async () => w)]);
    expect(result.path).toBe("kernel");
    expect(Math.abs(result.ranked[0].score - logme(f, rows, d, small.labels))).toBeLessThan(1e-6);
    const corrected = await pool.rank(small, [source("s0", async () => w)], { evidence: "corrected" });
    expect(Math.abs(corrected.ranked[0].score - logme(f, rows, d, small.labels, { evidence: "corrected" }))).toBeLessThan(1e-6);
    expect(corrected.ranked[0].score).toBeLessThan(result.ranked[0].score);
  });

  // A regression target that the features explain well makes ‖y‖² − Σx² sensitive to the Gram's rounding.
  it("scores regression targets", async () => {
    const labels = Float64Array.from({ length: n }, (_, i) => target.embeddings[i * d] * 3 + Math.sin(i));
    const w = weightsOf("ESM_source_3");
    const reg: RankingTarget = { ...target, labels, task: "regression" };
    const result = await pool.rank(reg, [source("s3", async () => w)]);
    const direct = logme(transform(target.embeddings, n, w), n, d, labels, { task: "regression" });
    expect(Math.abs(result.ranked[0].score - direct)).toBeLessThan(1e-8 * Math.abs(direct));
  });

  it("reports ESMs of another dimension and unloadable ESMs as skipped, passing ids and metadata through", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "esm-rank-"));
    try {
      await cp(path.join(fixtures, "esms", "ESM_source_1"), path.join(dir, "good"), { recursive: true });
      await mkdir(path.join(dir, "corrupt"));
      await cp(path.join(fixtures, "esms", "ESM_source_1", "config.json"), path.join(dir, "corrupt", "config.json"));
      await writeFile(path.join(dir, "corrupt", "model.safetensors"), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
      await mkdir(path.join(dir, "wide"));
      await cp(path.join(fixtures, "esms", "ESM_source_1", "config.json"), path.join(dir, "wide", "config.json"));
      await writeFile(path.join(dir, "wide", "model.safetensors"), writeEsmSafetensors(new Float32Array(64 * 64), new Float32Array(64), 64));
      const fromFolders = await esmFolderSources(dir);
      const extra = [
        source("throws", async () => {
          throw new Error("disk on fire");
        }),
        source("nan", async () => ({ ...weightsOf("ESM_source_0"), weight: new Float32Array(d * d).fill(Number.NaN) })),
      ];
      const result = await pool.rank(target, [...fromFolders, ...extra] as EsmSource<unknown>[]);
      expect(result.ranked.map((r) => r.id)).toEqual(["good"]);
      const reasons = Object.fromEntries(result.skipped.map((s) => [s.id, s.reason]));
      expect(Object.keys(reasons).sort()).toEqual(["corrupt", "nan", "throws", "wide"]);
      expect(reasons.wide).toBe("ESM dimension 64 does not match the embedding dimension 128");
      expect(reasons.corrupt).toMatch(/^could not load: .*safetensors/);
      expect(reasons.throws).toBe("could not load: disk on fire");
      expect(reasons.nan).toBe("weight contains NaN at row 0, column 0");
      expect(result.skipped.find((s) => s.id === "throws")?.meta).toEqual({ tag: "meta-throws" });
      expect(result.skipped.find((s) => s.id === "wide")?.meta).toMatchObject({ folder: "wide" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("takes ESMs from an async iterable and reports progress", async () => {
    const ws = ["ESM_source_0", "ESM_source_1", "ESM_source_2"].map(weightsOf);
    async function* lazy() {
      for (const [i, w] of ws.entries()) yield source(`e${i}`, async () => w);
    }
    const seen: RankingProgress[] = [];
    const result = await pool.rank(target, lazy(), { total: 3, onProgress: (p) => seen.push(p) });
    expect(result.ranked).toHaveLength(3);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(seen.every((p) => p.total === 3 && p.esmsPerSecond > 0)).toBe(true);
  });

  it("stops on abort and stays usable for the next ranking", async () => {
    const w = weightsOf("ESM_source_0");
    const controller = new AbortController();
    const many = Array.from({ length: 50 }, (_, i) => source(`m${i}`, async () => w));
    let done = 0;
    const run = pool.rank(target, many, {
      signal: controller.signal,
      onProgress: (p) => {
        done = p.done;
        if (p.done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(done).toBeLessThan(50);
    const again = await pool.rank(target, [source("after", async () => w)]);
    expect(again.ranked).toHaveLength(1);
    const pre = new AbortController();
    pre.abort();
    await expect(pool.rank(target, [source("x", async () => w)], { signal: pre.signal })).rejects.toThrow(/abort/i);
  });

  it("refuses bad targets with a clear error", async () => {
    const bad = target.embeddings.slice();
    bad[5] = Number.NaN;
    await expect(pool.rank({ ...target, embeddings: bad }, [])).rejects.toThrow(/embeddings contain NaN at row 0, column 5/);
    await expect(pool.rank({ ...target, labels: [1, 2] }, [])).rejects.toThrow(/2 labels for 400 feature rows/);
    await expect(pool.rank({ ...target, labels: new Array(n).fill(0) }, [])).rejects.toThrow(/at least two classes/);
    await expect(pool.rank({ ...target, n: 1, embeddings: target.embeddings.slice(0, d), labels: [0] }, [])).rejects.toThrow(/at least 2 examples/);
  });
});
