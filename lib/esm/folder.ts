import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseEsmConfig, type EsmConfig } from "./config";
import { parseEsmWeights, type EsmWeights } from "./weights";

/** Loads an ESM folder as the Python reference saves it (config.json + model.safetensors). */
export async function loadEsmFolder(dir: string): Promise<{ config: EsmConfig; weights: EsmWeights }> {
  const [configText, weightBytes] = await Promise.all([
    readFile(path.join(dir, "config.json"), "utf8"),
    readFile(path.join(dir, "model.safetensors")),
  ]);
  return { config: parseEsmConfig(configText), weights: parseEsmWeights(new Uint8Array(weightBytes)) };
}
