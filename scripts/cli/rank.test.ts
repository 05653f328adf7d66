import { afterEach, describe, expect, it, vi } from "vitest";
import { Command } from "commander";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { register as registerEvaluate } from "./evaluate";
import { register as registerLogme } from "./logme";
import { register as registerRank } from "./rank";

const root = path.join(import.meta.dirname, "..", "..", "fixtures");

/** Runs one command of a program holding only the engine's commands; returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command("esmhub").exitOverride();
  registerLogme(program);
  registerRank(program);
  registerEvaluate(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await program.parseAsync(["node", "esmhub", ...args]);
  } finally {
    log.mockRestore();
  }
  return lines.join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("engine CLI commands", () => {
  it("logme prints the score as JSON", async () => {
    const out = await run("logme", "--features", `${root}/logme/cls_n300_d64.features.npy`, "--labels", `${root}/logme/cls_n300_d64.labels.npy`);
    expect(Math.abs(JSON.parse(out).score - -0.4433851526521081)).toBeLessThan(1e-9);
    const reg = await run("logme", "--features", `${root}/logme/reg2_n150_d48.features.npy`, "--labels", `${root}/logme/reg2_n150_d48.labels.npy`, "--regression");
    expect(Math.abs(JSON.parse(reg).score - -1.7333713122608017)).toBeLessThan(1e-9);
  });

  it("logme refuses mismatched files", async () => {
    await expect(run("logme", "--features", `${root}/logme/cls_n300_d64.features.npy`, "--labels", `${root}/logme/cls_n40_d64.labels.npy`)).rejects.toThrow(/has 40 rows but .* has 300/);
  });

  it("rank prints the reference ranking, and evaluate scores it", async () => {
    const args = ["rank", "--embeddings", `${root}/esm-logme/target.embeddings.npy`, "--labels", `${root}/esm-logme/target.labels.npy`, "--esms", `${root}/esm-logme/esms`, "--threads", "1"];
    const table = await run(...args, "--top", "2");
    expect(table.split("\n")).toHaveLength(3);
    expect(table).toMatch(/^\s+1\s+ESM_source_1\s+demo\/source_1\s+default\s+-0\.51545\d/m);
    const json = JSON.parse(await run(...args, "--json"));
    expect(json.ranking.map((r: { taskId: string }) => r.taskId)).toEqual(["demo/source_1", "demo/source_3", "demo/source_0", "demo/source_2", "demo/source_4", "demo/source_5"]);
    expect(json.ranking[0]).toMatchObject({ rank: 1, id: "ESM_source_1", subset: "default" });

    const dir = await mkdtemp(path.join(tmpdir(), "esm-eval-"));
    try {
      await writeFile(path.join(dir, "r.json"), JSON.stringify(json));
      // Ids may be the ranking's folder id or the task id. Best gain 0.9 (source_3, ranked 2nd).
      await writeFile(path.join(dir, "g.csv"), "id,gain,note\nESM_source_1,0.8,x\ndemo/source_3,0.9,\ndemo/source_0,0.7,\n");
      const ev = JSON.parse(await run("evaluate", "--ranking", path.join(dir, "r.json"), "--gains", path.join(dir, "g.csv"), "--json"));
      expect(ev.evaluated).toBe(3);
      expect(ev.regret["1"]).toBeCloseTo((0.1 / 0.9) * 100, 10);
      expect(ev.regret["3"]).toBe(0);
      const g = (p: number) => 2 ** (100 * p) - 1;
      const dcg = g(0.8) + g(0.9) / Math.log2(3) + g(0.7) / 2;
      const ideal = g(0.9) + g(0.8) / Math.log2(3) + g(0.7) / 2;
      expect(ev.ndcg).toBeCloseTo((dcg / ideal) * 100, 9);
      const withBaseline = JSON.parse(await run("evaluate", "--ranking", path.join(dir, "r.json"), "--gains", path.join(dir, "g.csv"), "--baseline", "0.95", "--json"));
      expect(withBaseline.regret["3"]).toBeCloseTo((0.05 / 0.95) * 100, 10);
      await writeFile(path.join(dir, "bad.csv"), "name,score\na,1\n");
      await expect(run("evaluate", "--ranking", path.join(dir, "r.json"), "--gains", path.join(dir, "bad.csv"))).rejects.toThrow(/columns id and gain/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(readFileSync(`${root}/esm-logme/expected.json`, "utf8")).ranking[0].task_id).toBe("demo/source_1");
  });
});
