import { existsSync } from "node:fs";
import path from "node:path";
import { dataDir } from "../config";
import { baseModelAliases, canonicalBaseModel } from "../esm";

export type BaseModelLocation = { ok: true; source: string } | { ok: false; reason: string };

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
  return existsSync(path.join(dir, "config.json")) && existsSync(path.join(dir, "tokenizer.json")) &&
    ["model.safetensors", "onnx/model.onnx", "model.onnx"].some((f) => existsSync(path.join(dir, f)));
}

/**
 * Where the base model's checkpoint (model.safetensors, or an ONNX export) is on this machine: a folder named after the id (`/` → `--` or `-`) under
 * ESMHUB_MODELS_DIR, ./models or dataDir()/models (also a download cache's `main` revision folder). Without
 * one, rankings are refused with the reason, unless ESMHUB_MODEL_DOWNLOAD=1 allows fetching from the Hub.
 */
export function locateBaseModel(id: string): BaseModelLocation {
  const names = baseModelAliases(canonicalBaseModel(id)).flatMap((a) => [a.replace(/\//g, "--"), a.replace(/\//g, "-")]);
  for (const root of modelRoots()) {
    for (const name of new Set(names)) {
      for (const dir of [path.join(root, name), path.join(root, name, "main")]) {
        if (usable(dir)) return { ok: true, source: dir };
      }
    }
  }
  if (process.env.ESMHUB_MODEL_DOWNLOAD === "1") return { ok: true, source: canonicalBaseModel(id) };
  return {
    ok: false,
    reason:
      `the weights of base model ${canonicalBaseModel(id)} are not available on this server (no model.safetensors or ONNX export under ` +
      `${modelRoots().join(" or ")}), and downloading models is off; an administrator can place the model there ` +
      `or set ESMHUB_MODEL_DOWNLOAD=1 on a machine with network access`,
  };
}
