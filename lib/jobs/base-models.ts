import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createWriteStream } from "node:fs";
import { dataDir } from "../config";
import { baseModelAliases, canonicalBaseModel } from "../esm";
import type { RegistryContext } from "../registry";

/** A base model's files: a folder on this machine, a public model repo of this hub (at a commit), or a Hub id to download. */
export type BaseModelSource =
  | { kind: "folder"; dir: string }
  | { kind: "registry"; repo: string; commitId: string; files: { path: string; blobSha256: string }[] }
  | { kind: "download"; id: string };

export type BaseModelLocation = { ok: true; source: BaseModelSource } | { ok: false; reason: string };

/** What a ranking needs from a base model repo; the tokenizer files transformers' class rebuild reads come along. */
const NEEDED = ["config.json", "tokenizer.json"];
const WEIGHTS = ["model.safetensors", "onnx/model.onnx", "model.onnx"];
const COMPANIONS = ["tokenizer_config.json", "special_tokens_map.json", "vocab.txt"];

/** Folders that may hold base models as `<owner>--<name>` (and the demo model's own folder name). */
function modelRoots(): string[] {
  const roots = [process.env.ESMHUB_MODELS_DIR, path.join(process.cwd(), "models"), path.join(dataDir(), "models")];
  try {
    roots.push(path.resolve(import.meta.dirname, "..", "..", "models"));
  } catch {
    // Bundled server code has no file location; the cwd root above covers `next start` from the repo.
  }
  return [...new Set(roots.filter((r): r is string => Boolean(r)))];
}

function usable(dir: string): boolean {
  return NEEDED.every((f) => existsSync(path.join(dir, f))) && WEIGHTS.some((f) => existsSync(path.join(dir, f)));
}

/** The public model repo of this hub that holds the base model (under any of its ids), at the head of main. */
async function registryRepo(ctx: RegistryContext, id: string): Promise<BaseModelLocation | null> {
  const repos = await ctx.db.repo.findMany({ where: { kind: "esm", private: false, fullName: { in: baseModelAliases(id) } } });
  for (const repo of repos) {
    const head = await ctx.db.branch.findUnique({ where: { repoId_name: { repoId: repo.id, name: "main" } } });
    if (!head) continue;
    const files = await ctx.db.commitFile.findMany({ where: { commitId: head.commitId, path: { in: [...NEEDED, ...WEIGHTS, ...COMPANIONS] } } });
    const has = new Set(files.map((f) => f.path));
    const missing = NEEDED.filter((f) => !has.has(f));
    if (!WEIGHTS.some((f) => has.has(f))) missing.push("model.safetensors");
    if (missing.length) return { ok: false, reason: `the model repo ${repo.fullName} on this hub has no ${missing.join(" or ")}, which a ranking needs` };
    return { ok: true, source: { kind: "registry", repo: repo.fullName, commitId: head.commitId, files } };
  }
  return null;
}

/**
 * Where a base model's files are: this hub's own public model repo first, then a folder named after the id
 * (`/` → `--` or `-`) under ESMHUB_MODELS_DIR, ./models or dataDir()/models, then (with ESMHUB_MODEL_DOWNLOAD=1) the
 * upstream Hub. Without any, rankings are refused with the reason.
 */
export async function locateBaseModel(ctx: RegistryContext | null, id: string): Promise<BaseModelLocation> {
  const canonical = canonicalBaseModel(id);
  const inRegistry = ctx ? await registryRepo(ctx, canonical) : null;
  if (inRegistry) return inRegistry;
  const names = baseModelAliases(canonical).flatMap((a) => [a.replace(/\//g, "--"), a.replace(/\//g, "-")]);
  for (const root of modelRoots()) {
    for (const name of new Set(names)) {
      for (const dir of [path.join(root, name), path.join(root, name, "main")]) {
        if (usable(dir)) return { ok: true, source: { kind: "folder", dir } };
      }
    }
  }
  if (process.env.ESMHUB_MODEL_DOWNLOAD === "1") return { ok: true, source: { kind: "download", id: canonical } };
  return {
    ok: false,
    reason:
      `base model ${canonical} is not on this hub (upload it as a model repo: config.json, model.safetensors and the tokenizer files) ` +
      `and its weights are not under ${modelRoots().join(" or ")}; downloading models is off (ESMHUB_MODEL_DOWNLOAD=1 allows it on a machine with network access)`,
  };
}

/**
 * The folder a source's files are in: a registry repo's files are copied once per commit from the blob store into
 * dataDir()/models/.registry/<commit> (written to a temporary folder and renamed, so a crash leaves no half copy).
 */
export async function materializeBaseModel(ctx: RegistryContext, source: BaseModelSource): Promise<string> {
  if (source.kind === "folder") return source.dir;
  if (source.kind === "download") return source.id;
  const dir = path.join(dataDir(), "models", ".registry", source.commitId);
  if (existsSync(path.join(dir, ".complete"))) return dir;
  const tmp = `${dir}.${process.pid}.${Date.now()}.part`;
  try {
    const hasSafetensors = source.files.some((f) => f.path === "model.safetensors");
    for (const f of source.files) {
      if (hasSafetensors && f.path.endsWith(".onnx")) continue;
      const target = path.join(tmp, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(await ctx.blobs.get(f.blobSha256), createWriteStream(target));
    }
    await writeFile(path.join(tmp, ".complete"), `${source.repo}@${source.commitId}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (existsSync(path.join(dir, ".complete"))) return dir;
    throw err;
  }
  return dir;
}
