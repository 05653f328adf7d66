import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { commitFiles, createRepo, deleteRepo, findRepo, parseRepoId } from "../../lib/registry";
import { actorByName, openLocalRegistry } from "./local-registry";

/** Files of a folder, recursively, skipping hidden files except .gitattributes. */
async function folderFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") && entry.name !== ".gitattributes") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await folderFiles(root, full)));
    else if (entry.isFile()) out.push(path.relative(root, full).split(path.sep).join("/"));
  }
  return out;
}

export function register(program: Command): void {
  program
    .command("publish <folder>")
    .description("publish an ESM folder (config.json + model.safetensors [+ README.md]) as one commit")
    .requiredOption("--repo <owner/name>", "repo id to publish to; created if it does not exist")
    .requiredOption("--user <name>", "the user publishing (must own the repo)")
    .option("--message <text>", "commit message", "Upload ESM")
    .option("--kind <kind>", "esm or dataset", "esm")
    .action(async (folder: string, opts: { repo: string; user: string; message: string; kind: string }) => {
      if (opts.kind !== "esm" && opts.kind !== "dataset") throw new Error(`--kind must be esm or dataset`);
      const kind = opts.kind;
      const info = await stat(folder).catch(() => null);
      if (!info?.isDirectory()) throw new Error(`${folder} is not a folder`);
      const { owner, name, fullName } = parseRepoId(opts.repo);
      const paths = await folderFiles(folder);
      if (paths.length === 0) throw new Error(`${folder} has no files to publish`);
      const ctx = await openLocalRegistry();
      const actor = await actorByName(ctx, opts.user);
      const files = await Promise.all(paths.map(async (p) => ({ path: p, content: new Uint8Array(await readFile(path.join(folder, p))) })));
      const existed = Boolean(await findRepo(ctx, kind, fullName));
      if (!existed) await createRepo(ctx, actor, { kind, owner, name });
      const result = await commitFiles(ctx, actor, { kind, repo: fullName, message: opts.message, files }).catch(async (err) => {
        // A repo this call created holds nothing useful when its first real commit is refused.
        if (!existed) await deleteRepo(ctx, actor, kind, fullName);
        throw err;
      });
      console.log(`published ${fullName} @ ${result.commitId} (${files.length} file${files.length === 1 ? "" : "s"})`);
    });
}
