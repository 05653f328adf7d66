import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import { DEFAULT_IMPORT_HUB, importEsms, listImportCandidates, type ImportOptions } from "../../lib/hub-api/importer";
import { openLocalRegistry } from "./local-registry";

interface Opts {
  from: string;
  filter?: string[];
  baseModel?: string;
  limit?: string;
  user?: string;
}

export function register(program: Command): void {
  program
    .command("import")
    .description("mirror ESMs from a Hub-compatible server (e.g. huggingface.co) into the local registry; re-runs skip repos already at the upstream commit")
    .option("--from <url>", "hub to import from", DEFAULT_IMPORT_HUB)
    .option("--filter <tag>", "tag every repo must carry (repeatable; default embedding_space_map)", (v: string, acc: string[] = []) => [...acc, v])
    .option("--base-model <id>", "only ESMs for this base model (e.g. bert-base-multilingual-uncased)")
    .option("--limit <n>", "import at most this many repos")
    .option("--user <name>", "local owner for every imported repo (default: the upstream namespace, created without a password)")
    .addHelpText("after", "\nA token for private upstream repos is read from HF_TOKEN (never printed).")
    .action(async (opts: Opts) => {
      let from: URL;
      try {
        from = new URL(opts.from);
      } catch {
        throw new Error(`--from must be a URL like https://huggingface.co (got "${opts.from}")`);
      }
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new Error("--limit must be a positive integer");
      const options: ImportOptions = {
        from: from.origin + from.pathname.replace(/\/+$/, ""),
        filters: opts.filter?.length ? opts.filter : ["embedding_space_map"],
        baseModel: opts.baseModel,
        limit,
        owner: opts.user,
        accessToken: process.env.HF_TOKEN?.trim() || undefined,
      };
      const ctx = await openLocalRegistry();
      const candidates = await listImportCandidates(options);
      console.error(`esmhub: ${candidates.length} repo${candidates.length === 1 ? "" : "s"} to mirror from ${options.from}`);
      const bar = process.stderr.isTTY ? new SingleBar({ format: "{bar} {value}/{total} {id}", hideCursor: true }, Presets.shades_classic) : null;
      bar?.start(candidates.length, 0, { id: "" });
      const report = await importEsms(ctx, options, (e) => {
        if (bar) bar.increment(1, { id: e.id });
        else console.error(`${e.outcome.padEnd(8)} ${e.id}${e.reason ? `: ${e.reason}` : ""}`);
      }, candidates);
      bar?.stop();
      console.log(`imported ${report.imported.length}, updated ${report.updated.length}, up to date ${report.skipped.length}, failed ${report.failed.length}`);
      if (report.legacy.length) console.log(`legacy v0.1.0 ESMs (kept as published, flagged): ${report.legacy.join(", ")}`);
      for (const f of report.failed) console.log(`failed ${f.id}: ${f.reason}`);
    });
}
