import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseEsmConfig, parseEsmWeights, type EsmConfig } from "../esm";
import type { EsmSource } from "./types";

/** What a folder-based source carries through to the ranking. */
export interface EsmFolderMeta {
  /** Folder name below the root. */
  folder: string;
  /** null when config.json is missing or invalid (the ESM is then skipped with that reason). */
  config: EsmConfig | null;
}

/**
 * One source per sub-folder of `root` that holds a model.safetensors (the layout the Python reference saves).
 * config.json is read up front for the metadata; the weights only when the ranking gets to the ESM.
 */
export async function esmFolderSources(root: string): Promise<EsmSource<EsmFolderMeta>[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const sources: EsmSource<EsmFolderMeta>[] = [];
  for (const folder of folders) {
    const dir = path.join(root, folder);
    const files = await readdir(dir);
    if (!files.includes("model.safetensors") && !files.includes("config.json")) continue;
    let config: EsmConfig | null = null;
    let configError: string | null = null;
    try {
      config = parseEsmConfig(await readFile(path.join(dir, "config.json"), "utf8"));
    } catch (err) {
      configError = `config.json: ${(err as Error).message}`;
    }
    const file = path.join(dir, "model.safetensors");
    sources.push({
      id: folder,
      meta: { folder, config },
      ...(configError ? {} : { file }),
      load: async () => {
        if (configError) throw new Error(configError);
        return parseEsmWeights(new Uint8Array(await readFile(file)));
      },
    });
  }
  return sources;
}
