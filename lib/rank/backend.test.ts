import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readNpy } from "../npy";
import { esmFolderSources, RankingPool, type RankingTarget } from "./index";

const fixtures = path.join(import.meta.dirname, "..", "..", "fixtures", "esm-logme");
const expected = JSON.parse(readFileSync(path.join(fixtures, "expected.json"), "utf8")) as { ranking: { dir: string; score: number }[] };
const x = readNpy(readFileSync(path.join(fixtures, "target.embeddings.npy")));
const y = readNpy(readFileSync(path.join(fixtures, "target.labels.npy")));
const [n, d] = x.shape;
const target: RankingTarget = { embeddings: x.data as Float32Array, n, d, labels: y.data as BigInt64Array, task: "classification" };

/** Ranks the fixture ESMs on a fresh pool (workers read the environment when they start) and reports its backends. */
async function rankFixtures(options: ConstructorParameters<typeof RankingPool>[0]) {
  const pool = new RankingPool(options);
  try {
    const result = await pool.rank(target, await esmFolderSources(path.join(fixtures, "esms")));
    return { result, backends: pool.eigenBackends() };
  } finally {
    await pool.close();
  }
}

function expectReferenceRanking(result: Awaited<ReturnType<typeof rankFixtures>>["result"]) {
  expect(result.skipped).toEqual([]);
  expect(result.ranked.map((r) => r.id)).toEqual(expected.ranking.map((e) => path.basename(e.dir)));
  result.ranked.forEach((r, i) => expect(Math.abs(r.score - expected.ranking[i].score)).toBeLessThan(1e-6));
}

describe("ranking eigen backends", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("workers probe the native backend and use it where OpenBLAS loads", async () => {
    const { result, backends } = await rankFixtures({ size: 2 });
    expect(backends).toEqual(["native", "native"]);
    expectReferenceRanking(result);
  });

  it("workers fall back to WebAssembly when the library is absent", async () => {
    vi.stubEnv("ESMHUB_OPENBLAS", path.join(fixtures, "missing", "libopenblas.so.0"));
    const { result, backends } = await rankFixtures({ size: 2 });
    expect(backends).toEqual(["wasm", "wasm"]);
    expectReferenceRanking(result);
  });

  it("ESMHUB_EIGEN=native without the library refuses to start workers, naming the reason", async () => {
    vi.stubEnv("ESMHUB_OPENBLAS", path.join(fixtures, "missing", "libopenblas.so.0"));
    vi.stubEnv("ESMHUB_EIGEN", "native");
    await expect(rankFixtures({ size: 1 })).rejects.toThrow(/could not start ranking workers: .*OpenBLAS not found/);
  });

  it("ESMHUB_EIGEN=ts is honoured by workers and in process", async () => {
    vi.stubEnv("ESMHUB_EIGEN", "ts");
    for (const size of [1, 0]) {
      const { result, backends } = await rankFixtures({ size });
      expect(backends).toEqual(["ts"]);
      expectReferenceRanking(result);
    }
  });
});
