import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { evaluateRanking } from "../../lib/rank";

interface RankingEntry {
  id: string;
  taskId?: string | null;
}

/** Ranking file: the output of `esmhub rank --json`, or a bare array of its entries, best first. */
function parseRanking(text: string, file: string): RankingEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  const list = Array.isArray(json) ? json : (json as { ranking?: unknown }).ranking;
  if (!Array.isArray(list) || list.some((e) => typeof e !== "object" || e === null || typeof (e as RankingEntry).id !== "string")) {
    throw new Error(`${file}: expected { "ranking": [{ "id": …, "taskId": … }, …] } as printed by esmhub rank --json`);
  }
  return list as RankingEntry[];
}

/** Gains CSV: a header row with columns `id` and `gain`; other columns are ignored. */
function parseGains(text: string, file: string): Map<string, number> {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes("id") || !fields.includes("gain")) throw new Error(`${file}: needs the columns id and gain, found ${fields.join(", ")}`);
  const gains = new Map<string, number>();
  for (const [i, row] of parsed.data.entries()) {
    const gain = Number(row.gain);
    if (row.gain === undefined || row.gain.trim() === "" || !Number.isFinite(gain)) throw new Error(`${file}: row ${i + 2} has gain "${row.gain}", not a number`);
    if (gains.has(row.id)) throw new Error(`${file}: id ${row.id} appears twice`);
    gains.set(row.id, gain);
  }
  return gains;
}

export function register(program: Command): void {
  program
    .command("evaluate")
    .description("NDCG and regret@1/3/5 of a ranking against measured transfer results (the paper's definitions, in percent)")
    .requiredOption("--ranking <file>", "ranking JSON as printed by esmhub rank --json (best first)")
    .requiredOption("--gains <file>", "CSV with a header and columns id (the ranking's id or task id) and gain (the target's measured performance after intermediate training on that source, a fraction such as accuracy 0.91)")
    .option("--baseline <performance>", "the target's performance without intermediate training (the paper's own row of the target): counts for the best in regret@k")
    .option("--json", "print JSON")
    .action(async (opts: { ranking: string; gains: string; baseline?: string; json?: boolean }) => {
      const baseline = opts.baseline === undefined ? undefined : Number(opts.baseline);
      if (baseline !== undefined && !Number.isFinite(baseline)) throw new Error(`--baseline must be a number, got ${opts.baseline}`);
      const ranking = parseRanking(await readFile(opts.ranking, "utf8"), opts.ranking);
      const gains = parseGains(await readFile(opts.gains, "utf8"), opts.gains);
      const ids = ranking.map((e) => (gains.has(e.id) || !e.taskId ? e.id : e.taskId));
      const result = evaluateRanking(ids, gains, { baseline });
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      console.log(`evaluated ${result.evaluated} of ${ranking.length} ranked sources${result.missing.length ? ` (no gain for ${result.missing.length})` : ""}`);
      console.log(`NDCG       ${result.ndcg.toFixed(2)} %`);
      for (const [k, r] of Object.entries(result.regret)) console.log(`regret@${k.padEnd(3)} ${r.toFixed(2)} %`);
    });
}
