import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "../config";
import { readNpy, writeNpy } from "../npy";
import type { BaseModel, EmbedOptions, Embeddings } from "./base-model";

/**
 * Bumped whenever tokenisation, truncation or pooling changes, so cached vectors from an older recipe are
 * never reused. v1: reference ESM-LogME §1.4 (max_length 128, no segment ids, family pooling).
 */
export const RECIPE_VERSION = "esm-logme-base-v1";

/** sha256 over the texts, each length-prefixed so ["ab","c"] and ["a","bc"] differ. */
export function hashTexts(texts: string[]): string {
  const hash = createHash("sha256");
  const len = Buffer.alloc(4);
  for (const t of texts) {
    const bytes = Buffer.from(t, "utf8");
    len.writeUInt32LE(bytes.length);
    hash.update(len).update(bytes);
  }
  return hash.digest("hex");
}

export interface CacheKeyParts {
  /** Dataset commit id, or any stable name of the rows; the texts' own hash is always part of the key too. */
  datasetKey?: string;
  textsHash: string;
  modelId: string;
  modelHash: string;
  recipe?: string;
}

export function embeddingCacheKey(parts: CacheKeyParts): string {
  const canonical = JSON.stringify([parts.datasetKey ?? "", parts.textsHash, parts.modelId, parts.modelHash, parts.recipe ?? RECIPE_VERSION]);
  return createHash("sha256").update(canonical).digest("hex");
}

export interface CachedEmbedOptions extends EmbedOptions {
  datasetKey?: string;
  /** Default dataDir()/embeddings. */
  cacheDir?: string;
}

export interface CachedEmbeddings extends Embeddings {
  cached: boolean;
  path: string;
}

/** Embeds texts once per (dataset, texts, model file, recipe); later calls read the float32 .npy file. */
export async function embedWithCache(model: BaseModel, texts: string[], opts: CachedEmbedOptions = {}): Promise<CachedEmbeddings> {
  const dir = opts.cacheDir ?? path.join(dataDir(), "embeddings");
  const key = embeddingCacheKey({ datasetKey: opts.datasetKey, textsHash: hashTexts(texts), modelId: model.id, modelHash: await model.modelHash() });
  const file = path.join(dir, `${key}.npy`);
  const hit = await readFile(file)
    .then((b) => readNpy(new Uint8Array(b)))
    .catch(() => null);
  if (hit && hit.dtype === "float32" && hit.shape.length === 2 && hit.shape[0] === texts.length && hit.shape[1] === model.dim) {
    opts.onProgress?.({ done: texts.length, total: texts.length });
    return { data: hit.data as Float32Array, n: texts.length, d: model.dim, cached: true, path: file };
  }
  const fresh = await model.embed(texts, opts);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, writeNpy({ data: fresh.data, shape: [fresh.n, fresh.d] }));
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { ...fresh, cached: false, path: file };
}
