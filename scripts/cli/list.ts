import type { Command } from "commander";
import { searchEsms } from "../../lib/registry";
import { openLocalRegistry } from "./local-registry";

export function register(program: Command): void {
  program
    .command("list")
    .description("list ESMs in the local registry")
    .option("--base-model <id>", "only ESMs for this base model (aliases accepted)")
    .option("--search <text>", "words that must all appear in the repo id, task, columns or card")
    .option("--limit <n>", "at most this many", "100")
    .option("--json", "print JSON")
    .action(async (opts: { baseModel?: string; search?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a positive integer`);
      const ctx = await openLocalRegistry();
      const rows: { repo: string; baseModel: string; taskId: string; subset: string | null; dim: number; downloads: number; legacy: boolean }[] = [];
      for (let page = 1; rows.length < limit; page++) {
        const result = await searchEsms(ctx.db, { q: opts.search, baseModel: opts.baseModel, sort: "name", page, pageSize: 100 });
        for (const r of result.repos) {
          rows.push({ repo: r.fullName, baseModel: r.esm!.baseModel, taskId: r.esm!.taskId, subset: r.esm!.subset, dim: r.esm!.embeddingDim, downloads: r.downloads, legacy: r.esm!.legacy });
        }
        if (page * result.pageSize >= result.total) break;
      }
      const shown = rows.slice(0, limit);
      if (opts.json) {
        console.log(JSON.stringify(shown, null, 2));
        return;
      }
      if (shown.length === 0) {
        console.log("no ESMs match");
        return;
      }
      const width = Math.max(...shown.map((r) => r.repo.length));
      for (const r of shown) console.log(`${r.repo.padEnd(width)}  ${r.taskId}${r.subset ? ` (${r.subset})` : ""}  ${r.baseModel}  D=${r.dim}${r.legacy ? "  legacy" : ""}`);
    });
}
