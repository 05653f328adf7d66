import { mkdir, rename, writeFile } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import type { Command } from "commander";
import { commitManifest, getFile, parseRepoId, recordDownload, resolveRevision } from "../../lib/registry";
import { openLocalRegistry } from "./local-registry";

export function register(program: Command): void {
  program
    .command("download <repo>")
    .description("download every file of a repo revision into a folder")
    .requiredOption("--out <folder>", "folder to write the files to")
    .option("--revision <rev>", "branch name or 40-hex commit id", "main")
    .option("--kind <kind>", "esm or dataset", "esm")
    .action(async (repoId: string, opts: { out: string; revision: string; kind: string }) => {
      if (opts.kind !== "esm" && opts.kind !== "dataset") throw new Error(`--kind must be esm or dataset`);
      const kind = opts.kind;
      parseRepoId(repoId);
      const ctx = await openLocalRegistry();
      const { repo, commit } = await resolveRevision(ctx, kind, repoId, opts.revision);
      const files = await commitManifest(ctx, commit.id);
      for (const f of files) {
        const target = path.join(opts.out, ...f.path.split("/"));
        await mkdir(path.dirname(target), { recursive: true });
        const { open } = await getFile(ctx, kind, repoId, commit.id, f.path);
        const partial = target + ".partial";
        await pipeline(await open(), createWriteStream(partial));
        await rename(partial, target);
      }
      await recordDownload(ctx, repo.id);
      await writeFile(path.join(opts.out, ".esmhub-revision"), commit.id + "\n").catch(() => undefined);
      console.log(`downloaded ${repoId} @ ${commit.id} (${files.length} files) to ${opts.out}`);
    });
}
